//! The WeChat stand-in over HTTP, driven in-process: `jscode2session` as WeChat
//! answers it, the page's login endpoints, and how `wxrt serve` sets it up for a
//! project without ever letting the secret out.

#![allow(clippy::unwrap_used)]

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::header::CONTENT_TYPE;
use axum::http::{Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};
use tempfile::TempDir;
use wxrt_cli::project::Project;
use wxrt_cli::wechat::{self, ProjectSetup, StandIn};
use wxrt_core::login::AppRegistration;

mod common;
use common::{get, post_json, send, Reply};

const APPID: &str = "wx0123456789abcdef";
const SECRET: &str = "s3cret-never-shown";
const T0: u64 = 1_700_000_000_000;

/// A stand-in with two apps (the second answers unionids) on a clock tests move.
struct Standalone {
    app: Router,
    now: Arc<AtomicU64>,
}

impl Standalone {
    fn new() -> Self {
        let stand_in = StandIn::new(vec![
            AppRegistration {
                appid: APPID.to_owned(),
                secret: SECRET.to_owned(),
                unionid: false,
            },
            AppRegistration {
                appid: "wxunion".to_owned(),
                secret: "union-secret".to_owned(),
                unionid: true,
            },
        ]);
        let now = Arc::new(AtomicU64::new(T0));
        let clock = Arc::clone(&now);
        let app =
            wechat::routes_with_clock(stand_in, Arc::new(move || clock.load(Ordering::SeqCst)));
        Self { app, now }
    }

    fn advance(&self, ms: u64) {
        self.now.fetch_add(ms, Ordering::SeqCst);
    }

    async fn login(&self, appid: &str, user: &str) -> (String, u64) {
        login(&self.app, appid, user).await
    }
}

