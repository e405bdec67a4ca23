//! WeChat's "request legal domains": the origins a mini-program may send requests to.

use super::error::{DomainError, RequestError};
use super::origin::{parse_origin, Origin};

/// The request domain list. Empty means every origin is allowed (the preview's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DomainList {
    origins: Vec<Origin>,
}

impl DomainList {
    /// A list that allows every origin.
    pub fn allow_all() -> Self {
        Self::default()
    }

    /// Parses entries like `https://api.example.com` or `https://api.example.com:8443`:
    /// scheme, host and optional port, with at most a trailing `/`. Hosts match
    /// case-insensitively; a missing port is the scheme's default.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self, DomainError> {
        let mut origins = Vec::with_capacity(entries.len());
        for entry in entries {
            let entry = entry.as_ref();
            match parse_origin(entry) {
                Some((origin, tail))
                    if (tail.is_empty() || tail == "/")
                        && !entry[..entry.len() - tail.len()].contains('@') =>
                {
                    origins.push(origin);
                }
                _ => return Err(DomainError::InvalidEntry(entry.to_string())),
            }
        }
        Ok(Self { origins })
    }

    /// Whether the list is empty, so that everything is allowed.
    pub fn is_empty(&self) -> bool {
        self.origins.is_empty()
    }

    /// The parsed entries.
    pub fn origins(&self) -> &[Origin] {
        &self.origins
    }

    /// Whether a request to `origin` is allowed.
    pub fn allows(&self, origin: &Origin) -> bool {
        self.origins.is_empty() || self.origins.contains(origin)
    }

    /// Checks `url`: an invalid URL fails with `invalid url "<url>"`, a URL whose
    /// scheme, host or port matches no entry with `url not in domain list`.
    pub fn check(&self, url: &str) -> Result<(), RequestError> {
        let (origin, _) =
            parse_origin(url).ok_or_else(|| RequestError::InvalidUrl(url.to_string()))?;
        if self.allows(&origin) {
            Ok(())
        } else {
            Err(RequestError::DomainNotAllowed)
        }
    }
}
