//! Why a weRequest call failed. The adapter shows the `Display` text in its error modal
//! (or passes the error to the developer's `errorHandler` / `fail`).

/// Why a `weRequest.request` or `weRequest.login` call failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SessionError {
    /// `wx.login` failed (its `errMsg`), or succeeded without a code.
    #[error("login failed: {0}")]
    Login(String),
    /// The developer's code-to-session endpoint failed, answered with a status other
    /// than 200, or `codeToSession.success` returned no session.
    #[error("code to session failed: {0}")]
    CodeToSession(String),
    /// The response still said "session expired" (`loginTrigger`) after this many
    /// re-logins (`reLoginLimit`).
    #[error("session still expired after {0} re-logins: reLoginLimit reached")]
    ReLoginLimit(u32),
    /// `wx.request` itself failed (its `errMsg`).
    #[error("request failed: {0}")]
    Transport(String),
    /// The server answered with an HTTP status other than 200.
    #[error("request failed with HTTP status {0}")]
    Http(u16),
    /// The response did not satisfy `successTrigger`.
    #[error("the response is not a business success (successTrigger)")]
    NotSuccess,
}

impl SessionError {
    /// weRequest's classification of the failure, as its `catchError` path reports it:
    /// `"system-error"` (login and transport), `"http-error"` or `"logic-error"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Login(_) | Self::CodeToSession(_) | Self::Transport(_) => "system-error",
            Self::Http(_) => "http-error",
            Self::ReLoginLimit(_) | Self::NotSuccess => "logic-error",
        }
    }
}
