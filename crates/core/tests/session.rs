#![allow(clippy::unwrap_used)]
//! weRequest's session management with a fake clock: the login flow, checkSession once
//! per lifetime, expiry, shared logins, re-login on `loginTrigger` and its limit,
//! `setSession`, the cache options, and a property test over random interleavings.

use wxrt_core::session::{
    cache_key, CachePolicy, Effect, Phase, SessionConfig, SessionError, SessionManager,
    StoredSession, Verdict, DEFAULT_RE_LOGIN_LIMIT,
};

fn send(id: u64, session: &str, attempt: u32) -> Effect {
    Effect::Send {
        id,
        session: session.into(),
        attempt,
    }
}

fn store(id: &str, expires_at_ms: Option<u64>) -> Effect {
    Effect::StoreSession {
        id: id.into(),
        expires_at_ms,
    }
}

fn stored(id: &str, expires_at_ms: Option<u64>) -> Option<StoredSession> {
    Some(StoredSession {
        id: id.into(),
        expires_at_ms,
    })
}

fn code(c: &str) -> Effect {
    Effect::CodeToSession { code: c.into() }
}

/// Runs wx.login and the code exchange to completion, returning the exchange's effects.
fn finish_login(manager: &mut SessionManager, session: &str, now_ms: u64) -> Vec<Effect> {
    assert_eq!(
        manager.login_result(Ok("the-code".into()), now_ms),
        vec![code("the-code")]
    );
    manager.code_to_session_result(Ok(session.into()), now_ms)
}

#[test]
fn defaults_are_we_requests() {
    let config = SessionConfig::default();
    assert_eq!(config.session_name, "session");
    assert_eq!(config.session_expire_key, "sessionExpireKey");
    assert_eq!(config.re_login_limit, 3);
    assert_eq!(DEFAULT_RE_LOGIN_LIMIT, 3);
    assert_eq!(config.session_expire_time_ms, None);
    assert!(!config.do_not_check_session);
    assert!(!config.do_not_use_query_string);
}

#[test]
fn first_request_without_a_session_logs_in_then_sends() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    // A session that a login is about to create needs no wx.checkSession.
    assert_eq!(manager.request(1, 0), vec![Effect::Login]);
    assert_eq!(manager.phase(), Phase::LoggingIn);
    assert_eq!(
        finish_login(&mut manager, "S1", 10),
        vec![store("S1", None), send(1, "S1", 0)]
    );
    assert_eq!(manager.phase(), Phase::Idle);
    assert_eq!(manager.session(10), Some("S1"));
    assert_eq!(
        manager.response(1, Verdict::ok(), 20),
        vec![Effect::Succeed { id: 1 }]
    );
}

#[test]
fn first_request_checks_the_stored_session_and_logs_in_when_the_check_fails() {
    let mut manager = SessionManager::new(SessionConfig::default(), stored("OLD", None));
    assert_eq!(manager.request(1, 0), vec![Effect::CheckSession]);
    assert_eq!(manager.phase(), Phase::CheckingSession);
    assert_eq!(
        manager.check_session_result(false, 5),
        vec![Effect::ClearSession, Effect::Login]
    );
    assert_eq!(manager.session(5), None);
    assert_eq!(
        finish_login(&mut manager, "NEW", 10),
        vec![store("NEW", None), send(1, "NEW", 0)]
    );
    // The second request, in a later call, uses the new session: no check, no login.
    assert_eq!(manager.request(2, 100), vec![send(2, "NEW", 0)]);
}

#[test]
fn check_session_runs_once_per_lifetime() {
    let mut manager = SessionManager::new(SessionConfig::default(), stored("S", None));
    assert_eq!(manager.request(1, 0), vec![Effect::CheckSession]);
    // Requests arriving during the check wait for it.
    assert!(manager.request(2, 1).is_empty());
    assert_eq!(manager.waiting(), 2);
    assert_eq!(
        manager.check_session_result(true, 2),
        vec![send(1, "S", 0), send(2, "S", 0)]
    );
    assert_eq!(manager.request(3, 1_000_000), vec![send(3, "S", 0)]);
    // Even after a re-login, no further check.
    manager.response(3, Verdict::session_expired(), 1_000_001);
    finish_login(&mut manager, "T", 1_000_002);
    assert_eq!(manager.request(4, 2_000_000), vec![send(4, "T", 0)]);
}

