//! The HTTP face of background fetch: the launch outcomes the preview page reads, the
//! page's triggers, and the launch link put into the preview page.

use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use percent_encoding::percent_decode_str;
use serde::Deserialize;
use serde_json::json;

use super::fetch::Outcome;
use super::launches::LaunchError;
use super::service::{BackgroundFetch, LaunchRequest, TokenError, DEFAULT_USER};
use super::state::DEFAULT_STATE_DIR;
use crate::json_http::{
    error_response, get_only, json_response, parse_body, post_only, query_pairs,
};
use wxrt_core::login::check_user;

/// Where the endpoints live.
pub const PREFIX: &str = "/__wxrt/background-fetch";

/// The comment in the preview page that the launch link replaces.
pub const LAUNCH_MARKER: &str = "<!-- wxrt:launch -->";

/// The endpoints; see the [module documentation](super) for the contract.
pub(crate) fn routes(service: BackgroundFetch) -> Router {
    Router::new()
        .route(
            &format!("{PREFIX}/launch/{{id}}"),
            get(launch).fallback(|| async { get_only() }),
        )
        .route(
            &format!("{PREFIX}/prefetch"),
            post(prefetch).fallback(|| async { post_only() }),
        )
        .route(
            &format!("{PREFIX}/periodic"),
            post(periodic).fallback(|| async { post_only() }),
        )
        .route(
            &format!("{PREFIX}/token"),
            post(token).fallback(|| async { post_only() }),
        )
        .with_state(service)
}

async fn launch(State(service): State<BackgroundFetch>, Path(id): Path<String>) -> Response {
    match service.launch_outcome(&id).await {
        Ok(outcome) => outcome_response(&outcome),
        Err(LaunchError::Unknown) => error_response(
            StatusCode::NOT_FOUND,
            &format!(
                "no launch {id:?}: unknown, or older than the last {} page loads",
                super::launches::KEPT
            ),
        ),
        Err(LaunchError::Lost) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the prefetch of this launch stopped without an outcome",
        ),
    }
}

#[derive(Deserialize)]
struct PrefetchBody {
    user: String,
    path: Option<String>,
    query: Option<String>,
    scene: Option<u32>,
}

async fn prefetch(State(service): State<BackgroundFetch>, body: Bytes) -> Response {
    let PrefetchBody {
        user,
        path,
        query,
        scene,
    } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    if let Err(err) = check_user(&user) {
        return error_response(StatusCode::BAD_REQUEST, &err.to_string());
    }
    let launch = service
        .launch_context(LaunchRequest { path, query, scene })
        .await;
    outcome_response(&service.prefetch(&user, launch).await)
}

#[derive(Deserialize)]
struct PeriodicBody {
    user: String,
}

async fn periodic(State(service): State<BackgroundFetch>, body: Bytes) -> Response {
    let PeriodicBody { user } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    if let Err(err) = check_user(&user) {
        return error_response(StatusCode::BAD_REQUEST, &err.to_string());
    }
    outcome_response(&service.periodic(&user).await)
}

#[derive(Deserialize)]
struct TokenBody {
    user: String,
    token: String,
}

async fn token(State(service): State<BackgroundFetch>, body: Bytes) -> Response {
    let TokenBody { user, token } = match parse_body(&body) {
        Ok(body) => body,
        Err(response) => return *response,
    };
    if let Err(err) = check_user(&user) {
        return error_response(StatusCode::BAD_REQUEST, &err.to_string());
    }
    match service.set_token(&user, token).await {
        Ok(()) => json_response(StatusCode::OK, &json!({})),
        Err(TokenError::Refused(err)) => error_response(StatusCode::BAD_REQUEST, &err.to_string()),
        Err(err) => {
            eprintln!("wxrt: {err}");
            error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string())
        }
    }
}

fn outcome_response(outcome: &Outcome) -> Response {
    match serde_json::to_value(outcome) {
        Ok(json) => json_response(StatusCode::OK, &json),
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err.to_string()),
    }
}

/// What replaces [`LAUNCH_MARKER`] in the preview page answered for `raw_query` (the
/// page URL's query): with a prefetch URL configured, a preload link to the outcome of
/// a prefetch started now for the launch the query describes (`user`, `path`, `query`,
/// `scene`); otherwise nothing.
pub(crate) fn launch_link(service: Option<&BackgroundFetch>, raw_query: Option<&str>) -> String {
    let Some(service) = service.filter(|service| service.prefetches()) else {
        return String::new();
    };
    let pairs = query_pairs(raw_query.unwrap_or(""));
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    };
    let user = param("user")
        .filter(|user| !user.is_empty())
        .unwrap_or_else(|| DEFAULT_USER.to_owned());
    let request = LaunchRequest {
        path: param("path").filter(|path| !path.is_empty()),
        query: param("query"),
        scene: param("scene").and_then(|scene| scene.parse().ok()),
    };
    match service.start_launch(user, request) {
        // The id is hex: nothing in it needs escaping in HTML.
        Ok(id) => format!(
            r#"<link rel="preload" id="wxrt-launch-prefetch" href="{PREFIX}/launch/{id}" as="fetch" crossorigin>"#
        ),
        Err(err) => {
            eprintln!(
                "wxrt: background fetch: no launch id ({err}); the page will prefetch itself"
            );
            String::new()
        }
    }
}

/// Where the first [`LAUNCH_MARKER`] of `html` starts, if it has one.
pub(crate) fn find_marker(html: &[u8]) -> Option<usize> {
    let marker = LAUNCH_MARKER.as_bytes();
    html.windows(marker.len())
        .position(|window| window == marker)
}

/// `html` with the [`LAUNCH_MARKER`] found at `at` replaced by `replacement`.
pub(crate) fn replace_marker(html: &[u8], at: usize, replacement: &str) -> Vec<u8> {
    let marker = LAUNCH_MARKER.as_bytes();
    let mut out = Vec::with_capacity(html.len() + replacement.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(replacement.as_bytes());
    out.extend_from_slice(&html[at + marker.len()..]);
    out
}

/// Middleware for a project: `/.wxrt/…`, where the state (users' tokens) is kept by
/// default, is never served from the code root, however the path is spelt.
pub(crate) async fn hide_state_dir(request: Request, next: Next) -> Response {
    let path = percent_decode_str(request.uri().path()).decode_utf8_lossy();
    let first = path
        .split(['/', '\\'])
        .find(|name| !name.is_empty() && *name != ".");
    // Windows ignores trailing dots and spaces in names, and may ignore case.
    if first.is_some_and(|name| {
        name.trim_end_matches(['.', ' '])
            .eq_ignore_ascii_case(DEFAULT_STATE_DIR)
    }) {
        return crate::runtime_files::plain_not_found(format!(
            "wxrt: {DEFAULT_STATE_DIR}/ holds wxrt's state and is not served.\n"
        ));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::{find_marker, replace_marker};

    #[test]
    fn the_marker_is_replaced() {
        let html = b"<head><!-- wxrt:launch --></head>";
        let at = find_marker(html).unwrap();
        assert_eq!(replace_marker(html, at, "<link>"), b"<head><link></head>");
        assert_eq!(find_marker(b"<head></head>"), None);
    }
}
