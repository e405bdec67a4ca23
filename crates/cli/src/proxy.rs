//! `/__wxrt/proxy`: forwards the page's `wx.request` calls to the developer's backend.
//!
//! In WeChat, `wx.request` is not bound by CORS, so backends written for mini-programs
//! rarely send `Access-Control-Allow-Origin`. A browser page cannot reach them with
//! `fetch`; the page sends each cross-origin request here instead, and this route
//! makes it from the server with the same method, headers and body.
//!
//! The contract, which the page relies on:
//!
//! - `ANY /__wxrt/proxy?url=<absolute http(s) URL, percent-encoded>`. The method, body
//!   and headers are forwarded, except hop-by-hop headers (`connection` and those it
//!   names, `keep-alive`, `proxy-*`, `te`, `trailer`, `transfer-encoding`, `upgrade`),
//!   `host`, `origin`, `referer`, `cookie`, `content-length`, `sec-*` and `x-wxrt-*`.
//!   `referer` becomes `https://servicewechat.com/<appid>/devtools/page-frame.html`,
//!   as WeChat's developer tool sends it.
//! - The answer carries the upstream's status, headers and body, except hop-by-hop
//!   headers, `content-length` (recomputed) and `set-cookie`: the cookies would land on
//!   the dev server's origin, so they are dropped and their values are given instead
//!   as a JSON array of strings in `x-wxrt-set-cookie` (present only when the upstream
//!   set a cookie; non-ASCII characters are `\u` escapes so the header stays ASCII).
//!   `Cache-Control` is the dev server's usual `no-cache`, whatever the upstream said.
//! - Redirects are followed as `fetch` follows them, up to 10; the page sees the last
//!   answer. Bodies are not decompressed: `content-encoding` passes through and the
//!   browser decodes.
//! - Errors are JSON `{"error": "…"}`: 400 for a missing or bad `url`
//!   (`proxy: url should be an absolute http(s) URL, got "…"`), 413 for a request body
//!   over 16 MiB, 403 for a request that is not from this machine's own page (see
//!   below), and 502 when the upstream cannot be reached or answers more than 64 MiB,
//!   or after 60 seconds (WeChat's longest `wx.request` timeout). A 502 from the proxy
//!   itself also carries `x-wxrt-proxy-error: <reason>` with the same short reason
//!   (`connection refused`, `timed out`, `dns error`, …), so the page can tell it from
//!   a 502 the upstream sent and report `request:fail <reason>`.
//! - A page that gives up earlier (its own `timeout`, `RequestTask.abort`) aborts its
//!   `fetch`; the server then drops this handler, which drops the upstream request.
//!
//! Environment proxies (`HTTP_PROXY`, …) are ignored: the backend is usually on this
//! machine, and a corporate proxy in the environment would swallow those calls.
//!
//! **Who may use it.** A proxy on `127.0.0.1` is reachable by any web page the developer
//! opens, so it refuses with 403:
//! - a peer that is not on this machine (when `--host` binds elsewhere), read from
//!   axum's `ConnectInfo` when the server provides it;
//! - a cross-site request: an `Origin` whose `host:port` differs from the `Host`
//!   header, or a `Sec-Fetch-Site` other than `same-origin` and `none`;
//! - a `Host` that is neither an IP address nor `localhost` (DNS rebinding would
//!   otherwise make an attacker's page same-origin with the server).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use percent_encoding::percent_decode_str;
use reqwest::Url;

/// Where the proxy is served.
pub const PROXY_PATH: &str = "/__wxrt/proxy";

/// The response header that carries the upstream's `set-cookie` values as a JSON array.
pub const SET_COOKIE_HEADER: &str = "x-wxrt-set-cookie";

/// The response header that marks a 502 as the proxy's own, with its short reason.
pub const ERROR_HEADER: &str = "x-wxrt-proxy-error";

/// The largest request body forwarded.
pub const MAX_REQUEST_BODY: usize = 16 * 1024 * 1024;

/// The largest upstream body passed back.
pub const MAX_RESPONSE_BODY: usize = 64 * 1024 * 1024;

/// How long one upstream request may take, body included: WeChat's longest
/// `wx.request` timeout.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(60);

/// How many redirects are followed, as `fetch` does.
const MAX_REDIRECTS: usize = 10;

