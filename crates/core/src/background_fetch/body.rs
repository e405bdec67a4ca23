//! Which response bodies are cached: WeChat keeps a body only when it is a string of at
//! most 256 KB.

use std::fmt;

/// The largest body cached, in bytes: 256 KB.
pub const MAX_FETCHED_BYTES: usize = 256 * 1024;

/// Why a response was not cached. Its `Display` is the reason the preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCached {
    /// The server answered with another status than 2xx.
    Status(u16),
    /// The body is larger than [`MAX_FETCHED_BYTES`].
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The content type says the body is not text (`image/png`).
    NotText {
        /// The content type, as sent.
        content_type: String,
    },
    /// The body is not UTF-8 text.
    NotUtf8,
}

impl fmt::Display for NotCached {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(status) => write!(f, "not cached: the server answered HTTP {status}"),
            Self::TooLarge { bytes } => write!(
                f,
                "not cached: the body is {bytes} bytes, over the {MAX_FETCHED_BYTES}-byte (256 KB) limit"
            ),
            Self::NotText { content_type } => {
                write!(f, "not cached: the body is not text ({content_type})")
            }
            Self::NotUtf8 => f.write_str("not cached: the body is not UTF-8 text"),
        }
    }
}

/// The body as the string to cache, or why it is not cached. A body with no content type
/// counts as text when it is UTF-8.
///
/// # Errors
///
/// [`NotCached`] for a status outside 2xx, a body over [`MAX_FETCHED_BYTES`], a content
/// type that is not text, or bytes that are not UTF-8.
pub fn accept_body(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<String, NotCached> {
    if !(200..300).contains(&status) {
        return Err(NotCached::Status(status));
    }
    if body.len() > MAX_FETCHED_BYTES {
        return Err(NotCached::TooLarge { bytes: body.len() });
    }
    if let Some(content_type) = content_type.filter(|t| !is_text(t)) {
        return Err(NotCached::NotText {
            content_type: content_type.to_owned(),
        });
    }
    String::from_utf8(body.to_vec()).map_err(|_| NotCached::NotUtf8)
}

/// `text/*`, JSON, XML, JavaScript and form data are text; other media types are not.
fn is_text(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.is_empty()
        || essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xml"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_up_to_256_kb_is_cached() {
        let body = "a".repeat(MAX_FETCHED_BYTES);
        assert_eq!(
            accept_body(200, Some("text/plain; charset=utf-8"), body.as_bytes())
                .unwrap()
                .len(),
            MAX_FETCHED_BYTES
        );
        assert_eq!(accept_body(204, None, b"").unwrap(), "");
        assert_eq!(
            accept_body(200, Some("application/problem+json"), b"{}").unwrap(),
            "{}"
        );
    }

    #[test]
    fn one_byte_over_is_not() {
        let body = "a".repeat(MAX_FETCHED_BYTES + 1);
        let error = accept_body(200, Some("text/plain"), body.as_bytes()).unwrap_err();
        assert_eq!(error, NotCached::TooLarge { bytes: 262_145 });
        assert_eq!(
            error.to_string(),
            "not cached: the body is 262145 bytes, over the 262144-byte (256 KB) limit"
        );
    }

    #[test]
    fn binary_and_failed_answers_are_not() {
        assert_eq!(
            accept_body(200, Some("image/png"), b"\x89PNG")
                .unwrap_err()
                .to_string(),
            "not cached: the body is not text (image/png)"
        );
        assert_eq!(
            accept_body(200, None, b"\xff\xfe").unwrap_err(),
            NotCached::NotUtf8
        );
        assert_eq!(
            accept_body(500, Some("text/plain"), b"down")
                .unwrap_err()
                .to_string(),
            "not cached: the server answered HTTP 500"
        );
    }
}
