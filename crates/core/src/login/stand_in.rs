//! The state machine of the login stand-in: apps, users, codes, sessions and quotas.

use std::collections::{BTreeMap, VecDeque};

use super::error::{CheckSessionError, Code2SessionError, Code2SessionFault, LoginError};
use super::ids;
use crate::random::RandomSource;

/// Default lifetime of a login code: 5 minutes.
pub const DEFAULT_CODE_TTL_MS: u64 = 300_000;
/// Default idle time after which `checkSession` fails: 3 days.
pub const DEFAULT_SESSION_IDLE_MS: u64 = 3 * 24 * 60 * 60 * 1000;
/// Default minimum age of a session_key before a login replaces it: 5 minutes.
pub const DEFAULT_ROTATION_MIN_MS: u64 = 300_000;
/// Default number of `jscode2session` calls per (appid, user) per rolling minute.
pub const DEFAULT_RATE_LIMIT_PER_MINUTE: u32 = 100;
/// The rolling window of the rate limit.
pub const RATE_WINDOW_MS: u64 = 60_000;
/// How many codes are kept per (appid, user); older ones are forgotten (and so invalid).
pub const MAX_CODES_PER_USER: usize = 50;
/// Codes older than this many `code_ttl_ms` are forgotten at the user's next login.
pub const CODE_RETENTION_TTLS: u64 = 10;

/// The `grant_type` `jscode2session` accepts.
pub const GRANT_TYPE: &str = "authorization_code";

/// Timings and quotas of the stand-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandInConfig {
    /// How long a code can be exchanged. A code issued at `t` is valid while
    /// `now < t + code_ttl_ms` and expired from `t + code_ttl_ms` on.
    pub code_ttl_ms: u64,
    /// `checkSession` fails once the session has been idle strictly longer than this;
    /// idle counts from the latest login, successful `checkSession` or `jscode2session`.
    pub session_idle_ms: u64,
    /// A login replaces the session_key only when the current one is at least this old
    /// (or the session has gone idle).
    pub rotation_min_ms: u64,
    /// `jscode2session` calls allowed per (appid, user) in any rolling 60 s.
    pub rate_limit_per_minute: u32,
}

impl Default for StandInConfig {
    fn default() -> Self {
        Self {
            code_ttl_ms: DEFAULT_CODE_TTL_MS,
            session_idle_ms: DEFAULT_SESSION_IDLE_MS,
            rotation_min_ms: DEFAULT_ROTATION_MIN_MS,
            rate_limit_per_minute: DEFAULT_RATE_LIMIT_PER_MINUTE,
        }
    }
}

/// A mini-program known to the stand-in, with the secret its backend uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppRegistration {
    /// The appid, 1 to 64 of `[A-Za-z0-9_-]`.
    pub appid: String,
    /// The AppSecret `jscode2session` must present.
    pub secret: String,
    /// Whether `jscode2session` also returns the user's unionid.
    pub unionid: bool,
}

/// Per-(appid, user) switches, all off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserFlags {
    /// `jscode2session` refuses this user's codes with 40226.
    pub blocked: bool,
    /// The user is a tester of the app (stored and reported only).
    pub tester: bool,
}

/// What `wx.login()` hands the mini-program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginGrant {
    /// The one-time code: 32 characters of `[A-Za-z0-9]`.
    pub code: String,
    /// The session_key this login belongs to; `checkSession` needs it to be current.
    pub generation: u64,
}

/// The query string of `GET /sns/jscode2session`; `None` for an absent parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Code2SessionQuery<'a> {
    /// `appid`.
    pub appid: Option<&'a str>,
    /// `secret`.
    pub secret: Option<&'a str>,
    /// `js_code`.
    pub js_code: Option<&'a str>,
    /// `grant_type`, which must be `authorization_code`.
    pub grant_type: Option<&'a str>,
}

/// A successful `jscode2session` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// The user's id in this app (28 characters, stable everywhere).
    pub openid: String,
    /// The user's current session_key: 16 bytes in standard base64 (24 characters).
    pub session_key: String,
    /// The user's id across the developer's apps, when the app was registered with
    /// `unionid: true`.
    pub unionid: Option<String>,
}

/// Where a code stands at some time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeState {
    /// Not used yet and not expired.
    Valid,
    /// Exchanged once already.
    Used,
    /// Never exchanged, and `code_ttl_ms` or more old.
    Expired,
}

