#![allow(clippy::unwrap_used)]
//! The rules of `wx.request`: option checks and their messages, headers, how data is sent,
//! query encoding, the domain list, the ten-request limit and the background rule.

/// Named so that `cargo test network` selects these tests.
mod network {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use wxrt_core::errmsg::Failure;
    use wxrt_core::js_type::JsType;
    use wxrt_core::network::{
        append_query, body_encoding, encode_pairs, encode_uri_component, plan, timeout_or,
        Admission, BodyEncoding, DataKind, DomainError, DomainList, Method, NetworkConfig,
        NetworkState, Origin, RequestError, RequestInput, RequestQueue, ResponseType, Scheme,
        DEFAULT_TIMEOUT_MS, INTERRUPT_AFTER_MS, MAX_CONCURRENT_REQUESTS, MAX_TIMEOUT_MS,
    };
    use wxrt_core::project::NetworkTimeout;

    fn err_msg(error: RequestError) -> String {
        Failure::new("request", error).to_string()
    }

    fn plan_err(input: RequestInput<'_>) -> String {
        err_msg(plan(input, &NetworkConfig::default()).unwrap_err())
    }

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    // --- validation messages -------------------------------------------------------

    #[test]
    fn url_must_be_a_string() {
        for (ty, name) in [
            (JsType::Undefined, "Undefined"),
            (JsType::Number, "Number"),
            (JsType::Object, "Object"),
            (JsType::Null, "Null"),
        ] {
            let input = RequestInput {
                url: Err(ty),
                ..RequestInput::get("")
            };
            assert_eq!(
                plan_err(input),
                format!("request:fail parameter error: parameter.url should be String instead of {name};")
            );
        }
    }

    #[test]
    fn url_must_be_absolute_http() {
        for url in [
            "",
            "/api/items",
            "api.example.com/items",
            "ftp://example.com/file",
            "wss://example.com/socket",
            "https://",
            "http:///path",
            "https://example.com:99999/",
            "https://example.com:8a/",
            "https://exa mple.com/",
            "https://[::1/",
            "//example.com/items",
        ] {
            assert_eq!(
                plan_err(RequestInput::get(url)),
                format!("request:fail invalid url \"{url}\""),
                "{url}"
            );
        }
        for url in [
            "http://example.com",
            "https://example.com/a?b=c#d",
            "HTTPS://Example.COM:8443/",
            "https://user:pw@example.com/",
            "http://127.0.0.1:3000/api",
            "http://[::1]:8080/",
            "https://example.com?x=1",
            "https://例子.测试/",
        ] {
            assert!(
                plan(RequestInput::get(url), &NetworkConfig::default()).is_ok(),
                "{url}"
            );
        }
    }

