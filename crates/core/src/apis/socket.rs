//! Sockets: SocketTask and the legacy single-socket API, at most five open at once.
//!
//! [`Sockets`] keeps the state of every task a runtime created: the shim asks it before
//! connecting (scheme, domain list, the limit of five), before sending or closing (only an
//! open socket sends; WeChat's close codes), and tells it when the browser's socket opened
//! or closed. The legacy functions (`wx.sendSocketMessage`, `wx.onSocketOpen`, ...) act on
//! the most recently created task, as WeChat's do once several tasks exist.

use std::collections::BTreeMap;

use super::params::{Field, ARRAY, BOOLEAN, NUMBER, OBJECT, STRING};
use crate::js_type::JsType;
use crate::network::{timeout_or, DomainList, RequestError};
use crate::project::DEFAULT_TIMEOUT_MS;

/// How many tasks may exist at once (WeChat ≥ 1.7.0: "最多可以同时存在 5 个 WebSocket 连接").
pub const MAX_OPEN: usize = 5;

/// `data` is a string or an ArrayBuffer (an object to the option check).
const DATA: &[JsType] = &[JsType::String, JsType::Object];

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    (
        "connectSocket",
        &[
            Field::required("url", STRING),
            Field::optional("header", OBJECT),
            Field::optional("protocols", ARRAY),
            Field::optional("tcpNoDelay", BOOLEAN),
            Field::optional("perMessageDeflate", BOOLEAN),
            Field::optional("timeout", NUMBER),
            Field::optional("forceCellularNetwork", BOOLEAN),
        ],
    ),
    ("sendSocketMessage", &[Field::required("data", DATA)]),
    (
        "closeSocket",
        &[
            Field::optional("code", NUMBER),
            Field::optional("reason", STRING),
        ],
    ),
];

/// Why a socket call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SocketError {
    /// The url is not an absolute `ws://` or `wss://` URL with a host.
    #[error("invalid url \"{0}\"")]
    InvalidUrl(String),
    /// The url's origin is not in the domain list.
    #[error("url not in domain list")]
    DomainNotAllowed,
    /// Five tasks exist already.
    #[error("exceed max task count")]
    TooMany,
    /// Send or close on a socket that is not open (still connecting, or closed).
    #[error("WebSocket is not connected")]
    NotConnected,
    /// A close code WebSocket does not allow a client to send (1000, 3000–4999 only).
    #[error("invalid close code {0}")]
    CloseCode(f64),
    /// A close reason longer than 123 bytes in UTF-8 (one control frame's payload).
    #[error("close reason is longer than 123 bytes")]
    ReasonTooLong,
    /// The connection failed or dropped (refused, reset, handshake refused).
    #[error("WebSocket connection failed")]
    Dropped,
}

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SocketState {
    /// Created, handshake not done.
    Connecting,
    /// Open: it sends and receives.
    Open,
    /// `close` was called; the closing handshake runs.
    Closing,
}

/// A URL `connectSocket` accepted: the task's id and the URL to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The task's id for the other calls.
    pub id: u64,
    /// The URL, unchanged.
    pub url: String,
}

/// Every task of one runtime.
#[derive(Debug, Clone, Default)]
pub struct Sockets {
    domains: DomainList,
    tasks: BTreeMap<u64, SocketState>,
    next: u64,
    latest: Option<u64>,
}

/// The `http(s)` spelling of a `ws(s)` URL, for the request domain list (WeChat's socket
/// domain list names `wss://` hosts; wxrt has one list, whose `https://api.x` entry covers
/// `wss://api.x`). `None` for another scheme.
fn as_http(url: &str) -> Option<String> {
    let lower = url
        .get(..6)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if lower.starts_with("wss://") {
        Some(format!("https://{}", &url[6..]))
    } else if lower.starts_with("ws://") {
        Some(format!("http://{}", &url[5..]))
    } else {
        None
    }
}

impl Sockets {
    /// No tasks yet; `domains` is the request domain list (empty: every origin).
    pub fn new(domains: DomainList) -> Self {
        Self {
            domains,
            ..Self::default()
        }
    }

