//! The HTTP face of the stand-in: WeChat's `jscode2session` for the developer's
//! backend, and the page's `/__wxrt/wechat/…` endpoints.

use axum::body::Bytes;
use axum::extract::{RawQuery, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use percent_encoding::percent_decode_str;
use serde::Deserialize;
use serde_json::{json, Value};
use wxrt_core::login::{CheckSessionError, Code2SessionQuery, CodeState};

use super::clock::{Clock, StandInClock};
use super::config::LOCAL_CONFIG_FILE;
use super::stand_in::{StandIn, StandInStopped};
use crate::json_http::{error_response, json_response, parse_body, query_pairs};

/// WeChat's code exchange, at the path WeChat serves it.
pub const JSCODE2SESSION_PATH: &str = "/sns/jscode2session";

/// Where the page's endpoints live: `login`, `check-session`, `state`.
pub const PAGE_API_PREFIX: &str = "/__wxrt/wechat";

#[derive(Clone)]
struct Shared {
    stand_in: StandIn,
    clock: StandInClock,
}

impl Shared {
    fn now(&self) -> u64 {
        self.clock.now_ms()
    }
}

/// The stand-in's routes on the system clock; see [`routes_with_clock`].
pub fn routes(stand_in: StandIn) -> Router {
    routes_on(stand_in, StandInClock::system())
}

/// The stand-in's routes, reading the time from `clock` (tests move it by hand):
///
/// - `GET /sns/jscode2session?appid=&secret=&js_code=&grant_type=authorization_code`,
///   as WeChat answers it: always 200 `application/json`, either
///   `{"openid", "session_key"}` (plus `"unionid"` when the app has it) or
///   `{"errcode": 40029, "errmsg": "invalid code, rid: …"}`;
/// - `POST /__wxrt/wechat/login` with `{"appid", "user"}`: `{"code", "generation"}`;
/// - `POST /__wxrt/wechat/check-session` with `{"appid", "user", "generation"}`:
///   `{"ok": true}` or `{"ok": false, "reason": "session time out, need relogin",
///   "cause": "noSession" | "rotated" | "idle"}`;
/// - `GET /__wxrt/wechat/state?appid=&user=`:
///   `{"codes": [{"code", "issuedAt", "state": "valid" | "used" | "expired"}],
///   "session": {"generation", "keyAgeMs", "idleMs"} | null}`, newest code first;
/// - `POST /__wxrt/wechat/clock` with `{"advanceMs"}`: moves the stand-in's time forward
///   (codes expire, session keys age); answers `{"advancedMs"}`, the total so far;
/// - `POST /__wxrt/wechat/user-data` with `{"appid", "user", "rawData"}`: what
///   `wx.getUserInfo` adds for the backend, `{"signature", "encryptedData", "iv"}` made
///   with the user's current session_key, or `{}` when the user has no session;
/// - `POST /__wxrt/wechat/user` with `{"appid", "user", "blocked"?, "tester"?}`: marks a
///   simulated user (a blocked user's codes answer 40226); answers the user's flags
///   `{"blocked", "tester"}`.
///
/// A body that is not the JSON asked for, an invalid appid or user, or a missing query
/// parameter is 400 `{"error": "…"}`; another method is 405. No answer to the page
/// carries a secret or a session_key.
pub fn routes_with_clock(stand_in: StandIn, clock: Clock) -> Router {
    routes_on(stand_in, StandInClock::new(clock))
}

/// [`routes_with_clock`] on a [`StandInClock`] that others read too: `wxrt serve` shares
/// it with background fetch, whose login codes and timestamps follow
/// `POST /__wxrt/wechat/clock`.
pub fn routes_on(stand_in: StandIn, clock: StandInClock) -> Router {
    Router::new()
        .route(JSCODE2SESSION_PATH, get(jscode2session))
        .route(&format!("{PAGE_API_PREFIX}/login"), post(login))
        .route(
            &format!("{PAGE_API_PREFIX}/check-session"),
            post(check_session),
        )
        .route(&format!("{PAGE_API_PREFIX}/state"), get(state))
        .route(&format!("{PAGE_API_PREFIX}/user"), post(user))
        .route(&format!("{PAGE_API_PREFIX}/user-data"), post(user_data))
        .route(&format!("{PAGE_API_PREFIX}/clock"), post(advance_clock))
        .with_state(Shared { stand_in, clock })
}

async fn jscode2session(State(shared): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let pairs = query_pairs(query.as_deref().unwrap_or(""));
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let (appid, secret, js_code, grant_type) = (
        param("appid"),
        param("secret"),
        param("js_code"),
        param("grant_type"),
    );
    let now = shared.now();
    let result = shared
        .stand_in
        .with(move |stand_in| {
            let query = Code2SessionQuery {
                appid: appid.as_deref(),
                secret: secret.as_deref(),
                js_code: js_code.as_deref(),
                grant_type: grant_type.as_deref(),
            };
            stand_in.code_to_session(&query, now)
        })
        .await;
    let body = match result {
        Ok(Ok(session)) => {
            let mut body = json!({
                "openid": session.openid,
                "session_key": session.session_key,
            });
            if let Some(unionid) = session.unionid {
                body["unionid"] = Value::String(unionid);
            }
            body
        }
        Ok(Err(err)) => json!({ "errcode": err.errcode, "errmsg": err.errmsg }),
        // WeChat's own answer when its servers are in trouble.
        Err(StandInStopped) => json!({ "errcode": -1, "errmsg": "system error" }),
    };
    json_response(StatusCode::OK, &body)
}

#[derive(Deserialize)]
struct LoginBody {
    appid: String,
    user: String,
}

async fn login(State(shared): State<Shared>, body: Bytes) -> Response {
    let LoginBody { appid, user } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let now = shared.now();
    match shared
        .stand_in
        .with(move |stand_in| stand_in.login(&appid, &user, now))
        .await
    {
        Ok(Ok(grant)) => json_response(
            StatusCode::OK,
            &json!({ "code": grant.code, "generation": grant.generation }),
        ),
        Ok(Err(err)) => error_response(StatusCode::BAD_REQUEST, &err.to_string()),
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserDataBody {
    appid: String,
    user: String,
    raw_data: String,
}

async fn user_data(State(shared): State<Shared>, body: Bytes) -> Response {
    let UserDataBody {
        appid,
        user,
        raw_data,
    } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let now = shared.now();
    match shared
        .stand_in
        .with(move |stand_in| stand_in.user_data(&appid, &user, &raw_data, now))
        .await
    {
        Ok(Some(signed)) => json_response(
            StatusCode::OK,
            &json!({
                "signature": signed.signature,
                "encryptedData": signed.encrypted_data,
                "iv": signed.iv,
            }),
        ),
        Ok(None) => json_response(StatusCode::OK, &json!({})),
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClockBody {
    advance_ms: u64,
}

async fn advance_clock(State(shared): State<Shared>, body: Bytes) -> Response {
    let ClockBody { advance_ms } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let total = shared.clock.advance(advance_ms);
    json_response(StatusCode::OK, &json!({ "advancedMs": total }))
}

#[derive(Deserialize)]
struct UserBody {
    appid: String,
    user: String,
    blocked: Option<bool>,
    tester: Option<bool>,
}

async fn user(State(shared): State<Shared>, body: Bytes) -> Response {
    let UserBody {
        appid,
        user,
        blocked,
        tester,
    } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let result = shared
        .stand_in
        .with(move |stand_in| {
            let mut flags = stand_in.user_flags(&appid, &user);
            flags.blocked = blocked.unwrap_or(flags.blocked);
            flags.tester = tester.unwrap_or(flags.tester);
            stand_in.set_user(&appid, &user, flags).map(|()| flags)
        })
        .await;
    match result {
        Ok(Ok(flags)) => json_response(
            StatusCode::OK,
            &json!({ "blocked": flags.blocked, "tester": flags.tester }),
        ),
        Ok(Err(err)) => error_response(StatusCode::BAD_REQUEST, &err.to_string()),
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

#[derive(Deserialize)]
struct CheckSessionBody {
    appid: String,
    user: String,
    generation: u64,
}

async fn check_session(State(shared): State<Shared>, body: Bytes) -> Response {
    let CheckSessionBody {
        appid,
        user,
        generation,
    } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    let now = shared.now();
    match shared
        .stand_in
        .with(move |stand_in| stand_in.check_session(&appid, &user, generation, now))
        .await
    {
        Ok(Ok(())) => json_response(StatusCode::OK, &json!({ "ok": true })),
        Ok(Err(err)) => {
            // The reason is WeChat's one message; the cause is for the inspector.
            let cause = match err {
                CheckSessionError::NoSession => "noSession",
                CheckSessionError::Rotated => "rotated",
                CheckSessionError::Idle => "idle",
            };
            json_response(
                StatusCode::OK,
                &json!({ "ok": false, "reason": err.to_string(), "cause": cause }),
            )
        }
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

async fn state(State(shared): State<Shared>, RawQuery(query): RawQuery) -> Response {
    let pairs = query_pairs(query.as_deref().unwrap_or(""));
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.clone())
    };
    let (Some(appid), Some(user)) = (param("appid"), param("user")) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            "the appid and user query parameters are required",
        );
    };
    let now = shared.now();
    let result = shared
        .stand_in
        .with(move |stand_in| {
            (
                stand_in.codes(&appid, &user, now),
                stand_in.session_info(&appid, &user, now),
            )
        })
        .await;
    let (codes, session) = match result {
        Ok(found) => found,
        Err(err) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    };
    let codes: Vec<Value> = codes
        .into_iter()
        .map(|code| {
            let state = match code.state {
                CodeState::Valid => "valid",
                CodeState::Used => "used",
                CodeState::Expired => "expired",
            };
            json!({ "code": code.code, "issuedAt": code.issued_at_ms, "state": state })
        })
        .collect();
    let session = session.map(|session| {
        json!({
            "generation": session.generation,
            "keyAgeMs": session.key_age_ms,
            "idleMs": session.idle_ms,
        })
    });
    json_response(
        StatusCode::OK,
        &json!({ "codes": codes, "session": session }),
    )
}

/// Middleware for a project: any request for `wxrt.config.json` at the top of the
/// code root answers 404, however the path is spelt (`/%77xrt.config.json`,
/// `//./wxrt.config.json`, other letter case for case-insensitive file systems), so
/// the file service never hands out the app secret.
pub async fn hide_local_config(request: Request, next: Next) -> Response {
    if names_local_config(request.uri().path()) {
        return crate::runtime_files::plain_not_found(format!(
            "wxrt: {LOCAL_CONFIG_FILE} holds the app secret and is not served.\n"
        ));
    }
    next.run(request).await
}

fn names_local_config(path: &str) -> bool {
    let decoded = percent_decode_str(path).decode_utf8_lossy();
    let mut names = decoded
        .split(['/', '\\'])
        .filter(|name| !name.is_empty() && *name != ".");
    // Windows ignores trailing dots and spaces in file names.
    let is_config = |name: &str| {
        name.trim_end_matches(['.', ' '])
            .eq_ignore_ascii_case(LOCAL_CONFIG_FILE)
    };
    matches!((names.next(), names.next()), (Some(name), None) if is_config(name))
}

#[cfg(test)]
mod tests {
    use super::names_local_config;

    #[test]
    fn every_spelling_of_the_config_file_is_caught() {
        for path in [
            "/wxrt.config.json",
            "//wxrt.config.json",
            "/./wxrt.config.json",
            "/%77xrt.config.json",
            "/WXRT.CONFIG.JSON",
            "/wxrt.config.json.",
        ] {
            assert!(names_local_config(path), "{path}");
        }
        for path in [
            "/",
            "/pages/wxrt.config.json",
            "/wxrt.config.js",
            "/project.config.json",
        ] {
            assert!(!names_local_config(path), "{path}");
        }
    }
}
