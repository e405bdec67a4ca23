//! Live reload of the built binary: `wxrt serve` on a temporary project, its event stream
//! read as the page reads it, its terminal lines, and the bundle after each change.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::{BufRead as _, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use serde_json::{json, Value};
use tempfile::TempDir;

mod common;
use common::process::{announced_port, stop, Server, WXRT};

/// The longest any step may take.
const PATIENCE: Duration = Duration::from_secs(5);

const WXML: &str = "pages/index/index.wxml";

/// `wxrt serve` running on a small project, with its output read line by line.
struct Live {
    dir: TempDir,
    server: Server,
    port: u16,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
    client: reqwest::Client,
}

impl Live {
    /// Starts `wxrt serve` with `flags` on a fresh project and reads the announcement:
    /// the serving line, the project line and, when watching, the watching line.
    fn start(flags: &[&str]) -> Self {
        Self::start_in("", flags)
    }

    /// [`Live::start`] with the code in the project's folder `root` (`miniprogramRoot`),
    /// or in the project folder itself when `root` is empty.
    fn start_in(root: &str, flags: &[&str]) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("wxrt-cli-live-")
            .tempdir()
            .unwrap();
        let write = |relative: &str, text: &str| {
            let path = dir.path().join(relative);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        let config = if root.is_empty() {
            json!({"appid": "wxlive"})
        } else {
            json!({"appid": "wxlive", "miniprogramRoot": root})
        };
        write("project/project.config.json", &config.to_string());
        let code = |relative: &str, text: &str| {
            write(&format!("project/{root}{relative}"), text);
        };
        code("app.json", r#"{"pages": ["pages/index/index"]}"#);
        code("app.js", "App({});");
        code("pages/index/index.js", "Page({});");
        code("pages/index/index.wxml", "<view>one</view>");
        // A folder made during a test is watched only once the watcher has seen it;
        // files the tests add go into folders that are there from the start.
        code("utils/util.js", "module.exports = {};");
        write("runtime/www/preview/index.html", "live-preview-page");

        let child = Command::new(WXRT)
            .arg("serve")
            .arg(dir.path().join("project"))
            .args(["--port", "0", "--runtime-dir"])
            .arg(dir.path().join("runtime"))
            // With a secret, stderr has nothing but what the tests look for.
            .args(["--app-secret", "live-secret"])
            .args(flags)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut server = Server(child);
        let stdout = lines(server.0.stdout.take().unwrap());
        let stderr = lines(server.0.stderr.take().unwrap());

        let first = stdout.recv_timeout(PATIENCE).expect("the serving line");
        let project = fs::canonicalize(dir.path().join("project")).unwrap();
        let port = announced_port(&format!("{first}\n"), &project);
        let code_root = if root.is_empty() {
            project.clone()
        } else {
            project.join(root.trim_end_matches('/'))
        };
        let second = stdout.recv_timeout(PATIENCE).expect("the project line");
        assert_eq!(
            second,
            format!("wxrt project wxlive (code root {})", code_root.display())
        );
        if !flags.contains(&"--no-watch") {
            let third = stdout.recv_timeout(PATIENCE).expect("the watching line");
            assert_eq!(
                third,
                format!("wxrt watching {} for changes", code_root.display())
            );
        }
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        Self {
            dir,
            server,
            port,
            stdout,
            stderr,
            client,
        }
    }

    fn project(&self) -> PathBuf {
        self.dir.path().join("project")
    }

    /// Writes a file of the project, creating its folder.
    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.project().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// `GET /__wxrt/project`: its status and JSON.
    async fn bundle(&self) -> (StatusCode, Value) {
        let response = self
            .client
            .get(self.url("/__wxrt/project"))
            .send()
            .await
            .unwrap();
        let status = StatusCode::from_u16(response.status().as_u16()).unwrap();
        let body = response.bytes().await.unwrap();
        (status, serde_json::from_slice(&body).unwrap())
    }

    /// Connects to `/__wxrt/events` and reads its `hello`.
    async fn events(&self) -> (Events, Value) {
        let response = self
            .client
            .get(self.url("/__wxrt/events"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(
            response.headers()["content-type"].to_str().unwrap(),
            "text/event-stream"
        );
        let mut events = Events {
            response,
            buffer: String::new(),
        };
        let (name, hello) = events.next().await;
        assert_eq!(name, "hello", "{hello}");
        (events, hello)
    }

    /// The next line on stdout.
    fn stdout_line(&self) -> String {
        self.stdout
            .recv_timeout(PATIENCE)
            .expect("a line on stdout")
    }

    /// The next line on stderr.
    fn stderr_line(&self) -> String {
        self.stderr
            .recv_timeout(PATIENCE)
            .expect("a line on stderr")
    }
}

/// The lines `stream` gives, without their newlines, as they come.
fn lines(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

/// An event stream, read the way `EventSource` reads it.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    /// The next event's name and JSON data; fails the test after [`PATIENCE`].
    async fn next(&mut self) -> (String, Value) {
        self.within(PATIENCE)
            .await
            .expect("an event before the timeout")
    }

    /// The next event, or `None` when none comes within `limit`.
    async fn within(&mut self, limit: Duration) -> Option<(String, Value)> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            if let Some(event) = self.take() {
                return Some(event);
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .unwrap()
                .expect("the stream stays open");
            self.buffer.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    }

    /// An event whole in the buffer; comments (keep-alives) are skipped.
    fn take(&mut self) -> Option<(String, Value)> {
        loop {
            let end = self.buffer.find("\n\n")?;
            let block: String = self.buffer.drain(..end + 2).collect();
            let mut name = "message".to_owned();
            let mut data = None;
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event: ") {
                    value.clone_into(&mut name);
                } else if let Some(value) = line.strip_prefix("data: ") {
                    data = Some(serde_json::from_str(value).unwrap());
                }
            }
            if let Some(data) = data {
                return Some((name, data));
            }
        }
    }
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item.as_str().unwrap())
        .collect()
}

