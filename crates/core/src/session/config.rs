//! weRequest's session options (`weRequest.init`) and the session read back from storage.

/// The default `sessionName`: the storage key of the session, and the name of the
/// parameter that carries it.
pub const DEFAULT_SESSION_NAME: &str = "session";

/// The default `sessionExpireKey`: the storage key of the session's expiry time.
pub const DEFAULT_SESSION_EXPIRE_KEY: &str = "sessionExpireKey";

/// The default `reLoginLimit`.
pub const DEFAULT_RE_LOGIN_LIMIT: u32 = 3;

/// The options of `weRequest.init` that decide how the session is managed. The options
/// that are JavaScript functions (`loginTrigger`, `successTrigger`, `codeToSession.success`,
/// `setHeader`, `globalData`…) stay in the adapter, which reports their results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionConfig {
    /// `sessionName`: storage key and parameter name of the session.
    pub session_name: String,
    /// `sessionExpireTime`: how long a session obtained now stays usable, in ms; `None`
    /// keeps it until the server says otherwise.
    pub session_expire_time_ms: Option<u64>,
    /// `sessionExpireKey`: storage key of the expiry time (ms since the epoch, as text).
    pub session_expire_key: String,
    /// `reLoginLimit`: how many times one request may re-log in and be sent again.
    pub re_login_limit: u32,
    /// `doNotCheckSession`: never call `wx.checkSession`.
    pub do_not_check_session: bool,
    /// `doNotUseQueryString`: never copy the session into the URL of a non-GET request.
    pub do_not_use_query_string: bool,
}

impl Default for SessionConfig {
    fn default() -> Self {
        Self {
            session_name: DEFAULT_SESSION_NAME.to_owned(),
            session_expire_time_ms: None,
            session_expire_key: DEFAULT_SESSION_EXPIRE_KEY.to_owned(),
            re_login_limit: DEFAULT_RE_LOGIN_LIMIT,
            do_not_check_session: false,
            do_not_use_query_string: false,
        }
    }
}

impl SessionConfig {
    /// Whether a request with `method` also carries the session in its URL query string.
    /// The session always goes into `data` under [`session_name`](Self::session_name),
    /// which `wx.request` already puts in the query string of a GET; other methods get
    /// it in the URL too unless `doNotUseQueryString`.
    pub fn session_in_query(&self, method: &str) -> bool {
        !self.do_not_use_query_string && !method.eq_ignore_ascii_case("GET")
    }
}

/// A session as storage holds it: the id under `sessionName` and, when a
/// `sessionExpireTime` was configured, its expiry under `sessionExpireKey`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSession {
    /// The developer's session id.
    pub id: String,
    /// When it expires (ms since the epoch); `None` never.
    pub expires_at_ms: Option<u64>,
}

impl StoredSession {
    /// Reads the two storage values (`None` when the key is absent). An empty or absent
    /// id is no session; an expiry that is not a whole number of ms is ignored, like
    /// weRequest's `getStorageSync(sessionExpireKey) || Infinity`.
    pub fn from_storage(id: Option<&str>, expires_at: Option<&str>) -> Option<Self> {
        let id = id.filter(|id| !id.is_empty())?;
        let expires_at_ms = expires_at.and_then(|text| text.trim().parse::<u64>().ok());
        Some(Self {
            id: id.to_owned(),
            expires_at_ms,
        })
    }

    /// Whether it has expired at `now_ms` (strictly after its expiry time).
    pub fn is_expired(&self, now_ms: u64) -> bool {
        self.expires_at_ms.is_some_and(|at| now_ms > at)
    }
}