    /// `wx.connectSocket({url})`: a new task in [`SocketState::Connecting`], which becomes
    /// the one the legacy functions act on.
    ///
    /// # Errors
    ///
    /// [`SocketError::InvalidUrl`] (not ws/wss, no host), [`SocketError::DomainNotAllowed`],
    /// [`SocketError::TooMany`] when [`MAX_OPEN`] tasks exist.
    pub fn connect(&mut self, url: &str) -> Result<Accepted, SocketError> {
        let http = as_http(url).ok_or_else(|| SocketError::InvalidUrl(url.to_owned()))?;
        self.domains.check(&http).map_err(|e| match e {
            RequestError::DomainNotAllowed => SocketError::DomainNotAllowed,
            _ => SocketError::InvalidUrl(url.to_owned()),
        })?;
        if self.tasks.len() >= MAX_OPEN {
            return Err(SocketError::TooMany);
        }
        self.next += 1;
        let id = self.next;
        self.tasks.insert(id, SocketState::Connecting);
        self.latest = Some(id);
        Ok(Accepted {
            id,
            url: url.to_owned(),
        })
    }

    /// The task the legacy functions act on: the most recently created one while it exists.
    pub fn latest(&self) -> Option<u64> {
        self.latest.filter(|id| self.tasks.contains_key(id))
    }

    /// The state of task `id`; `None` once it closed.
    pub fn state(&self, id: u64) -> Option<SocketState> {
        self.tasks.get(&id).copied()
    }

    /// How many tasks exist (connecting, open or closing).
    pub fn count(&self) -> usize {
        self.tasks.len()
    }

    /// The browser's socket of task `id` opened.
    pub fn opened(&mut self, id: u64) {
        if let Some(state @ SocketState::Connecting) = self.tasks.get_mut(&id) {
            *state = SocketState::Open;
        }
    }

    /// The socket of task `id` closed (or failed): it no longer counts.
    pub fn closed(&mut self, id: u64) {
        self.tasks.remove(&id);
    }

    /// `send`/`sendSocketMessage` on task `id` (`None`: the legacy call with no task).
    ///
    /// # Errors
    ///
    /// [`SocketError::NotConnected`] unless the task is open.
    pub fn send(&self, id: Option<u64>) -> Result<(), SocketError> {
        match id.and_then(|id| self.state(id)) {
            Some(SocketState::Open) => Ok(()),
            _ => Err(SocketError::NotConnected),
        }
    }

    /// `close`/`closeSocket` on task `id` with `code` (default 1000) and `reason`: the code
    /// to close with. A task still connecting may be closed (the browser aborts it).
    ///
    /// # Errors
    ///
    /// [`SocketError::NotConnected`] when the task is gone or already closing,
    /// [`SocketError::CloseCode`], [`SocketError::ReasonTooLong`].
    pub fn close(
        &mut self,
        id: Option<u64>,
        code: Option<f64>,
        reason: &str,
    ) -> Result<u16, SocketError> {
        let id = id.ok_or(SocketError::NotConnected)?;
        match self.state(id) {
            Some(SocketState::Connecting | SocketState::Open) => {}
            _ => return Err(SocketError::NotConnected),
        }
        let code = close_code(code)?;
        if reason.len() > 123 {
            return Err(SocketError::ReasonTooLong);
        }
        self.tasks.insert(id, SocketState::Closing);
        Ok(code)
    }
}

/// How long the handshake may take, in ms: the call's `timeout`, else `app.json`'s
/// `networkTimeout.connectSocket`, else WeChat's 60 s.
pub fn handshake_timeout(option: Option<f64>, app: Option<f64>) -> u64 {
    timeout_or(option, timeout_or(app, u64::from(DEFAULT_TIMEOUT_MS)))
}

