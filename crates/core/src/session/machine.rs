//! The session state machine. Every call returns the ordered [`Effect`]s the adapter
//! performs; results come back through the `…_result` methods.

use std::collections::{BTreeMap, VecDeque};

use super::config::{SessionConfig, StoredSession};
use super::effect::{Effect, Verdict};
use super::error::SessionError;

/// Which step of getting a session is in flight. At most one is, for all calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Nothing in flight.
    Idle,
    /// Waiting for `wx.checkSession`.
    CheckingSession,
    /// Waiting for `wx.login`.
    LoggingIn,
    /// Waiting for the code-to-session endpoint.
    ExchangingCode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CallKind {
    /// `weRequest.request`: sent once a session is there.
    Request,
    /// `weRequest.login`: done once a session is there.
    Login,
}

#[derive(Debug, Clone)]
struct Call {
    kind: CallKind,
    attempt: u32,
    /// The session it was sent with, while its `wx.request` is in flight.
    sent_with: Option<String>,
}

/// weRequest's session management for one app: the session, whether `wx.checkSession`
/// still has to run this app lifetime, the login in flight and the calls waiting for it.
/// Calls are identified by the adapter's ids, unique among the calls not yet finished.
#[derive(Debug)]
pub struct SessionManager {
    config: SessionConfig,
    session: Option<StoredSession>,
    /// Whether `wx.checkSession` has no more reason to run (weRequest's
    /// `doNotCheckSession`, set by the option, a check, a login or `setSession`).
    checked: bool,
    phase: Phase,
    /// Calls waiting for the step in flight, oldest first.
    waiting: VecDeque<u64>,
    calls: BTreeMap<u64, Call>,
}

impl SessionManager {
    /// A manager at app launch, with the session read from storage (see
    /// [`StoredSession::from_storage`]).
    pub fn new(config: SessionConfig, stored: Option<StoredSession>) -> Self {
        let checked = config.do_not_check_session;
        Self {
            config,
            session: stored.filter(|s| !s.id.is_empty()),
            checked,
            phase: Phase::Idle,
            waiting: VecDeque::new(),
            calls: BTreeMap::new(),
        }
    }

    /// The options.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// Which step of getting a session is in flight.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// How many calls wait for that step.
    pub fn waiting(&self) -> usize {
        self.waiting.len()
    }

    /// `weRequest.getSession()`: the session, unless it has expired at `now_ms`.
    pub fn session(&self, now_ms: u64) -> Option<&str> {
        self.session
            .as_ref()
            .filter(|s| !s.is_expired(now_ms))
            .map(|s| s.id.as_str())
    }

    /// `weRequest.request` as call `id`: sent at once with a usable session; otherwise
    /// after `wx.checkSession` (once per app lifetime, only when a session is stored) or a
    /// login, shared with every call that arrives meanwhile. An id already in use changes
    /// nothing.
    pub fn request(&mut self, id: u64, now_ms: u64) -> Vec<Effect> {
        self.start(id, CallKind::Request, now_ms)
    }

    /// `weRequest.login` as call `id`: gets a session like a request would, without
    /// sending anything, and [`Effect::Succeed`]s (the callback) once there is one. An id
    /// already in use changes nothing.
    pub fn login(&mut self, id: u64, now_ms: u64) -> Vec<Effect> {
        self.start(id, CallKind::Login, now_ms)
    }

    /// `wx.checkSession` answered. Valid: the waiting calls go on with the stored session.
    /// Invalid: the session is cleared and a login starts. Ignored when no check is in
    /// flight.
    pub fn check_session_result(&mut self, ok: bool, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.phase != Phase::CheckingSession {
            return effects;
        }
        self.checked = true;
        if ok {
            self.phase = Phase::Idle;
            self.release(now_ms, &mut effects);
        } else {
            self.clear(&mut effects);
            self.phase = Phase::LoggingIn;
            effects.push(Effect::Login);
        }
        effects
    }

    /// `wx.login` answered with a code, or failed with its `errMsg`; a failure (or an
    /// empty code) fails every waiting call with [`SessionError::Login`]. Ignored when no
    /// `wx.login` is in flight.
    pub fn login_result(&mut self, result: Result<String, String>, _now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.phase != Phase::LoggingIn {
            return effects;
        }
        match result {
            Ok(code) if !code.is_empty() => {
                self.phase = Phase::ExchangingCode;
                effects.push(Effect::CodeToSession { code });
            }
            Ok(_) => self.fail_waiting(
                SessionError::Login("wx.login returned no code".to_owned()),
                &mut effects,
            ),
            Err(message) => self.fail_waiting(SessionError::Login(message), &mut effects),
        }
        effects
    }

    /// The code-to-session endpoint gave a session id (what `codeToSession.success`
    /// returned), or failed; the session is stored and the waiting calls go on, or they
    /// all fail with [`SessionError::CodeToSession`] (an empty id is a failure too).
    /// Ignored when no exchange is in flight.
    pub fn code_to_session_result(
        &mut self,
        result: Result<String, String>,
        now_ms: u64,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.phase != Phase::ExchangingCode {
            return effects;
        }
        match result {
            Ok(id) if !id.is_empty() => {
                self.store(id, now_ms, &mut effects);
                self.phase = Phase::Idle;
                self.release(now_ms, &mut effects);
            }
            Ok(_) => self.fail_waiting(
                SessionError::CodeToSession("codeToSession.success returned no session".into()),
                &mut effects,
            ),
            Err(message) => self.fail_waiting(SessionError::CodeToSession(message), &mut effects),
        }
        effects
    }

