//! `GET /__wxrt/events`: the page's live reload channel, as server-sent events. A page
//! that connects is told the current generation and problems (`hello`), then each new
//! build it could tell apart (`reload` or `problems`); comments keep idle connections
//! from being cut by proxies and let the browser notice a dead server.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt as _};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{broadcast, watch};

use super::history::{HelloData, Notice};
use super::LiveReload;

/// Where the event stream is served.
pub(crate) const EVENTS_PATH: &str = "/__wxrt/events";

/// How often an idle stream gets a comment.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The route of [`EVENTS_PATH`].
pub(crate) fn routes(live: LiveReload) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .with_state(live)
}

async fn events(State(live): State<LiveReload>) -> Response {
    // Subscribed before the current build is read: a build finished in between is
    // then both in `hello` and on the channel, and skipped there, rather than lost.
    let notices = live.subscribe();
    let stopping = live.stopping();
    let Some(current) = live.latest().await else {
        return super::stopped_response();
    };
    let hello = HelloData {
        generation: current.generation,
        problems: current.outcome.problems(),
    };
    let hello = sse_event("hello", &hello);
    let stream = stream::once(async { hello }).chain(later(notices, stopping, current.generation));
    Sse::new(stream.map(Ok::<_, Infallible>))
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// The notices after generation `seen`, until the server stops. A client too slow for
/// the channel skips the notices it missed: the newest one, which it still gets, says
/// all the page needs.
fn later(
    notices: broadcast::Receiver<std::sync::Arc<Notice>>,
    stopping: watch::Receiver<bool>,
    seen: u64,
) -> impl Stream<Item = Event> {
    stream::unfold(
        (notices, stopping, seen),
        |(mut notices, mut stopping, seen)| async move {
            loop {
                let received = tokio::select! {
                    () = stopped(&mut stopping) => return None,
                    received = notices.recv() => received,
                };
                match received {
                    Ok(notice) if notice.generation() <= seen => {}
                    Ok(notice) => {
                        let generation = notice.generation();
                        let event = match &*notice {
                            Notice::Reload(data) => sse_event("reload", data),
                            Notice::Problems(data) => sse_event("problems", data),
                        };
                        return Some((event, (notices, stopping, generation)));
                    }
                    Err(RecvError::Lagged(_)) => {}
                    Err(RecvError::Closed) => return None,
                }
            }
        },
    )
}

/// Resolves once the server is stopping (or whoever could stop it is gone).
async fn stopped(stopping: &mut watch::Receiver<bool>) {
    let _ = stopping.wait_for(|stopping| *stopping).await;
}

fn sse_event(name: &'static str, data: &impl serde::Serialize) -> Event {
    // Plain structs of strings and numbers: serializing them cannot fail.
    let json = serde_json::to_string(data).unwrap_or_else(|_| "{}".to_owned());
    Event::default().event(name).data(json)
}