/// A code as the inspector shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code.
    pub code: String,
    /// When `login` issued it.
    pub issued_at_ms: u64,
    /// Its state at the time asked about.
    pub state: CodeState,
}

/// A session as the inspector shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionInfo {
    /// The current session_key's generation (1 for the first).
    pub generation: u64,
    /// How long ago the current session_key was issued.
    pub key_age_ms: u64,
    /// How long ago the session was last active.
    pub idle_ms: u64,
}

struct SessionState {
    generation: u64,
    key: String,
    key_issued_ms: u64,
    last_active_ms: u64,
}

#[derive(Default)]
struct UserState {
    flags: UserFlags,
    session: Option<SessionState>,
    /// Codes issued to the user, oldest first.
    codes: VecDeque<String>,
    /// Times of the counted `jscode2session` calls, oldest first, at most the limit.
    calls: VecDeque<u64>,
}

struct CodeRecord {
    appid: String,
    user: String,
    issued_at_ms: u64,
    used: bool,
}

/// The local stand-in for WeChat's login servers: `wx.login`, `jscode2session` and
/// `wx.checkSession`. Time is passed in on every call, randomness is injected.
pub struct WeChatStandIn {
    config: StandInConfig,
    random: Box<dyn RandomSource + Send>,
    apps: BTreeMap<String, AppRegistration>,
    /// appid → user → state.
    users: BTreeMap<String, BTreeMap<String, UserState>>,
    /// Every retained code → whose it is.
    codes: BTreeMap<String, CodeRecord>,
}

fn check_names(appid: &str, user: &str) -> Result<(), LoginError> {
    if !ids::valid_name(appid) {
        return Err(LoginError::InvalidAppid(appid.to_string()));
    }
    check_user(user)
}

/// Checks a simulated user's name: 1 to 64 of `A-Z a-z 0-9 _ -`.
///
/// # Errors
///
/// [`LoginError::InvalidUser`] for any other name.
pub fn check_user(user: &str) -> Result<(), LoginError> {
    if ids::valid_name(user) {
        Ok(())
    } else {
        Err(LoginError::InvalidUser(user.to_string()))
    }
}

fn present(value: Option<&str>, fault: Code2SessionFault) -> Result<&str, Code2SessionFault> {
    value.filter(|v| !v.is_empty()).ok_or(fault)
}

impl WeChatStandIn {
    /// A stand-in with no apps and no users.
    pub fn new(config: StandInConfig, random: Box<dyn RandomSource + Send>) -> Self {
        Self {
            config,
            random,
            apps: BTreeMap::new(),
            users: BTreeMap::new(),
            codes: BTreeMap::new(),
        }
    }

    /// The timings and quotas in force.
    pub fn config(&self) -> &StandInConfig {
        &self.config
    }

    /// Registers an app, replacing any earlier registration of the same appid.
    pub fn register_app(&mut self, app: AppRegistration) -> Result<(), LoginError> {
        if !ids::valid_name(&app.appid) {
            return Err(LoginError::InvalidAppid(app.appid));
        }
        self.apps.insert(app.appid.clone(), app);
        Ok(())
    }

    /// The registration of `appid`, if any.
    pub fn app(&self, appid: &str) -> Option<&AppRegistration> {
        self.apps.get(appid)
    }

    /// Sets the flags of `user` in `appid`.
    pub fn set_user(
        &mut self,
        appid: &str,
        user: &str,
        flags: UserFlags,
    ) -> Result<(), LoginError> {
        check_names(appid, user)?;
        self.user_mut(appid, user).flags = flags;
        Ok(())
    }

    /// The flags of `user` in `appid` (all off for a user never seen).
    pub fn user_flags(&self, appid: &str, user: &str) -> UserFlags {
        self.user(appid, user).map(|u| u.flags).unwrap_or_default()
    }

