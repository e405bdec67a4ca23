//! Core's stand-in for WeChat's login servers, inside the page: `wx.login` and
//! `wx.checkSession` for runtimes without a dev server, and `code2Session` for tests that
//! play the developer's backend. Time is passed in by the caller.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::login::{self, AppRegistration, Code2SessionQuery, StandInConfig};

use crate::options::{field_of, set};
use crate::random::CryptoRandom;

/// The in-page WeChat stand-in.
#[wasm_bindgen]
pub struct WeChatStandIn {
    core: login::WeChatStandIn,
}

#[wasm_bindgen]
impl WeChatStandIn {
    /// A stand-in knowing one app: `appid` with `secret`, issuing `unionid`s or not.
    #[wasm_bindgen(constructor)]
    pub fn new(appid: &str, secret: &str, unionid: bool) -> Result<WeChatStandIn, JsValue> {
        let mut core = login::WeChatStandIn::new(StandInConfig::default(), Box::new(CryptoRandom));
        core.register_app(AppRegistration {
            appid: appid.to_owned(),
            secret: secret.to_owned(),
            unionid,
        })
        .map_err(|error| JsValue::from(js_sys::Error::new(&error.to_string())))?;
        Ok(Self { core })
    }

    /// `wx.login`: `{code, generation}`; throws an `Error` for a malformed appid or user.
    pub fn login(&mut self, appid: &str, user: &str, now: f64) -> Result<Object, JsValue> {
        let grant = self
            .core
            .login(appid, user, now as u64)
            .map_err(|error| JsValue::from(js_sys::Error::new(&error.to_string())))?;
        let result = Object::new();
        set(&result, "code", &JsValue::from_str(&grant.code));
        set(
            &result,
            "generation",
            &JsValue::from_f64(grant.generation as f64),
        );
        Ok(result)
    }

    /// `wx.checkSession`: `{ok: true}` or `{ok: false, reason}`.
    #[wasm_bindgen(js_name = checkSession)]
    pub fn check_session(&mut self, appid: &str, user: &str, generation: f64, now: f64) -> Object {
        let result = Object::new();
        match self
            .core
            .check_session(appid, user, generation as u64, now as u64)
        {
            Ok(()) => set(&result, "ok", &JsValue::TRUE),
            Err(reason) => {
                set(&result, "ok", &JsValue::FALSE);
                set(&result, "reason", &JsValue::from_str(&reason.to_string()));
            }
        }
        result
    }

    /// What `wx.getUserInfo` adds for the backend: `{signature, encryptedData, iv}` made
    /// with the user's current session_key, or `{}` when the user has no session.
    #[wasm_bindgen(js_name = userData)]
    pub fn user_data(&mut self, appid: &str, user: &str, raw_data: &str, now: f64) -> Object {
        let body = Object::new();
        if let Some(signed) = self.core.user_data(appid, user, raw_data, now as u64) {
            set(&body, "signature", &JsValue::from_str(&signed.signature));
            set(
                &body,
                "encryptedData",
                &JsValue::from_str(&signed.encrypted_data),
            );
            set(&body, "iv", &JsValue::from_str(&signed.iv));
        }
        body
    }

    /// `GET /sns/jscode2session` as the developer's backend calls it, with its query as an
    /// object (`{appid, secret, js_code, grant_type}`); returns WeChat's JSON body:
    /// `{openid, session_key[, unionid]}` or `{errcode, errmsg}`.
    #[wasm_bindgen(js_name = code2Session)]
    pub fn code_to_session(&mut self, query: &JsValue, now: f64) -> Object {
        let (appid, secret, js_code, grant_type) = (
            field_of(query, "appid").as_string(),
            field_of(query, "secret").as_string(),
            field_of(query, "js_code").as_string(),
            field_of(query, "grant_type").as_string(),
        );
        let query = Code2SessionQuery {
            appid: appid.as_deref(),
            secret: secret.as_deref(),
            js_code: js_code.as_deref(),
            grant_type: grant_type.as_deref(),
        };
        let body = Object::new();
        match self.core.code_to_session(&query, now as u64) {
            Ok(session) => {
                set(&body, "openid", &JsValue::from_str(&session.openid));
                set(
                    &body,
                    "session_key",
                    &JsValue::from_str(&session.session_key),
                );
                if let Some(unionid) = &session.unionid {
                    set(&body, "unionid", &JsValue::from_str(unionid));
                }
            }
            Err(error) => {
                set(
                    &body,
                    "errcode",
                    &JsValue::from_f64(f64::from(error.errcode)),
                );
                set(&body, "errmsg", &JsValue::from_str(&error.errmsg));
            }
        }
        body
    }
}
