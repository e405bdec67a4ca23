#![allow(clippy::unwrap_used)]
//! The login stand-in with a fake clock: codes, jscode2session's error codes, quotas,
//! session_key rotation and checkSession.

/// Named so that `cargo test login` selects these tests.
mod login {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use wxrt_core::login::{
        AppRegistration, CheckSessionError, Code2SessionFault, Code2SessionQuery, CodeState,
        LoginError, StandInConfig, UserFlags, WeChatStandIn, DEFAULT_CODE_TTL_MS,
        DEFAULT_ROTATION_MIN_MS, DEFAULT_SESSION_IDLE_MS, MAX_CODES_PER_USER,
    };
    use wxrt_core::random::SeededRandom;

    const APP: &str = "wxapp1";
    const SECRET: &str = "secret1";
    const OTHER: &str = "wxapp2";
    const OTHER_SECRET: &str = "secret2";

    fn stand_in(seed: u64) -> WeChatStandIn {
        let mut wechat =
            WeChatStandIn::new(StandInConfig::default(), Box::new(SeededRandom::new(seed)));
        wechat
            .register_app(AppRegistration {
                appid: APP.into(),
                secret: SECRET.into(),
                unionid: false,
            })
            .unwrap();
        wechat
            .register_app(AppRegistration {
                appid: OTHER.into(),
                secret: OTHER_SECRET.into(),
                unionid: true,
            })
            .unwrap();
        wechat
    }

