//! The `wxrt serve` router, driven in-process against temporary folders.

use std::fs;
use std::path::{Path, PathBuf};

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::Router;
use tempfile::TempDir;

mod common;
use common::get;

const WASM_MAGIC: &[u8] = b"\0asm\x01\0\0\0";

/// A served folder and a runtime checkout side by side, with a secret next to them.
struct Fixture {
    root: TempDir,
}

impl Fixture {
    fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("wxrt-cli-router-")
            .tempdir()
            .expect("create temp dir");
        let fixture = Self { root };
        fixture.write("Cargo.toml", b"SECRET-OUTSIDE-SITE");
        fixture.write(
            "site/index.html",
            b"<!doctype html><title>site-index</title>",
        );
        fixture.write("site/app.wasm", WASM_MAGIC);
        fixture.write("site/app.js", b"console.log('site-app');");
        fixture.write("site/lib.mjs", b"export const lib = 1;");
        fixture.write("site/pages/index/index.html", b"pages-index");
        fixture.write("site/__wxrt/www/index.js", b"SITE-SHADOW");
        fixture.write(
            "runtime/www/index.js",
            b"export const shim = 'runtime-www';",
        );
        fixture
    }

    fn write(&self, relative: &str, contents: &[u8]) {
        let path = self.root.path().join(relative);
        fs::create_dir_all(path.parent().expect("fixture paths have a parent"))
            .expect("create fixture folder");
        fs::write(path, contents).expect("write fixture file");
    }

    fn add_build(&self) {
        self.write("runtime/pkg/wxrt_wasm_bg.wasm", WASM_MAGIC);
        self.write(
            "runtime/pkg/wxrt_wasm.js",
            b"export default function init() {}",
        );
    }

    fn site(&self) -> PathBuf {
        self.root.path().join("site")
    }

    fn runtime(&self) -> PathBuf {
        self.root.path().join("runtime")
    }

    fn app(&self) -> Router {
        wxrt_cli::router(&self.site(), &self.runtime())
    }
}

#[tokio::test]
async fn index_html_answers_root() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.text().contains("site-index"),
        "body: {}",
        reply.text()
    );
    assert!(reply.header(CONTENT_TYPE).starts_with("text/html"));
}

#[tokio::test]
async fn index_html_answers_a_subfolder() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/pages/index/").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.text(), "pages-index");
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/app.wasm").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header(CONTENT_TYPE), "application/wasm");
    assert_eq!(reply.body, WASM_MAGIC);
}

#[tokio::test]
async fn scripts_are_served_as_text_javascript() {
    let fixture = Fixture::new();
    for path in ["/app.js", "/lib.mjs", "/__wxrt/www/index.js"] {
        let reply = get(fixture.app(), path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header(CONTENT_TYPE), "text/javascript", "{path}");
    }
}

#[tokio::test]
async fn every_response_says_no_cache() {
    let fixture = Fixture::new();
    for path in ["/", "/app.wasm", "/missing.txt", "/__wxrt/pkg/wxrt_wasm.js"] {
        let reply = get(fixture.app(), path).await;
        assert_eq!(
            reply.headers.get(CACHE_CONTROL).map(|v| v.as_bytes()),
            Some(&b"no-cache"[..]),
            "{path}"
        );
    }
}

#[tokio::test]
async fn runtime_folders_are_not_pages_and_never_redirect_out_of_the_prefix() {
    let fixture = Fixture::new();
    fixture.write("runtime/www/demo/index.html", b"demo");
    for uri in ["/__wxrt/www/demo", "/__wxrt/www/demo/"] {
        let reply = get(fixture.app(), uri).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{uri}");
        assert!(reply.headers.get("location").is_none(), "{uri}");
    }
}

#[tokio::test]
async fn runtime_www_is_served_from_the_runtime_dir() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/__wxrt/www/index.js").await;
    assert_eq!(reply.status, StatusCode::OK);
    // The runtime's file, not the site's file of the same name.
    assert_eq!(reply.text(), "export const shim = 'runtime-www';");
}

#[tokio::test]
async fn missing_build_answers_404_saying_to_run_npm_run_build() {
    let fixture = Fixture::new();
    for path in ["/__wxrt/pkg/wxrt_wasm.js", "/__wxrt/pkg/wxrt_wasm_bg.wasm"] {
        let reply = get(fixture.app(), path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            reply.header(CONTENT_TYPE).starts_with("text/plain"),
            "{path}"
        );
        assert!(
            reply.text().contains("npm run build"),
            "{path}: {}",
            reply.text()
        );
    }
}

#[tokio::test]
async fn build_finished_while_running_is_served_without_restart() {
    let fixture = Fixture::new();
    let app = fixture.app();
    assert_eq!(
        get(app.clone(), "/__wxrt/pkg/wxrt_wasm_bg.wasm")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    fixture.add_build();
    let wasm = get(app.clone(), "/__wxrt/pkg/wxrt_wasm_bg.wasm").await;
    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.header(CONTENT_TYPE), "application/wasm");
    assert_eq!(wasm.body, WASM_MAGIC);

    let js = get(app.clone(), "/__wxrt/pkg/wxrt_wasm.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert_eq!(js.header(CONTENT_TYPE), "text/javascript");

    // A file the build does not produce is an ordinary 404, not the hint.
    let absent = get(app, "/__wxrt/pkg/absent.js").await;
    assert_eq!(absent.status, StatusCode::NOT_FOUND);
    assert!(!absent.text().contains("npm run build"));
}

#[tokio::test]
async fn unknown_runtime_paths_are_404() {
    let fixture = Fixture::new();
    let reply = get(fixture.app(), "/__wxrt/other/index.js").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert!(!reply.text().contains("SITE-SHADOW"));
}

#[tokio::test]
async fn paths_climbing_out_of_a_served_folder_are_refused() {
    let fixture = Fixture::new();
    fixture.add_build();
    for path in [
        "/../Cargo.toml",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/Cargo.toml",
        "/pages/../../Cargo.toml",
        "/..%2fCargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/__wxrt/www/../../Cargo.toml",
        "/__wxrt/www/%2e%2e/%2e%2e/Cargo.toml",
        "/__wxrt/pkg/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        let reply = get(fixture.app(), path).await;
        assert!(
            reply.status.is_client_error(),
            "{path} answered {}",
            reply.status
        );
        assert!(
            !reply.text().contains("SECRET-OUTSIDE-SITE"),
            "{path} leaked a file outside the served folder"
        );
    }
}

#[tokio::test]
async fn missing_runtime_dir_still_serves_the_site() {
    let fixture = Fixture::new();
    let app = wxrt_cli::router(&fixture.site(), Path::new("/nonexistent/wxrt-runtime"));
    assert_eq!(get(app.clone(), "/").await.status, StatusCode::OK);
    let pkg = get(app, "/__wxrt/pkg/wxrt_wasm.js").await;
    assert_eq!(pkg.status, StatusCode::NOT_FOUND);
    assert!(pkg.text().contains("npm run build"));
}
