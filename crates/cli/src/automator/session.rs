//! One automator client: its WebSocket, its page, and the requests in flight.
//!
//! Each request runs in a task of its own and answers when it is done, so a page call
//! that waits (for the app's launch, for a route's success) never holds up the others;
//! answers go out in the order they are ready. Every request with an id gets exactly
//! one answer while the client stays connected.

use std::sync::Arc;

use axum::extract::ws::{Message, WebSocket};
use futures_util::{SinkExt as _, StreamExt as _};
use serde_json::{json, Map, Value};
use tokio::sync::{mpsc, oneshot, watch};
use tokio::task::{JoinHandle, JoinSet};
use wxrt_core::automator::{self, AutomatorError, Route, ToolReply};

use super::cdp::{Cdp, Event};
use super::page::{self, PageState, Prepared, EVENT_BINDING};
use super::Hub;

/// A request being answered.
type Task = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// What the writer sends next.
enum Outgoing {
    Text(String),
    /// Close the socket (after `Tool.close` was answered).
    Close,
}

/// Serves one client until its socket closes, then disposes of its page.
pub(super) async fn run(hub: Arc<Hub>, socket: WebSocket) {
    hub.client_joined();
    let (state_tx, state) = watch::channel(PageState::Preparing);
    let (out, outgoing) = mpsc::unbounded_channel();
    let (stop_page, page_stopped) = oneshot::channel();
    let page_task = tokio::spawn(run_page(
        hub.cdp.clone(),
        hub.take_page(),
        state_tx,
        out.clone(),
        page_stopped,
    ));

    let (sink, mut incoming) = socket.split();
    let (closed_tx, mut closed) = oneshot::channel();
    let writer = tokio::spawn(write_loop(sink, outgoing, Arc::clone(&hub), closed_tx));
    let mut requests = JoinSet::new();
    loop {
        let message = tokio::select! {
            message = incoming.next() => message,
            _ = &mut closed => break,
        };
        match message {
            Some(Ok(Message::Text(text))) => {
                if let Some(task) = request(&hub.cdp, text.as_str(), &state, &out) {
                    requests.spawn(task);
                }
            }
            Some(Ok(Message::Close(_)) | Err(_)) | None => break,
            // Pings are answered by axum; the client sends nothing else.
            Some(Ok(_)) => {}
        }
        // Finished tasks are reaped as we go, so a long session does not grow.
        while requests.try_join_next().is_some() {}
    }
    requests.abort_all();
    drop(out);
    let _ = stop_page.send(());
    let _ = page_task.await;
    writer.abort();
    hub.client_left();
}

/// Handles one text frame: answers the `Tool.*` methods now, returns the task that
/// answers the others.
fn request(
    cdp: &Cdp,
    text: &str,
    state: &watch::Receiver<PageState>,
    out: &mpsc::UnboundedSender<Outgoing>,
) -> Option<Task> {
    let Ok(Value::Object(mut frame)) = serde_json::from_str::<Value>(text) else {
        eprintln!("wxrt auto: ignored a frame that is not a JSON object");
        return None;
    };
    let id = match frame.remove("id") {
        Some(id) if !id.is_null() => id,
        // Without an id there is nobody to answer.
        _ => {
            eprintln!("wxrt auto: ignored a request without an id");
            return None;
        }
    };
    let params = match frame.remove("params") {
        Some(params @ Value::Object(_)) => params,
        _ => Value::Object(Map::new()),
    };
    let Some(method) = frame
        .get("method")
        .and_then(Value::as_str)
        .map(str::to_owned)
    else {
        send(
            out,
            &id,
            Err(AutomatorError::Unimplemented("(no method)".to_owned())),
        );
        return None;
    };
    match automator::route(&method) {
        Route::Tool(ToolReply::Result(result)) => {
            let result = serde_json::from_str(&result).unwrap_or_else(|_| json!({}));
            send(out, &id, Ok(result));
            None
        }
        Route::Tool(ToolReply::Error(err)) => {
            send(out, &id, Err(err));
            None
        }
        Route::Tool(ToolReply::Close) => {
            send(out, &id, Ok(json!({})));
            let _ = out.send(Outgoing::Close);
            None
        }
        Route::Screenshot => {
            let (cdp, state, out) = (cdp.clone(), state.clone(), out.clone());
            Some(Box::pin(async move {
                let answer = match page::screenshot(&cdp, state).await {
                    Ok(data) => Ok(json!({ "data": data })),
                    Err(err) => {
                        eprintln!("wxrt auto: App.captureScreenshot: {err}");
                        Err(AutomatorError::Screenshot)
                    }
                };
                send(&out, &id, answer);
            }))
        }
        Route::Page => {
            let (cdp, state, out) = (cdp.clone(), state.clone(), out.clone());
            let context =
                automator::page_context(&method, params.get("method").and_then(Value::as_str));
            Some(Box::pin(async move {
                match page::forward(&cdp, state, &method, &params, context).await {
                    Ok(mut answer) => {
                        answer.insert("id".to_owned(), id);
                        let _ = out.send(Outgoing::Text(Value::Object(answer).to_string()));
                    }
                    Err(err) => send(&out, &id, Err(err)),
                }
            }))
        }
    }
}

