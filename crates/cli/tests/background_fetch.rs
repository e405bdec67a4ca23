//! Background fetch as `wxrt serve` plays WeChat's server: the prefetch and periodic GETs
//! against a real developer server on loopback (every parameter and its encoding, token
//! or login code, the 256 KB rule, grey routing), the launch link in the preview page,
//! the state kept across restarts, and the startup errors of the binary.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead as _, BufReader, Read as _};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{Path as UrlPath, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::Router;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::Notify;
use wxrt_core::background_fetch::grey_bucket;

mod common;
use common::process::{http_request, stop, wait_with_timeout, Server, WXRT};
use common::{get, post_json, send, Reply};

const APPID: &str = "wx0123456789abcdef";
const SECRET: &str = "bf-app-secret";
const VERSION: &str = "1.2.3";
const PAGE: &str = "<head>\n<!-- wxrt:launch -->\n</head>";
const TOKEN_NOT_SET: &str = "token not set, maybe you should setBackgroundFetchToken first";

/// One request the developer's server received: its path and raw query string.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    query: String,
}

#[derive(Clone)]
struct DevState {
    seen: Arc<Mutex<Vec<Seen>>>,
    gate: Arc<Notify>,
}

/// The developer's server, on loopback, in a thread of its own (so both the in-process
/// tests and the binary's reach it). It answers `<path>-data` as text for any path, and:
/// `/size/<n>` n bytes of text, `/png` an image, `/status/<n>` that status, and `/slow`
/// only once [`DevServer::open_gate`] is called.
struct DevServer {
    addr: SocketAddr,
    state: DevState,
}

impl DevServer {
    fn start() -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let state = DevState {
            seen: Arc::default(),
            gate: Arc::default(),
        };
        let app = Router::new()
            .route("/size/{n}", routing::get(sized))
            .route("/png", routing::get(png))
            .route("/status/{n}", routing::get(status))
            .route("/slow", routing::get(slow))
            .fallback(data)
            .layer(axum::middleware::from_fn_with_state(state.clone(), record))
            .with_state(state.clone());
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                axum::serve(listener, app).await.unwrap();
            });
        });
        Self { addr, state }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    fn open_gate(&self) {
        self.state.gate.notify_one();
    }
}

async fn record(
    State(state): State<DevState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    state.seen.lock().unwrap().push(Seen {
        path: request.uri().path().to_owned(),
        query: request.uri().query().unwrap_or("").to_owned(),
    });
    next.run(request).await
}

