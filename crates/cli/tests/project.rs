//! `wxrt serve` on a mini-program project: the preview page, the project
//! bundle, its errors, and files from the code root, driven in-process.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::Router;
use serde_json::{json, Value};
use tempfile::TempDir;

mod common;
use common::{get, Reply};

const PREVIEW: &str = "<!doctype html><title>wxrt-preview</title>";

/// A project folder and a runtime checkout side by side, with a secret next to them.
struct Fixture {
    root: TempDir,
}

impl Fixture {
    /// An empty project folder (not yet a project) and a runtime with a preview page.
    fn empty() -> Self {
        let root = tempfile::Builder::new()
            .prefix("wxrt-cli-project-")
            .tempdir()
            .unwrap();
        let fixture = Self { root };
        fs::create_dir_all(fixture.project()).unwrap();
        fixture.write("SECRET.js", "SECRET-OUTSIDE-PROJECT");
        fixture.write("runtime/www/preview/index.html", PREVIEW);
        fixture.write("runtime/www/index.js", "export const shim = 1;");
        fixture
    }

    /// A small project whose code sits in the project folder itself.
    fn new() -> Self {
        let fixture = Self::empty();
        fixture.write(
            "project/project.config.json",
            r#"{"appid": "wx0123456789abcdef", "projectname": "demo"}"#,
        );
        fixture.write("project/project.private.config.json", "{}");
        fixture.write("project/app.json", r#"{"pages": ["pages/index/index"]}"#);
        fixture.write("project/app.js", "App({});");
        fixture.write("project/app.wxss", "page { color: red; }");
        fixture.write("project/pages/index/index.js", "Page({});");
        fixture.write("project/pages/index/index.json", "{}");
        fixture.write("project/pages/index/index.wxml", "<view>hi</view>");
        fixture.write("project/pages/index/index.wxss", ".a {}");
        fixture.write("project/utils/format.wxs", "module.exports = {};");
        // The app's own code reaches the package: the bundle carries only what is reached.
        fixture.write("project/utils/util.js", "module.exports = require('lib');");
        fixture.write(
            "project/miniprogram_npm/lib/index.js",
            "module.exports = 1;",
        );
        fixture.write("project/node_modules/lib/index.js", "NODE-MODULES");
        fixture.write("project/.git/config.js", "HIDDEN-DIR");
        fixture.write("project/.eslintrc.js", "HIDDEN-FILE");
        fixture.write("project/README.md", "# not code");
        fixture.write("project/images/logo.png", "PNG-BYTES");
        fixture
    }

    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
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

    fn app(&self) -> Router {
        wxrt_cli::router(&self.project(), &self.runtime())
    }
}

/// The bundle's error message, checking the error's status and type on the way.
fn bundle_error(reply: &Reply) -> String {
    assert_eq!(
        reply.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        reply.text()
    );
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    let json = reply.json();
    let object = json.as_object().unwrap();
    assert_eq!(object.len(), 1, "{json}");
    object["error"].as_str().unwrap().to_owned()
}

async fn bundle(fixture: &Fixture) -> Value {
    let reply = get(fixture.app(), "/__wxrt/project").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()
}

fn file_names(bundle: &Value) -> Vec<String> {
    bundle["files"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn project_detection() {
    let fixture = Fixture::empty();
    assert!(!wxrt_cli::project::is_project(&fixture.project()));
    fixture.write("project/app.json", "{}");
    assert!(wxrt_cli::project::is_project(&fixture.project()));

    let other = Fixture::empty();
    other.write("project/project.config.json", "{}");
    assert!(wxrt_cli::project::is_project(&other.project()));
}

#[tokio::test]
async fn root_answers_the_preview_page_with_or_without_a_query() {
    let fixture = Fixture::new();
    for uri in [
        "/",
        "/?path=pages/a/a&query=id%3D3&scene=1011",
        "/index.html",
        "/index.html?path=pages/index/index",
    ] {
        let reply = get(fixture.app(), uri).await;
        assert_eq!(reply.status, StatusCode::OK, "{uri}");
        assert_eq!(reply.text(), PREVIEW, "{uri}");
        assert!(reply.header(CONTENT_TYPE).starts_with("text/html"), "{uri}");
        assert_eq!(reply.header(CACHE_CONTROL), "no-cache", "{uri}");
    }
}

#[tokio::test]
async fn preview_page_is_read_on_every_request() {
    let fixture = Fixture::new();
    let app = fixture.app();
    assert_eq!(get(app.clone(), "/").await.text(), PREVIEW);
    fixture.write("runtime/www/preview/index.html", "edited");
    assert_eq!(get(app, "/").await.text(), "edited");
}

#[tokio::test]
async fn a_project_index_html_does_not_hide_the_preview_page() {
    let fixture = Fixture::new();
    fixture.write("project/index.html", "PROJECT-INDEX");
    assert_eq!(get(fixture.app(), "/").await.text(), PREVIEW);
    assert_eq!(get(fixture.app(), "/index.html").await.text(), PREVIEW);
}

#[tokio::test]
async fn missing_preview_page_is_a_plain_text_404() {
    let fixture = Fixture::new();
    fs::remove_file(fixture.runtime().join("www/preview/index.html")).unwrap();
    let reply = get(fixture.app(), "/").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.header(CONTENT_TYPE).starts_with("text/plain"));
    assert!(
        reply.text().contains("www/preview/index.html"),
        "{}",
        reply.text()
    );
}

#[tokio::test]
async fn an_es_module_is_sent_once_as_its_compiled_text() {
    let fixture = Fixture::new();
    fixture.write(
        "project/utils/esm.js",
        "import lib from 'lib';\nexport default lib;\n",
    );
    fixture.write("project/utils/broken.js", "export 1;\n");
    let bundle = get(fixture.app(), "/__wxrt/project").await.json();
    let sent = bundle["files"]["utils/esm.js"].as_str().unwrap();
    assert!(!sent.contains("import lib"), "{sent}");
    assert!(sent.contains("require('lib')"), "{sent}");
    assert_eq!(sent.lines().count(), 2, "lines kept: {sent}");
    assert_eq!(bundle["compiled"]["js"].get("utils/esm.js"), None);
    // A module that does not compile is sent as written, beside core's error.
    assert_eq!(bundle["files"]["utils/broken.js"], json!("export 1;\n"));
    assert!(bundle["compiled"]["js"]["utils/broken.js"]["error"].is_string());
}

#[tokio::test]
async fn a_project_without_a_version_is_versioned_by_every_file_as_written() {
    let fixture = Fixture::new();
    let version =
        || async { get(fixture.app(), "/__wxrt/project").await.json()["version"].clone() };
    let first = version().await;
    // A sheet's text is not sent, but editing it is a new version all the same.
    fixture.write("project/pages/index/index.wxss", ".a { color: blue; }");
    let edited = version().await;
    assert!(first.is_string() && edited.is_string());
    assert_ne!(first, edited);
    fixture.write(
        "project/project.config.json",
        r#"{"appid": "wx0123456789abcdef", "version": "2.0.1"}"#,
    );
    assert_eq!(version().await, json!("2.0.1"));
}

#[tokio::test]
async fn bundle_holds_the_code_files_sorted() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/__wxrt/project").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header(CONTENT_TYPE), "application/json");
    assert_eq!(reply.header(CACHE_CONTROL), "no-cache");
    // Keys in this order on the wire, not just in the parsed value.
    let text = reply.text();
    let positions: Vec<usize> = [
        "\"appid\"",
        "\"projectName\"",
        "\"version\"",
        "\"backgroundFetch\"",
        "\"files\"",
    ]
    .iter()
    .map(|key| text.find(key).unwrap())
    .collect();
    assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{text}");

    let mut bundle = reply.json();
    let compiled = bundle.as_object_mut().unwrap().remove("compiled").unwrap();
    assert!(
        compiled["wxml"]["pages/index/index.wxml"]["code"].is_string(),
        "{compiled}"
    );
    assert_eq!(compiled["wxss"]["app.wxss"]["scope"], json!(""));
    assert_eq!(
        compiled["wxss"]["pages/index/index.wxss"]["scope"],
        json!("p1")
    );
    // A page is `shared` by default: its classes keep their names, its rules are confined
    // to the page.
    assert_eq!(
        compiled["wxss"]["pages/index/index.wxss"]["css"],
        json!(":where(wx-page[wxrt-sheets~=\"p1\"]) .a{}\n")
    );
    assert_eq!(compiled["js"], json!({}), "CommonJS files stay as they are");
    let version = bundle.as_object_mut().unwrap().remove("version").unwrap();
    assert!(
        version.as_str().unwrap().starts_with("content-"),
        "{version}"
    );
    assert_eq!(
        bundle,
        json!({
            "appid": "wx0123456789abcdef",
            "projectName": "demo",
            "backgroundFetch": {"prefetch": false, "periodic": false, "periodicIntervalMs": 43_200_000},
            "files": {
                "app.js": "App({});",
                "app.json": r#"{"pages": ["pages/index/index"]}"#,
                // A sheet's text is not sent: the page uses its compiled CSS.
                "app.wxss": "",
                "miniprogram_npm/lib/index.js": "module.exports = 1;",
                "pages/index/index.js": "Page({});",
                "pages/index/index.json": "{}",
                "pages/index/index.wxml": "<view>hi</view>",
                "pages/index/index.wxss": "",
                "utils/format.wxs": "module.exports = {};",
                "utils/util.js": "module.exports = require('lib');",
            },
            // app.json as checked here: what the page launches from.
            "launch": {
                "pages": ["pages/index/index"],
                "tabPages": [],
                "entry": "pages/index/index",
                "lazyPages": false,
                "networkTimeout": {"request": 60000, "connectSocket": 60000, "uploadFile": 60000, "downloadFile": 60000},
                "resolveAlias": {},
            },
            "problems": [],
            "writtenAs": {},
        })
    );
    let names = file_names(&bundle);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[tokio::test]
async fn bundle_is_built_on_every_request() {
    let fixture = Fixture::new();
    let app = fixture.app();
    assert_eq!(bundle(&fixture).await["files"]["app.js"], json!("App({});"));
    fixture.write("project/app.js", "App({ edited: true });");
    fixture.write("project/pages/new/new.js", "Page({});");
    let reply = get(app, "/__wxrt/project").await;
    let files = &reply.json()["files"];
    assert_eq!(files["app.js"], json!("App({ edited: true });"));
    assert_eq!(files["pages/new/new.js"], json!("Page({});"));
}

#[tokio::test]
async fn tourist_project_without_config() {
    let fixture = Fixture::empty();
    fixture.write("project/app.json", "{}");
    let mut bundle = bundle(&fixture).await;
    assert_eq!(
        bundle.as_object_mut().unwrap().remove("compiled"),
        Some(json!({"wxml": {}, "wxss": {}, "js": {}}))
    );
    assert!(bundle
        .as_object_mut()
        .unwrap()
        .remove("version")
        .unwrap()
        .is_string());
    assert_eq!(
        bundle,
        json!({
            "appid": "touristappid",
            "projectName": null,
            "backgroundFetch": {"prefetch": false, "periodic": false, "periodicIntervalMs": 43_200_000},
            "files": {"app.json": "{}"},
            // app.json has no pages: the page checks it and says so.
            "launch": null,
            "problems": [],
            "writtenAs": {},
        })
    );
}

#[tokio::test]
async fn a_placeholder_appid_runs_the_project_as_the_tourist_with_a_warning() {
    // A real watermark remover ships `"appid": "your aped"`.
    let fixture = Fixture::new();
    fixture.write("project/project.config.json", r#"{"appid": "your aped"}"#);
    let bundle = bundle(&fixture).await;
    assert_eq!(bundle["appid"], json!("touristappid"));
    assert_eq!(
        bundle["problems"],
        json!([{"file": "project.config.json", "line": null, "column": null, "severity": "warning",
            "message": "appid should be 1 to 64 of [A-Za-z0-9_-], got \"your aped\": the project runs as touristappid"}])
    );
}

#[tokio::test]
async fn appid_and_project_name_must_be_strings() {
    let fixture = Fixture::empty();
    fixture.write(
        "project/project.config.json",
        r#"{"appid": 12, "projectname": ["x"]}"#,
    );
    let bundle = bundle(&fixture).await;
    assert_eq!(bundle["appid"], json!("touristappid"));
    assert_eq!(bundle["projectName"], Value::Null);
}

#[tokio::test]
async fn version_is_passed_on_when_it_is_a_non_empty_string() {
    let fixture = Fixture::empty();
    fixture.write("project/project.config.json", r#"{"version": "1.2.0"}"#);
    assert_eq!(bundle(&fixture).await["version"], json!("1.2.0"));
    // Otherwise the files' hash stands in.
    for config in [r#"{"version": ""}"#, r#"{"version": 3}"#] {
        fixture.write("project/project.config.json", config);
        let version = bundle(&fixture).await["version"].clone();
        assert!(
            version.as_str().unwrap().starts_with("content-"),
            "{config}: {version}"
        );
    }
}

#[tokio::test]
async fn missing_or_malformed_app_json_is_served_with_a_problem() {
    let fixture = Fixture::empty();
    fixture.write("project/project.config.json", "{}");
    let served = bundle(&fixture).await;
    assert_eq!(served["files"], json!({}));
    assert_eq!(
        served["problems"],
        json!([{
            "file": "app.json",
            "line": null,
            "column": null,
            "message": "missing: the code root needs one listing the pages",
        }])
    );

    fixture.write("project/app.json", "{ not json");
    let served = bundle(&fixture).await;
    assert_eq!(served["files"], json!({"app.json": "{ not json"}));
    assert_eq!(
        served["problems"],
        json!([{
            "file": "app.json",
            "line": 1,
            "column": 3,
            "message": "bad JSON: key must be a string",
        }])
    );
}

#[tokio::test]
async fn compile_errors_and_bad_page_json_are_problems_of_a_served_bundle() {
    let fixture = Fixture::new();
    fixture.write(
        "project/pages/index/index.wxml",
        "<view>\n  <text a=\"{{\"></text>\n</view>",
    );
    fixture.write("project/pages/index/index.json", "{\"usingComponents\": }");
    let reply = get(fixture.app(), "/__wxrt/project").await;
    assert_eq!(reply.status, StatusCode::OK);
    let problems = reply.json()["problems"].clone();
    let problems = problems.as_array().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(
        problems[0],
        json!({
            "file": "pages/index/index.json",
            "line": 1,
            "column": 21,
            "message": "bad JSON: expected value",
        })
    );
    assert_eq!(problems[1]["file"], json!("pages/index/index.wxml"));
    assert_eq!(problems[1]["line"], json!(2));
    assert!(problems[1]["column"].is_u64(), "{problems:?}");
    let message = problems[1]["message"].as_str().unwrap();
    assert!(
        !message.starts_with("pages/"),
        "only the message: {message}"
    );
}

#[tokio::test]
async fn wxml_that_wechat_warns_about_is_a_warning_problem_of_a_compiled_bundle() {
    let fixture = Fixture::new();
    fixture.write(
        "project/pages/index/index.wxml",
        "<view>\n  <text aria-hidden=\"true\" aria-hidden=\"false\">hi</text>\n</view>",
    );
    let bundle = bundle(&fixture).await;
    assert_eq!(
        bundle["problems"],
        json!([{
            "file": "pages/index/index.wxml",
            "line": 2,
            "column": 28,
            "message": "duplicate attribute `aria-hidden`: the first value is used",
            "severity": "warning",
        }])
    );
    // The page still gets the code, with the first value.
    let entry = &bundle["compiled"]["wxml"]["pages/index/index.wxml"];
    let code = entry["code"].as_str().unwrap();
    assert!(code.contains(r#"{"aria-hidden": "true"}"#), "{code}");
    assert!(entry.get("error").is_none(), "{entry}");
}

#[tokio::test]
async fn miniprogram_root_is_the_code_root() {
    let fixture = Fixture::empty();
    fixture.write(
        "project/project.config.json",
        r#"{"appid": "wxroot", "miniprogramRoot": "miniprogram/"}"#,
    );
    fixture.write("project/cloudfunctions/login/index.js", "CLOUD");
    fixture.write("project/miniprogram/app.json", "{}");
    fixture.write("project/miniprogram/pages/a/a.js", "Page({});");
    fixture.write("project/miniprogram/images/a.png", "PNG-IN-ROOT");
    let bundle = bundle(&fixture).await;
    assert_eq!(bundle["appid"], json!("wxroot"));
    assert_eq!(file_names(&bundle), ["app.json", "pages/a/a.js"]);

    // Static files come from the code root too.
    let image = get(fixture.app(), "/images/a.png").await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.text(), "PNG-IN-ROOT");
    assert_eq!(get(fixture.app(), "/").await.text(), PREVIEW);
}

#[tokio::test]
async fn static_files_come_from_the_project() {
    let fixture = Fixture::new();
    let image = get(fixture.app(), "/images/logo.png").await;
    assert_eq!(image.status, StatusCode::OK);
    assert_eq!(image.text(), "PNG-BYTES");
    assert!(image.header(CONTENT_TYPE).starts_with("image/png"));

    let script = get(fixture.app(), "/pages/index/index.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.header(CONTENT_TYPE), "text/javascript");

    let runtime = get(fixture.app(), "/__wxrt/www/index.js").await;
    assert_eq!(runtime.status, StatusCode::OK);
    assert_eq!(runtime.text(), "export const shim = 1;");

    assert_eq!(
        get(fixture.app(), "/__wxrt/other").await.status,
        StatusCode::NOT_FOUND
    );
    for path in ["/../SECRET.js", "/%2e%2e/SECRET.js"] {
        let reply = get(fixture.app(), path).await;
        assert!(reply.status.is_client_error(), "{path}");
        assert!(!reply.text().contains("SECRET-OUTSIDE-PROJECT"), "{path}");
    }
}

#[tokio::test]
async fn bad_json_reports_line_and_column() {
    let fixture = Fixture::new();
    fixture.write(
        "project/project.config.json",
        "{\n  \"appid\": \"wx1\",\n    oops\n}",
    );
    let message = bundle_error(&get(fixture.app(), "/__wxrt/project").await);
    assert!(
        message.starts_with("project.config.json: bad JSON at line 3, column 5: "),
        "{message}"
    );
    // serde_json's own message follows, without its own copy of the position.
    assert!(message.len() > "project.config.json: bad JSON at line 3, column 5: ".len());
    assert!(!message.contains("line 3 column 5"), "{message}");

    // The rest of the project is still served, so the page can show the error.
    assert_eq!(get(fixture.app(), "/").await.text(), PREVIEW);
}

#[tokio::test]
async fn pack_options_ignore_leaves_files_out_of_the_app() {
    // A real library app keeps a mock server, with JSON that is not JSON, in its code
    // root, and leaves it out of the package as DevTools lets it.
    let fixture = Fixture::empty();
    fixture.write(
        "project/project.config.json",
        r#"{"miniprogramRoot": "miniprogram/", "packOptions": {"ignore": [
            {"type": "folder", "value": "mock-server"},
            {"type": "regexp", "value": "\\.scss$"}
        ]}}"#,
    );
    fixture.write(
        "project/miniprogram/app.json",
        r#"{"pages": ["pages/a/a"]}"#,
    );
    fixture.write("project/miniprogram/app.js", "App({});");
    fixture.write("project/miniprogram/pages/a/a.js", "Page({});");
    fixture.write("project/miniprogram/pages/a/a.scss", ".a { .b {} }");
    fixture.write(
        "project/miniprogram/mock-server/books.json",
        "{ books: function () {} }",
    );
    let bundle = bundle(&fixture).await;
    assert_eq!(file_names(&bundle), ["app.js", "app.json", "pages/a/a.js"]);
    assert_eq!(bundle["problems"], json!([]));

    fixture.write(
        "project/project.config.json",
        r#"{"packOptions": {"ignore": [{"type": "regexp", "value": "("}]}}"#,
    );
    assert!(bundle_error(&get(fixture.app(), "/__wxrt/project").await)
        .starts_with("project.config.json: packOptions.ignore[0]: bad regexp \"(\": "));
}

#[tokio::test]
async fn config_must_be_an_object() {
    let fixture = Fixture::new();
    fixture.write("project/project.config.json", "[1, 2]");
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        "project.config.json: should be an Object"
    );
}

#[tokio::test]
async fn miniprogram_root_must_be_a_folder() {
    let fixture = Fixture::new();
    fixture.write(
        "project/project.config.json",
        r#"{"miniprogramRoot": "src/"}"#,
    );
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        r#"project.config.json: miniprogramRoot "src/" is not a folder"#
    );

    fixture.write(
        "project/project.config.json",
        r#"{"miniprogramRoot": "app.js"}"#,
    );
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        r#"project.config.json: miniprogramRoot "app.js" is not a folder"#
    );

