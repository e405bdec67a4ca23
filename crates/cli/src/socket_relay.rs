//! `/__wxrt/proxy/socket`: relays the page's `wx.connectSocket` to another origin's
//! WebSocket server, as [`crate::proxy`] forwards its requests.
//!
//! A browser's WebSocket cannot send the `header` WeChat lets a mini-program set, sends the
//! page's own `Origin`, and refuses certificates the developer's machine does not trust;
//! a phone's WeChat does none of this. The page connects here instead, and this route
//! opens the upstream socket from the server.
//!
//! The contract, which the page (www/apis/socket/relay.js) relies on:
//!
//! - `GET /__wxrt/proxy/socket?url=<absolute ws(s) URL>&header=<JSON object>` with a
//!   WebSocket upgrade. `header`'s string values are sent upstream, except the ones a
//!   WebSocket handshake owns (`host`, `connection`, `upgrade`, `sec-websocket-*`,
//!   `content-length`) and `referer`, which is WeChat's developer-tool page as the proxy
//!   sends it. The protocols the page asked for (`Sec-WebSocket-Protocol`) are asked of
//!   the upstream, and the one it chose is the one the page gets.
//! - The upstream is connected before the page's handshake is answered: when it cannot
//!   be (refused, timed out, refused the handshake), the page's handshake gets 502, so
//!   the page sees its socket fail as it would have failed itself, with the reason in
//!   `x-wxrt-proxy-error`.
//! - Then every frame passes both ways unchanged (text, binary, ping, pong); a close on
//!   either side closes the other with the same code and reason.
//! - Refused with 400 for a missing or bad `url` or `header` (JSON `{"error": "…"}`), 403
//!   for callers other than this machine's own page (the proxy's rules, [`crate::proxy`]).

use std::time::Duration;

use axum::extract::ws::{self, CloseFrame, WebSocket, WebSocketUpgrade};
use axum::extract::{FromRequestParts as _, Request};
use axum::http::header::{HeaderName, HeaderValue, CONTENT_TYPE, REFERER, SEC_WEBSOCKET_PROTOCOL};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::{SinkExt as _, StreamExt as _};
use percent_encoding::percent_decode_str;
use tokio_tungstenite::tungstenite::client::IntoClientRequest as _;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{self, Message};

use crate::proxy::{check_caller, ProxyError};

/// Where the relay is served: under the proxy, whose rules it follows.
pub const RELAY_PATH: &str = "/__wxrt/proxy/socket";

/// How long the upstream handshake may take (WeChat's default `connectSocket` timeout
/// is the app's `networkTimeout.connectSocket`, 60 s when unset).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(60);

/// Headers the handshake itself sets.
const OWN_HEADERS: [&str; 5] = ["host", "connection", "upgrade", "content-length", "referer"];

/// Why the relay refused the page's query.
#[derive(Debug, thiserror::Error)]
pub enum RelayError {
    /// `url` is missing or not an absolute `ws`/`wss` URL.
    #[error("proxy: url should be an absolute ws(s) URL, got \"{0}\"")]
    BadUrl(String),
    /// `header` is not a JSON object.
    #[error("proxy: header should be a JSON object, got {0:?}")]
    BadHeader(String),
}

impl IntoResponse for RelayError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.to_string() }).to_string();
        (
            StatusCode::BAD_REQUEST,
            [(CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

/// The relay route for the app `appid`.
pub fn routes(appid: &str) -> Router {
    let referer = format!("https://servicewechat.com/{appid}/devtools/page-frame.html");
    Router::new().route(
        RELAY_PATH,
        get(move |request: Request| relay(request, referer.clone())),
    )
}

/// The `url` and `header` of the query.
fn target(query: &str) -> Result<(String, Vec<(String, String)>), RelayError> {
    let mut url = None;
    let mut header = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode_str(&value.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        match name {
            "url" => url = Some(value),
            "header" => header = header_pairs(&value)?,
            _ => {}
        }
    }
    let url = url.unwrap_or_default();
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("ws://") || lower.starts_with("wss://")) || url.len() <= 6 {
        return Err(RelayError::BadUrl(url));
    }
    Ok((url, header))
}

fn header_pairs(json: &str) -> Result<Vec<(String, String)>, RelayError> {
    let bad = || RelayError::BadHeader(json.to_owned());
    let serde_json::Value::Object(map) = serde_json::from_str(json).map_err(|_| bad())? else {
        return Err(bad());
    };
    Ok(map
        .into_iter()
        .filter(|(name, _)| {
            let name = name.to_ascii_lowercase();
            !OWN_HEADERS.contains(&name.as_str()) && !name.starts_with("sec-websocket-")
        })
        .map(|(name, value)| {
            let text = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            (name, text)
        })
        .collect())
}

async fn relay(request: Request, referer: String) -> Response {
    if let Err(err) = check_caller(&request) {
        return err.into_response();
    }
    let (url, header) = match target(request.uri().query().unwrap_or("")) {
        Ok(found) => found,
        Err(err) => return err.into_response(),
    };
    let protocols = request.headers().get(SEC_WEBSOCKET_PROTOCOL).cloned();
    let (mut parts, _) = request.into_parts();
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };

    let upstream = match connect(&url, &header, protocols, &referer).await {
        Ok(upstream) => upstream,
        Err(reason) => return ProxyError::Upstream(reason).into_response(),
    };
    let (stream, response) = upstream;
    let chosen = response
        .headers()
        .get(SEC_WEBSOCKET_PROTOCOL)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let upgrade = match chosen {
        Some(protocol) => upgrade.protocols([protocol]),
        None => upgrade,
    };
    upgrade.on_upgrade(move |page| pump(page, stream))
}

type Upstream =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(
    url: &str,
    header: &[(String, String)],
    protocols: Option<HeaderValue>,
    referer: &str,
) -> Result<(Upstream, tungstenite::handshake::client::Response), String> {
    let mut request = url
        .into_client_request()
        .map_err(|err| format!("invalid url: {err}"))?;
    let headers = request.headers_mut();
    for (name, value) in header {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            headers.insert(name, value);
        }
    }
    if let Ok(value) = HeaderValue::from_str(referer) {
        headers.insert(REFERER, value);
    }
    if let Some(protocols) = protocols {
        headers.insert(SEC_WEBSOCKET_PROTOCOL, protocols);
    }
    match tokio::time::timeout(CONNECT_TIMEOUT, tokio_tungstenite::connect_async(request)).await {
        Err(_) => Err("timed out".to_owned()),
        Ok(Err(err)) => Err(reason(&err)),
        Ok(Ok(connected)) => Ok(connected),
    }
}

