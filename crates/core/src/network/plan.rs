//! The options of `wx.request` checked and resolved into what the glue fetches.

use super::domain::DomainList;
use super::encode::{append_query, body_encoding, BodyEncoding};
use super::error::RequestError;
use crate::js_type::JsType;
use crate::project::NetworkTimeout;

/// The timeout when neither the call nor app.json's `networkTimeout.request` sets one.
pub const DEFAULT_TIMEOUT_MS: u64 = 60_000;

/// The longest timeout: what `setTimeout` can wait (2^31 - 1 ms); longer ones are cut.
pub const MAX_TIMEOUT_MS: u64 = 2_147_483_647;

/// The content type sent when the call sets none.
pub const DEFAULT_CONTENT_TYPE: &str = "application/json";

/// An HTTP method `wx.request` allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `OPTIONS`
    Options,
    /// `GET`
    Get,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
    /// `TRACE`
    Trace,
    /// `CONNECT`
    Connect,
}

impl Method {
    const ALL: [Method; 8] = [
        Self::Options,
        Self::Get,
        Self::Head,
        Self::Post,
        Self::Put,
        Self::Delete,
        Self::Trace,
        Self::Connect,
    ];

    /// The method named `name` in any case (`post` is `POST`); `None` for others.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|method| method.as_str().eq_ignore_ascii_case(name))
    }

    /// The upper-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Options => "OPTIONS",
            Self::Get => "GET",
            Self::Head => "HEAD",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
            Self::Trace => "TRACE",
            Self::Connect => "CONNECT",
        }
    }

    /// Whether a request of this method may carry a body (every one but GET and HEAD).
    pub fn allows_body(self) -> bool {
        !matches!(self, Self::Get | Self::Head)
    }
}

/// What the `data` option holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `undefined` or `null`.
    Absent,
    /// A string.
    Text,
    /// An object or array (the glue turns it into pairs or JSON).
    Object,
    /// An ArrayBuffer or typed array.
    Binary,
}

/// The `responseType` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseType {
    /// `text` (the default): `data` is a string, or parsed JSON.
    Text,
    /// `arraybuffer`: `data` is an ArrayBuffer.
    ArrayBuffer,
}

impl ResponseType {
    /// `text` or `arraybuffer`; `None` (not given) is `text`.
    pub fn parse(value: Option<&str>) -> Result<Self, RequestError> {
        match value {
            None | Some("text") => Ok(Self::Text),
            Some("arraybuffer") => Ok(Self::ArrayBuffer),
            Some(_) => Err(RequestError::ResponseType),
        }
    }
}

/// The options of one `wx.request` call as the glue read them from JavaScript.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestInput<'a> {
    /// `url`: the string, or the JavaScript type of a value that is not one.
    pub url: Result<&'a str, JsType>,
    /// `method`, `None` when not given.
    pub method: Option<&'a str>,
    /// `header` as name/value pairs, values already strings.
    pub headers: Vec<(String, String)>,
    /// What `data` holds.
    pub data_kind: DataKind,
    /// `timeout` in ms, `None` when not given or not a number.
    pub timeout_ms: Option<f64>,
    /// `dataType`, `None` when not given.
    pub data_type: Option<&'a str>,
    /// `responseType`, `None` when not given.
    pub response_type: Option<&'a str>,
}

impl<'a> RequestInput<'a> {
    /// A GET of `url` with every other option left out.
    pub fn get(url: &'a str) -> Self {
        Self {
            url: Ok(url),
            method: None,
            headers: Vec::new(),
            data_kind: DataKind::Absent,
            timeout_ms: None,
            data_type: None,
            response_type: None,
        }
    }
}

/// The app's network settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkConfig {
    /// The timeout of a call that sets none.
    pub default_timeout_ms: u64,
    /// `wx.uploadFile`'s: app.json's `networkTimeout.uploadFile`, else 60 s.
    pub upload_timeout_ms: u64,
    /// The request domain list.
    pub domains: DomainList,
}