    fixture.write("project/project.config.json", r#"{"miniprogramRoot": 3}"#);
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        "project.config.json: miniprogramRoot should be a String"
    );
}

#[tokio::test]
async fn miniprogram_root_may_not_leave_the_project() {
    let fixture = Fixture::new();
    // `runtime` exists next to the project: escaping is refused even so.
    for root in ["../runtime", "pages/../../runtime", "/tmp"] {
        fixture.write(
            "project/project.config.json",
            json!({ "miniprogramRoot": root }).to_string(),
        );
        assert_eq!(
            bundle_error(&get(fixture.app(), "/__wxrt/project").await),
            format!("project.config.json: miniprogramRoot {root:?} is outside the project folder")
        );
    }
    // Going up and back down inside the project is fine.
    fixture.write(
        "project/project.config.json",
        r#"{"miniprogramRoot": "pages/../utils"}"#,
    );
    assert_eq!(
        file_names(&bundle(&fixture).await),
        ["format.wxs", "util.js"]
    );
}

#[cfg(unix)]
#[tokio::test]
async fn miniprogram_root_may_not_be_a_link_out_of_the_project() {
    let fixture = Fixture::new();
    std::os::unix::fs::symlink(fixture.runtime(), fixture.project().join("code")).unwrap();
    fixture.write(
        "project/project.config.json",
        r#"{"miniprogramRoot": "code"}"#,
    );
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        r#"project.config.json: miniprogramRoot "code" is outside the project folder"#
    );
}