#[test]
fn stored_unexpired_session_is_used_without_any_login() {
    let config = SessionConfig {
        session_expire_time_ms: Some(60_000),
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, stored("S", Some(10_000)));
    assert_eq!(manager.session(10_000), Some("S"));
    let mut effects = manager.request(1, 10_000);
    effects.extend(manager.check_session_result(true, 10_000));
    assert_eq!(effects, vec![Effect::CheckSession, send(1, "S", 0)]);
    assert!(!effects.contains(&Effect::Login));
}

#[test]
fn expired_stored_session_is_absent_and_triggers_a_login() {
    let config = SessionConfig {
        session_expire_time_ms: Some(60_000),
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, stored("S", Some(10_000)));
    assert_eq!(manager.session(10_001), None);
    assert_eq!(
        manager.request(1, 10_001),
        vec![Effect::ClearSession, Effect::Login]
    );
    // The new session expires sessionExpireTime after it was obtained.
    assert_eq!(
        finish_login(&mut manager, "N", 20_000),
        vec![store("N", Some(80_000)), send(1, "N", 0)]
    );
    assert_eq!(manager.request(2, 80_000), vec![send(2, "N", 0)]);
    assert_eq!(
        manager.request(3, 80_001),
        vec![Effect::ClearSession, Effect::Login]
    );
}

#[test]
fn concurrent_requests_share_one_login() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    let mut effects = manager.request(1, 0);
    for id in 2..=5 {
        effects.extend(manager.request(id, id));
    }
    effects.extend(manager.login_result(Ok("c".into()), 10));
    // Requests during the code exchange wait too.
    effects.extend(manager.request(6, 11));
    effects.extend(manager.code_to_session_result(Ok("S".into()), 12));
    let logins = effects.iter().filter(|e| **e == Effect::Login).count();
    assert_eq!(logins, 1);
    let sends: Vec<&Effect> = effects
        .iter()
        .filter(|e| matches!(e, Effect::Send { .. }))
        .collect();
    let expected: Vec<Effect> = (1..=6).map(|id| send(id, "S", 0)).collect();
    assert_eq!(sends, expected.iter().collect::<Vec<_>>());
    // Every send comes after the session is stored.
    let stored_at = effects.iter().position(|e| *e == store("S", None)).unwrap();
    let first_send = effects
        .iter()
        .position(|e| matches!(e, Effect::Send { .. }))
        .unwrap();
    assert!(stored_at < first_send);
}

#[test]
fn login_failure_fails_every_waiting_request() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    manager.request(2, 1);
    let effects = manager.login_result(Err("login:fail network".into()), 2);
    let error = SessionError::Login("login:fail network".into());
    assert_eq!(
        effects,
        vec![
            Effect::Fail {
                id: 1,
                error: error.clone()
            },
            Effect::Fail { id: 2, error }
        ]
    );
    assert_eq!(manager.phase(), Phase::Idle);
    assert_eq!(manager.waiting(), 0);
    // The next request tries again.
    assert_eq!(manager.request(3, 3), vec![Effect::Login]);
}

#[test]
fn code_to_session_failure_fails_every_waiting_request() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    manager.request(2, 1);
    manager.login_result(Ok("c".into()), 2);
    let effects = manager.code_to_session_result(Err("HTTP 500".into()), 3);
    assert_eq!(effects.len(), 2);
    assert!(effects.iter().all(|e| matches!(
        e,
        Effect::Fail { error: SessionError::CodeToSession(m), .. } if m == "HTTP 500"
    )));
    assert_eq!(manager.session(3), None);
}

