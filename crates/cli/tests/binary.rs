//! The built `wxrt` binary: the announcement line, a real HTTP request, a clean
//! stop, and exit codes for bad arguments.

use std::fs;
use std::io::{BufRead as _, BufReader, Read as _};
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::process::{announced_port, http_request, stop, Server, WXRT};

fn http_get(port: u16, path: &str) -> String {
    http_request(port, "GET", path, "", "")
}

fn temp_site() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("wxrt-cli-binary-")
        .tempdir()
        .expect("create temp dir");
    fs::create_dir_all(dir.path().join("site")).expect("create site");
    fs::create_dir_all(dir.path().join("runtime/www")).expect("create runtime");
    fs::write(dir.path().join("site/index.html"), "binary-site-index").expect("write index");
    dir
}

#[test]
fn serves_on_the_announced_port_and_stops_on_sigterm() {
    let dir = temp_site();
    let site = dir.path().join("site");
    let child = Command::new(WXRT)
        .arg("serve")
        .arg(&site)
        .args(["--port", "0", "--runtime-dir"])
        .arg(dir.path().join("runtime"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn wxrt");
    let mut server = Server(child);

    let stdout = server.0.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read announcement");
    let absolute = fs::canonicalize(&site).expect("canonical site");
    let prefix = format!("wxrt serving {} at http://127.0.0.1:", absolute.display());
    let port: u16 = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("/\n"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected announcement: {line:?}"));
    assert_ne!(port, 0);

    let response = http_get(port, "/");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("binary-site-index"), "{response}");
    assert!(
        response
            .to_ascii_lowercase()
            .contains("cache-control: no-cache"),
        "{response}"
    );

    stop(&mut server.0);
}

fn serve_exit(path: &Path) -> (Option<i32>, String, String) {
    let output = Command::new(WXRT)
        .arg("serve")
        .arg(path)
        .args(["--port", "0"])
        .stdin(Stdio::null())
        .output()
        .expect("run wxrt");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn nonexistent_dir_exits_with_code_2() {
    let dir = temp_site();
    let missing = dir.path().join("no-such-folder");
    let (code, stdout, stderr) = serve_exit(&missing);
    assert_eq!(code, Some(2), "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout: {stdout}");
    assert!(stderr.contains("no such directory"), "stderr: {stderr}");
    assert!(stderr.contains("no-such-folder"), "stderr: {stderr}");
}

#[test]
fn file_instead_of_dir_exits_with_code_2() {
    let dir = temp_site();
    let file = dir.path().join("site/index.html");
    let (code, _, stderr) = serve_exit(&file);
    assert_eq!(code, Some(2), "stderr: {stderr}");
    assert!(stderr.contains("not a directory"), "stderr: {stderr}");
}

/// A project (code in `miniprogram/`) next to a runtime that has the preview page.
fn temp_project(config: &str) -> tempfile::TempDir {
    let dir = temp_site();
    let project = dir.path().join("project");
    fs::create_dir_all(project.join("miniprogram")).expect("create project");
    fs::write(project.join("project.config.json"), config).expect("write config");
    fs::write(project.join("miniprogram/app.json"), "{}").expect("write app.json");
    fs::create_dir_all(dir.path().join("runtime/www/preview")).expect("create preview");
    fs::write(
        dir.path().join("runtime/www/preview/index.html"),
        "binary-preview-page",
    )
    .expect("write preview page");
    dir
}

fn spawn_project(dir: &Path) -> Server {
    let child = Command::new(WXRT)
        .arg("serve")
        .arg(dir.join("project"))
        .args(["--port", "0", "--runtime-dir"])
        .arg(dir.join("runtime"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn wxrt");
    Server(child)
}

#[test]
fn project_mode_announces_the_project_on_a_second_line() {
    let dir = temp_project(r#"{"appid": "wxbinary", "miniprogramRoot": "miniprogram/"}"#);
    let mut server = spawn_project(dir.path());
    let mut stdout = BufReader::new(server.0.stdout.take().expect("piped stdout"));

    let mut first = String::new();
    stdout.read_line(&mut first).expect("read announcement");
    let port = announced_port(&first, &dir.path().join("project"));
    let mut second = String::new();
    stdout.read_line(&mut second).expect("read project line");
    let code_root = fs::canonicalize(dir.path().join("project/miniprogram")).expect("code root");
    assert_eq!(
        second,
        format!(
            "wxrt project wxbinary (code root {})\n",
            code_root.display()
        )
    );

    let page = http_get(port, "/?path=pages/index/index&scene=1001");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("binary-preview-page"), "{page}");
    let bundle = http_get(port, "/__wxrt/project");
    assert!(bundle.starts_with("HTTP/1.1 200"), "{bundle}");
    assert!(
        bundle.contains(r#"{"appid":"wxbinary","projectName":null,"version":"content-"#),
        "{bundle}"
    );
    assert!(
        bundle.contains(
            r#"","backgroundFetch":{"prefetch":false,"periodic":false,"periodicIntervalMs":43200000},"files":{"app.json":"{}"},"compiled":{"wxml":{},"wxss":{},"js":{}},"launch":null,"problems":[],"writtenAs":{}}"#
        ),
        "{bundle}"
    );

    stop(&mut server.0);
}

#[test]
fn malformed_project_config_still_starts_and_says_why() {
    let dir = temp_project("{\"appid\": ");
    let mut server = spawn_project(dir.path());
    let mut stdout = BufReader::new(server.0.stdout.take().expect("piped stdout"));
    let mut stderr = server.0.stderr.take().expect("piped stderr");

    let mut first = String::new();
    stdout.read_line(&mut first).expect("read announcement");
    let port = announced_port(&first, &dir.path().join("project"));
    let page = http_get(port, "/");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    let bundle = http_get(port, "/__wxrt/project");
    assert!(bundle.starts_with("HTTP/1.1 422"), "{bundle}");
    assert!(
        bundle.contains("project.config.json: bad JSON at line 1, column 10: "),
        "{bundle}"
    );

    stop(&mut server.0);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("read stdout");
    // No project line without a usable config; the folder is watched all the same, so
    // fixing the config reloads the page.
    let site = fs::canonicalize(dir.path().join("project")).expect("canonical project");
    assert_eq!(
        rest,
        format!("wxrt watching {} for changes\n", site.display())
    );
    let mut errors = String::new();
    stderr.read_to_string(&mut errors).expect("read stderr");
    // Once at startup, once for the bundle request.
    assert_eq!(
        errors
            .matches("wxrt: project.config.json: bad JSON at line 1, column 10: ")
            .count(),
        2,
        "{errors}"
    );
}