async fn data(request: axum::extract::Request) -> Response {
    let name = request.uri().path().trim_start_matches('/').to_owned();
    (
        [(CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{name}-data"),
    )
        .into_response()
}

async fn sized(UrlPath(n): UrlPath<usize>) -> Response {
    ([(CONTENT_TYPE, "text/plain")], "a".repeat(n)).into_response()
}

async fn png() -> Response {
    ([(CONTENT_TYPE, "image/png")], b"\x89PNG\r\n".to_vec()).into_response()
}

async fn status(UrlPath(n): UrlPath<u16>) -> Response {
    (StatusCode::from_u16(n).unwrap(), "down").into_response()
}

async fn slow(State(state): State<DevState>) -> Response {
    state.gate.notified().await;
    "slow-data".into_response()
}

/// A project (appid, version, two pages with an entry page, a secret) beside a runtime
/// whose preview page has the launch marker, and the developer's server.
struct Fixture {
    root: TempDir,
    dev: DevServer,
}

impl Fixture {
    /// The project with `backgroundFetch` built from the developer server's URLs.
    fn new(background_fetch: impl FnOnce(&DevServer) -> Value) -> Self {
        let root = tempfile::Builder::new()
            .prefix("wxrt-cli-bgfetch-")
            .tempdir()
            .unwrap();
        let fixture = Self {
            root,
            dev: DevServer::start(),
        };
        fixture.write(
            "project/project.config.json",
            &json!({ "appid": APPID, "version": VERSION }).to_string(),
        );
        fixture.write(
            "project/app.json",
            r#"{"pages": ["pages/index/index", "pages/detail/detail"], "entryPagePath": "pages/detail/detail"}"#,
        );
        fixture.write("runtime/www/preview/index.html", PAGE);
        let config = background_fetch(&fixture.dev);
        fixture.configure(config);
        fixture
    }

    /// Rewrites `wxrt.config.json` with this `backgroundFetch` (read by the next router).
    fn configure(&self, background_fetch: Value) {
        self.write(
            "project/wxrt.config.json",
            &json!({ "appSecret": SECRET, "backgroundFetch": background_fetch }).to_string(),
        );
    }

    fn write(&self, relative: &str, contents: &str) {
        let path = self.root.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn project(&self) -> PathBuf {
        self.root.path().join("project")
    }

    fn runtime(&self) -> PathBuf {
        self.root.path().join("runtime")
    }

    fn state_file(&self) -> PathBuf {
        self.project().join(".wxrt/background-fetch.json")
    }

    /// A fresh server, as a restart of `wxrt serve` would be.
    fn app(&self) -> Router {
        wxrt_cli::router(&self.project(), &self.runtime())
    }
}

/// `future`, or a failed test if it takes more than 10 seconds (instead of a hang).
async fn within<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(10), future)
        .await
        .expect("answered within 10 s")
}

fn now_ms() -> u64 {
    u64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

/// An outcome answer, its shape checked on the way.
fn outcome(reply: &Reply) -> Value {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    let json = reply.json();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "fetchType",
        "url",
        "params",
        "grey",
        "status",
        "bytes",
        "cached",
        "reason",
        "fetchedData",
        "preview",
        "path",
        "query",
        "scene",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected, "{json}");
    json
}

async fn prefetch(app: &Router, body: Value) -> Value {
    outcome(&post_json(app.clone(), "/__wxrt/background-fetch/prefetch", body).await)
}

async fn periodic(app: &Router, user: &str) -> Value {
    outcome(
        &post_json(
            app.clone(),
            "/__wxrt/background-fetch/periodic",
            json!({ "user": user }),
        )
        .await,
    )
}

async fn set_token(app: &Router, user: &str, token: &str) -> Reply {
    post_json(
        app.clone(),
        "/__wxrt/background-fetch/token",
        json!({ "user": user, "token": token }),
    )
    .await
}

/// The outcome's `params` as (name, value) pairs.
fn params(outcome: &Value) -> Vec<(String, String)> {
    outcome["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pair| {
            let pair = pair.as_array().unwrap();
            assert_eq!(pair.len(), 2);
            (
                pair[0].as_str().unwrap().to_owned(),
                pair[1].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn param(outcome: &Value, name: &str) -> Option<String> {
    params(outcome)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// A raw query string split into its still-encoded pairs.
fn raw_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            (key.to_owned(), value.to_owned())
        })
        .collect()
}

fn decode(value: &str) -> String {
    percent_decode_str(value)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

async fn exchange(app: &Router, code: &str) -> Value {
    let uri = format!(
        "/sns/jscode2session?appid={APPID}&secret={SECRET}&js_code={code}&grant_type=authorization_code"
    );
    get(app.clone(), &uri).await.json()
}

#[tokio::test]
async fn a_prefetch_sends_every_parameter_encoded_and_its_code_exchanges_here() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/prefetch?v=2") }));
    let app = fixture.app();
    let before = now_ms();
    let answer = prefetch(
        &app,
        json!({
            "user": "alice",
            "path": "pages/商品/detail",
            "query": "id=7&from=share&q=a b&名=值",
            "scene": 1047,
        }),
    )
    .await;
    let after = now_ms();

    let code = param(&answer, "code").unwrap();
    let timestamp: u64 = param(&answer, "timestamp").unwrap().parse().unwrap();
    assert!((before..=after).contains(&timestamp), "{timestamp}");
    assert_eq!(code.len(), 32);
    assert_eq!(
        params(&answer),
        [
            ("appid", APPID),
            ("code", code.as_str()),
            ("timestamp", timestamp.to_string().as_str()),
            ("path", "pages/商品/detail"),
            ("query", "id=7&from=share&q=a b&名=值"),
            ("scene", "1047"),
            ("customMiniprogramVersion", VERSION),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    let expected_query = format!(
        "v=2&appid={APPID}&code={code}&timestamp={timestamp}\
         &path=pages%2F%E5%95%86%E5%93%81%2Fdetail\
         &query=id%3D7%26from%3Dshare%26q%3Da%20b%26%E5%90%8D%3D%E5%80%BC\
         &scene=1047&customMiniprogramVersion=1.2.3"
    );
    let seen = fixture.dev.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(seen[0].path, "/prefetch");
    assert_eq!(seen[0].query, expected_query);
    // Each value decodes back exactly once.
    let decoded: BTreeMap<String, String> = raw_pairs(&seen[0].query)
        .into_iter()
        .map(|(key, value)| (key, decode(&value)))
        .collect();
    assert_eq!(decoded["query"], "id=7&from=share&q=a b&名=值");
    assert_eq!(
        answer["url"],
        json!(fixture.dev.url(&format!("/prefetch?{expected_query}")))
    );

    assert_eq!(answer["fetchType"], "pre");
    assert_eq!(answer["grey"], false);
    assert_eq!(answer["status"], 200);
    assert_eq!(answer["bytes"], 13);
    assert_eq!(answer["cached"], true);
    assert_eq!(answer["reason"], Value::Null);
    assert_eq!(answer["fetchedData"], "prefetch-data");
    assert_eq!(answer["preview"], "prefetch-data");
    assert_eq!(answer["path"], "pages/商品/detail");
    assert_eq!(answer["query"], "id=7&from=share&q=a b&名=值");
    assert_eq!(answer["scene"], 1047);

    // The developer's server exchanges the code here, with the app secret, once.
    let session = exchange(&app, &code).await;
    assert_eq!(
        session["openid"],
        wxrt_core::login::openid(APPID, "alice").as_str(),
        "{session}"
    );
    assert_eq!(exchange(&app, &code).await["errcode"], 40029);
}

#[tokio::test]
async fn the_timestamp_and_codes_follow_the_stand_ins_clock() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/prefetch") }));
    let app = fixture.app();
    let day = 24 * 60 * 60 * 1000;
    let reply = post_json(
        app.clone(),
        "/__wxrt/wechat/clock",
        json!({ "advanceMs": day }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let before = now_ms();
    let answer = prefetch(&app, json!({ "user": "alice" })).await;
    let timestamp: u64 = param(&answer, "timestamp").unwrap().parse().unwrap();
    assert!(timestamp >= before + day, "{timestamp}");
    assert!(timestamp <= now_ms() + day, "{timestamp}");
    // The code was issued on the same clock: moving it past the code's 5 minutes expires it.
    let code = param(&answer, "code").unwrap();
    post_json(
        app.clone(),
        "/__wxrt/wechat/clock",
        json!({ "advanceMs": 6 * 60 * 1000 }),
    )
    .await;
    assert_eq!(exchange(&app, &code).await["errcode"], 40029);
}

#[tokio::test]
async fn a_token_replaces_the_code_and_survives_a_restart() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/prefetch") }));
    let app = fixture.app();
    let token = "t/k+n= 令牌";
    let reply = set_token(&app, "alice", token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json(), json!({}));
    let state: Value = serde_json::from_slice(&fs::read(fixture.state_file()).unwrap()).unwrap();
    assert_eq!(
        state,
        json!({ "greyRatios": {}, "tokens": { "alice": token } })
    );

    // A new server on the same project: the token is still alice's.
    let restarted = fixture.app();
    let answer = prefetch(&restarted, json!({ "user": "alice" })).await;
    let names: Vec<String> = params(&answer).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            "appid",
            "token",
            "timestamp",
            "path",
            "query",
            "scene",
            "customMiniprogramVersion"
        ]
    );
    assert_eq!(param(&answer, "token").as_deref(), Some(token));
    let seen = fixture.dev.seen();
    assert!(
        seen[0]
            .query
            .contains("&token=t%2Fk%2Bn%3D%20%E4%BB%A4%E7%89%8C&"),
        "{seen:?}"
    );
    // The defaults: app.json's entry page, no query, scene 1001.
    assert_eq!(answer["path"], "pages/detail/detail");
    assert_eq!(answer["query"], "");
    assert_eq!(answer["scene"], 1001);

    // Another user has no token: a code.
    let bob = prefetch(&restarted, json!({ "user": "bob" })).await;
    assert!(param(&bob, "token").is_none());
    assert_eq!(param(&bob, "code").unwrap().len(), 32);

    // The state folder inside the project is never served.
    let hidden = get(restarted.clone(), "/.wxrt/background-fetch.json").await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    assert!(!hidden.text().contains(token));
    let spelt = get(restarted, "/%2Ewxrt/background-fetch.json").await;
    assert_eq!(spelt.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn periodic_updates_need_a_token() {
    let fixture = Fixture::new(
        |dev| json!({ "periodicUrl": dev.url("/periodic"), "periodicIntervalSeconds": 60 }),
    );
    let app = fixture.app();
    let answer = periodic(&app, "alice").await;
    assert_eq!(
        answer,
        json!({
            "fetchType": "periodic", "url": null, "params": [], "grey": false, "status": null,
            "bytes": null, "cached": false, "reason": TOKEN_NOT_SET, "fetchedData": null,
            "preview": null, "path": "", "query": "", "scene": 0,
        })
    );
    assert!(fixture.dev.seen().is_empty(), "no request without a token");

    set_token(&app, "alice", "tok").await;
    let before = now_ms();
    let answer = periodic(&app, "alice").await;
    let timestamp = param(&answer, "timestamp").unwrap();
    assert!(timestamp.parse::<u64>().unwrap() >= before);
    assert_eq!(
        fixture.dev.seen()[0].query,
        format!("appid={APPID}&token=tok&timestamp={timestamp}")
    );
    assert_eq!(answer["cached"], true);
    assert_eq!(answer["fetchedData"], "periodic-data");
    assert_eq!(
        (answer["path"].clone(), answer["scene"].clone()),
        (json!(""), json!(0))
    );

    // No prefetch URL here: a prefetch sends nothing.
    let pre = prefetch(&app, json!({ "user": "alice" })).await;
    assert_eq!(pre["url"], Value::Null);
    assert_eq!(pre["params"], json!([]));
    assert_eq!(pre["reason"], "no prefetchUrl in wxrt.config.json");
    assert_eq!(fixture.dev.seen().len(), 1);

    let bundle = get(app.clone(), "/__wxrt/project").await.json();
    assert_eq!(
        bundle["backgroundFetch"],
        json!({ "prefetch": false, "periodic": true, "periodicIntervalMs": 60_000 })
    );
}

#[tokio::test]
async fn without_a_periodic_url_nothing_is_sent() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/prefetch") }));
    let app = fixture.app();
    set_token(&app, "alice", "tok").await;
    let answer = periodic(&app, "alice").await;
    assert_eq!(answer["reason"], "no periodicUrl in wxrt.config.json");
    assert_eq!(answer["url"], Value::Null);
    assert!(fixture.dev.seen().is_empty());
    let bundle = get(app, "/__wxrt/project").await.json();
    assert_eq!(
        bundle["backgroundFetch"],
        json!({ "prefetch": true, "periodic": false, "periodicIntervalMs": 43_200_000 })
    );
}

#[tokio::test]
async fn only_text_of_at_most_256_kb_is_cached() {
    let fixture = Fixture::new(|_| json!({}));
    let cases = [
        ("/size/262144", true, None),
        (
            "/size/262145",
            false,
            Some("not cached: the body is 262145 bytes, over the 262144-byte (256 KB) limit"),
        ),
        (
            "/png",
            false,
            Some("not cached: the body is not text (image/png)"),
        ),
        (
            "/status/500",
            false,
            Some("not cached: the server answered HTTP 500"),
        ),
    ];
    for (path, cached, reason) in cases {
        fixture.configure(json!({ "prefetchUrl": fixture.dev.url(path) }));
        let answer = prefetch(&fixture.app(), json!({ "user": "alice" })).await;
        assert_eq!(answer["cached"], cached, "{path}");
        assert_eq!(answer["reason"], json!(reason), "{path}");
        assert!(answer["preview"].is_string(), "{path}");
        if cached {
            assert_eq!(answer["bytes"], 262_144);
            assert_eq!(answer["fetchedData"].as_str().unwrap().len(), 262_144);
            assert_eq!(answer["preview"].as_str().unwrap().len(), 2048);
        } else {
            assert_eq!(answer["fetchedData"], Value::Null, "{path}");
        }
    }
}

#[tokio::test]
async fn a_server_that_is_down_is_a_failed_request() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let fixture = Fixture::new(|_| json!({ "prefetchUrl": format!("http://127.0.0.1:{port}/p") }));
    let answer = prefetch(&fixture.app(), json!({ "user": "alice" })).await;
    let reason = answer["reason"].as_str().unwrap();
    assert!(reason.starts_with("request failed: "), "{reason}");
    // The reason never repeats the URL, which carries the login code.
    let code = param(&answer, "code").unwrap();
    assert!(
        !reason.contains(&code) && !reason.contains("127.0.0.1"),
        "{reason}"
    );
    assert!(answer["url"].as_str().unwrap().contains(&code));
    assert_eq!(answer["status"], Value::Null);
    assert_eq!(answer["bytes"], Value::Null);
    assert_eq!(answer["preview"], Value::Null);
    assert_eq!(answer["cached"], false);
}

#[tokio::test]
async fn grey_routing_follows_the_ratio_and_testers() {
    let fixture = Fixture::new(
        |dev| json!({ "prefetchUrl": dev.url("/main"), "greyPrefetchUrl": dev.url("/grey"), "greyRatio": 0 }),
    );
    let grey_url = fixture.dev.url("/grey");
    let app = fixture.app();
    let state: Value = serde_json::from_slice(&fs::read(fixture.state_file()).unwrap()).unwrap();
    assert_eq!(state["greyRatios"], json!({ &grey_url: 0 }));

    // At 0 only testers get the grey URL.
    let reply = post_json(
        app.clone(),
        "/__wxrt/wechat/user",
        json!({ "appid": APPID, "user": "tess", "tester": true }),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    let tess = prefetch(&app, json!({ "user": "tess" })).await;
    assert_eq!(tess["grey"], true);
    assert_eq!(tess["fetchedData"], "grey-data");
    assert!(tess["url"].as_str().unwrap().starts_with(&grey_url));
    let alice = prefetch(&app, json!({ "user": "alice" })).await;
    assert_eq!(alice["grey"], false);
    assert_eq!(alice["fetchedData"], "main-data");

    // At 50, the users of the lower half of the buckets, the same every time.
    fixture.configure(json!({
        "prefetchUrl": fixture.dev.url("/main"),
        "greyPrefetchUrl": grey_url,
        "greyRatio": 50,
    }));
    let app = fixture.app();
    let mut greys = 0;
    for i in 0..12 {
        let user = format!("user-{i}");
        let answer = prefetch(&app, json!({ "user": user })).await;
        let expected = grey_bucket(APPID, &user) < 50;
        assert_eq!(answer["grey"], expected, "{user}");
        greys += usize::from(expected);
    }
    assert!(greys > 0 && greys < 12, "{greys}");
    let state: Value = serde_json::from_slice(&fs::read(fixture.state_file()).unwrap()).unwrap();
    assert_eq!(state["greyRatios"], json!({ &grey_url: 50 }));
}

#[tokio::test]
async fn a_page_load_starts_its_prefetch_and_links_to_the_outcome() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/slow") }));
    let app = fixture.app();
    // The developer's server holds its answer: the page is served all the same.
    let page = within(get(
        app.clone(),
        "/?user=alice&path=pages/index/index&query=id%3D7%26from%3Dshare&scene=1011",
    ))
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(!html.contains("wxrt:launch"), "{html}");
    let start =
        r#"<link rel="preload" id="wxrt-launch-prefetch" href="/__wxrt/background-fetch/launch/"#;
    let end = r#"" as="fetch" crossorigin>"#;
    let at = html.find(start).unwrap_or_else(|| panic!("{html}")) + start.len();
    let id = &html[at..at + html[at..].find(end).unwrap()];
    assert_eq!(id.len(), 32);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    assert_eq!(html, format!("<head>\n{start}{id}{end}\n</head>"));

    // The page asks before the answer is there: its request waits for it.
    let link = format!("/__wxrt/background-fetch/launch/{id}");
    let waiting = {
        let (app, link) = (app.clone(), link.clone());
        tokio::spawn(async move { get(app, &link).await })
    };
    tokio::task::yield_now().await;
    fixture.dev.open_gate();
    let answer = outcome(&within(waiting).await.unwrap());
    assert_eq!(answer["fetchedData"], "slow-data");
    assert_eq!(answer["path"], "pages/index/index");
    assert_eq!(answer["query"], "id=7&from=share");
    assert_eq!(answer["scene"], 1011);
    assert_eq!(param(&answer, "query").as_deref(), Some("id=7&from=share"));
    let code = param(&answer, "code").unwrap();
    assert_eq!(
        exchange(&app, &code).await["openid"],
        wxrt_core::login::openid(APPID, "alice").as_str()
    );
    // Read again: the same outcome, no second request.
    assert_eq!(outcome(&get(app.clone(), &link).await), answer);
    assert_eq!(fixture.dev.seen().len(), 1);

    let unknown = get(app.clone(), "/__wxrt/background-fetch/launch/0123").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.json()["error"].is_string());

    // A plain page load: the default user, entry page and scene.
    fixture.dev.open_gate();
    let html = get(app.clone(), "/index.html").await.text();
    let at = html.find(start).unwrap() + start.len();
    let id = &html[at..at + 32];
    let link = format!("/__wxrt/background-fetch/launch/{id}");
    let answer = outcome(&within(get(app.clone(), &link)).await);
    assert_eq!(
        (
            answer["path"].clone(),
            answer["query"].clone(),
            answer["scene"].clone()
        ),
        (json!("pages/detail/detail"), json!(""), json!(1001))
    );
    let code = param(&answer, "code").unwrap();
    assert_eq!(
        exchange(&app, &code).await["openid"],
        wxrt_core::login::openid(APPID, "wxrt-user").as_str()
    );
}

#[tokio::test]
async fn without_a_prefetch_url_the_marker_goes_and_nothing_starts() {
    let fixture = Fixture::new(|dev| json!({ "periodicUrl": dev.url("/periodic") }));
    let page = get(fixture.app(), "/?user=alice").await;
    assert_eq!(page.text(), "<head>\n\n</head>");
    assert!(fixture.dev.seen().is_empty());
}

#[tokio::test]
async fn bad_requests_are_refused_with_a_message() {
    let fixture = Fixture::new(|dev| json!({ "prefetchUrl": dev.url("/prefetch") }));
    let app = fixture.app();
    for route in ["prefetch", "periodic", "token"] {
        let uri = format!("/__wxrt/background-fetch/{route}");
        let reply = post_json(app.clone(), &uri, "{not json").await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{route}");
        assert!(
            reply.json()["error"]
                .as_str()
                .unwrap()
                .starts_with("bad request body: "),
            "{route}"
        );
        let reply = post_json(app.clone(), &uri, json!({ "user": "a b", "token": "t" })).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{route}");
        assert_eq!(
            reply.json()["error"],
            r#"invalid user "a b": 1 to 64 of [A-Za-z0-9_-] expected"#,
            "{route}"
        );
        let reply = get(app.clone(), &uri).await;
        assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED, "{route}");
        assert!(reply.json()["error"].is_string(), "{route}");
    }
    let reply = send(
        app.clone(),
        Request::builder()
            .method(Method::POST)
            .uri("/__wxrt/background-fetch/launch/abc")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::METHOD_NOT_ALLOWED);

    let empty = set_token(&app, "alice", "").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        empty.json()["error"],
        "parameter error: token should not be empty"
    );
    let long = set_token(&app, "alice", &"字".repeat(1025)).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        long.json()["error"],
        "parameter error: token should be at most 1024 characters, got 1025"
    );
    assert!(
        !fixture.state_file().exists(),
        "a refused token stores nothing"
    );
    assert!(fixture.dev.seen().is_empty());
}