    /// `wx.login()`: a fresh single-use code for `user` of `appid`. Creates the session
    /// on the first login and rotates its session_key when the key is at least
    /// `rotation_min_ms` old or the session has gone idle; the login itself counts as
    /// activity. The appid need not be registered.
    pub fn login(
        &mut self,
        appid: &str,
        user: &str,
        now_ms: u64,
    ) -> Result<LoginGrant, LoginError> {
        check_names(appid, user)?;
        let config = self.config;
        let random = &mut *self.random;
        let state = self
            .users
            .entry(appid.to_string())
            .or_default()
            .entry(user.to_string())
            .or_default();

        let session = match state.session.take() {
            None => SessionState {
                generation: 1,
                key: ids::random_session_key(random),
                key_issued_ms: now_ms,
                last_active_ms: now_ms,
            },
            Some(mut session) => {
                let key_age = now_ms.saturating_sub(session.key_issued_ms);
                let idle = now_ms.saturating_sub(session.last_active_ms);
                if key_age >= config.rotation_min_ms || idle > config.session_idle_ms {
                    session.generation += 1;
                    session.key = ids::random_session_key(random);
                    session.key_issued_ms = now_ms;
                }
                session.last_active_ms = now_ms;
                session
            }
        };
        let generation = session.generation;
        state.session = Some(session);

        let code = loop {
            let code = ids::random_code(random);
            if !self.codes.contains_key(&code) {
                break code;
            }
        };
        self.codes.insert(
            code.clone(),
            CodeRecord {
                appid: appid.to_string(),
                user: user.to_string(),
                issued_at_ms: now_ms,
                used: false,
            },
        );
        state.codes.push_back(code.clone());

        // Forget codes past the per-user bound or long expired.
        let retention = config.code_ttl_ms.saturating_mul(CODE_RETENTION_TTLS);
        let excess = state.codes.len().saturating_sub(MAX_CODES_PER_USER);
        let codes = &mut self.codes;
        let mut index = 0;
        state.codes.retain(|old| {
            index += 1;
            let keep = index > excess
                && codes
                    .get(old)
                    .is_some_and(|r| now_ms.saturating_sub(r.issued_at_ms) < retention);
            if !keep {
                codes.remove(old);
            }
            keep
        });

        Ok(LoginGrant { code, generation })
    }

    /// `GET /sns/jscode2session`. The checks, in order: `appid`, `secret`, `js_code`
    /// present and non-empty (41002, 41004, 41008); `grant_type` is `authorization_code`
    /// (40002); the appid is registered (40013); the secret matches (40125); the code is
    /// one of this app's (40029). From here the call counts against the code's user's
    /// quota, whatever its outcome, unless the quota itself refuses it. Then: the code is
    /// neither used nor expired (40029); fewer than `rate_limit_per_minute` counted calls
    /// of the user fall in the window `(now_ms - 60 s, now_ms]` (else 45011); the user is
    /// not blocked (40226). Only success consumes the code;
    /// it refreshes the session's idle clock and returns the user's current session_key,
    /// even when a later login rotated it after the code was issued.
    pub fn code_to_session(
        &mut self,
        query: &Code2SessionQuery<'_>,
        now_ms: u64,
    ) -> Result<Session, Code2SessionError> {
        self.exchange(query, now_ms).map_err(|fault| {
            let rid = ids::rid(&mut *self.random, now_ms);
            Code2SessionError::new(fault, &rid)
        })
    }

    fn exchange(
        &mut self,
        query: &Code2SessionQuery<'_>,
        now_ms: u64,
    ) -> Result<Session, Code2SessionFault> {
        let appid = present(query.appid, Code2SessionFault::AppidMissing)?;
        let secret = present(query.secret, Code2SessionFault::SecretMissing)?;
        let js_code = present(query.js_code, Code2SessionFault::CodeMissing)?;
        if query.grant_type != Some(GRANT_TYPE) {
            return Err(Code2SessionFault::GrantType);
        }
        let app = self.apps.get(appid).ok_or(Code2SessionFault::Appid)?;
        if app.secret != secret {
            return Err(Code2SessionFault::Secret);
        }
        let with_unionid = app.unionid;
        let record = self
            .codes
            .get_mut(js_code)
            .filter(|r| r.appid == appid)
            .ok_or(Code2SessionFault::Code)?;
        let state = self
            .users
            .get_mut(appid)
            .and_then(|users| users.get_mut(&record.user))
            .ok_or(Code2SessionFault::Code)?;

        // Quota: the call times within the window; a call is over the limit when `limit`
        // calls already fall within it, and is then not counted itself.
        let limit = self.config.rate_limit_per_minute as usize;
        while state
            .calls
            .front()
            .is_some_and(|&t| now_ms.saturating_sub(t) >= RATE_WINDOW_MS)
        {
            state.calls.pop_front();
        }
        let over_limit = state.calls.len() >= limit;
        if !over_limit {
            state.calls.push_back(now_ms);
        }

        if record.used || now_ms.saturating_sub(record.issued_at_ms) >= self.config.code_ttl_ms {
            return Err(Code2SessionFault::Code);
        }
        if over_limit {
            return Err(Code2SessionFault::RateLimited);
        }
        if state.flags.blocked {
            return Err(Code2SessionFault::Blocked);
        }
        let session = state.session.as_mut().ok_or(Code2SessionFault::Code)?;
        record.used = true;
        session.last_active_ms = now_ms;
        Ok(Session {
            openid: ids::openid(appid, &record.user),
            session_key: session.key.clone(),
            unionid: with_unionid.then(|| ids::unionid(&record.user)),
        })
    }