/// Headers that describe one connection, not the message, and never cross a proxy.
const HOP_BY_HOP: [&str; 7] = [
    "connection",
    "keep-alive",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "proxy-connection",
];

/// Why the proxy answered in its own name rather than with the upstream's answer.
#[derive(Debug, thiserror::Error)]
pub enum ProxyError {
    /// `url` is missing, not a URL, or not absolute `http`/`https`.
    #[error("proxy: url should be an absolute http(s) URL, got \"{0}\"")]
    BadUrl(String),

    /// The request did not come from this machine's own page.
    #[error("proxy: {0}")]
    Forbidden(String),

    /// The page's body is larger than [`MAX_REQUEST_BODY`].
    #[error("proxy: the request body is larger than {} MiB", MAX_REQUEST_BODY >> 20)]
    RequestTooLarge,

    /// The page's body could not be read (the page went away mid-upload).
    #[error("proxy: cannot read the request body: {0}")]
    RequestBody(String),

    /// The upstream could not be reached, or failed mid-answer; the short reason.
    #[error("{0}")]
    Upstream(String),

    /// The upstream's body is larger than [`MAX_RESPONSE_BODY`].
    #[error("response body larger than {} MiB", MAX_RESPONSE_BODY >> 20)]
    ResponseTooLarge,
}

impl ProxyError {
    /// The status the proxy answers with.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadUrl(_) => StatusCode::BAD_REQUEST,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::RequestTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestBody(_) => StatusCode::BAD_REQUEST,
            Self::Upstream(_) | Self::ResponseTooLarge => StatusCode::BAD_GATEWAY,
        }
    }
}

impl IntoResponse for ProxyError {
    fn into_response(self) -> Response {
        let message = self.to_string();
        let body = serde_json::json!({ "error": message }).to_string();
        let mut response = (self.status(), body).into_response();
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        if self.status() == StatusCode::BAD_GATEWAY {
            if let Ok(value) = HeaderValue::from_str(&header_safe(&message)) {
                headers.insert(ERROR_HEADER, value);
            }
        }
        response
    }
}

struct Shared {
    /// `None` when the client could not be built; each request then says why.
    client: Result<reqwest::Client, String>,
    /// The `referer` WeChat sends for this app.
    referer: HeaderValue,
}

/// The proxy route for the app `appid`, with WeChat's 60-second timeout; see the
/// [module documentation](self) for the contract.
pub fn routes(appid: &str) -> Router {
    routes_with_timeout(appid, UPSTREAM_TIMEOUT)
}

/// [`routes`] with another upstream timeout (tests use a short one).
pub fn routes_with_timeout(appid: &str, timeout: Duration) -> Router {
    let client = reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::limited(MAX_REDIRECTS))
        .no_proxy()
        .build()
        .map_err(|err| format!("cannot start the HTTP client: {}", error_chain(&err)));
    let referer = format!("https://servicewechat.com/{appid}/devtools/page-frame.html");
    let referer = HeaderValue::from_str(&referer).unwrap_or_else(|_| {
        // Project::load accepts any string as appid; WeChat's are ASCII, so a strange
        // one only loses its place in the referer.
        HeaderValue::from_static("https://servicewechat.com/touristappid/devtools/page-frame.html")
    });
    Router::new()
        .route(PROXY_PATH, any(proxy))
        .with_state(Arc::new(Shared { client, referer }))
}

async fn proxy(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    match forward(&shared, request).await {
        Ok(response) => response,
        Err(err) => err.into_response(),
    }
}

