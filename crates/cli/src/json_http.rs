//! The JSON answers and request bodies of the server's own `/__wxrt/…` endpoints, shared
//! by the WeChat stand-in and background fetch so both speak alike: `application/json`
//! bodies, `{"error": "…"}` for a refusal.

use std::borrow::Cow;

use axum::body::Body;
use axum::http::header::{ALLOW, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use percent_encoding::percent_decode_str;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// `body` as an `application/json` response with `status`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, Body::from(body.to_string())).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// `{"error": message}` with `status`.
pub(crate) fn error_response(status: StatusCode, message: &str) -> Response {
    json_response(status, &json!({ "error": message }))
}

/// 405 `{"error": "…"}` for an endpoint that only answers POST.
pub(crate) fn post_only() -> Response {
    let mut response = error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "this endpoint only answers POST",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("POST"));
    response
}

/// 405 `{"error": "…"}` for an endpoint that only answers GET (and HEAD).
pub(crate) fn get_only() -> Response {
    let mut response = error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "this endpoint only answers GET",
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

/// The request body as `T`, or the 400 that says why not.
pub(crate) fn parse_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, Box<Response>> {
    serde_json::from_slice(body).map_err(|err| {
        Box::new(error_response(
            StatusCode::BAD_REQUEST,
            &format!("bad request body: {err}"),
        ))
    })
}

/// `application/x-www-form-urlencoded` pairs, decoded as `URLSearchParams` does (`+` is
/// a space); bytes that are not UTF-8 are replaced rather than refused, as they can only
/// make a parameter not match.
pub(crate) fn query_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |part: &str| -> String {
        let spaced = part.replace('+', " ");
        let decoded: Cow<'_, str> = percent_decode_str(&spaced).decode_utf8_lossy();
        decoded.into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::query_pairs;

    #[test]
    fn query_strings_are_decoded() {
        assert_eq!(
            query_pairs("a=1&b=x%20y+z&&c&a=2"),
            vec![
                ("a".to_owned(), "1".to_owned()),
                ("b".to_owned(), "x y z".to_owned()),
                ("c".to_owned(), String::new()),
                ("a".to_owned(), "2".to_owned()),
            ]
        );
    }
}
