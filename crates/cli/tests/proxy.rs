//! `/__wxrt/proxy` against a real upstream on 127.0.0.1: the router is driven
//! in-process, and the proxy makes real HTTP calls to a server started here.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use serde_json::{json, Value};
use tempfile::TempDir;
use tokio::sync::Notify;
use tower::ServiceExt as _;
use wxrt_cli::proxy;

mod common;
use common::{get as get_reply, send, Reply};

const APPID: &str = "wxproxy0123456789";

/// The backend a mini-program talks to, on a free loopback port.
struct Upstream {
    addr: SocketAddr,
    /// Notified when a `/slow` request is dropped before it finished.
    slow_dropped: Arc<Notify>,
}

impl Upstream {
    async fn start() -> Self {
        let slow_dropped = Arc::new(Notify::new());
        let app = Router::new()
            .route("/echo", any(echo))
            .route("/missing", get(missing))
            .route("/slow", get(slow))
            .route(
                "/redirect",
                get(|| async { (StatusCode::FOUND, [("location", "/echo?from=redirect")]) }),
            )
            .with_state(Arc::clone(&slow_dropped));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        Self { addr, slow_dropped }
    }

    /// The proxy URI that reaches `path_and_query` on this upstream.
    fn via_proxy(&self, path_and_query: &str) -> String {
        proxy_uri(&format!("http://{}{path_and_query}", self.addr))
    }
}

fn proxy_uri(target: &str) -> String {
    let encoded: String =
        percent_encoding::utf8_percent_encode(target, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    format!("/__wxrt/proxy?url={encoded}")
}

/// Answers with what it was sent, and sets two cookies.
async fn echo(request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX).await.unwrap();
    let mut headers = serde_json::Map::new();
    for name in parts.headers.keys() {
        let values: Vec<&str> = parts
            .headers
            .get_all(name)
            .iter()
            .map(|value| value.to_str().unwrap())
            .collect();
        headers.insert(name.as_str().to_owned(), Value::from(values.join(", ")));
    }
    let answer = json!({
        "method": parts.method.as_str(),
        "uri": parts.uri.to_string(),
        "headers": headers,
        "body": String::from_utf8_lossy(&body),
    });
    let mut response = answer.to_string().into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(CONTENT_TYPE, "application/json".parse().unwrap());
    response_headers.append(SET_COOKIE, "session=abc; Path=/; HttpOnly".parse().unwrap());
    response_headers.append(SET_COOKIE, "theme=dark".parse().unwrap());
    response_headers.insert("x-upstream", "yes".parse().unwrap());
    response
}

async fn missing() -> Response {
    (StatusCode::NOT_FOUND, "no such order").into_response()
}

/// Never answers in time; says when it is dropped.
async fn slow(State(dropped): State<Arc<Notify>>) -> Response {
    struct Guard(Arc<Notify>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.notify_one();
        }
    }
    let _guard = Guard(dropped);
    tokio::time::sleep(Duration::from_secs(30)).await;
    "too late".into_response()
}

/// A project folder whose appid is [`APPID`].
fn project() -> (TempDir, PathBuf) {
    let root = tempfile::Builder::new()
        .prefix("wxrt-cli-proxy-")
        .tempdir()
        .unwrap();
    let site = root.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(
        site.join("project.config.json"),
        format!(r#"{{"appid": "{APPID}"}}"#),
    )
    .unwrap();
    fs::write(site.join("app.json"), r#"{"pages": ["pages/index/index"]}"#).unwrap();
    (root, site)
}

fn project_router() -> (TempDir, Router) {
    let (root, site) = project();
    let app = wxrt_cli::router(&site, &root.path().join("runtime"));
    (root, app)
}

fn request(method: Method, uri: &str) -> axum::http::request::Builder {
    Request::builder().method(method).uri(uri)
}

fn echoed_headers(reply: &Reply) -> serde_json::Map<String, Value> {
    reply.json()["headers"].as_object().unwrap().clone()
}

#[tokio::test]
async fn get_with_a_query_reaches_the_upstream() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let reply = get_reply(app, &upstream.via_proxy("/echo?id=3&name=a%20b")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    assert_eq!(reply.header("x-upstream"), "yes");
    let json = reply.json();
    assert_eq!(json["method"], "GET");
    assert_eq!(json["uri"], "/echo?id=3&name=a%20b");
    assert_eq!(json["body"], "");
}

#[tokio::test]
async fn post_json_and_put_form_bodies_are_forwarded() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();

    let body = json!({ "item": "tea", "count": 2 }).to_string();
    let post = request(Method::POST, &upstream.via_proxy("/echo"))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(body.clone()))
        .unwrap();
    let reply = send(app.clone(), post).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let json = reply.json();
    assert_eq!(json["method"], "POST");
    assert_eq!(json["body"], body.as_str());
    assert_eq!(json["headers"]["content-type"], "application/json");
    assert_eq!(json["headers"]["content-length"], body.len().to_string());

    let put = request(Method::PUT, &upstream.via_proxy("/echo?x=1"))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("a=1&b=two+words"))
        .unwrap();
    let reply = send(app, put).await;
    let json = reply.json();
    assert_eq!(json["method"], "PUT");
    assert_eq!(json["uri"], "/echo?x=1");
    assert_eq!(json["body"], "a=1&b=two+words");
    assert_eq!(
        json["headers"]["content-type"],
        "application/x-www-form-urlencoded"
    );
}