#[test]
fn empty_code_or_session_is_a_failure() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    assert!(matches!(
        &manager.login_result(Ok(String::new()), 1)[..],
        [Effect::Fail {
            id: 1,
            error: SessionError::Login(_)
        }]
    ));
    manager.request(2, 2);
    manager.login_result(Ok("c".into()), 3);
    assert!(matches!(
        &manager.code_to_session_result(Ok(String::new()), 4)[..],
        [Effect::Fail {
            id: 2,
            error: SessionError::CodeToSession(_)
        }]
    ));
}

#[test]
fn login_trigger_clears_relogs_in_and_resends() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    finish_login(&mut manager, "S1", 1);
    assert_eq!(
        manager.response(1, Verdict::session_expired(), 2),
        vec![Effect::ClearSession, Effect::Login]
    );
    assert_eq!(
        finish_login(&mut manager, "S2", 3),
        vec![store("S2", None), send(1, "S2", 1)]
    );
    assert_eq!(
        manager.response(1, Verdict::ok(), 4),
        vec![Effect::Succeed { id: 1 }]
    );
}

#[test]
fn re_login_limit_fails_the_request() {
    let config = SessionConfig {
        re_login_limit: 2,
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, None);
    manager.request(7, 0);
    let mut last = finish_login(&mut manager, "S0", 1);
    for attempt in 1..=2 {
        assert_eq!(
            last.last(),
            Some(&send(7, &format!("S{}", attempt - 1), attempt - 1))
        );
        assert_eq!(
            manager.response(7, Verdict::session_expired(), 2),
            vec![Effect::ClearSession, Effect::Login]
        );
        last = finish_login(&mut manager, &format!("S{attempt}"), 3);
    }
    assert_eq!(last.last(), Some(&send(7, "S2", 2)));
    let effects = manager.response(7, Verdict::session_expired(), 4);
    assert_eq!(
        effects,
        vec![Effect::Fail {
            id: 7,
            error: SessionError::ReLoginLimit(2)
        }]
    );
    assert_eq!(
        SessionError::ReLoginLimit(2).to_string(),
        "session still expired after 2 re-logins: reLoginLimit reached"
    );
    // The session is kept: the failing request proves nothing about the others.
    assert_eq!(manager.session(4), Some("S2"));
}

#[test]
fn re_login_limit_zero_never_relogs_in() {
    let config = SessionConfig {
        re_login_limit: 0,
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, None);
    manager.request(1, 0);
    finish_login(&mut manager, "S", 1);
    assert_eq!(
        manager.response(1, Verdict::session_expired(), 2),
        vec![Effect::Fail {
            id: 1,
            error: SessionError::ReLoginLimit(0)
        }]
    );
}

#[test]
fn expired_responses_of_one_session_share_one_relogin() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    manager.request(2, 0);
    manager.request(3, 0);
    finish_login(&mut manager, "S1", 1);
    assert_eq!(
        manager.response(1, Verdict::session_expired(), 2),
        vec![Effect::ClearSession, Effect::Login]
    );
    // Sent with the session being replaced: it waits for the login in flight.
    assert!(manager
        .response(2, Verdict::session_expired(), 3)
        .is_empty());
    assert_eq!(
        finish_login(&mut manager, "S2", 4),
        vec![store("S2", None), send(1, "S2", 1), send(2, "S2", 1)]
    );
    // Sent with S1, answered after S2 arrived: resent with S2, S2 is kept.
    assert_eq!(
        manager.response(3, Verdict::session_expired(), 5),
        vec![send(3, "S2", 1)]
    );
}

#[test]
fn do_not_check_session_sends_with_the_stored_session_at_once() {
    let config = SessionConfig {
        do_not_check_session: true,
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, stored("S", None));
    assert_eq!(manager.request(1, 0), vec![send(1, "S", 0)]);
}

#[test]
fn set_session_stores_it_and_skips_the_check() {
    let config = SessionConfig {
        session_expire_time_ms: Some(1_000),
        ..SessionConfig::default()
    };
    let mut manager = SessionManager::new(config, stored("OLD", None));
    assert_eq!(
        manager.set_session("MINE".into(), 500),
        vec![store("MINE", Some(1_500))]
    );
    assert_eq!(manager.session(1_500), Some("MINE"));
    assert_eq!(manager.session(1_501), None);
    assert_eq!(manager.request(1, 600), vec![send(1, "MINE", 0)]);
    assert_eq!(
        manager.set_session(String::new(), 700),
        vec![Effect::ClearSession]
    );
    assert_eq!(manager.session(700), None);
    assert!(manager.set_session(String::new(), 700).is_empty());
}

