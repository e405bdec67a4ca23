//! What the session manager asks the adapter to do, and what the adapter reports about a
//! response.

use super::error::SessionError;

/// One thing for the adapter to do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Call `wx.checkSession`; report with
    /// [`check_session_result`](super::SessionManager::check_session_result).
    CheckSession,
    /// Call `wx.login`; report with [`login_result`](super::SessionManager::login_result).
    Login,
    /// Send `code` to the developer's `codeToSession` endpoint and pass the response to
    /// `codeToSession.success`; report with
    /// [`code_to_session_result`](super::SessionManager::code_to_session_result).
    CodeToSession {
        /// The code `wx.login` returned.
        code: String,
    },
    /// Write `id` to storage under `sessionName` and, when `expires_at_ms` is set, its
    /// decimal text under `sessionExpireKey`.
    StoreSession {
        /// The session id.
        id: String,
        /// When it expires (ms since the epoch).
        expires_at_ms: Option<u64>,
    },
    /// Remove `sessionName` and `sessionExpireKey` from storage.
    ClearSession,
    /// Perform the `wx.request` of call `id` with `session` in its data (and URL, see
    /// [`SessionConfig::session_in_query`](super::SessionConfig::session_in_query));
    /// report with [`response`](super::SessionManager::response) or
    /// [`transport_failed`](super::SessionManager::transport_failed).
    Send {
        /// The call.
        id: u64,
        /// The session to attach.
        session: String,
        /// 0 for the first send, then one more per re-login (weRequest's `reLoginCount`).
        attempt: u32,
    },
    /// Call `id` is done: a request delivers `successData(res.data)` to `success` (and
    /// stores it per its [`CachePolicy`](super::CachePolicy)); a `weRequest.login` call
    /// runs its callback.
    Succeed {
        /// The call.
        id: u64,
    },
    /// Call `id` failed: `fail` / `errorHandler`, or weRequest's error modal.
    Fail {
        /// The call.
        id: u64,
        /// Why.
        error: SessionError,
    },
}

/// What the adapter found in a response: its HTTP status and, for a 200, what the
/// developer's `loginTrigger` and `successTrigger` returned for its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The HTTP status; anything but 200 fails the call with [`SessionError::Http`].
    pub status_code: u16,
    /// `loginTrigger(res.data)`: the session has expired on the server.
    pub login_triggered: bool,
    /// `successTrigger(res.data)`: the business call succeeded.
    pub success: bool,
}

impl Verdict {
    /// A 200 response whose triggers returned these values.
    pub fn body(login_triggered: bool, success: bool) -> Self {
        Self {
            status_code: 200,
            login_triggered,
            success,
        }
    }

    /// A 200 response that is a business success.
    pub fn ok() -> Self {
        Self::body(false, true)
    }

    /// A 200 response saying the session expired.
    pub fn session_expired() -> Self {
        Self::body(true, false)
    }

    /// A 200 response that is a business failure.
    pub fn rejected() -> Self {
        Self::body(false, false)
    }

    /// A response with another HTTP status.
    pub fn status(status_code: u16) -> Self {
        Self {
            status_code,
            login_triggered: false,
            success: false,
        }
    }
}