/// WebSocket lets a client close with 1000 or a code in 3000–4999 (RFC 6455 §7.4.2,
/// the browser's `close()` throws for the rest); WeChat's default is 1000.
fn close_code(code: Option<f64>) -> Result<u16, SocketError> {
    let Some(code) = code else { return Ok(1000) };
    let valid = code.fract() == 0.0 && (code == 1000.0 || (3000.0..=4999.0).contains(&code));
    if valid {
        // In range and whole, so the cast is exact.
        Ok(code as u16)
    } else {
        Err(SocketError::CloseCode(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open_all() -> Sockets {
        Sockets::new(DomainList::allow_all())
    }

    #[test]
    fn only_ws_and_wss_urls_connect() {
        let mut s = open_all();
        assert_eq!(s.connect("wss://a.example/chat").unwrap().id, 1);
        assert_eq!(s.connect("WS://localhost:8080").unwrap().id, 2);
        for bad in ["https://a.example", "a.example", "ws://", "ws:///x", ""] {
            assert_eq!(
                s.connect(bad),
                Err(SocketError::InvalidUrl(bad.to_owned())),
                "{bad}"
            );
        }
        assert_eq!(
            SocketError::InvalidUrl("x".into()).to_string(),
            "invalid url \"x\""
        );
    }

    #[test]
    fn the_domain_list_covers_sockets_by_their_https_origin() {
        let mut s = Sockets::new(DomainList::parse(&["https://api.example.com"]).unwrap());
        assert!(s.connect("wss://api.example.com/tunnel").is_ok());
        assert_eq!(
            s.connect("wss://other.example.com"),
            Err(SocketError::DomainNotAllowed)
        );
        assert_eq!(
            s.connect("ws://api.example.com"),
            Err(SocketError::DomainNotAllowed),
            "ws:// is http's origin, not https's"
        );
    }

    #[test]
    fn the_sixth_task_fails_until_one_closes() {
        let mut s = open_all();
        for _ in 0..MAX_OPEN {
            s.connect("wss://a.example").unwrap();
        }
        assert_eq!(s.connect("wss://a.example"), Err(SocketError::TooMany));
        assert_eq!(s.count(), 5);
        s.closed(3);
        assert_eq!(s.connect("wss://a.example").unwrap().id, 6);
        assert_eq!(SocketError::TooMany.to_string(), "exceed max task count");
    }

    #[test]
    fn only_an_open_socket_sends() {
        let mut s = open_all();
        let id = s.connect("wss://a.example").unwrap().id;
        assert_eq!(s.send(Some(id)), Err(SocketError::NotConnected));
        s.opened(id);
        assert_eq!(s.send(Some(id)), Ok(()));
        assert_eq!(s.close(Some(id), None, ""), Ok(1000));
        assert_eq!(s.send(Some(id)), Err(SocketError::NotConnected));
        s.closed(id);
        assert_eq!(s.send(Some(id)), Err(SocketError::NotConnected));
        assert_eq!(s.send(None), Err(SocketError::NotConnected));
        assert_eq!(
            SocketError::NotConnected.to_string(),
            "WebSocket is not connected"
        );
    }

    #[test]
    fn close_takes_websocket_codes_once() {
        let mut s = open_all();
        let id = s.connect("wss://a.example").unwrap().id;
        assert_eq!(
            s.close(Some(id), Some(1001.0), ""),
            Err(SocketError::CloseCode(1001.0))
        );
        assert_eq!(
            s.close(Some(id), Some(3000.5), ""),
            Err(SocketError::CloseCode(3000.5))
        );
        assert_eq!(
            s.close(Some(id), None, &"x".repeat(124)),
            Err(SocketError::ReasonTooLong)
        );
        assert_eq!(s.close(Some(id), Some(4000.0), "bye"), Ok(4000));
        assert_eq!(
            s.close(Some(id), None, ""),
            Err(SocketError::NotConnected),
            "already closing"
        );
        assert_eq!(s.close(None, None, ""), Err(SocketError::NotConnected));
    }

    #[test]
    fn the_legacy_functions_follow_the_latest_task() {
        let mut s = open_all();
        assert_eq!(s.latest(), None);
        let a = s.connect("wss://a.example").unwrap().id;
        let b = s.connect("wss://b.example").unwrap().id;
        assert_eq!(s.latest(), Some(b));
        s.closed(b);
        assert_eq!(
            s.latest(),
            None,
            "the latest closed: no older one takes over"
        );
        assert_eq!(s.state(a), Some(SocketState::Connecting));
    }

    #[test]
    fn the_call_timeout_wins_over_app_json() {
        assert_eq!(handshake_timeout(Some(300.0), Some(5000.0)), 300);
        assert_eq!(handshake_timeout(None, Some(5000.0)), 5000);
        assert_eq!(handshake_timeout(Some(-1.0), None), 60_000);
    }

    #[test]
    fn every_method_has_a_schema() {
        for name in ["connectSocket", "sendSocketMessage", "closeSocket"] {
            assert!(SCHEMAS.iter().any(|(n, _)| *n == name));
        }
    }
}
