//! Live reload for `wxrt serve`: the project is watched, rebuilt once per burst of
//! changes, and the page told over `GET /__wxrt/events` (server-sent events) when what
//! it would load has changed, so it reloads itself or lists the new problems.
//!
//! The newest build is kept in memory and `/__wxrt/project` answers it, instead of
//! reading and compiling the project on every request. A build replaces the kept one
//! before the event about it is sent, so a page that reloads on `reload` always gets the
//! files that event is about.
//!
//! - On connect: `event: hello`, `{"generation": n, "problems": [...]}`.
//! - A new clean build: `event: reload`,
//!   `{"generation": n, "changed": ["pages/a/a.wxml", …], "compileMs": 12}`.
//! - A new build with problems, or a project that cannot be read: `event: problems`,
//!   `{"generation": n, "changed": [...], "problems": [...]}` (see [`crate::problems`]).
//!
//! A build the page could not tell apart from the one before sends nothing.

mod events;
pub(crate) mod history;
mod terminal;
mod watcher;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::http::StatusCode;
use axum::response::{IntoResponse as _, Response};
use axum::Router;
use tokio::sync::{broadcast, watch};

use self::history::{Build, History, Notice, Outcome};
use self::watcher::ProjectWatcher;
use crate::bundle;
use crate::problems::Problem;

pub use self::watcher::WatchError;

/// How many notices a slow event stream may fall behind before it skips to the newest.
const BACKLOG: usize = 16;

/// The server's side of live reload: the newest build and the event channel. Clones
/// share them. Made with its [`Reloader`] by [`LiveReload::watch`].
#[derive(Debug, Clone)]
pub struct LiveReload {
    shared: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    /// `None` until the first build is done; requests wait for it.
    latest: watch::Sender<Option<Arc<Build>>>,
    notices: broadcast::Sender<Arc<Notice>>,
    /// Set when the server stops, to end the event streams, which never end otherwise
    /// and would hold the shutdown up.
    stopping: watch::Sender<bool>,
}

/// The task that builds the project when it changes; see [`Reloader::run`].
pub struct Reloader {
    shared: Arc<Shared>,
    watcher: ProjectWatcher,
    site: PathBuf,
}

impl LiveReload {
    /// Starts watching the project in `site` (see [`crate::project::is_project`]). Nothing
    /// is built until the returned [`Reloader`] runs; until its first build, requests for
    /// the bundle or the events wait.
    ///
    /// # Errors
    ///
    /// A [`WatchError`] when the folder cannot be resolved or the operating system
    /// refuses to watch it (on Linux, too few inotify watches for its folders).
    pub fn watch(site: &Path) -> Result<(Self, Reloader), WatchError> {
        let site = std::fs::canonicalize(site).map_err(|err| WatchError {
            path: site.to_path_buf(),
            source: notify::Error::io(err),
        })?;
        let watcher = ProjectWatcher::new(&site)?;
        let shared = Arc::new(Shared {
            latest: watch::Sender::new(None),
            notices: broadcast::Sender::new(BACKLOG),
            stopping: watch::Sender::new(false),
        });
        let live = Self {
            shared: shared.clone(),
        };
        let reloader = Reloader {
            shared,
            watcher,
            site,
        };
        Ok((live, reloader))
    }

    /// Ends every event stream, so the server's graceful shutdown need not wait for the
    /// pages to go away.
    pub fn stop(&self) {
        self.shared.stopping.send_replace(true);
    }

    /// The route of `/__wxrt/events`.
    pub(crate) fn routes(&self) -> Router {
        events::routes(self.clone())
    }

    /// The newest build, once there is one; `None` when the [`Reloader`] is gone without
    /// making one.
    pub(crate) async fn latest(&self) -> Option<Arc<Build>> {
        let mut latest = self.shared.latest.subscribe();
        let build = latest.wait_for(Option::is_some).await.ok()?;
        build.clone()
    }

    fn subscribe(&self) -> broadcast::Receiver<Arc<Notice>> {
        self.shared.notices.subscribe()
    }

    fn stopping(&self) -> watch::Receiver<bool> {
        self.shared.stopping.subscribe()
    }
}

impl Reloader {
    /// The code root being watched.
    #[must_use]
    pub fn code_root(&self) -> &Path {
        self.watcher.code_root()
    }

    /// Builds the project, then again after each burst of changes (off the async
    /// threads), keeping the newest build for the routes and sending the page a notice
    /// when it differs from the one before. Prints the first build's problems on stderr,
    /// then for each notice a line on stdout (`wxrt reload: <changed> (compiled in <ms>
    /// ms)`) or one per problem on stderr (`wxrt compile error: <file>:<line>:<column>:
    /// <message>`). Runs as long as the watcher does.
    pub async fn run(mut self) {
        let (first, _) = self.build().await;
        let mut history = History::new(first);
        self.shared
            .latest
            .send_replace(Some(history.current().clone()));
        terminal::problems(history.current().outcome.problems());
        while let Some(batch) = self.watcher.next_batch().await {
            let (outcome, compile_ms) = self.build().await;
            if let Some(notice) = history.record(outcome, &batch.touched, compile_ms) {
                // Replaced before the notice goes out: a page that reloads on it must get
                // this build, not the one before.
                self.shared
                    .latest
                    .send_replace(Some(history.current().clone()));
                terminal::notice(&notice);
                // An error only says no page is listening.
                let _ = self.shared.notices.send(Arc::new(notice));
            }
            if let Err(err) = self.watcher.follow_code_root() {
                eprintln!("wxrt: {err}; edits there will not reload the page");
            }
        }
    }

    /// One build, and how long it took in ms.
    async fn build(&self) -> (Outcome, u64) {
        let site = self.site.clone();
        let started = Instant::now();
        let outcome = match tokio::task::spawn_blocking(move || bundle::collect(&site)).await {
            Ok(result) => Outcome::of(result),
            Err(err) => {
                let message = format!("building the project failed: {err}");
                Outcome::Failed {
                    error: message.clone(),
                    problem: Problem {
                        file: String::new(),
                        line: None,
                        column: None,
                        message,
                        severity: crate::problems::Severity::Error,
                    },
                }
            }
        };
        let compile_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
        (outcome, compile_ms)
    }
}

/// The answer while there is no build and will be none.
pub(crate) fn stopped_response() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        "wxrt: live reload stopped before the project was built\n",
    )
        .into_response()
}

/// Prints `wxrt watching <code root> for changes`: after the announcement lines, which
/// tools read first.
pub(crate) fn announce_watching(reloader: &Reloader) {
    terminal::watching(reloader.code_root());
}
