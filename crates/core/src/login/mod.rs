//! The local stand-in for WeChat's login servers: `wx.login()` issues one-time codes, the
//! developer's backend exchanges them at `GET /sns/jscode2session` for the user's openid
//! and session_key, and `wx.checkSession()` tells whether the session_key of the latest
//! login is still valid. Time is passed in as `now_ms` on every call, so tests use a fake
//! clock; randomness comes from an injected [`RandomSource`](crate::random::RandomSource).
//!
//! Identifiers:
//! - codes: 32 random characters of `[A-Za-z0-9]`, single use, valid for `code_ttl_ms`;
//! - session_key: 16 random bytes in standard padded base64 (24 characters), like WeChat's;
//! - openid: `"o"` + the first 27 characters of unpadded base64url of
//!   `sha256("wxrt-openid" NUL appid NUL user)`, stable on every machine;
//! - unionid: `"u"` + the same of `sha256("wxrt-unionid" NUL user)`, shared by all apps;
//! - rid (in `errmsg`): `<now in seconds>-<random>-<random>`, three 8-digit hex groups.
//!
//! ```
//! use wxrt_core::login::{AppRegistration, Code2SessionQuery, StandInConfig, WeChatStandIn};
//! use wxrt_core::random::SeededRandom;
//!
//! let mut wechat = WeChatStandIn::new(StandInConfig::default(), Box::new(SeededRandom::new(1)));
//! wechat
//!     .register_app(AppRegistration { appid: "wx1".into(), secret: "s3cret".into(), unionid: false })
//!     .unwrap();
//! let grant = wechat.login("wx1", "alice", 0).unwrap();
//! let query = Code2SessionQuery {
//!     appid: Some("wx1"),
//!     secret: Some("s3cret"),
//!     js_code: Some(&grant.code),
//!     grant_type: Some("authorization_code"),
//! };
//! let session = wechat.code_to_session(&query, 1_000).unwrap();
//! assert_eq!(session.openid.len(), 28);
//! // A code is accepted once.
//! let again = wechat.code_to_session(&query, 2_000).unwrap_err();
//! assert_eq!(again.errcode, 40029);
//! assert!(again.errmsg.starts_with("invalid code, rid: "));
//! assert!(wechat.check_session("wx1", "alice", grant.generation, 3_000).is_ok());
//! ```

mod error;
mod ids;
mod stand_in;
mod user_data;

pub use error::{CheckSessionError, Code2SessionError, Code2SessionFault, LoginError};
pub use ids::{openid, unionid, CODE_LEN};
pub use stand_in::{
    check_user, AppRegistration, Code2SessionQuery, CodeInfo, CodeState, LoginGrant, Session,
    SessionInfo, StandInConfig, UserFlags, WeChatStandIn, CODE_RETENTION_TTLS, DEFAULT_CODE_TTL_MS,
    DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_ROTATION_MIN_MS, DEFAULT_SESSION_IDLE_MS, GRANT_TYPE,
    MAX_CODES_PER_USER, RATE_WINDOW_MS,
};
pub use user_data::{plain_user_data, sign_and_encrypt, Recipient, SignedUserData};