#[test]
fn set_session_during_a_login_lets_the_login_finish() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    manager.request(1, 0);
    assert_eq!(manager.set_session("X".into(), 1), vec![store("X", None)]);
    assert_eq!(manager.phase(), Phase::LoggingIn);
    assert_eq!(
        finish_login(&mut manager, "Y", 2),
        vec![store("Y", None), send(1, "Y", 0)]
    );
}

#[test]
fn responses_fail_on_http_status_transport_and_business_failure() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    for id in 1..=3 {
        manager.request(id, 0);
    }
    finish_login(&mut manager, "S", 1);
    assert_eq!(
        manager.response(1, Verdict::status(502), 2),
        vec![Effect::Fail {
            id: 1,
            error: SessionError::Http(502)
        }]
    );
    assert_eq!(
        manager.transport_failed(2, "request:fail timeout".into()),
        vec![Effect::Fail {
            id: 2,
            error: SessionError::Transport("request:fail timeout".into())
        }]
    );
    assert_eq!(
        manager.response(3, Verdict::rejected(), 2),
        vec![Effect::Fail {
            id: 3,
            error: SessionError::NotSuccess
        }]
    );
    // loginTrigger wins over successTrigger, like weRequest's order.
    manager.request(4, 3);
    assert_eq!(
        manager.response(4, Verdict::body(true, true), 4),
        vec![Effect::ClearSession, Effect::Login]
    );
    assert_eq!(SessionError::Http(502).kind(), "http-error");
    assert_eq!(SessionError::NotSuccess.kind(), "logic-error");
    assert_eq!(
        SessionError::Transport("x".into()).to_string(),
        "request failed: x"
    );
    assert_eq!(
        SessionError::Login("login:fail".into()).to_string(),
        "login failed: login:fail"
    );
}

#[test]
fn login_call_gets_a_session_and_succeeds() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    assert_eq!(manager.login(1, 0), vec![Effect::Login]);
    assert!(manager.request(2, 0).is_empty());
    assert_eq!(
        finish_login(&mut manager, "S", 1),
        vec![store("S", None), Effect::Succeed { id: 1 }, send(2, "S", 0)]
    );
    // With a usable session it is done at once.
    assert_eq!(manager.login(3, 2), vec![Effect::Succeed { id: 3 }]);
}

#[test]
fn stray_results_and_reused_ids_change_nothing() {
    let mut manager = SessionManager::new(SessionConfig::default(), None);
    assert!(manager.check_session_result(true, 0).is_empty());
    assert!(manager.login_result(Ok("c".into()), 0).is_empty());
    assert!(manager.code_to_session_result(Ok("S".into()), 0).is_empty());
    assert!(manager.response(9, Verdict::ok(), 0).is_empty());
    assert!(manager.transport_failed(9, "x".into()).is_empty());
    manager.request(1, 0);
    assert!(manager.request(1, 0).is_empty());
    // A waiting request has no response yet.
    assert!(manager.response(1, Verdict::ok(), 0).is_empty());
    assert!(manager.code_to_session_result(Ok("S".into()), 0).is_empty());
    assert_eq!(manager.phase(), Phase::LoggingIn);
}

#[test]
fn stored_session_is_read_from_storage_text() {
    assert_eq!(StoredSession::from_storage(None, Some("5")), None);
    assert_eq!(StoredSession::from_storage(Some(""), None), None);
    assert_eq!(
        StoredSession::from_storage(Some("S"), Some("1700000000000")),
        stored("S", Some(1_700_000_000_000))
    );
    assert_eq!(
        StoredSession::from_storage(Some("S"), Some("Infinity")),
        stored("S", None)
    );
    assert!(StoredSession::from_storage(Some("S"), Some("10"))
        .unwrap()
        .is_expired(11));
}