#[tokio::test]
async fn the_page_s_own_headers_stay_behind_and_wechat_s_referer_is_sent() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let host = "127.0.0.1:8080";
    let get = request(Method::GET, &upstream.via_proxy("/echo"))
        .header("host", host)
        .header("origin", format!("http://{host}"))
        .header("referer", format!("http://{host}/?path=pages/index/index"))
        .header("cookie", "devserver=1")
        .header("sec-fetch-site", "same-origin")
        .header("sec-fetch-mode", "cors")
        .header("x-wxrt-request-id", "7")
        .header("connection", "keep-alive, x-hop")
        .header("x-hop", "1")
        .header("authorization", "Bearer t0ken")
        .header("x-custom", "kept")
        .header("accept-language", "zh-CN")
        .body(Body::empty())
        .unwrap();
    let reply = send(app, get).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let headers = echoed_headers(&reply);
    assert_eq!(headers["x-custom"], "kept");
    assert_eq!(headers["authorization"], "Bearer t0ken");
    assert_eq!(headers["accept-language"], "zh-CN");
    assert_eq!(
        headers["referer"],
        format!("https://servicewechat.com/{APPID}/devtools/page-frame.html")
    );
    // The upstream's own address, written by the client, not the page's.
    assert_eq!(headers["host"], upstream.addr.to_string());
    for gone in [
        "origin",
        "cookie",
        "sec-fetch-site",
        "sec-fetch-mode",
        "x-wxrt-request-id",
        "x-hop",
    ] {
        assert!(!headers.contains_key(gone), "{gone} forwarded: {headers:?}");
    }
}

#[tokio::test]
async fn cookies_come_as_json_and_never_as_set_cookie() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let reply = get_reply(app, &upstream.via_proxy("/echo")).await;
    assert!(
        reply.headers.get(SET_COOKIE).is_none(),
        "{:?}",
        reply.headers
    );
    let cookies: Value = serde_json::from_str(reply.header(proxy::SET_COOKIE_HEADER)).unwrap();
    assert_eq!(
        cookies,
        json!(["session=abc; Path=/; HttpOnly", "theme=dark"])
    );
    // The dev server's rule for every response still holds.
    assert_eq!(reply.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn upstream_errors_pass_through_with_their_body() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let reply = get_reply(app, &upstream.via_proxy("/missing")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.text(), "no such order");
    assert_eq!(reply.header(proxy::ERROR_HEADER), "");
    assert_eq!(reply.header(proxy::SET_COOKIE_HEADER), "");
}

#[tokio::test]
async fn redirects_are_followed_like_fetch() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let reply = get_reply(app, &upstream.via_proxy("/redirect")).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["uri"], "/echo?from=redirect");
}

#[tokio::test]
async fn a_bad_url_is_400() {
    let (_root, app) = project_router();
    for (uri, got) in [
        ("/__wxrt/proxy", ""),
        ("/__wxrt/proxy?url=%2Fapi%2Forders", "/api/orders"),
        (
            "/__wxrt/proxy?url=ftp%3A%2F%2Fexample.com%2F",
            "ftp://example.com/",
        ),
        ("/__wxrt/proxy?url=not%20a%20url", "not a url"),
    ] {
        let reply = get_reply(app.clone(), uri).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{uri}");
        assert_eq!(reply.header(CONTENT_TYPE), "application/json");
        assert_eq!(
            reply.json(),
            json!({ "error": format!("proxy: url should be an absolute http(s) URL, got \"{got}\"") }),
            "{uri}"
        );
    }
}

