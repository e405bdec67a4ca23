//! `wxrt auto`: WeChat DevTools' automation server, so tests written with the
//! `miniprogram-automator` npm package run against wxrt in headless Chromium.
//!
//! The process runs the project's dev server in-process (no live reload), one headless
//! Chromium ([`chromium`]) driven over the DevTools pipe ([`cdp`]), and the automation
//! WebSocket on `127.0.0.1:<--auto-port>` (and `[::1]` when that binds). Each client
//! connection is a session (`session.rs`) with its own browser context and page on the
//! preview (`/?automator=1`, [`page`]). Core's [`wxrt_core::automator`] decides who
//! answers each method; this module only does the I/O.
//!
//! Started in DevTools' command-line form ([`argv`], what `automator.launch` spawns) the
//! process is its client's child, which nobody stops: with `--exit-with-client` it exits
//! after answering `Tool.close`, and when its clients have gone and none came back
//! within [`IDLE_GRACE`].

pub mod argv;
pub mod cdp;
pub mod chromium;
pub mod page;
mod session;

use std::future::IntoFuture as _;
use std::io::Write as _;
use std::net::{Ipv6Addr, SocketAddr, SocketAddrV6};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::State;
use axum::response::Response;
use axum::routing::any;
use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use wxrt_core::automator::AutomatorError;

use crate::args::AutoArgs;
use crate::error::CliError;
use crate::{project, serve};
use chromium::{Chromium, ChromiumError};
use page::Prepared;

/// How long a `--exit-with-client` process waits for a client to come back.
pub const IDLE_GRACE: Duration = Duration::from_secs(3);

/// Why `wxrt auto` stopped or could not start.
#[derive(Debug, thiserror::Error)]
pub enum AutoError {
    /// The folder is not a mini-program project.
    #[error("{} is not a mini-program project (no project.config.json or app.json)", path.display())]
    NotAProject {
        /// The folder as given.
        path: std::path::PathBuf,
    },
    /// Chromium could not be found or started.
    #[error(transparent)]
    Chromium(#[from] ChromiumError),
    /// Chromium exited while the server was running.
    #[error("Chromium exited; the automation server stops")]
    BrowserExited,
    /// SIGINT or SIGTERM arrived: Chromium was closed and its profile removed.
    #[error("stopped by {name}")]
    Stopped {
        /// The signal's name.
        name: &'static str,
        /// 128 + its number.
        code: u8,
    },
}

impl AutoError {
    /// 2 for a bad project folder, 128 + the signal's number when stopped, else 1.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::NotAProject { .. } => 2,
            Self::Stopped { code, .. } => *code,
            Self::Chromium(_) | Self::BrowserExited => 1,
        }
    }
}

/// Connected clients, and whether any ever was.
#[derive(Debug, Clone, Copy, Default)]
struct Clients {
    count: usize,
    ever: bool,
}

/// What the sessions share.
pub(crate) struct Hub {
    cdp: cdp::Cdp,
    url: String,
    /// Keep a page opened in advance for the next client (the `wxrt auto <project>`
    /// form, where clients come and go).
    keep_spare: bool,
    /// Exit after `Tool.close` (DevTools' form).
    exit_with_client: bool,
    spare: Mutex<Option<JoinHandle<Result<Prepared, AutomatorError>>>>,
    clients: watch::Sender<Clients>,
    exit: Notify,
}

impl Hub {
    fn prepare(&self) -> JoinHandle<Result<Prepared, AutomatorError>> {
        let (cdp, url) = (self.cdp.clone(), self.url.clone());
        tokio::spawn(async move { page::prepare(&cdp, &url).await })
    }

    /// Opens the next client's page now, so its app launches while the client is
    /// still connecting.
    fn prepare_spare(&self) {
        let next = self.prepare();
        *self.spare.lock().unwrap_or_else(PoisonError::into_inner) = Some(next);
    }

    /// The page for a new session: the one opened in advance, else a new one.
    fn take_page(&self) -> JoinHandle<Result<Prepared, AutomatorError>> {
        let spare = self
            .spare
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if self.keep_spare {
            self.prepare_spare();
        }
        spare.unwrap_or_else(|| self.prepare())
    }

    fn client_joined(&self) {
        self.clients.send_modify(|clients| {
            clients.count += 1;
            clients.ever = true;
        });
    }

    fn client_left(&self) {
        self.clients
            .send_modify(|clients| clients.count = clients.count.saturating_sub(1));
    }