#[test]
fn session_goes_in_the_query_string_of_non_get_requests() {
    let config = SessionConfig::default();
    assert!(!config.session_in_query("GET"));
    assert!(!config.session_in_query("get"));
    assert!(config.session_in_query("POST"));
    let config = SessionConfig {
        do_not_use_query_string: true,
        ..SessionConfig::default()
    };
    assert!(!config.session_in_query("POST"));
}

#[test]
fn cache_options() {
    assert_eq!(cache_key("/api/list?page=1"), "/api/list?page=1");
    let none = CachePolicy::from_options(false, false);
    assert!(!none.serve_cached_first && !none.store_fresh);
    assert!(none.deliver_fresh(false));
    let flash = CachePolicy::from_options(true, false);
    assert!(flash.serve_cached_first && flash.store_fresh);
    assert!(flash.deliver_fresh(true));
    let no_flash = CachePolicy::from_options(true, true);
    assert!(no_flash.serve_cached_first && no_flash.store_fresh);
    assert!(!no_flash.deliver_fresh(true));
    // Nothing cached yet: the fresh data is shown even with noCacheFlash.
    assert!(no_flash.deliver_fresh(false));
}

mod interleavings {
    use std::collections::{BTreeMap, BTreeSet};

    use proptest::prelude::*;
    use wxrt_core::session::{
        Effect, Phase, SessionConfig, SessionManager, StoredSession, Verdict,
    };

    #[derive(Debug, Clone)]
    enum Op {
        Request,
        LoginCall,
        Check(bool),
        Login(bool),
        Exchange(bool),
        Respond(usize, u8),
        TransportFail(usize),
        SetSession(bool),
        Advance(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => Just(Op::Request),
            1 => Just(Op::LoginCall),
            2 => any::<bool>().prop_map(Op::Check),
            2 => any::<bool>().prop_map(Op::Login),
            2 => any::<bool>().prop_map(Op::Exchange),
            5 => (any::<usize>(), 0u8..4).prop_map(|(i, v)| Op::Respond(i, v)),
            1 => any::<usize>().prop_map(Op::TransportFail),
            1 => any::<bool>().prop_map(Op::SetSession),
            2 => (0u64..3_000).prop_map(Op::Advance),
        ]
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Step {
        Check,
        Login,
        Exchange,
    }

    /// The adapter: what is outstanding, and how every call ended.
    #[derive(Default)]
    struct Adapter {
        step: Option<Step>,
        in_flight: BTreeSet<u64>,
        ended: BTreeMap<u64, u32>,
        started: BTreeSet<u64>,
    }

    impl Adapter {
        fn apply(&mut self, effects: Vec<Effect>) -> Result<(), TestCaseError> {
            for effect in effects {
                match effect {
                    Effect::CheckSession | Effect::Login | Effect::CodeToSession { .. } => {
                        prop_assert_eq!(self.step, None, "two login steps in flight");
                        self.step = Some(match effect {
                            Effect::CheckSession => Step::Check,
                            Effect::Login => Step::Login,
                            _ => Step::Exchange,
                        });
                    }
                    Effect::Send { id, .. } => {
                        prop_assert!(self.started.contains(&id));
                        prop_assert!(!self.ended.contains_key(&id));
                        prop_assert!(self.in_flight.insert(id), "sent twice at once");
                    }
                    Effect::Succeed { id } | Effect::Fail { id, .. } => {
                        prop_assert!(!self.in_flight.contains(&id));
                        *self.ended.entry(id).or_default() += 1;
                        prop_assert_eq!(self.ended[&id], 1, "ended twice");
                    }
                    Effect::StoreSession { .. } | Effect::ClearSession => {}
                }
            }
            Ok(())
        }

        fn take_step(&mut self, step: Step) -> bool {
            if self.step == Some(step) {
                self.step = None;
                true
            } else {
                false
            }
        }

        fn pick(&mut self, index: usize) -> Option<u64> {
            let id = *self
                .in_flight
                .iter()
                .nth(index % self.in_flight.len().max(1))?;
            self.in_flight.remove(&id);
            Some(id)
        }
    }

