//! The whole application: the runtime's routes, the served folder, and the
//! headers every response gets.

use std::path::Path;

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::{content_type, runtime_files};

/// Builds the router `wxrt serve` runs: `site` at `/` (with `index.html` for
/// directories), the runtime checkout's files under `/__wxrt/` (see
/// [`runtime_files::routes`]), `Cache-Control: no-cache` on every response,
/// and browser-mandated content types for `.wasm`, `.js` and `.mjs`.
///
/// Paths that climb out of a served folder (`/../x`, `/%2e%2e/x`) are refused
/// with 404.
pub fn router(site: &Path, runtime: &Path) -> Router {
    runtime_files::routes(runtime)
        .fallback_service(ServeDir::new(site))
        .layer(middleware::from_fn(content_type::fix))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