#[tokio::test]
async fn a_closed_port_is_502_with_the_reason() {
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let (_root, app) = project_router();
    let reply = get_reply(app, &proxy_uri(&format!("http://{closed}/api"))).await;
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.header(proxy::ERROR_HEADER), "connection refused");
    assert_eq!(reply.json(), json!({ "error": "connection refused" }));
}

#[tokio::test]
async fn a_silent_upstream_times_out() {
    let upstream = Upstream::start().await;
    let app = proxy::routes_with_timeout(APPID, Duration::from_millis(300));
    let started = Instant::now();
    let reply = get_reply(app, &upstream.via_proxy("/slow")).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(reply.status, StatusCode::BAD_GATEWAY);
    assert_eq!(reply.header(proxy::ERROR_HEADER), "timed out");
    assert_eq!(reply.json(), json!({ "error": "timed out" }));
}

#[tokio::test]
async fn a_page_that_gives_up_cancels_the_upstream_request() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let dropped = upstream.slow_dropped.notified();
    tokio::pin!(dropped);
    // Registered before the request, so the notification cannot be missed.
    dropped.as_mut().enable();
    let call = app.oneshot(
        Request::get(upstream.via_proxy("/slow"))
            .body(Body::empty())
            .unwrap(),
    );
    assert!(tokio::time::timeout(Duration::from_millis(300), call)
        .await
        .is_err());
    tokio::time::timeout(Duration::from_secs(2), dropped)
        .await
        .expect("the upstream request was dropped with the page's");
}

#[tokio::test]
async fn bodies_over_16_mib_are_413() {
    let (_root, app) = project_router();
    let target = proxy_uri("http://127.0.0.1:9/never");
    let big = Bytes::from(vec![b'x'; proxy::MAX_REQUEST_BODY + 1]);
    // Streamed without a length, so the limit is what stops it.
    let reply = send(
        app.clone(),
        request(Method::POST, &target)
            .body(Body::from(big.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        reply.json(),
        json!({ "error": "proxy: the request body is larger than 16 MiB" })
    );
    // Announced by its length: refused before reading.
    let reply = send(
        app,
        request(Method::POST, &target)
            .header("content-length", big.len().to_string())
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn only_this_machine_s_own_page_may_use_it() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let uri = upstream.via_proxy("/echo");
    let with = |headers: &[(&str, &str)], peer: Option<&str>| {
        let mut builder = request(Method::GET, &uri);
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        let mut request = builder.body(Body::empty()).unwrap();
        if let Some(peer) = peer {
            let peer: SocketAddr = peer.parse().unwrap();
            request.extensions_mut().insert(ConnectInfo(peer));
        }
        request
    };
    let refused = [
        with(&[], Some("192.168.1.20:50000")),
        with(
            &[
                ("host", "127.0.0.1:8080"),
                ("origin", "https://evil.example"),
            ],
            None,
        ),
        with(
            &[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")],
            None,
        ),
        with(&[("host", "rebound.example:8080")], None),
    ];
    for request in refused {
        let reply = send(app.clone(), request).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{}", reply.text());
        assert!(
            reply.json()["error"]
                .as_str()
                .unwrap()
                .starts_with("proxy: "),
            "{}",
            reply.text()
        );
    }
    let allowed = [
        with(&[], Some("127.0.0.1:50000")),
        with(&[], Some("[::ffff:127.0.0.1]:50000")),
        with(
            &[
                ("host", "localhost:8080"),
                ("origin", "http://localhost:8080"),
                ("sec-fetch-site", "same-origin"),
            ],
            Some("[::1]:50000"),
        ),
    ];
    for request in allowed {
        let reply = send(app.clone(), request).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    }
}

#[tokio::test]
async fn static_mode_has_no_proxy() {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    fs::create_dir_all(&site).unwrap();
    fs::write(site.join("index.html"), "<!doctype html>").unwrap();
    let app = wxrt_cli::router(&site, &root.path().join("runtime"));
    let reply = get_reply(app, &proxy_uri("http://127.0.0.1:9/")).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn repeated_headers_keep_every_value() {
    let upstream = Upstream::start().await;
    let (_root, app) = project_router();
    let request = request(Method::GET, &upstream.via_proxy("/echo"))
        .header("x-tag", "a")
        .header("x-tag", "b")
        .body(Body::empty())
        .unwrap();
    let reply = send(app, request).await;
    assert_eq!(echoed_headers(&reply)["x-tag"], "a, b");
}
