//! A small Chrome DevTools Protocol client over Chromium's `--remote-debugging-pipe`:
//! NUL-terminated JSON messages, `{id, method, params, sessionId?}` out, replies
//! matched by `id`, events handed to whoever listens to their session.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::unix::pipe;
use tokio::sync::{mpsc, oneshot, watch};

/// Why a command got no result.
#[derive(Debug, Clone, thiserror::Error)]
pub enum CdpError {
    /// Chromium answered with an error.
    #[error("{0}")]
    Protocol(String),
    /// The pipe is closed: Chromium exited.
    #[error("the browser closed its DevTools pipe")]
    Closed,
}

/// An event of one session (`{method, params, sessionId}`).
#[derive(Debug, Clone)]
pub struct Event {
    /// The event's name, `Runtime.bindingCalled`.
    pub method: String,
    /// Its parameters.
    pub params: Value,
}

type Reply = Result<Value, CdpError>;

#[derive(Default)]
struct Routes {
    pending: HashMap<u64, oneshot::Sender<Reply>>,
    sessions: HashMap<String, mpsc::UnboundedSender<Event>>,
    closed: bool,
}

/// The client; cheap to clone, all clones share the pipe.
#[derive(Clone)]
pub struct Cdp {
    out: mpsc::UnboundedSender<Vec<u8>>,
    next_id: Arc<AtomicU64>,
    routes: Arc<Mutex<Routes>>,
    closed: watch::Receiver<bool>,
}

impl Cdp {
    /// Starts the writer and reader tasks on the two pipe ends.
    pub fn start(to_browser: pipe::Sender, from_browser: pipe::Receiver) -> Self {
        let (out, mut outgoing) = mpsc::unbounded_channel::<Vec<u8>>();
        let (closed_tx, closed) = watch::channel(false);
        let routes = Arc::new(Mutex::new(Routes::default()));
        tokio::spawn(async move {
            let mut to_browser = to_browser;
            while let Some(message) = outgoing.recv().await {
                if to_browser.write_all(&message).await.is_err() {
                    break;
                }
            }
        });
        let reader_routes = Arc::clone(&routes);
        tokio::spawn(async move {
            read_loop(from_browser, &reader_routes).await;
            let mut routes = lock(&reader_routes);
            routes.closed = true;
            for (_, waiter) in routes.pending.drain() {
                let _ = waiter.send(Err(CdpError::Closed));
            }
            // Dropping the senders ends every session's event stream.
            routes.sessions.clear();
            drop(routes);
            let _ = closed_tx.send(true);
        });
        Self {
            out,
            next_id: Arc::new(AtomicU64::new(1)),
            routes,
            closed,
        }
    }

    /// Sends `method` (to `session`'s target, else to the browser) and waits for its
    /// result.
    ///
    /// # Errors
    ///
    /// Chromium's error message, or [`CdpError::Closed`] once the browser is gone.
    pub async fn call(&self, method: &str, params: Value, session: Option<&str>) -> Reply {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let (reply, answer) = oneshot::channel();
        {
            let mut routes = lock(&self.routes);
            if routes.closed {
                return Err(CdpError::Closed);
            }
            routes.pending.insert(id, reply);
        }
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = Value::from(session);
        }
        let mut bytes = message.to_string().into_bytes();
        bytes.push(0);
        // A caller that stops waiting (its client left) leaves no entry behind: a page
        // call on a disposed context may never be answered.
        let _forget = Forget {
            routes: &self.routes,
            id,
        };
        if self.out.send(bytes).is_err() {
            return Err(CdpError::Closed);
        }
        answer.await.unwrap_or(Err(CdpError::Closed))
    }

    /// The events of `session` from now on, including the browser's
    /// `Target.detachedFromTarget` for it. The stream ends when the browser is gone.
    pub fn events(&self, session: &str) -> mpsc::UnboundedReceiver<Event> {
        let (sender, events) = mpsc::unbounded_channel();
        let mut routes = lock(&self.routes);
        if !routes.closed {
            routes.sessions.insert(session.to_owned(), sender);
        }
        events
    }

    /// Stops delivering `session`'s events.
    pub fn forget(&self, session: &str) {
        lock(&self.routes).sessions.remove(session);
    }

    /// Resolves once the pipe is closed.
    pub async fn closed(&self) {
        let mut closed = self.closed.clone();
        let _ = closed.wait_for(|closed| *closed).await;
    }
}

/// Removes a command's waiter when its caller is done with it, answered or not.
struct Forget<'a> {
    routes: &'a Mutex<Routes>,
    id: u64,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        lock(self.routes).pending.remove(&self.id);
    }
}

fn lock(routes: &Mutex<Routes>) -> std::sync::MutexGuard<'_, Routes> {
    // A panic while holding the lock leaves the maps usable.
    routes.lock().unwrap_or_else(PoisonError::into_inner)
}

async fn read_loop(mut from_browser: pipe::Receiver, routes: &Mutex<Routes>) {
    let mut buffer = Vec::new();
    let mut chunk = vec![0_u8; 64 * 1024];
    loop {
        let read = match from_browser.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(read) => read,
        };
        buffer.extend_from_slice(&chunk[..read]);
        while let Some(end) = buffer.iter().position(|&byte| byte == 0) {
            let message: Vec<u8> = buffer.drain(..=end).collect();
            if let Ok(message) = serde_json::from_slice::<Value>(&message[..end]) {
                dispatch(message, routes);
            }
        }
    }
}

fn dispatch(mut message: Value, routes: &Mutex<Routes>) {
    let mut routes = lock(routes);
    if let Some(id) = message.get("id").and_then(Value::as_u64) {
        let Some(waiter) = routes.pending.remove(&id) else {
            return;
        };
        let reply = match message.get_mut("error") {
            Some(error) => Err(CdpError::Protocol(
                error
                    .get("message")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown error")
                    .to_owned(),
            )),
            None => Ok(message
                .get_mut("result")
                .map(Value::take)
                .unwrap_or_default()),
        };
        let _ = waiter.send(reply);
        return;
    }
    let Some(method) = message.get("method").and_then(Value::as_str) else {
        return;
    };
    let method = method.to_owned();
    let params = message
        .get_mut("params")
        .map(Value::take)
        .unwrap_or_default();
    // A session's own events carry its id; the browser's news about a session names it
    // in its params.
    let session = message
        .get("sessionId")
        .or_else(|| params.get("sessionId"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(sender) = session.and_then(|session| routes.sessions.get(&session)) {
        let _ = sender.send(Event { method, params });
    }
}