async fn login(app: &Router, appid: &str, user: &str) -> (String, u64) {
    let reply = post_json(
        app.clone(),
        "/__wxrt/wechat/login",
        json!({ "appid": appid, "user": user }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    let json = reply.json();
    assert_eq!(json.as_object().unwrap().len(), 2, "{json}");
    (
        json["code"].as_str().unwrap().to_owned(),
        json["generation"].as_u64().unwrap(),
    )
}

async fn exchange(app: &Router, appid: &str, secret: &str, code: &str) -> Reply {
    let uri = format!(
        "/sns/jscode2session?appid={appid}&secret={secret}&js_code={code}&grant_type=authorization_code"
    );
    let reply = get(app.clone(), &uri).await;
    // WeChat answers 200 whatever happened; the body says.
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    reply
}

/// The errcode of a failed exchange, checking the body's shape on the way.
fn errcode(reply: &Reply) -> i64 {
    let json = reply.json();
    let object = json.as_object().unwrap();
    assert_eq!(object.len(), 2, "{json}");
    assert!(
        object["errmsg"].as_str().unwrap().contains(", rid: "),
        "{json}"
    );
    object["errcode"].as_i64().unwrap()
}

#[tokio::test]
async fn a_code_is_exchanged_once() {
    let wechat = Standalone::new();
    let (code, generation) = wechat.login(APPID, "alice").await;
    assert_eq!(code.len(), 32);
    assert_eq!(generation, 1);

    let reply = exchange(&wechat.app, APPID, SECRET, &code).await;
    let json = reply.json();
    let object = json.as_object().unwrap();
    assert_eq!(
        object.keys().collect::<Vec<_>>(),
        ["openid", "session_key"],
        "no errcode and no unionid: {json}"
    );
    assert_eq!(
        object["openid"],
        wxrt_core::login::openid(APPID, "alice").as_str()
    );
    assert_eq!(object["session_key"].as_str().unwrap().len(), 24);

    let again = exchange(&wechat.app, APPID, SECRET, &code).await;
    assert_eq!(errcode(&again), 40029);
    assert!(again.json()["errmsg"]
        .as_str()
        .unwrap()
        .starts_with("invalid code, rid: "));
}

#[tokio::test]
async fn unionid_is_answered_when_the_app_has_it() {
    let wechat = Standalone::new();
    let (code, _) = wechat.login("wxunion", "bob").await;
    let json = exchange(&wechat.app, "wxunion", "union-secret", &code)
        .await
        .json();
    assert_eq!(json["unionid"], wxrt_core::login::unionid("bob").as_str());
    assert_eq!(json.as_object().unwrap().len(), 3, "{json}");
}

#[tokio::test]
async fn jscode2session_refuses_as_wechat_does() {
    let wechat = Standalone::new();
    let (code, _) = wechat.login(APPID, "alice").await;
    let cases = [
        (
            format!("secret={SECRET}&js_code={code}&grant_type=authorization_code"),
            41002,
        ),
        (
            format!("appid={APPID}&js_code={code}&grant_type=authorization_code"),
            41004,
        ),
        (
            format!("appid={APPID}&secret={SECRET}&js_code=&grant_type=authorization_code"),
            41008,
        ),
        (
            format!("appid={APPID}&secret={SECRET}&js_code={code}"),
            40002,
        ),
        (
            format!("appid={APPID}&secret={SECRET}&js_code={code}&grant_type=client_credential"),
            40002,
        ),
        (
            format!("appid=wxnobody&secret={SECRET}&js_code={code}&grant_type=authorization_code"),
            40013,
        ),
        (
            format!("appid={APPID}&secret=wrong&js_code={code}&grant_type=authorization_code"),
            40125,
        ),
        (
            format!(
                "appid={APPID}&secret={SECRET}&js_code=nosuchcode&grant_type=authorization_code"
            ),
            40029,
        ),
        // Another app's code is no code of this one.
        (
            format!(
                "appid=wxunion&secret=union-secret&js_code={code}&grant_type=authorization_code"
            ),
            40029,
        ),
    ];
    for (query, expected) in cases {
        let reply = get(wechat.app.clone(), &format!("/sns/jscode2session?{query}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{query}");
        assert_eq!(errcode(&reply), expected, "{query}: {}", reply.text());
    }
    // None of those used the code up.
    let reply = exchange(&wechat.app, APPID, SECRET, &code).await;
    assert!(reply.json().get("openid").is_some(), "{}", reply.text());
}

#[tokio::test]
async fn parameters_are_percent_decoded() {
    let wechat = Standalone::new();
    let (code, _) = wechat.login(APPID, "alice").await;
    let encoded: String = code.bytes().map(|byte| format!("%{byte:02X}")).collect();
    let reply = exchange(&wechat.app, APPID, SECRET, &encoded).await;
    assert!(reply.json().get("openid").is_some(), "{}", reply.text());
}

#[tokio::test]
async fn codes_expire() {
    let wechat = Standalone::new();
    let (code, _) = wechat.login(APPID, "alice").await;
    wechat.advance(wxrt_core::login::DEFAULT_CODE_TTL_MS);
    assert_eq!(
        errcode(&exchange(&wechat.app, APPID, SECRET, &code).await),
        40029
    );
}

#[tokio::test]
async fn jscode2session_is_get_only_and_case_sensitive() {
    let wechat = Standalone::new();
    let query = format!("appid={APPID}&secret={SECRET}&js_code=x&grant_type=authorization_code");
    let post = send(
        wechat.app.clone(),
        Request::post(format!("/sns/jscode2session?{query}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    let upper = get(wechat.app.clone(), &format!("/SNS/jscode2session?{query}")).await;
    assert_eq!(upper.status, StatusCode::NOT_FOUND);
    let mixed = get(wechat.app.clone(), &format!("/sns/JsCode2Session?{query}")).await;
    assert_eq!(mixed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn login_refuses_bad_requests_with_a_message() {
    let wechat = Standalone::new();
    for (body, needle) in [
        ("{", "bad request body: "),
        ("[]", "bad request body: "),
        (r#"{"appid": "wx1"}"#, "missing field `user`"),
        (r#"{"appid": "wx1", "user": 3}"#, "bad request body: "),
        (r#"{"appid": "wx1", "user": "a b"}"#, "invalid user \"a b\""),
        (r#"{"appid": "", "user": "alice"}"#, "invalid appid"),
    ] {
        let reply = post_json(wechat.app.clone(), "/__wxrt/wechat/login", body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(reply.header(CONTENT_TYPE), "application/json");
        let json = reply.json();
        assert_eq!(json.as_object().unwrap().len(), 1, "{json}");
        assert!(
            json["error"].as_str().unwrap().contains(needle),
            "{body}: {json}"
        );
    }
    let get_login = get(wechat.app.clone(), "/__wxrt/wechat/login").await;
    assert_eq!(get_login.status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn check_session_follows_the_latest_login() {
    let wechat = Standalone::new();
    let check = |generation: Value, user: &str| {
        let app = wechat.app.clone();
        let body = json!({ "appid": APPID, "user": user, "generation": generation });
        async move { post_json(app, "/__wxrt/wechat/check-session", body).await }
    };

    let never = check(json!(1), "carol").await;
    assert_eq!(never.status, StatusCode::OK);
    assert_eq!(
        never.json(),
        json!({ "ok": false, "reason": "session time out, need relogin", "cause": "noSession" })
    );

    let (_, first) = wechat.login(APPID, "carol").await;
    assert_eq!(
        check(json!(first), "carol").await.json(),
        json!({ "ok": true })
    );

    // A login once the key is old enough rotates it: the earlier generation is stale.
    wechat.advance(wxrt_core::login::DEFAULT_ROTATION_MIN_MS);
    let (_, second) = wechat.login(APPID, "carol").await;
    assert_eq!(second, first + 1);
    assert_eq!(
        check(json!(first), "carol").await.json()["cause"],
        "rotated"
    );
    assert_eq!(
        check(json!(second), "carol").await.json(),
        json!({ "ok": true })
    );

    wechat.advance(wxrt_core::login::DEFAULT_SESSION_IDLE_MS + 1);
    let idle = check(json!(second), "carol").await.json();
    assert_eq!(idle["ok"], false);
    assert_eq!(idle["reason"], "session time out, need relogin");
    assert_eq!(idle["cause"], "idle");

    for body in [
        "{",
        r#"{"appid": "wx1", "user": "carol"}"#,
        r#"{"appid": "wx1", "user": "carol", "generation": -1}"#,
    ] {
        let reply = post_json(wechat.app.clone(), "/__wxrt/wechat/check-session", body).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{body}");
        assert!(reply.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("bad request body: "));
    }
}

#[tokio::test]
async fn state_shows_codes_and_session_without_the_key() {
    let wechat = Standalone::new();
    let empty = get(
        wechat.app.clone(),
        &format!("/__wxrt/wechat/state?appid={APPID}&user=dave"),
    )
    .await;
    assert_eq!(empty.status, StatusCode::OK);
    assert_eq!(empty.json(), json!({ "codes": [], "session": null }));

    let (used, _) = wechat.login(APPID, "dave").await;
    let session_key = exchange(&wechat.app, APPID, SECRET, &used).await.json()["session_key"]
        .as_str()
        .unwrap()
        .to_owned();
    wechat.advance(1_000);
    let (expired, _) = wechat.login(APPID, "dave").await;
    wechat.advance(wxrt_core::login::DEFAULT_CODE_TTL_MS);
    let (valid, _) = wechat.login(APPID, "dave").await;
    wechat.advance(250);

    let reply = get(
        wechat.app.clone(),
        &format!("/__wxrt/wechat/state?appid={APPID}&user=dave"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    assert!(!reply.text().contains(&session_key), "{}", reply.text());
    let ttl = wxrt_core::login::DEFAULT_CODE_TTL_MS;
    assert_eq!(
        reply.json(),
        json!({
            "codes": [
                { "code": valid, "issuedAt": T0 + 1_000 + ttl, "state": "valid" },
                { "code": expired, "issuedAt": T0 + 1_000, "state": "expired" },
                { "code": used, "issuedAt": T0, "state": "used" },
            ],
            // The third login came when the key was old enough to rotate.
            "session": { "generation": 2, "keyAgeMs": 250, "idleMs": 250 },
        })
    );

    for query in ["", "?appid=wx1", "?user=dave", "?appid=&user=dave"] {
        let reply = get(wechat.app.clone(), &format!("/__wxrt/wechat/state{query}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert!(reply.json()["error"]
            .as_str()
            .unwrap()
            .contains("appid and user"));
    }
}

/// Eight tasks race over the same 200 codes through the router: each code is accepted
/// exactly once, whoever gets there first.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_exchanges_accept_each_code_once() {
    const CODES: usize = 200;
    const TASKS: usize = 8;
    let started = Instant::now();
    let wechat = Standalone::new();
    let mut codes = Vec::with_capacity(CODES);
    for user in 0..CODES {
        // One user per code keeps every user under the per-minute quota.
        codes.push(wechat.login(APPID, &format!("user-{user}")).await.0);
    }
    let codes = Arc::new(codes);
    let mut tasks = Vec::new();
    for task in 0..TASKS {
        let app = wechat.app.clone();
        let codes = Arc::clone(&codes);
        tasks.push(tokio::spawn(async move {
            let mut accepted = Vec::new();
            for index in 0..CODES {
                // Each task walks the codes from a different place, so they collide.
                let code = &codes[(index + task * CODES / TASKS) % CODES];
                let json = exchange(&app, APPID, SECRET, code).await.json();
                if json.get("openid").is_some() {
                    accepted.push(code.clone());
                } else {
                    assert_eq!(json["errcode"], 40029, "{json}");
                }
            }
            accepted
        }));
    }
    let mut accepted = Vec::new();
    for task in tasks {
        accepted.extend(task.await.unwrap());
    }
    let unique: HashSet<&String> = accepted.iter().collect();
    assert_eq!(unique.len(), accepted.len(), "a code was accepted twice");
    assert_eq!(accepted.len(), CODES, "every code is accepted once");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

/// A project folder and a runtime checkout side by side.
struct Fixture {
    root: TempDir,
}

impl Fixture {
    fn new(config: &str) -> Self {
        let root = tempfile::Builder::new()
            .prefix("wxrt-cli-wechat-")
            .tempdir()
            .unwrap();
        let fixture = Self { root };
        fixture.write("runtime/www/preview/index.html", "<!doctype html>preview");
        fixture.write("project/project.config.json", config);
        fixture.write("project/app.json", r#"{"pages": ["pages/index/index"]}"#);
        fixture.write("project/pages/index/index.js", "Page({});");
        fixture
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.root.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn project(&self) -> PathBuf {
        self.root.path().join("project")
    }

    fn app(&self) -> Router {
        wxrt_cli::router(&self.project(), &self.root.path().join("runtime"))
    }

    fn setup(&self, app_secret: Option<&str>) -> ProjectSetup {
        let project = Project::load(&self.project()).ok();
        ProjectSetup::new(project.as_ref(), app_secret)
    }
}

const PROJECT_CONFIG: &str = r#"{"appid": "wx0123456789abcdef"}"#;

#[tokio::test]
async fn serve_registers_the_project_with_the_secret_of_wxrt_config_json() {
    let fixture = Fixture::new(PROJECT_CONFIG);
    fixture.write(
        "project/wxrt.config.json",
        &json!({ "appSecret": SECRET, "unionid": true }).to_string(),
    );
    assert!(fixture.setup(None).notices.is_empty());
    let app = fixture.app();
    let (code, _) = login(&app, APPID, "alice").await;
    let json = exchange(&app, APPID, SECRET, &code).await.json();
    assert_eq!(
        json["openid"],
        wxrt_core::login::openid(APPID, "alice").as_str()
    );
    assert_eq!(json["unionid"], wxrt_core::login::unionid("alice").as_str());
}

#[test]
fn the_command_line_secret_wins_over_the_file() {
    let fixture = Fixture::new(PROJECT_CONFIG);
    fixture.write(
        "project/wxrt.config.json",
        r#"{"appSecret": "from-file", "unionid": true}"#,
    );
    let setup = fixture.setup(Some("from-flag"));
    assert!(setup.notices.is_empty(), "{:?}", setup.notices);
    assert_eq!(
        setup.apps,
        [AppRegistration {
            appid: APPID.to_owned(),
            secret: "from-flag".to_owned(),
            unionid: true,
        }]
    );
}

#[tokio::test]
async fn without_a_secret_the_exchange_answers_40125_and_a_notice_says_why() {
    let fixture = Fixture::new(PROJECT_CONFIG);
    let setup = fixture.setup(None);
    assert_eq!(
        setup.notices,
        [format!(
            "no app secret for {APPID}: jscode2session will answer 40125 until you pass \
             --app-secret or set appSecret in wxrt.config.json"
        )]
    );
    // Registered all the same, with a secret nobody was told.
    assert_eq!(setup.apps.len(), 1);
    assert_eq!(setup.apps[0].secret.len(), 32);
    assert_ne!(setup.apps[0].secret, fixture.setup(None).apps[0].secret);

    let app = fixture.app();
    let (code, _) = login(&app, APPID, "alice").await;
    for guess in ["", "secret", "0000000000000000000000000000000"] {
        let reply = exchange(&app, APPID, guess, &code).await;
        let expected = if guess.is_empty() { 41004 } else { 40125 };
        assert_eq!(errcode(&reply), expected, "{guess:?}");
    }
}

#[tokio::test]
async fn a_project_without_appid_is_the_tourist_app() {
    let fixture = Fixture::new("{}");
    fixture.write(
        "project/wxrt.config.json",
        r#"{"appSecret": "tourist-secret"}"#,
    );
    let app = fixture.app();
    let (code, _) = login(&app, "touristappid", "alice").await;
    let json = exchange(&app, "touristappid", "tourist-secret", &code)
        .await
        .json();
    assert!(json.get("openid").is_some(), "{json}");
}

#[tokio::test]
async fn an_unusable_wxrt_config_json_is_reported_and_registers_nothing() {
    let cases = [
        (
            "{\"appSecret\": ",
            "wxrt.config.json: bad JSON at line 1, column 14: ",
        ),
        ("[]", "wxrt.config.json: should be an Object"),
        (
            r#"{"appSecret": 42}"#,
            "wxrt.config.json: appSecret should be a String",
        ),
        (
            r#"{"appSecret": ""}"#,
            "wxrt.config.json: appSecret should not be empty",
        ),
        (
            r#"{"appSecret": "s", "unionid": "yes"}"#,
            "wxrt.config.json: unionid should be a Boolean",
        ),
    ];
    for (contents, message) in cases {
        let fixture = Fixture::new(PROJECT_CONFIG);
        fixture.write("project/wxrt.config.json", contents);
        let setup = fixture.setup(Some("from-flag"));
        assert!(setup.apps.is_empty(), "{contents}");
        assert_eq!(setup.notices.len(), 1, "{contents}");
        assert!(
            setup.notices[0].starts_with(message),
            "{contents}: {}",
            setup.notices[0]
        );
        assert!(
            setup.notices[0].ends_with(&format!(
                "; the file is ignored and jscode2session will answer 40013 for {APPID} until it is fixed"
            )),
            "{}",
            setup.notices[0]
        );

        // The page still logs in; the backend hears the app is unknown.
        let app = fixture.app();
        let (code, _) = login(&app, APPID, "alice").await;
        assert_eq!(
            errcode(&exchange(&app, APPID, "s", &code).await),
            40013,
            "{contents}"
        );
    }
}

#[test]
fn a_broken_project_sets_nothing_up() {
    let setup = ProjectSetup::new(None, Some("secret"));
    assert!(setup.apps.is_empty());
    assert!(setup.notices.is_empty());
}

#[tokio::test]
async fn the_secret_never_reaches_the_page() {
    let fixture = Fixture::new(PROJECT_CONFIG);
    let config = json!({ "appSecret": SECRET }).to_string();
    fixture.write("project/wxrt.config.json", &config);
    // A copy deeper down is the developer's own file, not the one that holds the secret.
    fixture.write("project/pages/wxrt.config.json", "{}");
    let app = fixture.app();

    let bundle = get(app.clone(), "/__wxrt/project").await;
    assert_eq!(bundle.status, StatusCode::OK, "{}", bundle.text());
    let files = bundle.json()["files"].as_object().unwrap().clone();
    assert!(!files.contains_key("wxrt.config.json"), "{files:?}");
    assert!(files.contains_key("pages/wxrt.config.json"), "{files:?}");

    let (code, generation) = login(&app, APPID, "alice").await;
    let mut page_facing = vec![
        bundle,
        get(app.clone(), "/").await,
        get(
            app.clone(),
            &format!("/__wxrt/wechat/state?appid={APPID}&user=alice"),
        )
        .await,
        post_json(
            app.clone(),
            "/__wxrt/wechat/check-session",
            json!({ "appid": APPID, "user": "alice", "generation": generation }),
        )
        .await,
        post_json(
            app.clone(),
            "/__wxrt/wechat/login",
            json!({ "appid": APPID, "user": "alice" }),
        )
        .await,
        post_json(app.clone(), "/__wxrt/wechat/login", "{").await,
    ];
    for path in [
        "/wxrt.config.json",
        "//wxrt.config.json",
        "/./wxrt.config.json",
        "/%77xrt.config.json",
        "/wxrt%2econfig%2ejson",
        "/WXRT.config.json",
        "/pages/../wxrt.config.json",
    ] {
        let reply = get(app.clone(), path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        page_facing.push(reply);
    }
    for reply in &page_facing {
        assert!(!reply.text().contains(SECRET), "{}", reply.text());
    }
    // The project's other files are still served.
    assert_eq!(
        get(app.clone(), "/pages/index/index.js").await.text(),
        "Page({});"
    );
    assert_eq!(
        get(app.clone(), "/pages/wxrt.config.json").await.text(),
        "{}"
    );

    // The backend, which knows the secret, still exchanges the code.
    let json = exchange(&app, APPID, SECRET, &code).await.json();
    assert!(json.get("openid").is_some(), "{json}");
}

#[tokio::test]
async fn static_mode_has_no_stand_in() {
    let fixture = Fixture::new(PROJECT_CONFIG);
    let site = fixture.root.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("index.html"), "static").unwrap();
    let app = wxrt_cli::router(&site, &fixture.root.path().join("runtime"));
    let reply = get(app.clone(), "/sns/jscode2session?appid=wx1").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = post_json(
        app,
        "/__wxrt/wechat/login",
        json!({ "appid": "wx1", "user": "a" }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_user_marked_blocked_gets_40226_until_unmarked() {
    let wechat = Standalone::new();
    let mark = |blocked: Option<bool>, tester: Option<bool>| {
        post_json(
            wechat.app.clone(),
            "/__wxrt/wechat/user",
            json!({ "appid": APPID, "user": "mallory", "blocked": blocked, "tester": tester }),
        )
    };
    let reply = mark(Some(true), None).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json(), json!({ "blocked": true, "tester": false }));
    let (code, _) = wechat.login(APPID, "mallory").await;
    assert_eq!(
        errcode(&exchange(&wechat.app, APPID, SECRET, &code).await),
        40226
    );

    // Flags left out keep their value.
    assert_eq!(
        mark(None, Some(true)).await.json(),
        json!({ "blocked": true, "tester": true })
    );
    assert_eq!(
        mark(Some(false), None).await.json(),
        json!({ "blocked": false, "tester": true })
    );
    let (code, _) = wechat.login(APPID, "mallory").await;
    let session = exchange(&wechat.app, APPID, SECRET, &code).await.json();
    assert!(session["openid"].is_string(), "{session}");

    let bad = post_json(
        wechat.app.clone(),
        "/__wxrt/wechat/user",
        json!({ "appid": APPID, "user": "no spaces" }),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_clock_route_moves_time_for_code_expiry() {
    let wechat = Standalone::new();
    let (code, _) = wechat.login(APPID, "alice").await;
    let advance = |ms: u64| {
        post_json(
            wechat.app.clone(),
            "/__wxrt/wechat/clock",
            json!({ "advanceMs": ms }),
        )
    };
    assert_eq!(
        advance(299_999).await.json(),
        json!({ "advancedMs": 299_999 })
    );
    let (fresh, _) = wechat.login(APPID, "bob").await;
    assert_eq!(advance(1).await.json(), json!({ "advancedMs": 300_000 }));
    assert_eq!(
        errcode(&exchange(&wechat.app, APPID, SECRET, &code).await),
        40029
    );
    let session = exchange(&wechat.app, APPID, SECRET, &fresh).await.json();
    assert!(
        session["openid"].is_string(),
        "a code 1 ms old still works: {session}"
    );
    let bad = post_json(
        wechat.app.clone(),
        "/__wxrt/wechat/clock",
        json!({ "advanceMs": -5 }),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn user_data_is_made_with_the_session_key_the_backend_gets() {
    let wechat = Standalone::new();
    let raw = r#"{"nickName":"微信用户","gender":0}"#;
    let body = json!({ "appid": APPID, "user": "erin", "rawData": raw });
    let none = post_json(wechat.app.clone(), "/__wxrt/wechat/user-data", body.clone()).await;
    assert_eq!(none.status, StatusCode::OK);
    assert_eq!(none.json(), json!({}), "no session before a login");

    let (code, _) = wechat.login(APPID, "erin").await;
    let session = get(
        wechat.app.clone(),
        &format!("/sns/jscode2session?appid={APPID}&secret={SECRET}&js_code={code}&grant_type=authorization_code"),
    )
    .await
    .json();
    let signed = post_json(wechat.app.clone(), "/__wxrt/wechat/user-data", body)
        .await
        .json();
    let key = session["session_key"].as_str().unwrap();
    let iv = <base64ct::Base64 as base64ct::Encoding>::decode_vec(signed["iv"].as_str().unwrap())
        .unwrap();
    let to = wxrt_core::login::Recipient {
        appid: APPID,
        openid: session["openid"].as_str().unwrap(),
        unionid: None,
        timestamp: T0 / 1000,
    };
    let plain = wxrt_core::login::plain_user_data(raw, to).unwrap();
    let expected =
        wxrt_core::login::sign_and_encrypt(raw, &plain, key, iv.try_into().unwrap()).unwrap();
    assert_eq!(signed["signature"], expected.signature);
    assert_eq!(signed["encryptedData"], expected.encrypted_data);
}