async fn forward(shared: &Shared, request: Request) -> Result<Response, ProxyError> {
    check_caller(&request)?;
    let url = target_url(request.uri().query().unwrap_or(""))?;
    let client = shared
        .client
        .as_ref()
        .map_err(|reason| ProxyError::Upstream(reason.clone()))?;

    let (parts, body) = request.into_parts();
    if let Some(length) = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
    {
        // Refused before reading a byte of it.
        if length > MAX_REQUEST_BODY as u64 {
            return Err(ProxyError::RequestTooLarge);
        }
    }
    let body = Limited::new(body, MAX_REQUEST_BODY)
        .collect()
        .await
        .map_err(|err| {
            if err.is::<LengthLimitError>() {
                ProxyError::RequestTooLarge
            } else {
                ProxyError::RequestBody(err.to_string())
            }
        })?
        .to_bytes();

    let mut headers = request_headers(&parts.headers);
    headers.insert(header::REFERER, shared.referer.clone());
    let mut upstream = client
        .request(parts.method, url)
        .headers(headers)
        .body(body)
        .send()
        .await
        .map_err(|err| ProxyError::Upstream(short_reason(&err)))?;

    let status = upstream.status();
    let mut response_headers = HeaderMap::new();
    let connection_named = connection_tokens(upstream.headers());
    let mut cookies = Vec::new();
    for (name, value) in upstream.headers() {
        if *name == header::SET_COOKIE {
            cookies.push(String::from_utf8_lossy(value.as_bytes()).into_owned());
        } else if *name != header::CONTENT_LENGTH
            && !is_hop_by_hop(name)
            && !connection_named.contains(&name.as_str().to_owned())
        {
            response_headers.append(name.clone(), value.clone());
        }
    }
    if !cookies.is_empty() {
        let json = ascii_json(&serde_json::Value::from(cookies).to_string());
        if let Ok(value) = HeaderValue::from_str(&json) {
            response_headers.insert(SET_COOKIE_HEADER, value);
        }
    }

    let mut body = Vec::new();
    while let Some(chunk) = upstream
        .chunk()
        .await
        .map_err(|err| ProxyError::Upstream(short_reason(&err)))?
    {
        if body.len() + chunk.len() > MAX_RESPONSE_BODY {
            return Err(ProxyError::ResponseTooLarge);
        }
        body.extend_from_slice(&chunk);
    }

    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    *response.headers_mut() = response_headers;
    Ok(response)
}

/// Refuses callers other than this machine's own page; see the module documentation.
pub(crate) fn check_caller(request: &Request) -> Result<(), ProxyError> {
    // Absent when the router runs without connection info (embedded, or in tests):
    // then whoever holds the router is local by definition.
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>() {
        if !peer.ip().to_canonical().is_loopback() {
            return Err(ProxyError::Forbidden(format!(
                "only this machine may use the proxy, not {}",
                peer.ip()
            )));
        }
    }
    let headers = request.headers();
    let text = |name: HeaderName| {
        headers
            .get(name)
            .map(|value| value.to_str().unwrap_or("").to_ascii_lowercase())
    };
    let host = text(header::HOST);
    if let Some(host) = &host {
        if !is_local_host(host) {
            return Err(ProxyError::Forbidden(format!(
                "the Host {host:?} is not an IP address or localhost"
            )));
        }
    }
    if let Some(site) = text(HeaderName::from_static("sec-fetch-site")) {
        if site != "same-origin" && site != "none" {
            return Err(ProxyError::Forbidden(format!(
                "only the preview page may use the proxy (Sec-Fetch-Site: {site})"
            )));
        }
    }
    if let Some(origin) = text(header::ORIGIN) {
        let origin_host = origin
            .split_once("://")
            .map_or(origin.as_str(), |(_, rest)| rest);
        if host.as_deref() != Some(origin_host) {
            return Err(ProxyError::Forbidden(format!(
                "only the preview page may use the proxy, not {origin}"
            )));
        }
    }
    Ok(())
}

/// Whether a `Host` header (`host[:port]`) names this machine without a DNS name
/// an attacker could point here.
fn is_local_host(host: &str) -> bool {
    if let Some(bracketed) = host.strip_prefix('[') {
        // An IPv6 literal: [::1]:8080.
        return bracketed
            .split_once(']')
            .is_some_and(|(ip, _)| ip.parse::<IpAddr>().is_ok());
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    name == "localhost" || name.ends_with(".localhost") || name.parse::<IpAddr>().is_ok()
}

/// The `url` query parameter, checked to be an absolute `http`/`https` URL.
fn target_url(query: &str) -> Result<Url, ProxyError> {
    let raw = query
        .split('&')
        .find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (key == "url").then_some(value)
        })
        .unwrap_or("");
    // As URLSearchParams reads it, so `+` from a form encoder is a space.
    let spaced = raw.replace('+', " ");
    let value = percent_decode_str(&spaced).decode_utf8_lossy().into_owned();
    match Url::parse(&value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
        _ => Err(ProxyError::BadUrl(value)),
    }
}

