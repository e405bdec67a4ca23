//! What the in-process router tests share: one GET or POST through the router, and its reply.

#![allow(dead_code, clippy::unwrap_used)]

pub mod process;

use axum::body::Body;
use axum::http::header::AsHeaderName;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;

/// A response, read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.text()))
    }

    /// A header's value, `""` when absent.
    pub fn header(&self, name: impl AsHeaderName) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }
}

/// `GET uri` through `app`.
pub async fn get(app: Router, uri: &str) -> Reply {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// `POST uri` through `app` with `body` as `application/json`. A `&str` body is sent as
/// it is (for malformed JSON); anything else is serialized.
pub async fn post_json(app: Router, uri: &str, body: impl Into<JsonBody>) -> Reply {
    let request = Request::post(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.into().0))
        .unwrap();
    send(app, request).await
}

/// A request body for [`post_json`].
pub struct JsonBody(String);

impl From<&str> for JsonBody {
    fn from(raw: &str) -> Self {
        Self(raw.to_owned())
    }
}

impl From<serde_json::Value> for JsonBody {
    fn from(value: serde_json::Value) -> Self {
        Self(value.to_string())
    }
}

/// Any request through `app`.
pub async fn send(app: Router, request: Request<Body>) -> Reply {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}
