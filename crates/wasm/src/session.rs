//! weRequest's session management for the `wxrt/we-request` adapter: core decides each
//! step (check, login, exchange, store, send, retry, fail); the adapter performs it with
//! `wx` and reports back. Effects come out as plain objects:
//! `{type: 'checkSession' | 'login' | 'clear'}`, `{type: 'codeToSession', code}`,
//! `{type: 'store', id, expiresAt}`, `{type: 'send', id, session, attempt}`,
//! `{type: 'succeed', id}`, `{type: 'fail', id, message, kind}`.

use crate::options::{field_of, set};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::session::{self, Effect, SessionConfig, StoredSession, Verdict};

/// One weRequest instance's session state.
#[wasm_bindgen]
pub struct SessionMachine {
    core: session::SessionManager,
}

fn effects(effects: Vec<Effect>) -> Array {
    let array = Array::new();
    for effect in effects {
        let object = Object::new();
        let kind = |name: &str| set(&object, "type", &JsValue::from_str(name));
        match effect {
            Effect::CheckSession => kind("checkSession"),
            Effect::Login => kind("login"),
            Effect::ClearSession => kind("clear"),
            Effect::CodeToSession { code } => {
                kind("codeToSession");
                set(&object, "code", &JsValue::from_str(&code));
            }
            Effect::StoreSession { id, expires_at_ms } => {
                kind("store");
                set(&object, "id", &JsValue::from_str(&id));
                let expires =
                    expires_at_ms.map_or(JsValue::UNDEFINED, |ms| JsValue::from_f64(ms as f64));
                set(&object, "expiresAt", &expires);
            }
            Effect::Send {
                id,
                session,
                attempt,
            } => {
                kind("send");
                set(&object, "id", &JsValue::from_f64(id as f64));
                set(&object, "session", &JsValue::from_str(&session));
                set(&object, "attempt", &JsValue::from_f64(f64::from(attempt)));
            }
            Effect::Succeed { id } => {
                kind("succeed");
                set(&object, "id", &JsValue::from_f64(id as f64));
            }
            Effect::Fail { id, error } => {
                kind("fail");
                set(&object, "id", &JsValue::from_f64(id as f64));
                set(&object, "message", &JsValue::from_str(&error.to_string()));
                set(&object, "kind", &JsValue::from_str(error.kind()));
            }
        }
        array.push(&object);
    }
    array
}

fn outcome(value: Option<String>, err_msg: Option<String>) -> Result<String, String> {
    value.ok_or_else(|| err_msg.unwrap_or_else(|| "no answer".to_owned()))
}

#[wasm_bindgen]
impl SessionMachine {
    /// From weRequest's `init` options (`sessionName`, `sessionExpireTime`,
    /// `sessionExpireKey`, `reLoginLimit`, `doNotCheckSession`, `doNotUseQueryString`) and
    /// what storage holds (the session and its expiry, as stored text).
    #[wasm_bindgen(constructor)]
    pub fn new(
        options: &JsValue,
        stored_id: Option<String>,
        stored_expiry: Option<String>,
    ) -> SessionMachine {
        let defaults = SessionConfig::default();
        let text = |name, default: String| field_of(options, name).as_string().unwrap_or(default);
        let config = SessionConfig {
            session_name: text("sessionName", defaults.session_name),
            session_expire_time_ms: field_of(options, "sessionExpireTime")
                .as_f64()
                .filter(|ms| ms.is_finite() && *ms > 0.0)
                .map(|ms| ms as u64),
            session_expire_key: text("sessionExpireKey", defaults.session_expire_key),
            re_login_limit: field_of(options, "reLoginLimit")
                .as_f64()
                .filter(|n| n.is_finite() && *n >= 0.0)
                .map_or(defaults.re_login_limit, |n| n as u32),
            do_not_check_session: field_of(options, "doNotCheckSession").is_truthy(),
            do_not_use_query_string: field_of(options, "doNotUseQueryString").is_truthy(),
        };
        let stored = StoredSession::from_storage(stored_id.as_deref(), stored_expiry.as_deref());
        Self {
            core: session::SessionManager::new(config, stored),
        }
    }

    /// `weRequest.request`: call `id` wants to go out.
    pub fn request(&mut self, id: f64, now: f64) -> Array {
        effects(self.core.request(id as u64, now as u64))
    }

    /// `weRequest.login`: call `id` wants a session.
    pub fn login(&mut self, id: f64, now: f64) -> Array {
        effects(self.core.login(id as u64, now as u64))
    }

    /// `wx.checkSession` answered.
    #[wasm_bindgen(js_name = checkSessionResult)]
    pub fn check_session_result(&mut self, ok: bool, now: f64) -> Array {
        effects(self.core.check_session_result(ok, now as u64))
    }

    /// `wx.login` answered with `code`, or failed with `errMsg`.
    #[wasm_bindgen(js_name = loginResult)]
    pub fn login_result(
        &mut self,
        code: Option<String>,
        err_msg: Option<String>,
        now: f64,
    ) -> Array {
        effects(self.core.login_result(outcome(code, err_msg), now as u64))
    }

    /// The code-to-session request answered with `session`, or failed with `errMsg`.
    #[wasm_bindgen(js_name = codeToSessionResult)]
    pub fn code_to_session_result(
        &mut self,
        session: Option<String>,
        err_msg: Option<String>,
        now: f64,
    ) -> Array {
        effects(
            self.core
                .code_to_session_result(outcome(session, err_msg), now as u64),
        )
    }

    /// Call `id`'s response: its status and what `loginTrigger`/`successTrigger` said.
    pub fn response(
        &mut self,
        id: f64,
        status: u16,
        login_triggered: bool,
        success: bool,
        now: f64,
    ) -> Array {
        let verdict = Verdict {
            status_code: status,
            login_triggered,
            success,
        };
        effects(self.core.response(id as u64, verdict, now as u64))
    }

    /// Call `id` never got a response.
    #[wasm_bindgen(js_name = transportFailed)]
    pub fn transport_failed(&mut self, id: f64, err_msg: String) -> Array {
        effects(self.core.transport_failed(id as u64, err_msg))
    }

    /// `weRequest.setSession`.
    #[wasm_bindgen(js_name = setSession)]
    pub fn set_session(&mut self, id: String, now: f64) -> Array {
        effects(self.core.set_session(id, now as u64))
    }

    /// `weRequest.getSession`: the usable session, if any.
    pub fn session(&self, now: f64) -> Option<String> {
        self.core.session(now as u64).map(str::to_owned)
    }

    /// Whether a call with `method` also carries the session in its URL.
    #[wasm_bindgen(js_name = sessionInQuery)]
    pub fn session_in_query(&self, method: &str) -> bool {
        self.core.config().session_in_query(method)
    }
}