// --- The binary: flags, startup errors, the terminal line ---

/// `wxrt serve` on the fixture's project with `extra`, its output piped.
fn serve_command(fixture: &Fixture, extra: &[&str]) -> Command {
    let mut command = Command::new(WXRT);
    command
        .arg("serve")
        .arg(fixture.project())
        .args(["--port", "0", "--runtime-dir"])
        .arg(fixture.runtime())
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `wxrt serve` on the fixture's project with `extra` and expects it to stop before
/// serving: its exit code and stderr.
fn serve_fails(fixture: &Fixture, extra: &[&str]) -> (Option<i32>, String) {
    let mut child = serve_command(fixture, extra).spawn().unwrap();
    let status = wait_with_timeout(&mut child, Duration::from_secs(10));
    let Some(status) = status else {
        let _ = child.kill();
        panic!("wxrt serve {extra:?} kept running");
    };
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(stdout.is_empty(), "nothing announced: {stdout}");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status.code(), stderr)
}

/// A running `wxrt serve`, its port, and its stdout, kept open so the server never
/// writes to a closed pipe.
struct Running {
    server: Server,
    port: u16,
    _stdout: BufReader<std::process::ChildStdout>,
}

fn spawn_serve(fixture: &Fixture, extra: &[&str]) -> Running {
    let child = serve_command(fixture, extra).spawn().unwrap();
    let mut server = Server(child);
    let mut stdout = BufReader::new(server.0.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let port = first
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.strip_suffix("/\n"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected announcement: {first:?}"));
    Running {
        server,
        port,
        _stdout: stdout,
    }
}

fn response_json(response: &str) -> Value {
    let (_, body) = response.split_once("\r\n\r\n").unwrap();
    serde_json::from_str(body).unwrap_or_else(|err| panic!("{err}: {response}"))
}

fn post(port: u16, path: &str, body: &Value) -> Value {
    let body = body.to_string();
    let headers = format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    let response = http_request(port, "POST", path, &headers, &body);
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    response_json(&response)
}

#[test]
fn bad_settings_stop_the_server_with_a_message() {
    let fixture =
        Fixture::new(|_| json!({ "prefetchUrl": "ftp://example.com/p", "greyRatio": 120 }));
    let (code, stderr) = serve_fails(&fixture, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    for line in [
        r#"wxrt: wxrt.config.json: ["backgroundFetch"]["prefetchUrl"] "ftp://example.com/p" should be an http:// or https:// URL"#,
        r#"wxrt.config.json: ["backgroundFetch"]["greyRatio"] should be a whole number from 0 to 100, got 120"#,
    ] {
        assert!(stderr.contains(line), "{stderr}");
    }

    fixture.configure(json!({}));
    let cases: [(&[&str], &str); 4] = [
        (&["--grey-ratio", "120"], "120"),
        (
            &["--prefetch-url", "ftp://example.com/p"],
            "should be an http:// or https:// URL",
        ),
        (
            &["--grey-prefetch-url", "http://127.0.0.1:1/g"],
            "--grey-prefetch-url needs a grey ratio",
        ),
        (&["--periodic-interval", "0"], "0"),
    ];
    for (args, needle) in cases {
        let (code, stderr) = serve_fails(&fixture, args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }

    // A state file wxrt cannot read is named, and left as it was.
    fixture.write("project/.wxrt/background-fetch.json", "{\"tokens\": ");
    let (code, stderr) = serve_fails(&fixture, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(&fixture.state_file().display().to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("will not overwrite it"), "{stderr}");
    assert_eq!(
        fs::read_to_string(fixture.state_file()).unwrap(),
        "{\"tokens\": "
    );
}

#[test]
fn a_grey_ratio_never_goes_down() {
    let fixture = Fixture::new(|_| json!({}));
    let state_dir = fixture.root.path().join("state");
    let state = state_dir.to_str().unwrap();
    let main = fixture.dev.url("/main");
    let grey = fixture.dev.url("/grey");
    let with_ratio = |ratio: &str| -> Vec<String> {
        [
            "--state-dir",
            state,
            "--prefetch-url",
            &main,
            "--grey-prefetch-url",
            &grey,
            "--grey-ratio",
            ratio,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    let args = with_ratio("50");
    let mut running = spawn_serve(
        &fixture,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    stop(&mut running.server.0);
    let recorded: Value =
        serde_json::from_slice(&fs::read(state_dir.join("background-fetch.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["greyRatios"], json!({ &grey: 50 }));

    let args = with_ratio("20");
    let (code, stderr) = serve_fails(
        &fixture,
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("the grey ratio cannot go back from 50% to 20%"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            &state_dir
                .join("background-fetch.json")
                .display()
                .to_string()
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("a new greyPrefetchUrl starts a new grey release"),
        "{stderr}"
    );

    // A new grey URL starts again from any ratio.
    let other = fixture.dev.url("/grey-v3");
    let args = [
        "--state-dir",
        state,
        "--prefetch-url",
        &main,
        "--grey-prefetch-url",
        &other,
        "--grey-ratio",
        "10",
    ];
    let mut running = spawn_serve(&fixture, &args);
    stop(&mut running.server.0);
}

#[test]
fn flags_override_the_file_and_each_fetch_is_one_line_on_stderr() {
    let fixture = Fixture::new(|_| json!({ "prefetchUrl": "http://127.0.0.1:1/never" }));
    let state_dir = fixture.root.path().join("kept");
    let prefetch_url = fixture.dev.url("/prefetch");
    let periodic_url = fixture.dev.url("/periodic");
    let Running {
        mut server,
        port,
        _stdout,
    } = spawn_serve(
        &fixture,
        &[
            "--prefetch-url",
            &prefetch_url,
            "--periodic-url",
            &periodic_url,
            "--periodic-interval",
            "90",
            "--state-dir",
            state_dir.to_str().unwrap(),
        ],
    );
    let bundle = response_json(&http_request(port, "GET", "/__wxrt/project", "", ""));
    assert_eq!(
        bundle["backgroundFetch"],
        json!({ "prefetch": true, "periodic": true, "periodicIntervalMs": 90_000 })
    );
    assert_eq!(
        post(
            port,
            "/__wxrt/background-fetch/token",
            &json!({ "user": "alice", "token": "tok" })
        ),
        json!({})
    );
    let pre = post(
        port,
        "/__wxrt/background-fetch/prefetch",
        &json!({ "user": "alice" }),
    );
    assert_eq!(pre["fetchedData"], "prefetch-data");
    let periodic = post(
        port,
        "/__wxrt/background-fetch/periodic",
        &json!({ "user": "alice" }),
    );
    assert_eq!(periodic["fetchedData"], "periodic-data");
    stop(&mut server.0);

    let kept: Value =
        serde_json::from_slice(&fs::read(state_dir.join("background-fetch.json")).unwrap())
            .unwrap();
    assert_eq!(kept["tokens"], json!({ "alice": "tok" }));
    assert!(
        !fixture.state_file().exists(),
        "--state-dir is used instead"
    );
    let mut stderr = String::new();
    server
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pre_line = format!(
        "wxrt background fetch pre user=alice GET {} → HTTP 200, 13 bytes, cached\n",
        pre["url"].as_str().unwrap()
    );
    assert!(stderr.contains(&pre_line), "{stderr}");
    let periodic_line = format!(
        "wxrt background fetch periodic user=alice GET {} → HTTP 200, 13 bytes, cached\n",
        periodic["url"].as_str().unwrap()
    );
    assert!(stderr.contains(&periodic_line), "{stderr}");
    assert!(fixture.dev.seen().iter().all(|seen| seen.path != "/never"));
}
