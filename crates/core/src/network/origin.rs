//! The origin (scheme, host, port) of an `http(s)` URL or of a domain list entry.

/// `http` or `https`: the only schemes `wx.request` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `http://`, default port 80.
    Http,
    /// `https://`, default port 443.
    Https,
}

impl Scheme {
    /// The port a URL of this scheme uses when it names none.
    pub fn default_port(self) -> u16 {
        match self {
            Self::Http => 80,
            Self::Https => 443,
        }
    }
}

/// Scheme, lower-cased host and port (the default one when the URL names none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The scheme.
    pub scheme: Scheme,
    /// The host, lower case; an IPv6 address keeps its brackets.
    pub host: String,
    /// The port.
    pub port: u16,
}

/// Strips a case-insensitive `prefix` from `text`.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '%'))
}

/// Splits `scheme://authority` off `url`; the rest (path, query, fragment) is returned.
/// `None` when the scheme is not http(s) or the host is missing or malformed.
pub(crate) fn parse_origin(url: &str) -> Option<(Origin, &str)> {
    let (scheme, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        (Scheme::Https, rest)
    } else {
        (Scheme::Http, strip_prefix_ignore_case(url, "http://")?)
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    // The port follows the last `:` unless that `:` is inside IPv6 brackets.
    let (host, port) = match host_port.rfind(':') {
        Some(i) if !host_port[i..].contains(']') => (&host_port[..i], Some(&host_port[i + 1..])),
        _ => (host_port, None),
    };
    if !valid_host(host) {
        return None;
    }
    let port = match port {
        None | Some("") => scheme.default_port(),
        Some(digits) if digits.len() <= 5 && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.parse().ok()?
        }
        Some(_) => return None,
    };
    let origin = Origin {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
    };
    Some((origin, tail))
}

impl Origin {
    /// The origin of an absolute `http://` or `https://` URL; `None` for anything else
    /// (another scheme, a relative URL, a missing or malformed host or port).
    pub fn of(url: &str) -> Option<Self> {
        parse_origin(url).map(|(origin, _)| origin)
    }
}