/// The short reason the page is told, as the proxy's (`connection refused`, ...).
fn reason(err: &tungstenite::Error) -> String {
    match err {
        tungstenite::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused".to_owned()
        }
        tungstenite::Error::Http(response) => {
            format!("the server refused the handshake ({})", response.status())
        }
        other => other.to_string(),
    }
}

fn to_upstream(message: ws::Message) -> Message {
    match message {
        ws::Message::Text(text) => Message::text(text.as_str().to_owned()),
        ws::Message::Binary(bytes) => Message::binary(bytes),
        ws::Message::Ping(bytes) => Message::Ping(bytes),
        ws::Message::Pong(bytes) => Message::Pong(bytes),
        ws::Message::Close(frame) => {
            Message::Close(frame.map(|f| tungstenite::protocol::CloseFrame {
                code: CloseCode::from(f.code),
                reason: f.reason.as_str().to_owned().into(),
            }))
        }
    }
}

fn to_page(message: Message) -> Option<ws::Message> {
    Some(match message {
        Message::Text(text) => ws::Message::Text(text.as_str().to_owned().into()),
        Message::Binary(bytes) => ws::Message::Binary(bytes),
        Message::Ping(bytes) => ws::Message::Ping(bytes),
        Message::Pong(bytes) => ws::Message::Pong(bytes),
        Message::Close(frame) => ws::Message::Close(frame.map(|f| CloseFrame {
            code: u16::from(f.code),
            reason: f.reason.as_str().to_owned().into(),
        })),
        // Only a raw frame reader sees these.
        Message::Frame(_) => return None,
    })
}

/// Passes frames both ways until both sides closed. A close frame passes like any other
/// and each side keeps being read after it, so the closing handshake completes end to end
/// and the page sees the code and reason the other side answered with.
async fn pump(page: WebSocket, upstream: Upstream) {
    let (mut page_out, mut page_in) = page.split();
    let (mut up_out, mut up_in) = upstream.split();
    let to_upstream_side = async {
        while let Some(Ok(message)) = page_in.next().await {
            if up_out.send(to_upstream(message)).await.is_err() {
                break;
            }
        }
        let _ = up_out.close().await;
    };
    let to_page_side = async {
        while let Some(Ok(message)) = up_in.next().await {
            let Some(message) = to_page(message) else {
                continue;
            };
            if page_out.send(message).await.is_err() {
                break;
            }
        }
        let _ = page_out.close().await;
    };
    tokio::join!(to_upstream_side, to_page_side);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_gives_a_ws_url_and_the_headers_to_send() {
        let (url, header) = target(
            "url=ws%3A%2F%2F127.0.0.1%3A9%2Ft&header=%7B%22X-Token%22%3A%22a%22%2C%22Host%22%3A%22x%22%2C%22n%22%3A1%7D",
        )
        .unwrap();
        assert_eq!(url, "ws://127.0.0.1:9/t");
        assert_eq!(
            header,
            [
                ("X-Token".to_owned(), "a".to_owned()),
                ("n".to_owned(), "1".to_owned())
            ]
        );
        assert!(matches!(
            target("url=https%3A%2F%2Fa.example"),
            Err(RelayError::BadUrl(_))
        ));
        assert!(matches!(target(""), Err(RelayError::BadUrl(_))));
        assert!(matches!(
            target("url=ws%3A%2F%2Fa&header=%5B%5D"),
            Err(RelayError::BadHeader(_))
        ));
    }
}