fn send(out: &mpsc::UnboundedSender<Outgoing>, id: &Value, answer: Result<Value, AutomatorError>) {
    let frame = match answer {
        Ok(result) => json!({ "id": id, "result": result }),
        Err(err) => json!({ "id": id, "error": { "message": err.to_string() } }),
    };
    let _ = out.send(Outgoing::Text(frame.to_string()));
}

async fn write_loop(
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut outgoing: mpsc::UnboundedReceiver<Outgoing>,
    hub: Arc<Hub>,
    closed: oneshot::Sender<()>,
) {
    while let Some(next) = outgoing.recv().await {
        match next {
            Outgoing::Text(text) => {
                if sink.send(Message::Text(text.into())).await.is_err() {
                    break;
                }
            }
            Outgoing::Close => {
                // The answer to Tool.close went out first: the client's close() resolves.
                let _ = sink.send(Message::Close(None)).await;
                hub.session_closed();
                break;
            }
        }
    }
    let _ = closed.send(());
}

/// Waits for the session's page, publishes its state, forwards its events to the
/// client, and disposes of its context when told to stop.
async fn run_page(
    cdp: Cdp,
    page: JoinHandle<Result<Prepared, AutomatorError>>,
    state: watch::Sender<PageState>,
    out: mpsc::UnboundedSender<Outgoing>,
    mut stop: oneshot::Receiver<()>,
) {
    let mut page = page;
    let prepared = tokio::select! {
        prepared = &mut page => prepared,
        _ = &mut stop => {
            // Still opening: dispose of it once it is made.
            tokio::spawn(async move {
                if let Ok(Ok(prepared)) = page.await {
                    cdp.forget(&prepared.session);
                    page::dispose(&cdp, &prepared.context).await;
                }
            });
            return;
        }
    };
    let mut prepared = match prepared {
        Ok(Ok(prepared)) => prepared,
        Ok(Err(err)) => {
            eprintln!("wxrt auto: {err}");
            let _ = state.send(PageState::Failed(err));
            let _ = stop.await;
            return;
        }
        Err(_) => {
            let _ = state.send(PageState::Failed(AutomatorError::BrowserExited));
            let _ = stop.await;
            return;
        }
    };
    let _ = state.send(PageState::Ready(prepared.session.clone()));
    loop {
        tokio::select! {
            event = prepared.events.recv() => match event {
                Some(event) => on_event(event, &state, &out),
                None => {
                    let _ = state.send(PageState::Failed(AutomatorError::BrowserExited));
                    let _ = (&mut stop).await;
                    return;
                }
            },
            _ = &mut stop => break,
        }
    }
    cdp.forget(&prepared.session);
    page::dispose(&cdp, &prepared.context).await;
}

fn on_event(event: Event, state: &watch::Sender<PageState>, out: &mpsc::UnboundedSender<Outgoing>) {
    match event.method.as_str() {
        "Runtime.bindingCalled"
            if event.params.get("name").and_then(Value::as_str) == Some(EVENT_BINDING) =>
        {
            if let Some(payload) = event.params.get("payload").and_then(Value::as_str) {
                let _ = out.send(Outgoing::Text(payload.to_owned()));
            }
        }
        "Inspector.targetCrashed" | "Target.detachedFromTarget" | "Target.targetCrashed" => {
            let _ = state.send(PageState::Failed(AutomatorError::PageCrashed));
        }
        _ => {}
    }
}