impl NetworkConfig {
    /// Settings from app.json's `networkTimeout.request` (if any) and a domain list.
    pub fn new(app_request_timeout_ms: Option<f64>, domains: DomainList) -> Self {
        Self {
            default_timeout_ms: timeout_or(app_request_timeout_ms, DEFAULT_TIMEOUT_MS),
            upload_timeout_ms: DEFAULT_TIMEOUT_MS,
            domains,
        }
    }

    /// Settings from the parsed `networkTimeout` of app.json (a `request` of 0 means the
    /// default) and a domain list.
    pub fn from_app_json(network_timeout: &NetworkTimeout, domains: DomainList) -> Self {
        let mut config = Self::new(Some(f64::from(network_timeout.request)), domains);
        config.upload_timeout_ms = timeout_or(
            Some(f64::from(network_timeout.upload_file)),
            DEFAULT_TIMEOUT_MS,
        );
        config
    }
}

impl Default for NetworkConfig {
    fn default() -> Self {
        Self::new(None, DomainList::default())
    }
}

/// `value` as whole milliseconds (rounded up, at most [`MAX_TIMEOUT_MS`]), or `default_ms`
/// when it is absent, not positive or not finite.
pub fn timeout_or(value: Option<f64>, default_ms: u64) -> u64 {
    match value {
        Some(ms) if ms.is_finite() && ms > 0.0 => (ms.ceil() as u64).min(MAX_TIMEOUT_MS),
        _ => default_ms,
    }
}

/// What the glue fetches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestPlan {
    /// The URL as given, without the data's query.
    pub url: String,
    /// The method.
    pub method: Method,
    /// The headers to send: the given ones without `Referer`, plus
    /// `content-type: application/json` when none was given.
    pub headers: Vec<(String, String)>,
    /// What to do with `data`.
    pub body_encoding: BodyEncoding,
    /// When to fail with `request:fail timeout`.
    pub timeout_ms: u64,
    /// Whether to `JSON.parse` a text response (keeping the string when it fails).
    pub parse_json: bool,
    /// How to read the response body.
    pub response_type: ResponseType,
}

impl RequestPlan {
    /// The URL to fetch, given the encoded data: `query` appended when the data goes
    /// into the URL ([`BodyEncoding::QueryString`]), else the URL as is.
    pub fn fetch_url(&self, query: &str) -> String {
        if self.body_encoding == BodyEncoding::QueryString {
            append_query(&self.url, query)
        } else {
            self.url.clone()
        }
    }

    /// The value of the `content-type` header (the first, by case-insensitive name).
    pub fn content_type(&self) -> Option<&str> {
        header(&self.headers, "content-type")
    }
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// Checks the options of a `wx.request` call and resolves their defaults. Checks run in
/// this order: `url` type, `method`, `responseType`, `url` form, domain list.
pub fn plan(input: RequestInput<'_>, config: &NetworkConfig) -> Result<RequestPlan, RequestError> {
    let url = input.url.map_err(RequestError::UrlType)?;
    let method = match input.method {
        None => Method::Get,
        Some(name) => Method::parse(name).ok_or(RequestError::Method)?,
    };
    let response_type = ResponseType::parse(input.response_type)?;
    config.domains.check(url)?;
    let mut headers: Vec<(String, String)> = input
        .headers
        .into_iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("referer"))
        .collect();
    if header(&headers, "content-type").is_none() {
        headers.push(("content-type".to_string(), DEFAULT_CONTENT_TYPE.to_string()));
    }
    let body_encoding = body_encoding(method, header(&headers, "content-type"), input.data_kind);
    Ok(RequestPlan {
        url: url.to_string(),
        method,
        headers,
        body_encoding,
        timeout_ms: timeout_or(input.timeout_ms, config.default_timeout_ms),
        parse_json: input.data_type.is_none_or(|t| t == "json"),
        response_type,
    })
}
