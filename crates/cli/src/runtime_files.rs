//! The runtime's own files: where the checkout is, and the `/__wxrt/` routes
//! that serve its JS shim (`www/`) and WebAssembly build (`pkg/`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use tower_http::services::ServeDir;

/// URL prefix under which the runtime's files are served.
pub const URL_PREFIX: &str = "/__wxrt";

/// Environment variable naming the runtime checkout when `--runtime-dir` is absent.
pub const ENV_VAR: &str = "WXRT_RUNTIME_DIR";

/// The runtime checkout this binary was built from, used when nothing else names one.
pub const BUILT_FROM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The file whose presence in `pkg/` means `npm run build` has run.
pub const WASM_FILE: &str = "wxrt_wasm_bg.wasm";

/// The preview page, relative to the runtime checkout, that shows a project at `/`.
pub const PREVIEW_PAGE: &str = "www/preview/index.html";

/// Picks the runtime checkout: `flag` (from `--runtime-dir`), else the
/// [`ENV_VAR`] environment variable when set and non-empty, else [`BUILT_FROM`].
///
/// The result is made absolute when the directory exists; a missing one is
/// returned unchanged so that the server still starts and explains itself.
#[must_use]
pub fn resolve_runtime_dir(flag: Option<&Path>) -> PathBuf {
    choose_runtime_dir(flag, std::env::var_os(ENV_VAR))
}

/// [`resolve_runtime_dir`] with the environment variable's value passed in.
fn choose_runtime_dir(flag: Option<&Path>, env: Option<OsString>) -> PathBuf {
    let chosen = flag
        .map(Path::to_path_buf)
        .or_else(|| env.filter(|value| !value.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(BUILT_FROM));
    std::fs::canonicalize(&chosen).unwrap_or(chosen)
}

/// Routes for `/__wxrt/www/…` (from `<runtime>/www/`) and `/__wxrt/pkg/…`
/// (from `<runtime>/pkg/`). Any other path under `/__wxrt/` is a 404.
///
/// While `<runtime>/pkg/wxrt_wasm_bg.wasm` is missing, every `/__wxrt/pkg/…`
/// request answers 404 with a plain-text body saying to run `npm run build`.
/// The check is made per request, so a build finished while the server runs is
/// picked up without a restart.
pub fn routes(runtime: &Path) -> Router {
    let pkg_dir = Arc::new(runtime.join("pkg"));
    // Runtime files are fetched as files only. A folder is not a page here, and must not
    // be redirected: behind `nest_service` the redirect would drop the `/__wxrt/` prefix.
    let files = |dir: PathBuf| ServeDir::new(dir).append_index_html_on_directories(false);
    let pkg = Router::new()
        .fallback_service(files(pkg_dir.to_path_buf()))
        .layer(middleware::from_fn_with_state(
            pkg_dir.clone(),
            require_build,
        ));
    Router::new()
        .nest_service(&format!("{URL_PREFIX}/www"), files(runtime.join("www")))
        .nest_service(&format!("{URL_PREFIX}/pkg"), pkg)
        .route(&format!("{URL_PREFIX}/{{*rest}}"), any(unknown))
}

/// Middleware in front of `pkg/`: answers with a hint while the build is missing.
async fn require_build(
    State(pkg_dir): State<Arc<PathBuf>>,
    request: Request,
    next: Next,
) -> Response {
    if pkg_dir.join(WASM_FILE).is_file() {
        next.run(request).await
    } else {
        plain_not_found(missing_build_message(&pkg_dir))
    }
}

/// The body of the 404 served while the WebAssembly build is missing.
fn missing_build_message(pkg_dir: &Path) -> String {
    format!(
        "wxrt: the WebAssembly build is missing ({} not found).\n\
         Run `npm run build` in the wxrt checkout, then reload.\n",
        pkg_dir.join(WASM_FILE).display()
    )
}

/// Fallback for `/__wxrt/…` paths that name neither `www/` nor `pkg/`.
async fn unknown() -> Response {
    plain_not_found(format!(
        "wxrt: no such runtime file; the runtime serves only {URL_PREFIX}/www/ and {URL_PREFIX}/pkg/.\n"
    ))
}

/// A 404 whose body explains itself in plain text.
pub(crate) fn plain_not_found(body: String) -> Response {
    let mut response = (StatusCode::NOT_FOUND, body).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use super::{choose_runtime_dir, BUILT_FROM};

    #[test]
    fn flag_wins_over_environment() {
        let chosen = choose_runtime_dir(
            Some(Path::new("/nonexistent/flag")),
            Some(OsString::from("/nonexistent/env")),
        );
        assert_eq!(chosen, PathBuf::from("/nonexistent/flag"));
    }

    #[test]
    fn environment_is_used_without_flag_unless_empty() {
        let chosen = choose_runtime_dir(None, Some(OsString::from("/nonexistent/env")));
        assert_eq!(chosen, PathBuf::from("/nonexistent/env"));

        let fallback = choose_runtime_dir(None, Some(OsString::new()));
        assert_eq!(fallback, choose_runtime_dir(None, None));
    }

    #[test]
    fn default_is_the_source_tree_made_absolute() {
        let chosen = choose_runtime_dir(None, None);
        let expected = std::fs::canonicalize(BUILT_FROM).expect("the source tree exists");
        assert_eq!(chosen, expected);
        assert!(chosen.join("crates").join("cli").is_dir());
    }
}