#[tokio::test]
async fn non_utf8_file_is_named() {
    let fixture = Fixture::new();
    fixture.write("project/pages/index/index.js", b"Page(\xff);");
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        "pages/index/index.js: not UTF-8 text"
    );
}

#[tokio::test]
async fn non_code_files_may_be_binary() {
    let fixture = Fixture::new();
    fixture.write("project/images/icon.png", b"\x89PNG\xff\xfe");
    assert_eq!(bundle(&fixture).await["appid"], json!("wx0123456789abcdef"));
}

#[tokio::test]
async fn a_file_over_4_mib_is_refused() {
    let fixture = Fixture::new();
    fixture.write("project/pages/big.js", vec![b' '; 5 * 1024 * 1024]);
    assert_eq!(
        bundle_error(&get(fixture.app(), "/__wxrt/project").await),
        "pages/big.js: 5242880 bytes, more than the 4 MiB a file may have"
    );

    // Exactly 4 MiB is still allowed.
    fixture.write("project/pages/big.js", vec![b' '; 4 * 1024 * 1024]);
    let bundle = bundle(&fixture).await;
    assert_eq!(
        bundle["files"]["pages/big.js"].as_str().unwrap().len(),
        4 * 1024 * 1024
    );
}

#[tokio::test]
async fn more_than_32_mib_in_all_is_refused() {
    let fixture = Fixture::new();
    let chunk = vec![b' '; 4 * 1024 * 1024];
    for n in 0..9 {
        fixture.write(&format!("project/data/part{n}.js"), &chunk);
    }
    let message = bundle_error(&get(fixture.app(), "/__wxrt/project").await);
    // Files are read in name order, the small app.* files first: the eighth chunk goes over.
    assert!(message.starts_with("data/part7.js: "), "{message}");
    assert!(
        message.ends_with("more than the 32 MiB a project may have"),
        "{message}"
    );
}