    #[test]
    fn method_is_checked_and_upper_cased() {
        let config = NetworkConfig::default();
        for (given, method) in [
            (None, Method::Get),
            (Some("post"), Method::Post),
            (Some("Put"), Method::Put),
            (Some("DELETE"), Method::Delete),
            (Some("options"), Method::Options),
            (Some("head"), Method::Head),
            (Some("trace"), Method::Trace),
            (Some("connect"), Method::Connect),
        ] {
            let input = RequestInput {
                method: given,
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(plan(input, &config).unwrap().method, method);
        }
        assert_eq!(Method::Post.as_str(), "POST");
        for bad in ["PATCH", "", "GETS", " GET"] {
            let input = RequestInput {
                method: Some(bad),
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(
                plan_err(input),
                "request:fail parameter error: parameter.method should be one of OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT;"
            );
        }
    }

    #[test]
    fn response_type_is_text_or_arraybuffer() {
        let config = NetworkConfig::default();
        for (given, expected) in [
            (None, ResponseType::Text),
            (Some("text"), ResponseType::Text),
            (Some("arraybuffer"), ResponseType::ArrayBuffer),
        ] {
            let input = RequestInput {
                response_type: given,
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(plan(input, &config).unwrap().response_type, expected);
        }
        for bad in ["json", "ArrayBuffer", "blob", ""] {
            let input = RequestInput {
                response_type: Some(bad),
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(
                plan_err(input),
                "request:fail parameter error: parameter.responseType should be one of text, arraybuffer;"
            );
        }
    }

    #[test]
    fn parameter_errors_come_before_url_errors() {
        let input = RequestInput {
            method: Some("PATCH"),
            ..RequestInput::get("not a url")
        };
        assert_eq!(
            plan(input, &NetworkConfig::default()).unwrap_err(),
            RequestError::Method
        );
    }

    #[test]
    fn failure_texts_and_errnos() {
        assert_eq!(err_msg(RequestError::Timeout), "request:fail timeout");
        assert_eq!(err_msg(RequestError::Abort), "request:fail abort");
        assert_eq!(
            err_msg(RequestError::Interrupted),
            "request:fail interrupted"
        );
        assert_eq!(
            err_msg(RequestError::DomainNotAllowed),
            "request:fail url not in domain list"
        );
        assert_eq!(RequestError::DomainNotAllowed.errno(), Some(600_002));
        assert_eq!(RequestError::Interrupted.errno(), Some(600_003));
        assert_eq!(RequestError::Timeout.errno(), Some(5));
        assert_eq!(RequestError::Abort.errno(), None);
        assert_eq!(RequestError::Method.errno(), None);
    }

    #[test]
    fn data_type_json_parses() {
        let config = NetworkConfig::default();
        for (given, parse) in [
            (None, true),
            (Some("json"), true),
            (Some("text"), false),
            (Some("JSON"), false),
            (Some(""), false),
        ] {
            let input = RequestInput {
                data_type: given,
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(plan(input, &config).unwrap().parse_json, parse, "{given:?}");
        }
    }

    #[test]
    fn timeout_defaults() {
        assert_eq!(
            NetworkConfig::default().default_timeout_ms,
            DEFAULT_TIMEOUT_MS
        );
        assert_eq!(DEFAULT_TIMEOUT_MS, 60_000);
        let app = NetworkConfig::new(Some(10_000.0), DomainList::default());
        assert_eq!(app.default_timeout_ms, 10_000);
        assert_eq!(
            NetworkConfig::new(Some(-1.0), DomainList::default()).default_timeout_ms,
            60_000
        );
        for (given, expected) in [
            (None, 10_000),
            (Some(3000.0), 3000),
            (Some(0.0), 10_000),
            (Some(-5.0), 10_000),
            (Some(f64::NAN), 10_000),
            (Some(f64::INFINITY), 10_000),
            (Some(f64::NEG_INFINITY), 10_000),
            (Some(0.5), 1),
            (Some(1500.2), 1501),
            (Some(1e12), MAX_TIMEOUT_MS),
        ] {
            let input = RequestInput {
                timeout_ms: given,
                ..RequestInput::get("https://example.com/")
            };
            assert_eq!(plan(input, &app).unwrap().timeout_ms, expected, "{given:?}");
        }
        assert_eq!(timeout_or(Some(7.0), 1), 7);
        let parsed = NetworkTimeout {
            request: 15_000,
            ..NetworkTimeout::default()
        };
        let config = NetworkConfig::from_app_json(&parsed, DomainList::default());
        assert_eq!(config.default_timeout_ms, 15_000);
        let zero = NetworkTimeout {
            request: 0,
            ..NetworkTimeout::default()
        };
        let config = NetworkConfig::from_app_json(&zero, DomainList::default());
        assert_eq!(config.default_timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    // --- headers -------------------------------------------------------------------

    #[test]
    fn default_content_type_is_json() {
        let plan = plan(
            RequestInput::get("https://example.com/"),
            &NetworkConfig::default(),
        )
        .unwrap();
        assert_eq!(plan.headers, pairs(&[("content-type", "application/json")]));
        assert_eq!(plan.content_type(), Some("application/json"));
    }

    #[test]
    fn given_content_type_is_kept_in_any_case() {
        let input = RequestInput {
            headers: pairs(&[("X-Token", "t"), ("Content-Type", "text/plain")]),
            ..RequestInput::get("https://example.com/")
        };
        let plan = plan(input, &NetworkConfig::default()).unwrap();
        assert_eq!(
            plan.headers,
            pairs(&[("X-Token", "t"), ("Content-Type", "text/plain")])
        );
        assert_eq!(plan.content_type(), Some("text/plain"));
    }

    #[test]
    fn referer_is_dropped() {
        let input = RequestInput {
            headers: pairs(&[
                ("Referer", "https://evil/"),
                ("x-a", "1"),
                ("REFERER", "x"),
                ("referer", "y"),
            ]),
            ..RequestInput::get("https://example.com/")
        };
        let plan = plan(input, &NetworkConfig::default()).unwrap();
        assert_eq!(
            plan.headers,
            pairs(&[("x-a", "1"), ("content-type", "application/json")])
        );
    }

    // --- body encoding -------------------------------------------------------------

    #[test]
    fn body_encoding_cases() {
        use BodyEncoding as B;
        use DataKind as D;
        let json = Some("application/json");
        let form = Some("application/x-www-form-urlencoded");
        let form_charset = Some("Application/X-WWW-Form-URLEncoded; charset=UTF-8");
        let cases = [
            (Method::Get, json, D::Absent, B::None),
            (Method::Get, json, D::Object, B::QueryString),
            (Method::Get, form, D::Object, B::QueryString),
            (Method::Get, json, D::Text, B::QueryString),
            (Method::Get, json, D::Binary, B::None),
            (Method::Head, json, D::Object, B::QueryString),
            (Method::Head, None, D::Text, B::QueryString),
            (Method::Post, json, D::Absent, B::None),
            (Method::Post, json, D::Object, B::Json),
            (Method::Post, form, D::Object, B::FormUrlEncoded),
            (Method::Post, form_charset, D::Object, B::FormUrlEncoded),
            (Method::Post, Some("text/plain"), D::Object, B::Json),
            (Method::Post, None, D::Object, B::Json),
            (Method::Post, json, D::Text, B::Raw),
            (Method::Post, form, D::Text, B::Raw),
            (Method::Post, json, D::Binary, B::Raw),
            (Method::Put, form, D::Object, B::FormUrlEncoded),
            (Method::Put, json, D::Object, B::Json),
            (Method::Delete, form, D::Object, B::FormUrlEncoded),
            (Method::Delete, json, D::Object, B::Json),
            (Method::Options, json, D::Object, B::Json),
            (Method::Delete, json, D::Absent, B::None),
        ];
        for (method, content_type, data, expected) in cases {
            assert_eq!(
                body_encoding(method, content_type, data),
                expected,
                "{method:?} {content_type:?} {data:?}"
            );
        }
    }

    #[test]
    fn plan_decides_body_encoding_from_final_headers() {
        let config = NetworkConfig::default();
        let post = |headers, data_kind| RequestInput {
            method: Some("POST"),
            headers,
            data_kind,
            ..RequestInput::get("https://example.com/")
        };
        let default = plan(post(vec![], DataKind::Object), &config).unwrap();
        assert_eq!(default.body_encoding, BodyEncoding::Json);
        let form = pairs(&[("Content-Type", "application/x-www-form-urlencoded")]);
        let form = plan(post(form, DataKind::Object), &config).unwrap();
        assert_eq!(form.body_encoding, BodyEncoding::FormUrlEncoded);
        assert_eq!(form.fetch_url("a=1"), "https://example.com/");
        let text = RequestInput {
            data_kind: DataKind::Text,
            ..RequestInput::get("https://example.com/s?x=1#f")
        };
        let text = plan(text, &config).unwrap();
        assert_eq!(text.body_encoding, BodyEncoding::QueryString);
        assert_eq!(text.url, "https://example.com/s?x=1#f");
        assert_eq!(
            text.fetch_url("raw=a b"),
            "https://example.com/s?x=1&raw=a b#f"
        );
    }

    // --- encoding ------------------------------------------------------------------

    #[test]
    fn encode_uri_component_matches_javascript() {
        // Outputs of `encodeURIComponent` in Node.js.
        let table = [
            ("a b", "a%20b"),
            ("a+b", "a%2Bb"),
            ("a&b=c", "a%26b%3Dc"),
            ("=", "%3D"),
            ("100%", "100%25"),
            ("中文", "%E4%B8%AD%E6%96%87"),
            ("😀", "%F0%9F%98%80"),
            ("!'()*~", "!'()*~"),
            ("-_.", "-_."),
            ("/?#[]@", "%2F%3F%23%5B%5D%40"),
            (":;,$", "%3A%3B%2C%24"),
            ("\"<>\\^`{|}", "%22%3C%3E%5C%5E%60%7B%7C%7D"),
            ("tab\there", "tab%09here"),
            ("line\nbreak", "line%0Abreak"),
            ("é", "%C3%A9"),
            ("ü+ö", "%C3%BC%2B%C3%B6"),
            ("plain", "plain"),
            ("", ""),
            ("\u{0}", "%00"),
        ];
        for (input, expected) in table {
            assert_eq!(encode_uri_component(input), expected, "{input:?}");
        }
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(
            encode_uri_component(&ascii),
            "%00%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F%20!%22%23%24%25%26'()*%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F"
        );
    }

    #[test]
    fn encode_pairs_joins_in_order() {
        assert_eq!(encode_pairs(&[]), "");
        assert_eq!(encode_pairs(&pairs(&[("a", "1")])), "a=1");
        assert_eq!(
            encode_pairs(&pairs(&[
                ("name", "张 三"),
                ("q", "a+b&c=d"),
                ("emoji", "😀"),
                ("k y", ""),
                ("json", "{\"x\":[1,2]}"),
                ("mark", "!'()*~"),
            ])),
            "name=%E5%BC%A0%20%E4%B8%89&q=a%2Bb%26c%3Dd&emoji=%F0%9F%98%80&k%20y=&json=%7B%22x%22%3A%5B1%2C2%5D%7D&mark=!'()*~"
        );
    }

    #[test]
    fn append_query_cases() {
        let cases = [
            ("https://a.com/p", "x=1", "https://a.com/p?x=1"),
            ("https://a.com/p?y=2", "x=1", "https://a.com/p?y=2&x=1"),
            ("https://a.com/p?", "x=1", "https://a.com/p?x=1"),
            ("https://a.com/p?y=2&", "x=1", "https://a.com/p?y=2&x=1"),
            ("https://a.com/p#frag", "x=1", "https://a.com/p?x=1#frag"),
            (
                "https://a.com/p?y=2#frag",
                "x=1",
                "https://a.com/p?y=2&x=1#frag",
            ),
            (
                "https://a.com/p#frag?notquery",
                "x=1",
                "https://a.com/p?x=1#frag?notquery",
            ),
            ("https://a.com", "x=1", "https://a.com?x=1"),
            ("https://a.com/p?y=2#f", "", "https://a.com/p?y=2#f"),
        ];
        for (url, query, expected) in cases {
            assert_eq!(append_query(url, query), expected, "{url} + {query}");
        }
    }

    // --- domain list ---------------------------------------------------------------

    #[test]
    fn domain_entries_parse() {
        let list = DomainList::parse(&[
            "https://api.example.com",
            "https://API.Example.com:8443",
            "http://localhost:3000/",
            "https://[::1]",
        ])
        .unwrap();
        assert_eq!(
            list.origins(),
            &[
                Origin {
                    scheme: Scheme::Https,
                    host: "api.example.com".into(),
                    port: 443
                },
                Origin {
                    scheme: Scheme::Https,
                    host: "api.example.com".into(),
                    port: 8443
                },
                Origin {
                    scheme: Scheme::Http,
                    host: "localhost".into(),
                    port: 3000
                },
                Origin {
                    scheme: Scheme::Https,
                    host: "[::1]".into(),
                    port: 443
                },
            ]
        );
        for bad in [
            "api.example.com",
            "wss://api.example.com",
            "https://",
            "https://api.example.com/v1",
            "https://api.example.com?x",
            "https://api.example.com:70000",
            "https://user@api.example.com",
            "",
        ] {
            let error = DomainList::parse(&["https://ok.example.com", bad]).unwrap_err();
            assert_eq!(error, DomainError::InvalidEntry(bad.to_string()));
            assert_eq!(
                error.to_string(),
                format!("invalid request domain \"{bad}\": scheme://host[:port] expected")
            );
        }
    }

    #[test]
    fn domain_matching() {
        let list =
            DomainList::parse(&["https://api.example.com", "https://files.example.com:8443"])
                .unwrap();
        for url in [
            "https://api.example.com/v1/items",
            "https://API.EXAMPLE.COM/",
            "HTTPS://api.example.com",
            "https://api.example.com:443/x",
            "https://api.example.com?x=1",
            "https://files.example.com:8443/f",
            "https://user:pw@api.example.com/",
        ] {
            assert_eq!(list.check(url), Ok(()), "{url}");
        }
        for url in [
            "http://api.example.com/",
            "https://api.example.com:8443/",
            "https://files.example.com/f",
            "https://other.example.com/",
            "https://example.com/",
            "https://api.example.com.evil.com/",
            "https://evil.com/api.example.com",
            "https://api.example.com@evil.com/",
        ] {
            assert_eq!(
                list.check(url),
                Err(RequestError::DomainNotAllowed),
                "{url}"
            );
        }
        assert_eq!(
            list.check("/relative"),
            Err(RequestError::InvalidUrl("/relative".into()))
        );
        let http = DomainList::parse(&["http://api.example.com"]).unwrap();
        assert!(http.check("http://api.example.com:80/").is_ok());
        assert!(http.check("https://api.example.com/").is_err());
    }

    #[test]
    fn empty_domain_list_allows_everything() {
        let list = DomainList::parse::<&str>(&[]).unwrap();
        assert!(list.is_empty());
        assert_eq!(list, DomainList::allow_all());
        assert!(list.check("http://anything.example:1234/x").is_ok());
        assert!(list.check("ftp://x").is_err());
    }

    #[test]
    fn plan_checks_the_domain_list() {
        let config = NetworkConfig::new(
            None,
            DomainList::parse(&["https://api.example.com"]).unwrap(),
        );
        assert!(plan(RequestInput::get("https://api.example.com/a"), &config).is_ok());
        let error = plan(RequestInput::get("https://b.example.com/a"), &config).unwrap_err();
        assert_eq!(err_msg(error), "request:fail url not in domain list");
    }

    // --- queue ---------------------------------------------------------------------

    #[test]
    fn ten_start_and_the_eleventh_waits() {
        assert_eq!(MAX_CONCURRENT_REQUESTS, 10);
        let mut queue = RequestQueue::new();
        for id in 1..=10 {
            assert_eq!(queue.submit(id), Admission::Start);
        }
        assert_eq!(queue.submit(11), Admission::Queued);
        assert_eq!(queue.submit(12), Admission::Queued);
        assert_eq!((queue.len_active(), queue.len_waiting()), (10, 2));
        assert_eq!(queue.finish(3), vec![11]);
        assert!(queue.is_active(11));
        assert_eq!((queue.len_active(), queue.len_waiting()), (10, 1));
        assert_eq!(queue.finish(99), Vec::<u64>::new());
        assert_eq!(queue.finish(3), Vec::<u64>::new());
    }

    #[test]
    fn aborting_a_queued_request_removes_it() {
        let mut queue = RequestQueue::new();
        for id in 0..10 {
            queue.submit(id);
        }
        queue.submit(10);
        queue.submit(11);
        queue.submit(12);
        assert_eq!(queue.finish(11), Vec::<u64>::new());
        assert_eq!((queue.len_active(), queue.len_waiting()), (10, 2));
        assert_eq!(queue.finish(0), vec![10]);
        assert_eq!(queue.finish(1), vec![12]);
        assert_eq!(queue.finish(2), Vec::<u64>::new());
        assert_eq!((queue.len_active(), queue.len_waiting()), (9, 0));
    }

    #[test]
    fn waiting_requests_start_in_order() {
        let mut queue = RequestQueue::new();
        for id in 0..10 {
            queue.submit(id);
        }
        for id in 100..105 {
            assert_eq!(queue.submit(id), Admission::Queued);
        }
        let started: Vec<u64> = (0..5).flat_map(|id| queue.finish(id)).collect();
        assert_eq!(started, vec![100, 101, 102, 103, 104]);
    }

    #[test]
    fn duplicate_submit_and_drain() {
        let mut queue = RequestQueue::new();
        for id in 0..11 {
            queue.submit(id);
        }
        assert_eq!(queue.submit(4), Admission::Start);
        assert_eq!(queue.submit(10), Admission::Queued);
        assert_eq!((queue.len_active(), queue.len_waiting()), (10, 1));
        assert_eq!(queue.drain(), (0..11).collect::<Vec<_>>());
        assert_eq!((queue.len_active(), queue.len_waiting()), (0, 0));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Submit,
        Finish(usize),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![Just(Op::Submit), (0usize..64).prop_map(Op::Finish)]
    }

    proptest! {
        #[test]
        fn queue_never_exceeds_ten_and_starts_each_once(ops in proptest::collection::vec(op(), 0..200)) {
            let mut queue = RequestQueue::new();
            let mut next_id = 0u64;
            let mut submitted = Vec::new();
            let mut started: Vec<u64> = Vec::new();
            let mut aborted_waiting = HashSet::new();
            let mut waiting = Vec::new();
            for op in ops {
                match op {
                    Op::Submit => {
                        let id = next_id;
                        next_id += 1;
                        submitted.push(id);
                        match queue.submit(id) {
                            Admission::Start => started.push(id),
                            Admission::Queued => waiting.push(id),
                        }
                    }
                    Op::Finish(pick) => {
                        if submitted.is_empty() {
                            continue;
                        }
                        let id = submitted[pick % submitted.len()];
                        let was_waiting = waiting.contains(&id);
                        let now = queue.finish(id);
                        if was_waiting {
                            prop_assert!(now.is_empty());
                            aborted_waiting.insert(id);
                        }
                        waiting.retain(|w| *w != id && !now.contains(w));
                        // Started ids are the oldest waiting ones.
                        started.extend(now);
                    }
                }
                prop_assert!(queue.len_active() <= MAX_CONCURRENT_REQUESTS);
                prop_assert_eq!(queue.len_waiting(), waiting.len());
                if queue.len_waiting() > 0 {
                    prop_assert_eq!(queue.len_active(), MAX_CONCURRENT_REQUESTS);
                }
            }
            // Drain the rest by finishing active requests until nothing waits.
            while queue.len_active() > 0 {
                let active: Vec<u64> = submitted.iter().copied().filter(|id| queue.is_active(*id)).collect();
                for id in active {
                    started.extend(queue.finish(id));
                }
            }
            let unique: HashSet<u64> = started.iter().copied().collect();
            prop_assert_eq!(unique.len(), started.len());
            for id in submitted {
                prop_assert_eq!(unique.contains(&id), !aborted_waiting.contains(&id));
            }
            // FIFO: ids start in submission order.
            prop_assert!(started.windows(2).all(|w| w[0] < w[1]));
        }
    }

    // --- background ----------------------------------------------------------------

    #[test]
    fn interrupt_fires_once_at_five_seconds() {
        assert_eq!(INTERRUPT_AFTER_MS, 5000);
        let mut state = NetworkState::new();
        assert!(!state.interrupt_due(10_000));
        assert_eq!(state.hide(1000), 6000);
        assert_eq!(state.interrupt_deadline(), Some(6000));
        assert!(!state.interrupt_due(1000 + 4999));
        assert!(state.interrupt_due(1000 + 5000));
        assert!(!state.interrupt_due(1000 + 5001));
        assert_eq!(state.interrupt_deadline(), None);
        assert!(!state.show(7000));
        assert!(!state.interrupt_due(20_000));
    }

    #[test]
    fn late_timer_still_interrupts() {
        let mut state = NetworkState::new();
        state.hide(0);
        assert!(state.interrupt_due(60_000));
        let mut state = NetworkState::new();
        state.hide(0);
        // The throttled timer never ran: showing after the deadline reports it.
        assert!(state.show(9000));
        assert!(!state.is_hidden());
    }

    #[test]
    fn showing_before_five_seconds_cancels() {
        let mut state = NetworkState::new();
        state.hide(0);
        assert!(!state.show(4999));
        assert_eq!(state.interrupt_deadline(), None);
        assert!(!state.interrupt_due(5000));
        // Hidden again: the stale timer at 5000 does nothing, the new one at 11000 fires.
        assert_eq!(state.hide(6000), 11_000);
        assert!(!state.interrupt_due(5000));
        assert!(!state.interrupt_due(10_999));
        assert!(state.interrupt_due(11_000));
    }

    #[test]
    fn hiding_twice_keeps_the_first_time() {
        let mut state = NetworkState::new();
        assert_eq!(state.hide(100), 5100);
        assert_eq!(state.hide(3000), 5100);
        assert!(state.interrupt_due(5100));
    }

    #[test]
    fn requests_are_refused_while_hidden() {
        let mut state = NetworkState::new();
        assert_eq!(state.accepts(), Ok(()));
        state.hide(0);
        assert!(state.is_hidden());
        let refused = state.accepts().unwrap_err();
        assert_eq!(err_msg(refused), "request:fail interrupted");
        state.interrupt_due(5000);
        assert_eq!(state.accepts(), Err(RequestError::Interrupted));
        state.show(8000);
        assert_eq!(state.accepts(), Ok(()));
    }
}
