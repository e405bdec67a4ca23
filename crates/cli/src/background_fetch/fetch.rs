//! One fetch's GET to the developer's server, as WeChat's server makes it, and its
//! outcome: what the page caches, and what the terminal and the debugging views show.

use std::time::Duration;

use axum::http::header::CONTENT_TYPE;
use serde::{Serialize, Serializer};
use wxrt_core::background_fetch::{accept_body, FetchRequest, FetchType, LaunchContext};

use crate::proxy::{error_chain, short_reason};

/// How long a fetch may take, body included.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The most of a body read (16 MiB): far over the 256 KB that is cached, enough to say
/// how big a mistaken answer was without holding any size in memory.
pub const MAX_READ_BYTES: usize = 16 << 20;

/// How many characters of the body the outcome shows.
pub const PREVIEW_CHARS: usize = 2048;

/// What one fetch did, as JSON:
/// `{"fetchType": "pre" | "periodic", "url", "params": [[name, value], …], "grey",
/// "status", "bytes", "cached", "reason", "fetchedData", "preview", "path", "query",
/// "scene"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// Prefetch or periodic update.
    #[serde(serialize_with = "fetch_type_name")]
    pub fetch_type: FetchType,
    /// The URL requested; `None` when no request was sent.
    pub url: Option<String>,
    /// The query parameters sent, unencoded, in order; empty when none was sent.
    pub params: Vec<(String, String)>,
    /// Whether the URL was the grey release's.
    pub grey: bool,
    /// The HTTP status; `None` without an answer.
    pub status: Option<u16>,
    /// The body's size in bytes (at most [`MAX_READ_BYTES`]); `None` when no body was read.
    pub bytes: Option<usize>,
    /// Whether the body is the new `fetchedData`.
    pub cached: bool,
    /// Why nothing was cached: core's reason, `request failed: …`, or why no request was
    /// sent. `None` when cached.
    pub reason: Option<String>,
    /// The body, when cached.
    pub fetched_data: Option<String>,
    /// The first [`PREVIEW_CHARS`] characters of the body (invalid UTF-8 replaced),
    /// whenever a body was read, cached or not.
    pub preview: Option<String>,
    /// The launch path the prefetch was for (empty for a periodic update).
    pub path: String,
    /// The launch query the prefetch was for (empty for a periodic update).
    pub query: String,
    /// The launch scene the prefetch was for (0 for a periodic update).
    pub scene: u32,
}

fn fetch_type_name<S: Serializer>(
    fetch_type: &FetchType,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(fetch_type.as_str())
}

impl Outcome {
    /// A fetch for `launch` that sent nothing, for `reason`.
    pub(crate) fn not_sent(fetch_type: FetchType, launch: &LaunchContext, reason: String) -> Self {
        Self {
            fetch_type,
            url: None,
            params: Vec::new(),
            grey: false,
            status: None,
            bytes: None,
            cached: false,
            reason: Some(reason),
            fetched_data: None,
            preview: None,
            path: launch.path.clone(),
            query: launch.query.clone(),
            scene: launch.scene,
        }
    }

    /// The line the terminal shows for it:
    /// `wxrt background fetch pre user=alice GET <url> → HTTP 200, 1234 bytes, cached`.
    pub(crate) fn log_line(&self, user: &str) -> String {
        let head = format!(
            "wxrt background fetch {} user={user}",
            self.fetch_type.as_str()
        );
        let reason = self.reason.as_deref().unwrap_or("");
        let Some(url) = &self.url else {
            return format!("{head}: {reason}");
        };
        let grey = if self.grey { " (grey)" } else { "" };
        let result = match (self.status, self.bytes) {
            (Some(status), Some(bytes)) if self.cached => {
                format!("HTTP {status}, {bytes} bytes, cached")
            }
            (Some(status), Some(bytes)) => format!("HTTP {status}, {bytes} bytes, {reason}"),
            (Some(status), None) => format!("HTTP {status}, {reason}"),
            (None, _) => reason.to_owned(),
        };
        format!("{head} GET {url}{grey} → {result}")
    }
}

