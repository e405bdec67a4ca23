//! Content types the browser insists on, set whatever the MIME table says.
//!
//! `WebAssembly.instantiateStreaming` rejects a module not served as
//! `application/wasm`, and module scripts must be JavaScript; the table used by
//! the file service maps `.mjs` to the legacy `application/javascript`, so the
//! types for these extensions are fixed here.

use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;

/// The content type a browser needs for `path`, when it is one wxrt cares about.
fn required_for(path: &str) -> Option<&'static str> {
    let (_, ext) = path.rsplit_once('.')?;
    match ext.to_ascii_lowercase().as_str() {
        "wasm" => Some("application/wasm"),
        "js" | "mjs" => Some("text/javascript"),
        _ => None,
    }
}

/// Middleware: overrides `Content-Type` of successful responses for `.wasm`, `.js`, `.mjs`.
pub(crate) async fn fix(request: Request, next: Next) -> Response {
    let required = required_for(request.uri().path());
    let mut response = next.run(request).await;
    if let Some(content_type) = required {
        if response.status().is_success() {
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::required_for;

    #[test]
    fn maps_only_the_extensions_browsers_are_strict_about() {
        assert_eq!(
            required_for("/pkg/wxrt_wasm_bg.wasm"),
            Some("application/wasm")
        );
        assert_eq!(required_for("/a/index.MJS"), Some("text/javascript"));
        assert_eq!(required_for("/app.js"), Some("text/javascript"));
        assert_eq!(required_for("/index.html"), None);
        assert_eq!(required_for("/no-extension"), None);
        assert_eq!(required_for("/"), None);
    }
}
