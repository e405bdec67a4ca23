//! The built binary's WeChat stand-in: `wxrt wechat-server` on its own, spoken to over
//! real TCP as a backend would, and the startup notice of `wxrt serve` without a secret.

use std::fs;
use std::io::{BufRead as _, BufReader, Read as _};
use std::process::{Command, Stdio};

use serde_json::Value;

mod common;
use common::process::{http_request, stop, Server, WXRT};

/// One HTTP/1.1 request; returns the status line's code and the body.
fn http(port: u16, method: &str, path: &str, body: &str) -> (u16, String) {
    let headers = format!(
        "Content-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    let response = http_request(port, method, path, &headers, body);
    let status = response
        .get(9..12)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not HTTP: {response}"));
    let (head, body) = response.split_once("\r\n\r\n").expect("headers end");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: application/json"),
        "{head}"
    );
    (status, body.to_owned())
}

/// A code from the stand-in's page route, for `user` of `appid`.
fn login_code(port: u16, appid: &str, user: &str) -> String {
    let (status, body) = http(
        port,
        "POST",
        "/__wxrt/wechat/login",
        &format!(r#"{{"appid": "{appid}", "user": "{user}"}}"#),
    );
    assert_eq!(status, 200, "{body}");
    json(&body)["code"].as_str().expect("a code").to_owned()
}

/// `GET /sns/jscode2session` as a backend calls it.
fn exchange(port: u16, appid: &str, secret: &str, code: &str) -> (u16, String) {
    let path = format!(
        "/sns/jscode2session?appid={appid}&secret={secret}&js_code={code}&grant_type=authorization_code"
    );
    http(port, "GET", &path, "")
}

fn json(body: &str) -> Value {
    serde_json::from_str(body).unwrap_or_else(|err| panic!("not JSON ({err}): {body}"))
}

#[test]
fn wechat_server_exchanges_codes_like_wechat() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = dir.path().join("apps.json");
    fs::write(
        &config,
        r#"{"apps": [{"appid": "wxfromfile", "secret": "file-secret"}]}"#,
    )
    .expect("write config");
    let child = Command::new(WXRT)
        .args([
            "wechat-server",
            "--port",
            "0",
            "--app",
            "wxbackend:backend-secret:unionid",
            "--config",
        ])
        .arg(&config)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn wxrt");
    let mut server = Server(child);
    let mut stdout = BufReader::new(server.0.stdout.take().expect("piped stdout"));

    let mut first = String::new();
    stdout.read_line(&mut first).expect("read announcement");
    let port: u16 = first
        .strip_prefix("wxrt wechat-server at http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix("/\n"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected announcement: {first:?}"));
    assert_ne!(port, 0);
    let mut apps = String::new();
    for _ in 0..2 {
        stdout.read_line(&mut apps).expect("read app line");
    }
    assert_eq!(
        apps,
        "wxrt wechat-server app wxbackend (unionid)\nwxrt wechat-server app wxfromfile\n"
    );

    let code = login_code(port, "wxbackend", "alice");
    let (status, body) = exchange(port, "wxbackend", "backend-secret", &code);
    assert_eq!(status, 200);
    let session = json(&body);
    assert_eq!(session["openid"].as_str().map(str::len), Some(28), "{body}");
    assert_eq!(
        session["unionid"].as_str().map(str::len),
        Some(28),
        "{body}"
    );
    assert_eq!(
        session["session_key"].as_str().map(str::len),
        Some(24),
        "{body}"
    );

    let (status, body) = exchange(port, "wxbackend", "backend-secret", &code);
    assert_eq!(status, 200);
    assert_eq!(json(&body)["errcode"], 40029, "{body}");

    // The app from the file works too.
    let code = login_code(port, "wxfromfile", "bob");
    let (_, body) = exchange(port, "wxfromfile", "file-secret", &code);
    assert!(json(&body).get("openid").is_some(), "{body}");

    stop(&mut server.0);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read stdout");
    assert!(!rest.contains("secret"), "{rest}");
}

fn wechat_server_exit(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(WXRT)
        .arg("wechat-server")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run wxrt");
    assert!(output.stdout.is_empty());
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn wechat_server_refuses_bad_apps_with_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad_config = dir.path().join("bad.json");
    fs::write(
        &bad_config,
        r#"{"apps": [{"appid": "wx1", "secret": "s", "unionId": true}]}"#,
    )
    .expect("write config");
    let bad_config = bad_config.to_str().expect("UTF-8 temp path");
    let missing = dir.path().join("missing.json");
    let missing = missing.to_str().expect("UTF-8 temp path");
    for (args, needle) in [
        (vec!["--port", "0"], "needs at least one --app"),
        (vec!["--port", "0", "--app", "wx1"], "APPID:SECRET"),
        (vec!["--port", "0", "--app", "wx1:s:union"], "unionid"),
        (
            vec!["--port", "0", "--app", "wx1:s", "--app", "wx1:t"],
            "wx1 is given more than once",
        ),
        (vec!["--port", "0", "--app", "wx 1:s"], "invalid appid"),
        (
            vec!["--port", "0", "--config", bad_config],
            "unknown field `unionId`",
        ),
        (vec!["--port", "0", "--config", missing], "cannot read"),
        (vec!["--app", "wx1:s"], "--port"),
    ] {
        let (code, stderr) = wechat_server_exit(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("backend-secret"), "{stderr}");
    }
}

#[test]
fn serve_says_once_that_a_project_has_no_secret() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = dir.path().join("project");
    fs::create_dir_all(&project).expect("create project");
    fs::write(
        project.join("project.config.json"),
        r#"{"appid": "wxnosecret"}"#,
    )
    .expect("write config");
    fs::write(project.join("app.json"), "{}").expect("write app.json");
    fs::create_dir_all(dir.path().join("runtime/www/preview")).expect("create runtime");
    fs::write(dir.path().join("runtime/www/preview/index.html"), "page").expect("write page");

    let spawn = |extra: &[&str]| {
        let child = Command::new(WXRT)
            .arg("serve")
            .arg(&project)
            .args(["--port", "0", "--runtime-dir"])
            .arg(dir.path().join("runtime"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn wxrt");
        Server(child)
    };
    let run = |mut server: Server| {
        let mut stdout = BufReader::new(server.0.stdout.take().expect("piped stdout"));
        let mut first = String::new();
        stdout.read_line(&mut first).expect("read announcement");
        let port: u16 = first
            .rsplit_once(':')
            .and_then(|(_, rest)| rest.strip_suffix("/\n"))
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("unexpected announcement: {first:?}"));
        let code = login_code(port, "wxnosecret", "alice");
        let (_, body) = exchange(port, "wxnosecret", "flag-secret", &code);
        stop(&mut server.0);
        let mut errors = String::new();
        server
            .0
            .stderr
            .take()
            .expect("piped stderr")
            .read_to_string(&mut errors)
            .expect("read stderr");
        (json(&body), errors)
    };

    let (answer, errors) = run(spawn(&[]));
    assert_eq!(answer["errcode"], 40125, "{answer}");
    let notice = "wxrt: no app secret for wxnosecret: jscode2session will answer 40125 until \
                  you pass --app-secret or set appSecret in wxrt.config.json\n";
    assert_eq!(errors.matches(notice).count(), 1, "{errors}");

    let (answer, errors) = run(spawn(&["--app-secret", "flag-secret"]));
    assert!(answer.get("openid").is_some(), "{answer}");
    assert!(!errors.contains("no app secret"), "{errors}");
    assert!(!errors.contains("flag-secret"), "{errors}");
}