/// The HTTP client of every fetch; `Err` says why it could not be built, and each fetch
/// then fails with that reason.
pub(crate) fn client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .timeout(TIMEOUT)
        // WeChat's server reaches the developer's directly; a proxy set in the
        // environment would not know a server on this machine's loopback.
        .no_proxy()
        .build()
        .map_err(|err| format!("cannot start the HTTP client: {}", error_chain(&err)))
}

/// Sends `request` (to the grey URL when `grey`) for `launch` and says what came back.
pub(crate) async fn perform(
    client: &Result<reqwest::Client, String>,
    request: &FetchRequest,
    grey: bool,
    launch: &LaunchContext,
) -> Outcome {
    let mut outcome = Outcome {
        url: Some(request.url.clone()),
        params: request.params.clone(),
        grey,
        reason: None,
        ..Outcome::not_sent(request.fetch_type, launch, String::new())
    };
    let failed = |reason: &str| Some(format!("request failed: {reason}"));
    let client = match client {
        Ok(client) => client,
        Err(reason) => {
            outcome.reason = failed(reason);
            return outcome;
        }
    };
    let response = match client.get(&request.url).send().await {
        Ok(response) => response,
        Err(err) => {
            // The URL carries the token or login code: reasons never repeat it.
            outcome.reason = failed(&short_reason(&err.without_url()));
            return outcome;
        }
    };
    let status = response.status().as_u16();
    outcome.status = Some(status);
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned());
    let (body, whole) = match read_capped(response).await {
        Ok(read) => read,
        Err(err) => {
            outcome.reason = failed(&short_reason(&err.without_url()));
            return outcome;
        }
    };
    outcome.bytes = Some(body.len());
    outcome.preview = Some(preview(&body));
    let accepted = if whole || !(200..300).contains(&status) {
        accept_body(status, content_type.as_deref(), &body).map_err(|reason| reason.to_string())
    } else {
        Err(format!(
            "not cached: the body is over {MAX_READ_BYTES} bytes, far over the 262144-byte \
             (256 KB) limit; wxrt stopped reading it there"
        ))
    };
    match accepted {
        Ok(text) => {
            outcome.cached = true;
            outcome.fetched_data = Some(text);
        }
        Err(reason) => outcome.reason = Some(reason),
    }
    outcome
}

/// The body, up to [`MAX_READ_BYTES`]; `true` when that was all of it.
async fn read_capped(mut response: reqwest::Response) -> Result<(Vec<u8>, bool), reqwest::Error> {
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await? {
        let room = MAX_READ_BYTES - body.len();
        if chunk.len() > room {
            body.extend_from_slice(&chunk[..room]);
            return Ok((body, false));
        }
        body.extend_from_slice(&chunk);
    }
    Ok((body, true))
}

/// The first [`PREVIEW_CHARS`] characters of `body`. Decoding only the bytes that can
/// hold them is enough: a character cut at that end lies beyond them.
fn preview(body: &[u8]) -> String {
    let head = &body[..body.len().min(PREVIEW_CHARS * 4)];
    String::from_utf8_lossy(head)
        .chars()
        .take(PREVIEW_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_count_characters() {
        let body = "字".repeat(3000);
        let shown = preview(body.as_bytes());
        assert_eq!(shown.chars().count(), PREVIEW_CHARS);
        assert!(shown.chars().all(|c| c == '字'));
        assert_eq!(preview(b"ab\xffc"), "ab\u{fffd}c");
    }

    #[test]
    fn log_lines() {
        let launch = LaunchContext::default();
        let not_sent = Outcome::not_sent(FetchType::Periodic, &launch, "no periodicUrl".into());
        assert_eq!(
            not_sent.log_line("bob"),
            "wxrt background fetch periodic user=bob: no periodicUrl"
        );
        let cached = Outcome {
            url: Some("http://x/p?a=1".into()),
            status: Some(200),
            bytes: Some(12),
            cached: true,
            reason: None,
            grey: true,
            ..Outcome::not_sent(FetchType::Pre, &launch, String::new())
        };
        assert_eq!(
            cached.log_line("alice"),
            "wxrt background fetch pre user=alice GET http://x/p?a=1 (grey) → HTTP 200, 12 bytes, cached"
        );
    }
}