    /// The response of call `id` arrived. A status other than 200 fails it. When the
    /// session expired on the server (`loginTrigger`), the session it was sent with is
    /// cleared (unless it was already replaced), and the call is sent again with a new
    /// session, at most `reLoginLimit` times before it fails with
    /// [`SessionError::ReLoginLimit`]. Otherwise it succeeds when `successTrigger` said so
    /// and fails with [`SessionError::NotSuccess`] when not. Ignored for a call that is
    /// not in flight.
    pub fn response(&mut self, id: u64, verdict: Verdict, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        let Some(sent_with) = self.take_in_flight(id) else {
            return effects;
        };
        if verdict.status_code != 200 {
            self.finish(
                id,
                Err(SessionError::Http(verdict.status_code)),
                &mut effects,
            );
        } else if verdict.login_triggered {
            let limit = self.config.re_login_limit;
            let Some(call) = self.calls.get_mut(&id) else {
                return effects;
            };
            if call.attempt >= limit {
                self.finish(id, Err(SessionError::ReLoginLimit(limit)), &mut effects);
            } else {
                call.attempt += 1;
                if self.session.as_ref().is_some_and(|s| s.id == sent_with) {
                    self.clear(&mut effects);
                }
                self.acquire(id, now_ms, &mut effects);
            }
        } else if verdict.success {
            self.finish(id, Ok(()), &mut effects);
        } else {
            self.finish(id, Err(SessionError::NotSuccess), &mut effects);
        }
        effects
    }

    /// The `wx.request` of call `id` failed with `err_msg`: the call fails with
    /// [`SessionError::Transport`]. Ignored for a call that is not in flight.
    pub fn transport_failed(&mut self, id: u64, err_msg: String) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.take_in_flight(id).is_some() {
            self.finish(id, Err(SessionError::Transport(err_msg)), &mut effects);
        }
        effects
    }

    /// `weRequest.setSession(id)` (also what the adapter calls when `getSession` finds a
    /// new session in a successful response): stores it with a fresh expiry; it needs no
    /// `wx.checkSession`. An empty id clears the session. A login in flight goes on and
    /// its session replaces this one.
    pub fn set_session(&mut self, id: String, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if id.is_empty() {
            self.clear(&mut effects);
        } else {
            self.store(id, now_ms, &mut effects);
        }
        effects
    }

    fn start(&mut self, id: u64, kind: CallKind, now_ms: u64) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.calls.contains_key(&id) {
            return effects;
        }
        self.calls.insert(
            id,
            Call {
                kind,
                attempt: 0,
                sent_with: None,
            },
        );
        self.acquire(id, now_ms, &mut effects);
        effects
    }

    /// Gets call `id` a session: goes on at once, or waits for the step in flight or the
    /// one this starts.
    fn acquire(&mut self, id: u64, now_ms: u64, effects: &mut Vec<Effect>) {
        if self.phase != Phase::Idle {
            self.waiting.push_back(id);
            return;
        }
        if self.session.as_ref().is_some_and(|s| s.is_expired(now_ms)) {
            self.clear(effects);
        }
        match &self.session {
            None => {
                // A session from a login needs no check this lifetime.
                self.checked = true;
                self.phase = Phase::LoggingIn;
                self.waiting.push_back(id);
                effects.push(Effect::Login);
            }
            Some(_) if !self.checked => {
                self.phase = Phase::CheckingSession;
                self.waiting.push_back(id);
                effects.push(Effect::CheckSession);
            }
            Some(session) => {
                let session = session.id.clone();
                self.proceed(id, session, effects);
            }
        }
    }

    fn proceed(&mut self, id: u64, session: String, effects: &mut Vec<Effect>) {
        let Some(call) = self.calls.get_mut(&id) else {
            return;
        };
        match call.kind {
            CallKind::Request => {
                call.sent_with = Some(session.clone());
                effects.push(Effect::Send {
                    id,
                    session,
                    attempt: call.attempt,
                });
            }
            CallKind::Login => self.finish(id, Ok(()), effects),
        }
    }

    /// The step in flight ended with a session: every waiting call goes on, in order.
    fn release(&mut self, now_ms: u64, effects: &mut Vec<Effect>) {
        let waiting: Vec<u64> = self.waiting.drain(..).collect();
        for id in waiting {
            self.acquire(id, now_ms, effects);
        }
    }

    /// The step in flight failed: so does every waiting call.
    fn fail_waiting(&mut self, error: SessionError, effects: &mut Vec<Effect>) {
        self.phase = Phase::Idle;
        let waiting: Vec<u64> = self.waiting.drain(..).collect();
        for id in waiting {
            self.finish(id, Err(error.clone()), effects);
        }
    }

    fn take_in_flight(&mut self, id: u64) -> Option<String> {
        self.calls.get_mut(&id)?.sent_with.take()
    }

    fn finish(&mut self, id: u64, outcome: Result<(), SessionError>, effects: &mut Vec<Effect>) {
        if self.calls.remove(&id).is_some() {
            effects.push(match outcome {
                Ok(()) => Effect::Succeed { id },
                Err(error) => Effect::Fail { id, error },
            });
        }
    }

    fn store(&mut self, id: String, now_ms: u64, effects: &mut Vec<Effect>) {
        let expires_at_ms = self
            .config
            .session_expire_time_ms
            .map(|ttl| now_ms.saturating_add(ttl));
        self.checked = true;
        self.session = Some(StoredSession {
            id: id.clone(),
            expires_at_ms,
        });
        effects.push(Effect::StoreSession { id, expires_at_ms });
    }

    fn clear(&mut self, effects: &mut Vec<Effect>) {
        if self.session.take().is_some() {
            effects.push(Effect::ClearSession);
        }
    }
}
