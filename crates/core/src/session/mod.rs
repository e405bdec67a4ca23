//! The session management of the weRequest library (`github.com/IvinWu/weRequest`), which
//! wraps `wx.request`: it logs in on its own (`wx.checkSession` at most once per app
//! lifetime, `wx.login`, then the developer's code-to-session endpoint), keeps the session
//! in storage with an optional expiry, attaches it to every request, logs in again and
//! resends when a response says the session expired (`loginTrigger`, at most
//! `reLoginLimit` times per request), and reports business failures (`successTrigger`).
//!
//! The JavaScript adapter owns the JavaScript values and callbacks and evaluates the
//! developer's functions; [`SessionManager`] owns the decisions. Each call returns the
//! ordered [`Effect`]s to perform; the adapter reports their results back, with the time.
//! Every call the adapter starts ([`SessionManager::request`], [`SessionManager::login`])
//! ends in exactly one [`Effect::Succeed`] or [`Effect::Fail`], provided the adapter
//! reports the result of every effect. One step of getting a session is in flight at a
//! time; calls arriving meanwhile wait for it.
//!
//! [`CachePolicy`] and [`cache_key`] decide the `cache` / `noCacheFlash` options.
//!
//! ```
//! use wxrt_core::session::{Effect, SessionConfig, SessionManager, Verdict};
//!
//! let mut manager = SessionManager::new(SessionConfig::default(), None);
//! // No session stored: log in (no wx.checkSession needed for a fresh session).
//! assert_eq!(manager.request(1, 0), vec![Effect::Login]);
//! // A second request shares that login.
//! assert!(manager.request(2, 5).is_empty());
//! let effects = manager.login_result(Ok("code-1".into()), 10);
//! assert_eq!(effects, vec![Effect::CodeToSession { code: "code-1".into() }]);
//! let effects = manager.code_to_session_result(Ok("sess-A".into()), 20);
//! assert_eq!(effects[0], Effect::StoreSession { id: "sess-A".into(), expires_at_ms: None });
//! assert_eq!(effects[1], Effect::Send { id: 1, session: "sess-A".into(), attempt: 0 });
//! assert_eq!(effects[2], Effect::Send { id: 2, session: "sess-A".into(), attempt: 0 });
//! // The server says the session expired: clear it, log in again, resend.
//! let effects = manager.response(1, Verdict::session_expired(), 30);
//! assert_eq!(effects, vec![Effect::ClearSession, Effect::Login]);
//! assert_eq!(manager.response(2, Verdict::ok(), 31), vec![Effect::Succeed { id: 2 }]);
//! ```

mod cache;
mod config;
mod effect;
mod error;
mod machine;

pub use cache::{cache_key, CachePolicy};
pub use config::{
    SessionConfig, StoredSession, DEFAULT_RE_LOGIN_LIMIT, DEFAULT_SESSION_EXPIRE_KEY,
    DEFAULT_SESSION_NAME,
};
pub use effect::{Effect, Verdict};
pub use error::SessionError;
pub use machine::{Phase, SessionManager};