    /// `wx.checkSession()` for a client holding the session_key of `generation`: fails
    /// when the user has no session, a later login rotated the key, or the session has
    /// been idle longer than `session_idle_ms`. Success refreshes the idle clock.
    pub fn check_session(
        &mut self,
        appid: &str,
        user: &str,
        generation: u64,
        now_ms: u64,
    ) -> Result<(), CheckSessionError> {
        let session = self
            .users
            .get_mut(appid)
            .and_then(|users| users.get_mut(user))
            .and_then(|state| state.session.as_mut())
            .ok_or(CheckSessionError::NoSession)?;
        if session.generation != generation {
            return Err(CheckSessionError::Rotated);
        }
        if now_ms.saturating_sub(session.last_active_ms) > self.config.session_idle_ms {
            return Err(CheckSessionError::Idle);
        }
        session.last_active_ms = now_ms;
        Ok(())
    }

    /// What `wx.getUserInfo` adds for the backend when `user` of `appid` has a session:
    /// `raw_data` (the user info's JSON) signed, and the user's data encrypted, with the
    /// current session_key. `None` without a session (the app has not logged in), or for
    /// `raw_data` that is not a JSON object's text.
    pub fn user_data(
        &mut self,
        appid: &str,
        user: &str,
        raw_data: &str,
        now_ms: u64,
    ) -> Option<crate::login::SignedUserData> {
        let key = self.user(appid, user)?.session.as_ref()?.key.clone();
        let openid = ids::openid(appid, user);
        let unionid = self
            .apps
            .get(appid)
            .is_some_and(|app| app.unionid)
            .then(|| ids::unionid(user));
        let to = crate::login::Recipient {
            appid,
            openid: &openid,
            unionid: unionid.as_deref(),
            timestamp: now_ms / 1000,
        };
        let plain = crate::login::plain_user_data(raw_data, to)?;
        let mut iv = [0u8; 16];
        self.random.fill(&mut iv);
        crate::login::sign_and_encrypt(raw_data, &plain, &key, iv)
    }

    /// The codes kept for `user` of `appid`, newest first (at most
    /// [`MAX_CODES_PER_USER`]), with their state at `now_ms`.
    pub fn codes(&self, appid: &str, user: &str, now_ms: u64) -> Vec<CodeInfo> {
        let Some(state) = self.user(appid, user) else {
            return Vec::new();
        };
        state
            .codes
            .iter()
            .rev()
            .filter_map(|code| {
                let record = self.codes.get(code)?;
                let state = if record.used {
                    CodeState::Used
                } else if now_ms.saturating_sub(record.issued_at_ms) >= self.config.code_ttl_ms {
                    CodeState::Expired
                } else {
                    CodeState::Valid
                };
                Some(CodeInfo {
                    code: code.clone(),
                    issued_at_ms: record.issued_at_ms,
                    state,
                })
            })
            .collect()
    }

    /// The session of `user` of `appid` at `now_ms`, if the user ever logged in.
    pub fn session_info(&self, appid: &str, user: &str, now_ms: u64) -> Option<SessionInfo> {
        let session = self.user(appid, user)?.session.as_ref()?;
        Some(SessionInfo {
            generation: session.generation,
            key_age_ms: now_ms.saturating_sub(session.key_issued_ms),
            idle_ms: now_ms.saturating_sub(session.last_active_ms),
        })
    }

    fn user(&self, appid: &str, user: &str) -> Option<&UserState> {
        self.users.get(appid)?.get(user)
    }

    fn user_mut(&mut self, appid: &str, user: &str) -> &mut UserState {
        self.users
            .entry(appid.to_string())
            .or_default()
            .entry(user.to_string())
            .or_default()
    }
}