#[tokio::test]
async fn more_than_10000_files_is_refused() {
    let fixture = Fixture::empty();
    fixture.write("project/app.json", "{}");
    for n in 0..10_000 {
        fixture.write(&format!("project/many/{n:05}.js"), "");
    }
    let message = bundle_error(&get(fixture.app(), "/__wxrt/project").await);
    assert_eq!(
        message,
        "many/09999.js: one code file more than the 10000 a project may have"
    );
}

#[tokio::test]
async fn a_byte_order_mark_is_dropped() {
    let fixture = Fixture::empty();
    fixture.write(
        "project/project.config.json",
        "\u{feff}{\"appid\": \"wxbom\"}",
    );
    fixture.write("project/app.json", "\u{feff}{}");
    let bundle = bundle(&fixture).await;
    assert_eq!(bundle["appid"], json!("wxbom"));
    assert_eq!(bundle["files"]["app.json"], json!("{}"));
}

#[cfg(unix)]
#[tokio::test]
async fn links_are_followed_only_inside_the_project() {
    use std::os::unix::fs::symlink;

    let fixture = Fixture::new();
    fixture.write("project/shared/common.js", "SHARED");
    symlink(
        fixture.project().join("shared"),
        fixture.project().join("pages/shared"),
    )
    .unwrap();
    symlink(
        fixture.root.path().join("SECRET.js"),
        fixture.project().join("secret.js"),
    )
    .unwrap();
    symlink(fixture.runtime(), fixture.project().join("runtime")).unwrap();
    // A loop must not hang the walk.
    symlink(fixture.project(), fixture.project().join("shared/up")).unwrap();
    symlink(
        fixture.project().join("missing.js"),
        fixture.project().join("dangling.js"),
    )
    .unwrap();

    let bundle = bundle(&fixture).await;
    let names = file_names(&bundle);
    assert!(
        names.contains(&"pages/shared/common.js".to_owned()),
        "{names:?}"
    );
    assert!(names.contains(&"shared/common.js".to_owned()), "{names:?}");
    assert!(
        !names.iter().any(|name| name.contains("secret")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|name| name.starts_with("runtime")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|name| name.contains("dangling")),
        "{names:?}"
    );
    assert!(!bundle.to_string().contains("SECRET-OUTSIDE-PROJECT"));
}

#[tokio::test]
async fn static_mode_has_no_project_route() {
    let fixture = Fixture::empty();
    fixture.write("project/index.html", "PLAIN-SITE");
    fixture.write("project/main.js", "x");
    let root = get(fixture.app(), "/").await;
    assert_eq!(root.text(), "PLAIN-SITE");
    let reply = get(fixture.app(), "/__wxrt/project").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(reply.header(CONTENT_TYPE).starts_with("text/plain"));
}
