//! `wxrt auto` end to end, as `miniprogram-automator` drives it: the announcement line,
//! DevTools' command line, the native `Tool.*` answers, requests forwarded to the page
//! (concurrently, answered out of order), page events, screenshots over CDP, `Tool.close`
//! ending the process, and no Chromium or profile left behind.
//!
//! The page side is a stand-in preview page in a temporary runtime folder that speaks
//! the page contract (`globalThis.wxrt.automator()`), so these tests need only Chromium
//! (found as `wxrt auto` finds it: `$WXRT_CHROMIUM`, else chromium, chromium-browser or
//! google-chrome on PATH), not the built runtime; the real page is tested by
//! tests/e2e/automator-*.test.mjs.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Command, Stdio};
use std::time::Duration;

use base64ct::{Base64, Encoding as _};
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

mod common;
use common::process::{wait_with_timeout, Server, WXRT};

/// The stand-in preview: answers a few methods, holds `Page.hold` until `Page.release`,
/// emits an event on `App.emit`, and has a 100×50 phone screen at (10, 20).
const PREVIEW: &str = r#"<!doctype html>
<body style="margin:0">
<div id="phone" style="position:absolute;left:10px;top:20px;width:100px;height:50px;background:#f00"></div>
<script>
let release;
const held = new Promise((resolve) => { release = resolve; });
const emit = (method, params) => globalThis.__wxrtAutomatorEvent(JSON.stringify({ method, params }));
const automator = {
  async request(method, params, context) {
    switch (method) {
      case 'App.getCurrentPage': return { result: { pageId: 1, path: 'pages/index/index', query: { from: location.search } } };
      case 'App.callWxMethod': return { result: { result: { method: params.method, context } } };
      case 'Page.hold': await held; return { result: { held: true } };
      case 'Page.release': release(); return { result: {} };
      case 'App.emit': emit('App.logAdded', { type: 'log', args: params.args }); return { result: {} };
      default: return { error: { message: `webview ${method} unimplemented` } };
    }
  },
  screenRect() {
    const { x, y, width, height } = document.getElementById('phone').getBoundingClientRect();
    return { x, y, width, height };
  },
};
// Late, as the real runtime is: the forwarded call waits for it.
setTimeout(() => { globalThis.wxrt = { automator: async () => automator }; }, 200);
</script>
"#;

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("wxrt-cli-automator-")
            .tempdir()
            .unwrap();
        let write = |path: &str, text: &str| {
            let path = dir.path().join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        write("project/app.json", r#"{"pages": ["pages/index/index"]}"#);
        write("project/app.js", "App({})");
        write("project/pages/index/index.js", "Page({})");
        write("project/pages/index/index.wxml", "<view>hi</view>");
        write("runtime/www/preview/index.html", PREVIEW);
        fs::create_dir_all(dir.path().join("tmp")).unwrap();
        Self { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `wxrt` with `args`, its temporary files (Chromium's profile) under our `tmp/`.
    fn start(&self, args: &[&str]) -> (Server, String) {
        let child = Command::new(WXRT)
            .args(args)
            .env("TMPDIR", self.path("tmp"))
            .env("WXRT_RUNTIME_DIR", self.path("runtime"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut server = Server(child);
        let mut line = String::new();
        BufReader::new(server.0.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let Some(endpoint) = line
            .strip_prefix("wxrt auto: ")
            .and_then(|rest| rest.strip_suffix('\n'))
            .filter(|endpoint| endpoint.starts_with("ws://127.0.0.1:"))
        else {
            let _ = server.0.kill();
            let mut stderr = String::new();
            server
                .0
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr)
                .unwrap();
            panic!(
                "wxrt auto did not announce its endpoint (these tests need Chromium: set \
                 WXRT_CHROMIUM or put chromium on PATH)\nstdout: {line:?}\nstderr: {stderr}"
            );
        };
        assert!(!endpoint.ends_with(":0"), "{endpoint}");
        (server, endpoint.to_owned())
    }

    /// Processes whose command line names our temporary folder: Chromium's, if any.
    fn browsers_left(&self) -> Vec<String> {
        let marker = self.path("tmp").display().to_string();
        fs::read_dir("/proc")
            .unwrap()
            .filter_map(|entry| fs::read(entry.ok()?.path().join("cmdline")).ok())
            .map(|cmdline| String::from_utf8_lossy(&cmdline).replace('\0', " "))
            .filter(|cmdline| cmdline.contains(&marker))
            .collect()
    }

    /// [`Self::browsers_left`] once they have had time to go: after wxrt has waited for
    /// Chromium's own process, its helpers (the zygote) end a moment later, later still
    /// on a busy machine. Empty as soon as none is left; what is left after 10 s if any.
    fn browsers_left_after_exit(&self) -> Vec<String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let left = self.browsers_left();
            if left.is_empty() || std::time::Instant::now() >= deadline {
                return left;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn profiles_left(&self) -> Vec<String> {
        fs::read_dir(self.path("tmp"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(endpoint: &str) -> Socket {
    // Any path works, as with DevTools.
    let (socket, _) = tokio_tungstenite::connect_async(format!("{endpoint}/some/path"))
        .await
        .unwrap();
    socket
}

async fn send(socket: &mut Socket, id: &str, method: &str, params: Value) {
    let frame = json!({ "id": id, "method": method, "params": params });
    socket.send(Message::text(frame.to_string())).await.unwrap();
}

/// The next frame, as JSON; `None` once the socket is closed.
async fn next(socket: &mut Socket) -> Option<Value> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(30), socket.next())
            .await
            .expect("an answer within 30 s");
        match frame {
            Some(Ok(Message::Text(text))) => return Some(serde_json::from_str(&text).unwrap()),
            Some(Ok(Message::Close(_)) | Err(_)) | None => return None,
            Some(Ok(_)) => {}
        }
    }
}

async fn call(socket: &mut Socket, id: &str, method: &str, params: Value) -> Value {
    send(socket, id, method, params).await;
    let answer = next(socket).await.expect("an answer");
    assert_eq!(answer["id"], id, "{answer}");
    answer
}

#[tokio::test]
async fn a_launched_session_answers_forwards_and_exits_after_tool_close() {
    let fixture = Fixture::new();
    let project = fixture.path("project");
    // Exactly what automator.launch({ cliPath, projectPath, args: ['--lang', 'en'],
    // account, trustProject: true }) spawns, but on port 0.
    let (mut server, endpoint) = fixture.start(&[
        "--lang",
        "en",
        "auto",
        "--project",
        project.to_str().unwrap(),
        "--auto-port",
        "0",
        "--auto-account",
        "openid123",
        "--trust-project",
    ]);
    let mut socket = connect(&endpoint).await;

    let info = call(&mut socket, "1", "Tool.getInfo", json!({})).await;
    assert_eq!(info["result"]["SDKVersion"], "3.4.0");
    assert_eq!(
        info["result"]["version"],
        format!("wxrt {}", env!("CARGO_PKG_VERSION"))
    );
    let remote = call(&mut socket, "2", "Tool.enableRemoteDebug", json!({})).await;
    assert_eq!(
        remote["error"]["message"],
        "remote debug is not supported: wxrt has no phone to debug on"
    );
    let unknown = call(&mut socket, "3", "Tool.frobnicate", json!({})).await;
    assert_eq!(unknown["error"]["message"], "Tool.frobnicate unimplemented");
    let audits = call(&mut socket, "4", "Tool.stopAudits", json!({})).await;
    assert_eq!(audits["result"], json!({"report": "", "data": "{}"}));

    // A held page call does not block the ones after it; answers come as they are ready.
    send(&mut socket, "held", "Page.hold", json!({"pageId": 1})).await;
    let page = call(&mut socket, "5", "App.getCurrentPage", json!({})).await;
    assert_eq!(
        page["result"],
        json!({"pageId": 1, "path": "pages/index/index", "query": {"from": "?automator=1"}})
    );
    let sync = call(
        &mut socket,
        "6",
        "App.callWxMethod",
        json!({"method": "getStorageSync", "args": ["k"]}),
    )
    .await;
    assert_eq!(
        sync["result"]["result"],
        json!({"method": "getStorageSync", "context": {"sync": true}})
    );
    let later = call(
        &mut socket,
        "7",
        "App.callWxMethod",
        json!({"method": "navigateTo", "args": [{"url": "/pages/a/a"}]}),
    )
    .await;
    assert_eq!(later["result"]["result"]["context"], json!({"sync": false}));
    let unknown = call(&mut socket, "8", "Page.nothing", json!({"pageId": 1})).await;
    assert_eq!(
        unknown["error"]["message"],
        "webview Page.nothing unimplemented"
    );

    // Events come without an id, as the page sent them.
    send(&mut socket, "9", "App.emit", json!({"args": ["hello", 1]})).await;
    let mut frames = [
        next(&mut socket).await.unwrap(),
        next(&mut socket).await.unwrap(),
    ];
    frames.sort_by_key(|frame| frame.get("id").is_some());
    assert_eq!(
        frames[0],
        json!({"method": "App.logAdded", "params": {"type": "log", "args": ["hello", 1]}})
    );
    assert_eq!(frames[1], json!({"id": "9", "result": {}}));

    send(&mut socket, "10", "Page.release", json!({"pageId": 1})).await;
    let mut answers = [
        next(&mut socket).await.unwrap(),
        next(&mut socket).await.unwrap(),
    ];
    answers.sort_by_key(|answer| answer["id"].as_str().unwrap().to_owned());
    assert_eq!(answers[0], json!({"id": "10", "result": {}}));
    assert_eq!(answers[1], json!({"id": "held", "result": {"held": true}}));

    let shot = call(&mut socket, "11", "App.captureScreenshot", json!({})).await;
    let png = Base64::decode_vec(shot["result"]["data"].as_str().unwrap()).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // IHDR's width and height: the phone screen's, at scale 1.
    assert_eq!(&png[16..24], &[0, 0, 0, 100, 0, 0, 0, 50]);

    let close = call(&mut socket, "12", "Tool.close", json!({})).await;
    assert_eq!(close["result"], json!({}));
    assert!(next(&mut socket).await.is_none(), "the socket closes");
    let status = wait_with_timeout(&mut server.0, Duration::from_secs(15))
        .expect("wxrt exits by itself after Tool.close");
    assert!(status.success(), "{status}");
    assert_eq!(fixture.browsers_left_after_exit(), Vec::<String>::new());
    assert_eq!(fixture.profiles_left(), Vec::<String>::new());
}

#[tokio::test]
async fn a_launched_session_exits_when_its_client_leaves_for_good() {
    let fixture = Fixture::new();
    let project = fixture.path("project");
    let (mut server, endpoint) = fixture.start(&[
        "auto",
        "--project",
        project.to_str().unwrap(),
        "--auto-port",
        "0",
    ]);
    let mut socket = connect(&endpoint).await;
    let page = call(&mut socket, "1", "App.getCurrentPage", json!({})).await;
    assert_eq!(page["result"]["path"], "pages/index/index");
    // miniProgram.disconnect(): the socket closes without a word.
    socket.close(None).await.unwrap();
    let status = wait_with_timeout(&mut server.0, Duration::from_secs(15))
        .expect("wxrt exits a few seconds after its last client left");
    assert!(status.success(), "{status}");
    assert_eq!(fixture.browsers_left_after_exit(), Vec::<String>::new());
    assert_eq!(fixture.profiles_left(), Vec::<String>::new());
}

#[tokio::test]
async fn sigterm_closes_chromium_and_exits_143() {
    let fixture = Fixture::new();
    let project = fixture.path("project");
    let (mut server, endpoint) =
        fixture.start(&["auto", project.to_str().unwrap(), "--auto-port", "0"]);
    // Two clients at once, each with its own page.
    let mut first = connect(&endpoint).await;
    let mut second = connect(&endpoint).await;
    let one = call(&mut first, "a", "App.getCurrentPage", json!({})).await;
    let two = call(&mut second, "b", "App.getCurrentPage", json!({})).await;
    assert_eq!(one["result"]["path"], "pages/index/index");
    assert_eq!(two["result"]["path"], "pages/index/index");
    assert!(!fixture.browsers_left().is_empty());

    let sent = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status =
        wait_with_timeout(&mut server.0, Duration::from_secs(15)).expect("wxrt stops on SIGTERM");
    assert_eq!(status.code(), Some(143));
    assert_eq!(fixture.browsers_left_after_exit(), Vec::<String>::new());
    assert_eq!(fixture.profiles_left(), Vec::<String>::new());
}

#[test]
fn without_chromium_it_says_what_it_tried() {
    let fixture = Fixture::new();
    let output = Command::new(WXRT)
        .args(["auto"])
        .arg(fixture.path("project"))
        .env("PATH", "")
        .env_remove("WXRT_CHROMIUM")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("no Chromium found: tried chromium, chromium-browser, google-chrome on PATH"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_folder_that_is_not_a_project_is_refused() {
    let fixture = Fixture::new();
    let output = Command::new(WXRT)
        .args(["auto"])
        .arg(fixture.path("runtime"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("is not a mini-program project"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