/// Asserts `line` is the reload line for `changed`.
fn assert_reload_line(line: &str, changed: &str) {
    let ms = line
        .strip_prefix(&format!("wxrt reload: {changed} (compiled in "))
        .and_then(|rest| rest.strip_suffix(" ms)"))
        .unwrap_or_else(|| panic!("not the reload line for {changed}: {line:?}"));
    assert!(ms.parse::<u64>().is_ok(), "{line:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_reloads_the_page_with_the_new_files() {
    let mut live = Live::start(&[]);
    let (mut events, hello) = live.events().await;
    assert_eq!(hello, json!({"generation": 1, "problems": []}));

    live.write(WXML, "<view>two</view>");
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    assert_eq!(data["generation"], json!(2));
    assert_eq!(strings(&data["changed"]), [WXML]);
    assert!(data["compileMs"].is_u64(), "{data}");
    assert_reload_line(&live.stdout_line(), WXML);

    let (status, bundle) = live.bundle().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bundle["files"][WXML], json!("<view>two</view>"));
    assert_eq!(bundle["problems"], json!([]));

    // A page that connects now is told the new generation.
    let (_second, hello) = live.events().await;
    assert_eq!(hello, json!({"generation": 2, "problems": []}));

    // Open event streams do not hold the shutdown up for its grace period.
    let started = Instant::now();
    stop(&mut live.server.0);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_wxml_file_sends_its_problem_and_the_fix_reloads() {
    let live = Live::start(&[]);
    let (mut events, _) = live.events().await;

    live.write(WXML, "<view>\n  <view a=\"{{\"></view>\n</view>");
    let (name, data) = events.next().await;
    assert_eq!(name, "problems", "{data}");
    assert_eq!(strings(&data["changed"]), [WXML]);
    let problems = data["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{data}");
    assert_eq!(problems[0]["file"], json!(WXML));
    assert_eq!(problems[0]["line"], json!(2));
    let column = problems[0]["column"].as_u64().expect("a column");
    let message = problems[0]["message"].as_str().unwrap();
    assert!(!message.is_empty() && !message.contains(WXML), "{message}");
    assert_eq!(
        live.stderr_line(),
        format!("wxrt compile error: {WXML}:2:{column}: {message}")
    );

    // The bundle is still served, with the problem in it.
    let (status, bundle) = live.bundle().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bundle["problems"], data["problems"]);

    live.write(WXML, "<view>\n  <view a=\"{{b}}\"></view>\n</view>");
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    assert_eq!(strings(&data["changed"]), [WXML]);
    assert_reload_line(&live.stdout_line(), WXML);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_app_json_is_a_problem_where_serde_json_finds_it() {
    let live = Live::start(&[]);
    let (mut events, _) = live.events().await;

    live.write("app.json", r#"{"pages": [}"#);
    let (name, data) = events.next().await;
    assert_eq!(name, "problems", "{data}");
    assert_eq!(
        data["problems"],
        json!([{"file": "app.json", "line": 1, "column": 12, "message": "bad JSON: expected value"}])
    );
    assert_eq!(
        live.stderr_line(),
        "wxrt compile error: app.json:1:12: bad JSON: expected value"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_that_cannot_be_read_is_one_problem_without_a_position() {
    let live = Live::start(&[]);
    let (mut events, _) = live.events().await;

    live.write("utils/bad.js", b"\xff\xfe");
    let (name, data) = events.next().await;
    assert_eq!(name, "problems", "{data}");
    assert_eq!(strings(&data["changed"]), ["utils/bad.js"]);
    assert_eq!(
        data["problems"],
        json!([{"file": "utils/bad.js", "line": null, "column": null, "message": "not UTF-8 text"}])
    );
    assert_eq!(
        live.stderr_line(),
        "wxrt compile error: utils/bad.js: not UTF-8 text"
    );
    let (status, bundle) = live.bundle().await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bundle, json!({"error": "utils/bad.js: not UTF-8 text"}));

    fs::remove_file(live.project().join("utils/bad.js")).unwrap();
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    assert_eq!(strings(&data["changed"]), ["utils/bad.js"]);
    assert_eq!(live.bundle().await.0, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_config_changes_count_and_a_new_code_root_is_watched() {
    let live = Live::start_in("a/", &[]);
    let (mut events, _) = live.events().await;
    live.write("b/app.json", r#"{"pages": []}"#);
    assert_eq!(
        events.within(Duration::from_millis(400)).await,
        None,
        "outside the code root"
    );

    live.write(
        "project.config.json",
        r#"{"appid": "wxlive", "miniprogramRoot": "b/"}"#,
    );
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    let changed = strings(&data["changed"]);
    assert!(changed.contains(&"project.config.json"), "{data}");
    assert!(changed.contains(&"pages/index/index.wxml"), "{data}");
    let (_, bundle) = live.bundle().await;
    assert_eq!(bundle["files"], json!({"app.json": r#"{"pages": []}"#}));

    live.write("b/app.json", r#"{"pages": ["pages/b/b"]}"#);
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    assert_eq!(strings(&data["changed"]), ["app.json"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ignored_paths_send_nothing() {
    let live = Live::start(&[]);
    let (mut events, _) = live.events().await;

    live.write(".wxrt/x.json", "{}");
    live.write("node_modules/a.js", "module.exports = 1;");
    live.write(".git/index.js", "1");
    live.write("images/logo.png", "PNG");
    live.write("pages/index/index.js", "Page({ edited: true });");
    let (name, data) = events.next().await;
    assert_eq!(name, "reload", "{data}");
    assert_eq!(strings(&data["changed"]), ["pages/index/index.js"]);
    assert_eq!(data["generation"], json!(2));
    assert_reload_line(&live.stdout_line(), "pages/index/index.js");

    live.write("node_modules/a.js", "module.exports = 2;");
    assert_eq!(
        events.within(Duration::from_millis(400)).await,
        None,
        "an ignored change sends nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_watching_there_are_no_events_and_each_request_reads_the_project() {
    let mut live = Live::start(&["--no-watch"]);
    let response = live
        .client
        .get(live.url("/__wxrt/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);

    live.write(WXML, "<view>edited</view>");
    let (status, bundle) = live.bundle().await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bundle["files"][WXML], json!("<view>edited</view>"));

    stop(&mut live.server.0);
    assert_eq!(
        live.stdout.recv_timeout(PATIENCE),
        Err(mpsc::RecvTimeoutError::Disconnected),
        "nothing more on stdout"
    );
}

#[tokio::test]
async fn a_static_folder_has_no_event_stream() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("index.html"), "static").unwrap();
    let app = wxrt_cli::router(dir.path(), Path::new("/nonexistent-runtime"));
    let reply = common::get(app, "/__wxrt/events").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

/// The bundle once `ready` holds of it, asked again until it does (for [`PATIENCE`]).
async fn bundle_when(live: &Live, what: &str, ready: impl Fn(&Value) -> bool) -> Value {
    let started = Instant::now();
    loop {
        let (status, bundle) = live.bundle().await;
        if status == StatusCode::OK && ready(&bundle) {
            return bundle;
        }
        assert!(started.elapsed() < PATIENCE, "{what}: {bundle}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compiler_plugin_sources_rebuild_what_they_make() {
    let live = Live::start(&[]);
    live.write(
        "project.config.json",
        r#"{"appid": "wxlive", "setting": {"useCompilerPlugins": ["typescript", "sass"]}}"#,
    );
    live.write(
        "pages/index/index.scss",
        "$ink: red;\n.a { color: $ink; }\n",
    );
    let css = |bundle: &Value| {
        bundle["compiled"]["wxss"]["pages/index/index.wxss"]["css"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    bundle_when(&live, "the compiled sheet", |b| {
        css(b).contains("color:red")
    })
    .await;
    live.write(
        "pages/index/index.scss",
        "$ink: blue;\n.a { color: $ink; }\n",
    );
    bundle_when(&live, "the edited sheet", |b| css(b).contains("color:blue")).await;

    fs::remove_file(live.project().join("pages/index/index.js")).unwrap();
    live.write(
        "pages/index/index.ts",
        "Page({ data: { n: 1 as number } })\n",
    );
    let js = |bundle: &Value| {
        bundle["files"]["pages/index/index.js"]
            .as_str()
            .map(str::to_owned)
    };
    let bundle = bundle_when(&live, "the page's JavaScript", |b| {
        js(b).is_some_and(|js| js.starts_with("Page({ data: { n: 1 ") && !js.contains("number"))
    })
    .await;
    assert_eq!(
        bundle["writtenAs"]["pages/index/index.js"],
        json!("pages/index/index.ts")
    );
}