    /// `Tool.close` was answered and the socket closed.
    fn session_closed(&self) {
        if self.exit_with_client {
            self.exit.notify_one();
        }
    }
}

/// Runs `wxrt auto` until `Tool.close` (with `--exit-with-client`), the clients' leaving,
/// a signal, or Chromium's exit.
///
/// # Errors
///
/// [`AutoError`]s (a folder that is not a project, no Chromium, a signal), and the
/// dev server's errors.
pub async fn run(args: &AutoArgs) -> Result<(), CliError> {
    let site = serve::site_dir(&args.project)?;
    if !project::is_project(&site) {
        return Err(AutoError::NotAProject {
            path: args.project.clone(),
        }
        .into());
    }
    let executable = chromium::find(args.chromium.as_deref()).map_err(AutoError::from)?;
    let server = serve::start_in_process(
        &site,
        args.runtime_dir.as_deref(),
        args.state_dir.as_deref(),
    )
    .await?;
    // Before anything that must be cleaned up, so a signal always finds it.
    let mut signals = Signals::install().map_err(CliError::io("cannot install signal handlers"))?;
    let mut browser = Chromium::launch(&executable).map_err(AutoError::from)?;

    let (clients, mut watched) = watch::channel(Clients::default());
    let hub = Arc::new(Hub {
        cdp: browser.cdp.clone(),
        url: format!("http://{server}/?automator=1"),
        keep_spare: !args.exit_with_client,
        exit_with_client: args.exit_with_client,
        spare: Mutex::new(None),
        clients,
        exit: Notify::new(),
    });
    hub.prepare_spare();

    let requested = SocketAddr::from(([127, 0, 0, 1], args.auto_port));
    let listener = match TcpListener::bind(requested).await {
        Ok(listener) => listener,
        Err(source) => {
            browser.close().await;
            return Err(CliError::Bind {
                addr: requested,
                source,
            });
        }
    };
    let port = listener
        .local_addr()
        .map_err(CliError::io("cannot read the listening address"))?
        .port();
    let app = Router::new()
        // DevTools' clients may use any path; every one is the automation socket.
        .fallback(any(upgrade))
        .with_state(Arc::clone(&hub));
    // Small frames both ways, one at a time: no waiting on Nagle's algorithm.
    let nodelay = |stream: &mut tokio::net::TcpStream| {
        let _ = stream.set_nodelay(true);
    };
    tokio::spawn(axum::serve(listener.tap_io(nodelay), app.clone()).into_future());
    // `localhost` may resolve to ::1 first; not being able to listen there is no error.
    if let Ok(v6) = TcpListener::bind(SocketAddrV6::new(Ipv6Addr::LOCALHOST, port, 0, 0)).await {
        tokio::spawn(axum::serve(v6.tap_io(nodelay), app).into_future());
    }
    announce(port, &server).map_err(CliError::io("cannot write to stdout"))?;

    let outcome = loop {
        let idle = {
            let clients = *watched.borrow_and_update();
            args.exit_with_client && clients.ever && clients.count == 0
        };
        tokio::select! {
            _ = watched.changed() => {}
            () = tokio::time::sleep(IDLE_GRACE), if idle => break Ok(()),
            () = hub.exit.notified() => break Ok(()),
            () = browser.exited() => break Err(AutoError::BrowserExited.into()),
            stopped = signals.recv() => break Err(stopped.into()),
        }
    };
    browser.close().await;
    outcome
}

async fn upgrade(State(hub): State<Arc<Hub>>, socket: WebSocketUpgrade) -> Response {
    // The client (ws@6) accepts 100 MiB; screenshots and page data can be large.
    socket
        .max_message_size(100 << 20)
        .on_upgrade(move |socket| session::run(hub, socket))
}

/// The line tests read, on stdout, then where the preview is, on stderr.
fn announce(port: u16, server: &SocketAddr) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "wxrt auto: ws://127.0.0.1:{port}")?;
    stdout.flush()?;
    eprintln!("wxrt auto: the app runs in headless Chromium from http://{server}/");
    Ok(())
}

/// SIGINT and SIGTERM.
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

impl Signals {
    fn install() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    async fn recv(&mut self) -> AutoError {
        tokio::select! {
            _ = self.interrupt.recv() => AutoError::Stopped { name: "SIGINT", code: 130 },
            _ = self.terminate.recv() => AutoError::Stopped { name: "SIGTERM", code: 143 },
        }
    }
}