    fn verdict(kind: u8) -> Verdict {
        match kind {
            0 => Verdict::ok(),
            1 => Verdict::session_expired(),
            2 => Verdict::rejected(),
            _ => Verdict::status(500),
        }
    }

    proptest! {
        #[test]
        fn one_login_in_flight_and_every_call_ends_once(
            ops in proptest::collection::vec(op(), 0..150),
            stored in proptest::option::of(0u64..5_000),
            expire in proptest::option::of(1u64..5_000),
            limit in 0u32..4,
            no_check in any::<bool>(),
        ) {
            let config = SessionConfig {
                session_expire_time_ms: expire,
                re_login_limit: limit,
                do_not_check_session: no_check,
                ..SessionConfig::default()
            };
            let stored = stored.map(|at| StoredSession { id: "stored".into(), expires_at_ms: Some(at) });
            let mut manager = SessionManager::new(config, stored);
            let mut adapter = Adapter::default();
            let mut now = 0u64;
            let mut next_id = 0u64;
            let mut sessions = 0u32;
            for op in ops {
                let effects = match op {
                    Op::Request | Op::LoginCall => {
                        next_id += 1;
                        adapter.started.insert(next_id);
                        if matches!(op, Op::Request) {
                            manager.request(next_id, now)
                        } else {
                            manager.login(next_id, now)
                        }
                    }
                    Op::Check(ok) => {
                        // Results for a step not in flight must be ignored.
                        let expected = adapter.take_step(Step::Check);
                        let effects = manager.check_session_result(ok, now);
                        if !expected { prop_assert!(effects.is_empty()); }
                        effects
                    }
                    Op::Login(ok) => {
                        let expected = adapter.take_step(Step::Login);
                        let result = if ok { Ok("code".to_owned()) } else { Err("login:fail".to_owned()) };
                        let effects = manager.login_result(result, now);
                        if !expected { prop_assert!(effects.is_empty()); }
                        effects
                    }
                    Op::Exchange(ok) => {
                        let expected = adapter.take_step(Step::Exchange);
                        sessions += 1;
                        let result = if ok { Ok(format!("S{sessions}")) } else { Err("500".to_owned()) };
                        let effects = manager.code_to_session_result(result, now);
                        if !expected { prop_assert!(effects.is_empty()); }
                        effects
                    }
                    Op::Respond(index, kind) => match adapter.pick(index) {
                        Some(id) => manager.response(id, verdict(kind), now),
                        None => Vec::new(),
                    },
                    Op::TransportFail(index) => match adapter.pick(index) {
                        Some(id) => manager.transport_failed(id, "request:fail".into()),
                        None => Vec::new(),
                    },
                    Op::SetSession(empty) => {
                        sessions += 1;
                        let id = if empty { String::new() } else { format!("set{sessions}") };
                        manager.set_session(id, now)
                    }
                    Op::Advance(ms) => {
                        now += ms;
                        Vec::new()
                    }
                };
                adapter.apply(effects)?;
                prop_assert_eq!(adapter.step.is_none(), manager.phase() == Phase::Idle);
                if manager.phase() == Phase::Idle {
                    prop_assert_eq!(manager.waiting(), 0);
                }
            }
            // Drive everything outstanding to success.
            for _ in 0..10_000 {
                let effects = if let Some(step) = adapter.step.take() {
                    match step {
                        Step::Check => manager.check_session_result(true, now),
                        Step::Login => manager.login_result(Ok("code".into()), now),
                        Step::Exchange => manager.code_to_session_result(Ok("final".into()), now),
                    }
                } else if let Some(id) = adapter.pick(0) {
                    manager.response(id, Verdict::ok(), now)
                } else {
                    break;
                };
                adapter.apply(effects)?;
            }
            prop_assert_eq!(manager.phase(), Phase::Idle);
            prop_assert_eq!(manager.waiting(), 0);
            for id in &adapter.started {
                prop_assert_eq!(adapter.ended.get(id).copied(), Some(1), "call {} did not end once", id);
            }
        }
    }
}
