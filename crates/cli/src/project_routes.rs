//! The routes only a project gets: the runtime's preview page at `/`, and the
//! project bundle at `/__wxrt/project`. The preview page is read on every request. The
//! bundle is the newest build [`LiveReload`] keeps when the project is watched (it
//! rebuilds on each change, before telling the page), and is read and compiled on every
//! request otherwise (`--no-watch`); either way edits show on the next reload. A page
//! load is also a cold start, whose background fetch prefetch starts here.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::background_fetch::{self, BackgroundFetch};
use crate::bundle::{self, Bundle};
use crate::live_reload::history::Outcome;
use crate::live_reload::{self, LiveReload};
use crate::runtime_files::{self, plain_not_found};

/// Where the project bundle is served.
pub(crate) const BUNDLE_PATH: &str = "/__wxrt/project";

struct Paths {
    /// The served project folder.
    site: PathBuf,
    /// The runtime checkout, for messages.
    runtime: PathBuf,
    /// `<runtime>/www/preview/index.html`.
    preview_page: PathBuf,
    /// The project's background fetch, when the server runs it.
    background_fetch: Option<BackgroundFetch>,
    /// The kept build, when the project is watched.
    live_reload: Option<LiveReload>,
}

/// `GET /` and `GET /index.html` (whatever the query) answer the preview page;
/// `GET /__wxrt/project` answers the [`bundle::Bundle`] of the project in `site`.
/// With `background_fetch`, each page load starts its prefetch and the page links to
/// the outcome, and the bundle says what is configured. With `live_reload`, the bundle
/// is its newest build instead of one made for the request.
pub(crate) fn routes(
    site: &Path,
    runtime: &Path,
    background_fetch: Option<BackgroundFetch>,
    live_reload: Option<LiveReload>,
) -> Router {
    let paths = Arc::new(Paths {
        site: site.to_path_buf(),
        runtime: runtime.to_path_buf(),
        preview_page: runtime.join(runtime_files::PREVIEW_PAGE),
        background_fetch,
        live_reload,
    });
    Router::new()
        .route("/", get(preview_page))
        .route("/index.html", get(preview_page))
        .route(BUNDLE_PATH, get(project_bundle))
        .with_state(paths)
}

async fn preview_page(
    State(paths): State<Arc<Paths>>,
    method: Method,
    RawQuery(query): RawQuery,
) -> Response {
    let file = paths.preview_page.clone();
    match tokio::task::spawn_blocking(move || std::fs::read(file)).await {
        Ok(Ok(html)) => {
            // A HEAD is no page load: it starts nothing.
            let service = paths
                .background_fetch
                .as_ref()
                .filter(|_| method != Method::HEAD);
            // Only a page with the marker can tell the runtime about the launch; an
            // older page prefetches itself at cold start.
            let html = match background_fetch::find_marker(&html) {
                Some(at) => {
                    let link = background_fetch::launch_link(service, query.as_deref());
                    background_fetch::replace_marker(&html, at, &link)
                }
                None => html,
            };
            with_type(
                StatusCode::OK,
                "text/html; charset=utf-8",
                Body::from(html),
            )
        }
        // A folder in its place is just as missing as no file.
        Ok(Err(err)) if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::IsADirectory) => {
            plain_not_found(format!(
                "wxrt: the runtime checkout {} lacks {} (the page that previews a project).\n\
                 Update the checkout, or pass --runtime-dir or set {} to one that has it, then reload.\n",
                paths.runtime.display(),
                runtime_files::PREVIEW_PAGE,
                runtime_files::ENV_VAR,
            ))
        }
        Ok(Err(err)) => internal_error(format!(
            "wxrt: cannot read {}: {err}\n",
            paths.preview_page.display()
        )),
        Err(err) => internal_error(format!("wxrt: reading the preview page failed: {err}\n")),
    }
}

async fn project_bundle(State(paths): State<Arc<Paths>>) -> Response {
    if let Some(live) = &paths.live_reload {
        let Some(build) = live.latest().await else {
            return live_reload::stopped_response();
        };
        return match &build.outcome {
            Outcome::Bundle(bundle) => bundle_response(bundle, &paths),
            Outcome::Failed { error, .. } => error_response(error),
        };
    }
    let site = paths.site.clone();
    match tokio::task::spawn_blocking(move || bundle::collect(&site)).await {
        Ok(Ok(bundle)) => bundle_response(&bundle, &paths),
        Ok(Err(err)) => error_response(&err.to_string()),
        Err(err) => internal_error(format!("wxrt: reading the project failed: {err}\n")),
    }
}

/// 200 with the bundle, saying what background fetch is configured.
fn bundle_response(bundle: &Bundle, paths: &Paths) -> Response {
    let summary = paths
        .background_fetch
        .as_ref()
        .map_or(bundle.background_fetch, BackgroundFetch::summary);
    match bundle.to_json(summary) {
        Ok(json) => with_type(StatusCode::OK, "application/json", Body::from(json)),
        Err(err) => internal_error(format!("wxrt: cannot encode the project: {err}\n")),
    }
}

/// 422 with `{"error": "<file>: <what is wrong>"}`, also printed: the developer watches
/// the terminal as well as the page.
fn error_response(error: &str) -> Response {
    eprintln!("wxrt: {error}");
    let body = serde_json::json!({ "error": error }).to_string();
    with_type(
        StatusCode::UNPROCESSABLE_ENTITY,
        "application/json",
        Body::from(body),
    )
}

fn with_type(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    let mut response = (status, body).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

fn internal_error(message: String) -> Response {
    eprint!("{message}");
    with_type(
        StatusCode::INTERNAL_SERVER_ERROR,
        "text/plain; charset=utf-8",
        Body::from(message),
    )
}