/// The page's headers that the upstream should see.
fn request_headers(incoming: &HeaderMap) -> HeaderMap {
    let connection_named = connection_tokens(incoming);
    let mut headers = HeaderMap::new();
    for (name, value) in incoming {
        let text = name.as_str();
        // The page's cookies, origin and referer are the dev server's, not the
        // backend's; host and content-length are the client's to write.
        let dropped = is_hop_by_hop(name)
            || connection_named.iter().any(|named| named == text)
            || matches!(
                text,
                "host" | "origin" | "referer" | "cookie" | "content-length"
            )
            || text.starts_with("sec-")
            || text.starts_with("x-wxrt-");
        if !dropped {
            headers.append(name.clone(), value.clone());
        }
    }
    headers
}

fn is_hop_by_hop(name: &HeaderName) -> bool {
    let name = name.as_str();
    HOP_BY_HOP.contains(&name) || name.starts_with("proxy-")
}

/// The header names listed in `Connection`, which are hop-by-hop too (RFC 9110 7.6.1).
fn connection_tokens(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all(header::CONNECTION)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|token| token.trim().to_ascii_lowercase())
        .filter(|token| !token.is_empty())
        .collect()
}

/// A few words for why the upstream could not be reached, as the page's
/// `request:fail <reason>` shows them.
pub(crate) fn short_reason(err: &reqwest::Error) -> String {
    use std::error::Error as _;
    use std::io::ErrorKind;

    let mut source = err.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            let known = match io.kind() {
                ErrorKind::ConnectionRefused => Some("connection refused"),
                ErrorKind::ConnectionReset => Some("connection reset"),
                ErrorKind::ConnectionAborted => Some("connection aborted"),
                ErrorKind::TimedOut => Some("timed out"),
                ErrorKind::HostUnreachable => Some("host unreachable"),
                ErrorKind::NetworkUnreachable => Some("network unreachable"),
                ErrorKind::AddrNotAvailable => Some("address not available"),
                _ => None,
            };
            if let Some(known) = known {
                return known.to_owned();
            }
        }
        source = cause.source();
    }
    if err.is_timeout() {
        return "timed out".to_owned();
    }
    if err.is_redirect() {
        return "too many redirects".to_owned();
    }
    let chain = error_chain(err);
    if chain.contains("dns error") {
        return "dns error".to_owned();
    }
    // reqwest's own top message repeats the URL; the innermost cause says what broke
    // (a certificate, a malformed answer).
    let mut innermost = err.source();
    while let Some(next) = innermost.and_then(std::error::Error::source) {
        innermost = Some(next);
    }
    innermost.map_or_else(|| err.to_string(), ToString::to_string)
}

/// Every message in an error's chain, joined.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// `text` made fit for a header value: printable ASCII only, at most 200 characters.
fn header_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .take(200)
        .collect()
}

/// JSON text with every non-ASCII character written as `\u` escapes, so it can be a
/// header value and still parse to the same strings.
fn ascii_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{ascii_json, is_local_host, target_url};

    #[test]
    fn only_absolute_http_urls_are_targets() {
        assert_eq!(
            target_url("url=http%3A%2F%2F127.0.0.1%3A3000%2Fa%3Fb%3D1")
                .map(|url| url.to_string())
                .ok(),
            Some("http://127.0.0.1:3000/a?b=1".to_owned())
        );
        assert!(target_url("x=1&url=https://example.com/").is_ok());
        for bad in [
            "",
            "url=",
            "url=%2Fapi",
            "url=ftp%3A%2F%2Fx%2F",
            "url=file:///etc/passwd",
        ] {
            assert!(target_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn hosts_that_dns_rebinding_could_fake_are_refused() {
        for good in [
            "127.0.0.1:8080",
            "localhost:8080",
            "[::1]:8080",
            "localhost",
            "app.localhost:1",
            "192.168.1.2:80",
        ] {
            assert!(is_local_host(good), "{good}");
        }
        for bad in [
            "evil.example:8080",
            "evil.example",
            "[evil]:80",
            "127.0.0.1.nip.io:80",
        ] {
            assert!(!is_local_host(bad), "{bad}");
        }
    }

    #[test]
    fn non_ascii_json_stays_parseable() {
        let json = serde_json::Value::from(vec!["名=值", "a=😀"]).to_string();
        let ascii = ascii_json(&json);
        assert!(ascii.is_ascii());
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&ascii).ok(),
            serde_json::from_str::<serde_json::Value>(&json).ok()
        );
    }
}
