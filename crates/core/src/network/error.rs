//! Why a `wx.request` failed. The `Display` of a [`RequestError`] is the part of WeChat's
//! `errMsg` after `request:fail `.

use crate::js_type::JsType;

/// Why `wx.request` failed, before or after the fetch.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The `url` option is not a string (its JavaScript type).
    #[error("parameter error: parameter.url should be String instead of {};", .0.name())]
    UrlType(JsType),
    /// The `url` is not an absolute `http://` or `https://` URL with a host.
    #[error("invalid url \"{0}\"")]
    InvalidUrl(String),
    /// A required string option of `wx.uploadFile` (`filePath`, `name`) is missing or not a
    /// string.
    #[error("parameter error: parameter.{field} should be String instead of {};", .actual.name())]
    ParameterType {
        /// The option.
        field: &'static str,
        /// Its JavaScript type.
        actual: JsType,
    },
    /// `wx.uploadFile`'s `filePath` names no file this runtime handed out.
    #[error("file not found: {0}")]
    FileNotFound(String),
    /// The `method` is not one WeChat allows.
    #[error(
        "parameter error: parameter.method should be one of OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT;"
    )]
    Method,
    /// The `responseType` is neither `text` nor `arraybuffer`.
    #[error("parameter error: parameter.responseType should be one of text, arraybuffer;")]
    ResponseType,
    /// The URL's origin is not in the request domain list (errno 600002).
    #[error("url not in domain list")]
    DomainNotAllowed,
    /// The app was in the background: for 5 s while the request was in flight, or when
    /// the request was made (errno 600003, WeChat's "network interrupted").
    #[error("interrupted")]
    Interrupted,
    /// No response within the request's timeout (errno 5, WeChat's "api timeout").
    #[error("timeout")]
    Timeout,
    /// `RequestTask.abort()` was called before the response arrived.
    #[error("abort")]
    Abort,
    /// The phone has no network (the simulated phone's network type `none`): the text
    /// WeChat's DevTools gives a request made while it simulates being offline.
    #[error("net::ERR_INTERNET_DISCONNECTED")]
    Offline,
}

impl RequestError {
    /// WeChat's `errno` for this failure, where WeChat documents one.
    pub fn errno(&self) -> Option<u32> {
        match self {
            Self::DomainNotAllowed => Some(600_002),
            Self::Interrupted => Some(600_003),
            Self::Timeout => Some(5),
            _ => None,
        }
    }
}

/// Why an entry of the request domain list was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The entry is not `http://` or `https://`, a host and an optional port.
    #[error("invalid request domain \"{0}\": scheme://host[:port] expected")]
    InvalidEntry(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offline_phone_fails_requests_as_devtools_offline() {
        assert_eq!(
            RequestError::Offline.to_string(),
            "net::ERR_INTERNET_DISCONNECTED"
        );
        assert_eq!(RequestError::Offline.errno(), None);
    }
}