    fn query<'a>(appid: &'a str, secret: &'a str, code: &'a str) -> Code2SessionQuery<'a> {
        Code2SessionQuery {
            appid: Some(appid),
            secret: Some(secret),
            js_code: Some(code),
            grant_type: Some("authorization_code"),
        }
    }

    /// The errcode and the errmsg without its rid.
    fn fail(wechat: &mut WeChatStandIn, q: &Code2SessionQuery<'_>, now: u64) -> (i32, String) {
        let err = wechat.code_to_session(q, now).unwrap_err();
        assert_eq!(err.errcode, err.fault.errcode());
        let (errcode, errmsg) = err.pair();
        let (msg, rid) = errmsg.split_once(", rid: ").unwrap();
        assert_eq!(rid.len(), 26, "{rid}");
        assert!(rid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'));
        assert_eq!(err.to_string(), errmsg);
        (errcode, msg.to_string())
    }

    fn fails_with(
        wechat: &mut WeChatStandIn,
        q: &Code2SessionQuery<'_>,
        now: u64,
        code: i32,
        msg: &str,
    ) {
        assert_eq!(fail(wechat, q, now), (code, msg.to_string()));
    }

    #[test]
    fn happy_path() {
        let mut wechat = stand_in(1);
        let grant = wechat.login(APP, "alice", 1_000).unwrap();
        assert_eq!(grant.generation, 1);
        assert_eq!(grant.code.len(), 32);
        assert!(grant.code.bytes().all(|b| b.is_ascii_alphanumeric()));
        let session = wechat
            .code_to_session(&query(APP, SECRET, &grant.code), 2_000)
            .unwrap();
        assert_eq!(session.openid, wxrt_core::login::openid(APP, "alice"));
        assert_eq!(session.openid.len(), 28);
        assert!(session.openid.starts_with('o'));
        assert_eq!(session.session_key.len(), 24);
        assert_eq!(session.unionid, None);
        wechat
            .check_session(APP, "alice", grant.generation, 3_000)
            .unwrap();
        let info = wechat.session_info(APP, "alice", 4_000).unwrap();
        assert_eq!(info.generation, 1);
        assert_eq!(info.key_age_ms, 3_000);
        assert_eq!(info.idle_ms, 1_000);
    }

    #[test]
    fn user_data_is_signed_and_encrypted_with_the_current_session_key() {
        let mut wechat = stand_in(1);
        let raw = r#"{"nickName":"微信用户","gender":0}"#;
        assert_eq!(
            wechat.user_data(OTHER, "alice", raw, 0),
            None,
            "no login, no session"
        );
        let grant = wechat.login(OTHER, "alice", 1_000).unwrap();
        let session = wechat
            .code_to_session(&query(OTHER, OTHER_SECRET, &grant.code), 2_000)
            .unwrap();
        let signed = wechat.user_data(OTHER, "alice", raw, 3_000_000).unwrap();
        let to = wxrt_core::login::Recipient {
            appid: OTHER,
            openid: &session.openid,
            unionid: session.unionid.as_deref(),
            timestamp: 3_000,
        };
        let plain = wxrt_core::login::plain_user_data(raw, to).unwrap();
        assert!(plain.contains(r#""unionId":"#), "{plain}");
        let iv: [u8; 16] = <base64ct::Base64 as base64ct::Encoding>::decode_vec(&signed.iv)
            .unwrap()
            .try_into()
            .unwrap();
        let again =
            wxrt_core::login::sign_and_encrypt(raw, &plain, &session.session_key, iv).unwrap();
        assert_eq!(
            signed, again,
            "the backend's session_key decrypts and verifies it"
        );
    }

    #[test]
    fn a_code_is_accepted_once() {
        let mut wechat = stand_in(1);
        let grant = wechat.login(APP, "alice", 0).unwrap();
        let q = query(APP, SECRET, &grant.code);
        wechat.code_to_session(&q, 10).unwrap();
        fails_with(&mut wechat, &q, 20, 40029, "invalid code");
    }

    #[test]
    fn codes_expire_at_exactly_the_ttl() {
        let mut wechat = stand_in(1);
        let a = wechat.login(APP, "alice", 0).unwrap();
        let b = wechat.login(APP, "alice", 0).unwrap();
        wechat
            .code_to_session(&query(APP, SECRET, &a.code), DEFAULT_CODE_TTL_MS - 1)
            .unwrap();
        fails_with(
            &mut wechat,
            &query(APP, SECRET, &b.code),
            DEFAULT_CODE_TTL_MS,
            40029,
            "invalid code",
        );
    }

    #[test]
    fn wrong_secret_and_unknown_appid() {
        let mut wechat = stand_in(1);
        let grant = wechat.login(APP, "alice", 0).unwrap();
        fails_with(
            &mut wechat,
            &query(APP, "nope", &grant.code),
            1,
            40125,
            "invalid appsecret",
        );
        let stray = wechat.login("wxunknown", "alice", 0).unwrap();
        fails_with(
            &mut wechat,
            &query("wxunknown", SECRET, &stray.code),
            1,
            40013,
            "invalid appid",
        );
        let err = wechat
            .code_to_session(&query(APP, "nope", &grant.code), 1)
            .unwrap_err();
        assert_eq!(err.fault, Code2SessionFault::Secret);
        // The refused calls did not consume the code.
        wechat
            .code_to_session(&query(APP, SECRET, &grant.code), 2)
            .unwrap();
    }

    #[test]
    fn a_code_of_another_app_is_invalid() {
        let mut wechat = stand_in(1);
        let grant = wechat.login(OTHER, "alice", 0).unwrap();
        fails_with(
            &mut wechat,
            &query(APP, SECRET, &grant.code),
            1,
            40029,
            "invalid code",
        );
        fails_with(
            &mut wechat,
            &query(APP, SECRET, "notacode"),
            1,
            40029,
            "invalid code",
        );
        wechat
            .code_to_session(&query(OTHER, OTHER_SECRET, &grant.code), 2)
            .unwrap();
    }

    #[test]
    fn missing_parameters_and_bad_grant_type() {
        let mut wechat = stand_in(1);
        let grant = wechat.login(APP, "alice", 0).unwrap();
        let full = query(APP, SECRET, &grant.code);
        let cases = [
            (
                Code2SessionQuery {
                    appid: None,
                    ..full
                },
                41002,
                "appid missing",
            ),
            (
                Code2SessionQuery {
                    appid: Some(""),
                    ..full
                },
                41002,
                "appid missing",
            ),
            (
                Code2SessionQuery {
                    secret: None,
                    ..full
                },
                41004,
                "appsecret missing",
            ),
            (
                Code2SessionQuery {
                    secret: Some(""),
                    ..full
                },
                41004,
                "appsecret missing",
            ),
            (
                Code2SessionQuery {
                    js_code: None,
                    ..full
                },
                41008,
                "code missing",
            ),
            (
                Code2SessionQuery {
                    js_code: Some(""),
                    ..full
                },
                41008,
                "code missing",
            ),
            (
                Code2SessionQuery {
                    grant_type: None,
                    ..full
                },
                40002,
                "invalid grant_type",
            ),
            (
                Code2SessionQuery {
                    grant_type: Some("client_credential"),
                    ..full
                },
                40002,
                "invalid grant_type",
            ),
            (Code2SessionQuery::default(), 41002, "appid missing"),
        ];
        for (q, code, msg) in cases {
            fails_with(&mut wechat, &q, 1, code, msg);
        }
        wechat.code_to_session(&full, 2).unwrap();
    }

    #[test]
    fn rate_limit_slides_over_sixty_seconds() {
        let mut wechat = stand_in(1);
        for i in 0..100 {
            let grant = wechat.login(APP, "alice", i * 100).unwrap();
            wechat
                .code_to_session(&query(APP, SECRET, &grant.code), i * 100)
                .unwrap();
        }
        // Other users keep their own quota.
        let bob = wechat.login(APP, "bob", 10_000).unwrap();
        wechat
            .code_to_session(&query(APP, SECRET, &bob.code), 10_000)
            .unwrap();

        let grant = wechat.login(APP, "alice", 10_000).unwrap();
        let q = query(APP, SECRET, &grant.code);
        fails_with(
            &mut wechat,
            &q,
            10_000,
            45011,
            "api minute-quota reach limit mustslower retry next minute",
        );
        assert_eq!(
            wechat.codes(APP, "alice", 10_000)[0].state,
            CodeState::Valid,
            "a refused call keeps the code"
        );
        // The window is (now - 60 s, now]; refused calls are not counted, so at 59_999 it
        // still holds the 100 calls from 0 on, and at 60_000 the call at 0 has left it.
        fails_with(
            &mut wechat,
            &q,
            59_999,
            45011,
            "api minute-quota reach limit mustslower retry next minute",
        );
        wechat.code_to_session(&q, 60_000).unwrap();
        // That call filled the freed slot; the call at 100 leaves only at 60_100.
        let grant = wechat.login(APP, "alice", 60_050).unwrap();
        fails_with(
            &mut wechat,
            &query(APP, SECRET, &grant.code),
            60_050,
            45011,
            "api minute-quota reach limit mustslower retry next minute",
        );
        // A minute after the burst, every call passes again.
        for i in 0..50 {
            let now = 130_000 + i;
            let grant = wechat.login(APP, "alice", now).unwrap();
            wechat
                .code_to_session(&query(APP, SECRET, &grant.code), now)
                .unwrap();
        }
    }

    #[test]
    fn the_quota_counts_invalid_codes_of_the_user() {
        let config = StandInConfig {
            rate_limit_per_minute: 2,
            ..StandInConfig::default()
        };
        let mut wechat = WeChatStandIn::new(config, Box::new(SeededRandom::new(3)));
        wechat
            .register_app(AppRegistration {
                appid: APP.into(),
                secret: SECRET.into(),
                unionid: false,
            })
            .unwrap();
        let used = wechat.login(APP, "alice", 0).unwrap();
        wechat
            .code_to_session(&query(APP, SECRET, &used.code), 0)
            .unwrap();
        fails_with(
            &mut wechat,
            &query(APP, SECRET, &used.code),
            1,
            40029,
            "invalid code",
        );
        let fresh = wechat.login(APP, "alice", 2).unwrap();
        let q = query(APP, SECRET, &fresh.code);
        fails_with(
            &mut wechat,
            &q,
            3,
            45011,
            "api minute-quota reach limit mustslower retry next minute",
        );
        // Unknown codes identify no user and so do not count.
        for _ in 0..5 {
            fails_with(
                &mut wechat,
                &query(APP, SECRET, "unknown"),
                60_001,
                40029,
                "invalid code",
            );
        }
        // The refused call at 3 was not counted: the call at 0 leaves the window at 60_000,
        // leaving one slot.
        fails_with(
            &mut wechat,
            &q,
            59_999,
            45011,
            "api minute-quota reach limit mustslower retry next minute",
        );
        wechat.code_to_session(&q, 60_000).unwrap();
    }

    #[test]
    fn blocked_users_codes_are_refused() {
        let mut wechat = stand_in(1);
        wechat
            .set_user(
                APP,
                "mallory",
                UserFlags {
                    blocked: true,
                    tester: true,
                },
            )
            .unwrap();
        assert_eq!(
            wechat.user_flags(APP, "mallory"),
            UserFlags {
                blocked: true,
                tester: true
            }
        );
        assert_eq!(wechat.user_flags(APP, "alice"), UserFlags::default());
        let grant = wechat.login(APP, "mallory", 0).unwrap();
        let q = query(APP, SECRET, &grant.code);
        fails_with(&mut wechat, &q, 1, 40226, "code blocked");
        wechat
            .set_user(APP, "mallory", UserFlags::default())
            .unwrap();
        wechat.code_to_session(&q, 2).unwrap();
    }

    #[test]
    fn openid_is_stable_and_per_app_and_user() {
        let mut one = stand_in(1);
        let mut two = stand_in(99);
        let a = one.login(APP, "alice", 0).unwrap();
        let b = two.login(APP, "alice", 0).unwrap();
        assert_ne!(a.code, b.code);
        let sa = one
            .code_to_session(&query(APP, SECRET, &a.code), 1)
            .unwrap();
        let sb = two
            .code_to_session(&query(APP, SECRET, &b.code), 1)
            .unwrap();
        assert_eq!(sa.openid, sb.openid);
        assert_ne!(sa.session_key, sb.session_key);

        let bob = one.login(APP, "bob", 0).unwrap();
        let bob = one
            .code_to_session(&query(APP, SECRET, &bob.code), 1)
            .unwrap();
        let elsewhere = one.login(OTHER, "alice", 0).unwrap();
        let elsewhere = one
            .code_to_session(&query(OTHER, OTHER_SECRET, &elsewhere.code), 1)
            .unwrap();
        let ids: HashSet<_> = [&sa.openid, &bob.openid, &elsewhere.openid]
            .into_iter()
            .collect();
        assert_eq!(ids.len(), 3);
    }

    #[test]
    fn unionid_only_when_configured_and_shared_across_apps() {
        let mut wechat = stand_in(1);
        wechat
            .register_app(AppRegistration {
                appid: "wxapp3".into(),
                secret: "secret3".into(),
                unionid: true,
            })
            .unwrap();
        let mut exchange = |appid: &str, secret: &str, user: &str| {
            let grant = wechat.login(appid, user, 0).unwrap();
            wechat
                .code_to_session(&query(appid, secret, &grant.code), 1)
                .unwrap()
        };
        let plain = exchange(APP, SECRET, "alice");
        let two = exchange(OTHER, OTHER_SECRET, "alice");
        let three = exchange("wxapp3", "secret3", "alice");
        let bob = exchange("wxapp3", "secret3", "bob");
        assert_eq!(plain.unionid, None);
        let unionid = two.unionid.unwrap();
        assert_eq!(unionid.len(), 28);
        assert!(unionid.starts_with('u'));
        assert_eq!(three.unionid.as_ref(), Some(&unionid));
        assert_ne!(bob.unionid.as_ref(), Some(&unionid));
        assert_ne!(two.openid, three.openid);
    }

    #[test]
    fn session_key_rotates_only_after_the_minimum_period() {
        let mut wechat = stand_in(1);
        let first = wechat.login(APP, "alice", 0).unwrap();
        let key1 = wechat
            .code_to_session(&query(APP, SECRET, &first.code), 1)
            .unwrap()
            .session_key;
        let soon = wechat
            .login(APP, "alice", DEFAULT_ROTATION_MIN_MS - 1)
            .unwrap();
        assert_eq!(soon.generation, first.generation);
        let key2 = wechat
            .code_to_session(&query(APP, SECRET, &soon.code), DEFAULT_ROTATION_MIN_MS - 1)
            .unwrap()
            .session_key;
        assert_eq!(key1, key2);
        wechat
            .check_session(APP, "alice", first.generation, DEFAULT_ROTATION_MIN_MS)
            .unwrap();

        let later = wechat.login(APP, "alice", DEFAULT_ROTATION_MIN_MS).unwrap();
        assert_eq!(later.generation, first.generation + 1);
        let err = wechat
            .check_session(APP, "alice", first.generation, DEFAULT_ROTATION_MIN_MS + 1)
            .unwrap_err();
        assert_eq!(err, CheckSessionError::Rotated);
        assert_eq!(err.to_string(), "session time out, need relogin");
        wechat
            .check_session(APP, "alice", later.generation, DEFAULT_ROTATION_MIN_MS + 1)
            .unwrap();
        let key3 = wechat
            .code_to_session(
                &query(APP, SECRET, &later.code),
                DEFAULT_ROTATION_MIN_MS + 2,
            )
            .unwrap()
            .session_key;
        assert_ne!(key3, key1);
    }

    #[test]
    fn exchange_returns_the_current_key_after_a_rotation() {
        // A code issued before a rotation still yields the current key.
        let config = StandInConfig {
            rotation_min_ms: 1_000,
            ..StandInConfig::default()
        };
        let mut wechat = WeChatStandIn::new(config, Box::new(SeededRandom::new(5)));
        wechat
            .register_app(AppRegistration {
                appid: APP.into(),
                secret: SECRET.into(),
                unionid: false,
            })
            .unwrap();
        let old = wechat.login(APP, "alice", 0).unwrap();
        let newer = wechat.login(APP, "alice", 1_000).unwrap();
        assert_eq!(newer.generation, old.generation + 1);
        let a = wechat
            .code_to_session(&query(APP, SECRET, &old.code), 1_001)
            .unwrap();
        let b = wechat
            .code_to_session(&query(APP, SECRET, &newer.code), 1_002)
            .unwrap();
        assert_eq!(a.session_key, b.session_key);
    }

    #[test]
    fn check_session_fails_after_idling() {
        let mut wechat = stand_in(1);
        assert_eq!(
            wechat.check_session(APP, "alice", 1, 0),
            Err(CheckSessionError::NoSession)
        );
        let grant = wechat.login(APP, "alice", 0).unwrap();
        // Exactly the idle limit is still fine, and refreshes the clock.
        wechat
            .check_session(APP, "alice", grant.generation, DEFAULT_SESSION_IDLE_MS)
            .unwrap();
        let t = 2 * DEFAULT_SESSION_IDLE_MS;
        wechat
            .check_session(APP, "alice", grant.generation, t)
            .unwrap();
        assert_eq!(
            wechat.check_session(APP, "alice", grant.generation, 2 * t + 1),
            Err(CheckSessionError::Idle)
        );
        // A successful exchange also counts as activity.
        let now = 3 * t;
        let grant = wechat.login(APP, "alice", now).unwrap();
        assert_eq!(
            grant.generation, 2,
            "an idle session gets a new key at login"
        );
        wechat
            .code_to_session(&query(APP, SECRET, &grant.code), now + 1_000)
            .unwrap();
        let info = wechat.session_info(APP, "alice", now + 1_000).unwrap();
        assert_eq!(info.idle_ms, 0);
        wechat
            .check_session(
                APP,
                "alice",
                grant.generation,
                now + 1_000 + DEFAULT_SESSION_IDLE_MS,
            )
            .unwrap();
    }

    #[test]
    fn codes_report_states_newest_first_and_stay_bounded() {
        let mut wechat = stand_in(1);
        let used = wechat.login(APP, "alice", 0).unwrap();
        let expired = wechat.login(APP, "alice", 0).unwrap();
        let valid = wechat.login(APP, "alice", 100_000).unwrap();
        wechat
            .code_to_session(&query(APP, SECRET, &used.code), 1)
            .unwrap();
        let codes = wechat.codes(APP, "alice", DEFAULT_CODE_TTL_MS);
        let seen: Vec<_> = codes
            .iter()
            .map(|c| (c.code.as_str(), c.issued_at_ms, c.state))
            .collect();
        assert_eq!(
            seen,
            vec![
                (valid.code.as_str(), 100_000, CodeState::Valid),
                (expired.code.as_str(), 0, CodeState::Expired),
                (used.code.as_str(), 0, CodeState::Used),
            ]
        );
        assert!(wechat.codes(APP, "nobody", 0).is_empty());

        let mut issued = Vec::new();
        for i in 0..120 {
            issued.push(wechat.login(APP, "alice", 200_000 + i).unwrap().code);
        }
        let codes = wechat.codes(APP, "alice", 200_200);
        assert_eq!(codes.len(), MAX_CODES_PER_USER);
        assert_eq!(codes[0].code, issued[119]);
        assert_eq!(
            codes[MAX_CODES_PER_USER - 1].code,
            issued[120 - MAX_CODES_PER_USER]
        );
        // A forgotten code is an invalid code.
        fails_with(
            &mut wechat,
            &query(APP, SECRET, &issued[0]),
            200_200,
            40029,
            "invalid code",
        );
        wechat
            .code_to_session(&query(APP, SECRET, &issued[119]), 200_200)
            .unwrap();

        // Long-expired codes are forgotten at the next login.
        let far = 200_000 + 10 * DEFAULT_CODE_TTL_MS + 120;
        wechat.login(APP, "alice", far).unwrap();
        assert_eq!(wechat.codes(APP, "alice", far).len(), 1);
    }

    #[test]
    fn names_are_validated() {
        let mut wechat = stand_in(1);
        assert_eq!(
            wechat.login("", "alice", 0),
            Err(LoginError::InvalidAppid(String::new()))
        );
        assert_eq!(
            wechat.login(APP, "al ice", 0),
            Err(LoginError::InvalidUser("al ice".into()))
        );
        assert!(wechat.login(APP, &"u".repeat(65), 0).is_err());
        assert!(wechat.login(&"w".repeat(64), &"u".repeat(64), 0).is_ok());
        assert!(wechat.set_user(APP, "a/b", UserFlags::default()).is_err());
        assert!(wechat
            .register_app(AppRegistration {
                appid: "wx.bad".into(),
                secret: "s".into(),
                unionid: false,
            })
            .is_err());
    }

    #[test]
    fn seeded_runs_are_reproducible() {
        let run = |seed| {
            let mut wechat = stand_in(seed);
            let grant = wechat.login(APP, "alice", 0).unwrap();
            let err = wechat
                .code_to_session(&query(APP, "bad", &grant.code), 5_000)
                .unwrap_err();
            (grant.code, err.errmsg)
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Login(usize, usize),
        /// Exchange the n-th code issued so far (modulo), through app `usize`.
        Exchange(usize, usize),
        Advance(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0..2usize, 0..3usize).prop_map(|(a, u)| Op::Login(a, u)),
            (any::<usize>(), 0..2usize).prop_map(|(n, a)| Op::Exchange(n, a)),
            (0..200_000u64).prop_map(Op::Advance),
        ]
    }

    proptest! {
        #[test]
        fn no_code_is_ever_accepted_twice(ops in proptest::collection::vec(op(), 1..200), seed in any::<u64>()) {
            let config = StandInConfig { rate_limit_per_minute: 5, ..StandInConfig::default() };
            let mut wechat = WeChatStandIn::new(config, Box::new(SeededRandom::new(seed)));
            let apps = [(APP, SECRET), (OTHER, OTHER_SECRET)];
            for (appid, secret) in apps {
                wechat.register_app(AppRegistration { appid: appid.into(), secret: secret.into(), unionid: false }).unwrap();
            }
            let users = ["alice", "bob", "carol"];
            let mut now = 0u64;
            let mut issued: Vec<(String, usize, u64)> = Vec::new();
            let mut accepted = HashSet::new();
            for op in ops {
                match op {
                    Op::Login(a, u) => {
                        let grant = wechat.login(apps[a].0, users[u], now).unwrap();
                        issued.push((grant.code, a, now));
                    }
                    Op::Exchange(n, a) if !issued.is_empty() => {
                        let (code, owner, at) = issued[n % issued.len()].clone();
                        let result = wechat.code_to_session(&query(apps[a].0, apps[a].1, &code), now);
                        if let Ok(session) = result {
                            prop_assert_eq!(owner, a);
                            prop_assert!(now - at < DEFAULT_CODE_TTL_MS);
                            prop_assert!(accepted.insert(code), "accepted twice");
                            prop_assert_eq!(session.session_key.len(), 24);
                        }
                    }
                    Op::Exchange(..) => {}
                    Op::Advance(ms) => now += ms,
                }
            }
        }
    }
}
