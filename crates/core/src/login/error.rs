//! Why a login call failed. `code2session` failures carry WeChat's `errcode` and `errmsg`;
//! the `Display` of a [`CheckSessionError`] is the part of `errMsg` after
//! `checkSession:fail `.

/// Why [`login`](super::WeChatStandIn::login), [`set_user`](super::WeChatStandIn::set_user)
/// or [`register_app`](super::WeChatStandIn::register_app) refused its arguments.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginError {
    /// The appid is empty, longer than 64 characters or not all of `[A-Za-z0-9_-]`.
    #[error("invalid appid \"{0}\": 1 to 64 of [A-Za-z0-9_-] expected")]
    InvalidAppid(String),
    /// The user is empty, longer than 64 characters or not all of `[A-Za-z0-9_-]`.
    #[error("invalid user \"{0}\": 1 to 64 of [A-Za-z0-9_-] expected")]
    InvalidUser(String),
}

/// Why `checkSession` failed. Every variant reads like WeChat's single message, so a
/// mini-program cannot tell them apart; the inspector can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum CheckSessionError {
    /// The user never logged in to this app.
    #[error("session time out, need relogin")]
    NoSession,
    /// A later login rotated the session_key the caller holds.
    #[error("session time out, need relogin")]
    Rotated,
    /// The session has been idle longer than `session_idle_ms`.
    #[error("session time out, need relogin")]
    Idle,
}

/// The reason of a failed `jscode2session` call. Its `Display` is WeChat's `errmsg`
/// without the `rid` suffix, and [`errcode`](Self::errcode) is WeChat's `errcode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Code2SessionFault {
    /// `appid` is absent or empty (41002).
    #[error("appid missing")]
    AppidMissing,
    /// `secret` is absent or empty (41004).
    #[error("appsecret missing")]
    SecretMissing,
    /// `js_code` is absent or empty (41008).
    #[error("code missing")]
    CodeMissing,
    /// `grant_type` is absent or not `authorization_code` (40002).
    #[error("invalid grant_type")]
    GrantType,
    /// No app with this appid is registered (40013).
    #[error("invalid appid")]
    Appid,
    /// The secret is not the registered one (40125).
    #[error("invalid appsecret")]
    Secret,
    /// The code is unknown, of another app, expired or already used (40029).
    #[error("invalid code")]
    Code,
    /// More than `rate_limit_per_minute` calls for the user in the last 60 s (45011).
    #[error("api minute-quota reach limit mustslower retry next minute")]
    RateLimited,
    /// The user is blocked (40226).
    #[error("code blocked")]
    Blocked,
}

impl Code2SessionFault {
    /// WeChat's `errcode` for this failure.
    pub fn errcode(self) -> i32 {
        match self {
            Self::AppidMissing => 41002,
            Self::SecretMissing => 41004,
            Self::CodeMissing => 41008,
            Self::GrantType => 40002,
            Self::Appid => 40013,
            Self::Secret => 40125,
            Self::Code => 40029,
            Self::RateLimited => 45011,
            Self::Blocked => 40226,
        }
    }
}

/// A failed `jscode2session` call as the HTTP body reports it: `{errcode, errmsg}`.
/// Its `Display` is the `errmsg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{errmsg}")]
pub struct Code2SessionError {
    /// Which rule refused the call, for code that matches on it.
    pub fault: Code2SessionFault,
    /// WeChat's `errcode`, `fault.errcode()`.
    pub errcode: i32,
    /// WeChat's `errmsg`: the fault's message then `, rid: <rid>`, e.g.
    /// `invalid code, rid: 0000012c-1a2b3c4d-5e6f7a8b`.
    pub errmsg: String,
}

impl Code2SessionError {
    pub(crate) fn new(fault: Code2SessionFault, rid: &str) -> Self {
        Self {
            fault,
            errcode: fault.errcode(),
            errmsg: format!("{fault}, rid: {rid}"),
        }
    }

    /// The `(errcode, errmsg)` pair of the JSON body.
    pub fn pair(&self) -> (i32, &str) {
        (self.errcode, &self.errmsg)
    }
}
