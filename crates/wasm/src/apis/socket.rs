//! Sockets: the glue of core's `apis::socket`.

use wasm_bindgen::prelude::*;
use wxrt_core::apis::socket::{handshake_timeout, SocketError, SocketState, Sockets};
use wxrt_core::network::DomainList;

use crate::error::fail;

/// Every SocketTask of one runtime (core's `Sockets`); failures are thrown with the
/// `errMsg` of the API named.
#[wasm_bindgen]
pub struct SocketRules {
    sockets: Sockets,
}

#[wasm_bindgen]
impl SocketRules {
    /// Tasks checked against the request `domains` (empty: every origin).
    #[wasm_bindgen(constructor)]
    pub fn new(domains: Vec<String>) -> Result<SocketRules, JsValue> {
        let domains = DomainList::parse(&domains).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(SocketRules {
            sockets: Sockets::new(domains),
        })
    }

    /// `connectSocket({url})`: the new task's id, or throws `connectSocket:fail …`.
    pub fn connect(&mut self, url: &str) -> Result<f64, JsValue> {
        self.sockets
            .connect(url)
            .map(|accepted| accepted.id as f64)
            .map_err(|e| fail("connectSocket", e))
    }

    /// The task the legacy functions act on, if any.
    pub fn latest(&self) -> Option<f64> {
        self.sockets.latest().map(|id| id as f64)
    }

    /// `"connecting"`, `"open"`, `"closing"`, or undefined once closed.
    pub fn state(&self, id: f64) -> Option<String> {
        self.sockets.state(id as u64).map(|state| {
            match state {
                SocketState::Connecting => "connecting",
                SocketState::Open => "open",
                SocketState::Closing => "closing",
            }
            .to_owned()
        })
    }

    /// The browser's socket of `id` opened.
    pub fn opened(&mut self, id: f64) {
        self.sockets.opened(id as u64);
    }

    /// The socket of `id` closed or failed.
    pub fn closed(&mut self, id: f64) {
        self.sockets.closed(id as u64);
    }

    /// Throws `sendSocketMessage:fail …` unless task `id` (undefined: none) is open.
    pub fn send(&self, id: Option<f64>) -> Result<(), JsValue> {
        self.sockets
            .send(id.map(|id| id as u64))
            .map_err(|e| fail("sendSocketMessage", e))
    }

    /// The code to close task `id` with, or throws `closeSocket:fail …`.
    pub fn close(
        &mut self,
        id: Option<f64>,
        code: Option<f64>,
        reason: &str,
    ) -> Result<u16, JsValue> {
        self.sockets
            .close(id.map(|id| id as u64), code, reason)
            .map_err(|e| fail("closeSocket", e))
    }

    /// How long the handshake may take (ms): the call's `timeout`, else `app.json`'s
    /// `networkTimeout.connectSocket`, else 60 s.
    pub fn timeout(option: Option<f64>, app: Option<f64>) -> f64 {
        handshake_timeout(option, app) as f64
    }

    /// The `errMsg` onError hands over when a connection fails or drops.
    #[wasm_bindgen(js_name = droppedMessage)]
    pub fn dropped_message() -> String {
        wxrt_core::errmsg::Failure::new("connectSocket", SocketError::Dropped).to_string()
    }
}
