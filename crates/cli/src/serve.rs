//! `wxrt serve`: resolve the folders, bind, announce the address, run until
//! Ctrl-C or SIGTERM.

use std::future::IntoFuture as _;
use std::io::{self, Write as _};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::net::TcpListener;

use crate::args::ServeArgs;
use crate::error::CliError;
use crate::live_reload::{self, LiveReload};
use crate::project::{self, Project};
use crate::router::{router_with, Services};
use crate::{background_fetch, runtime_files, wechat};

/// How long requests still in flight may take to finish after a stop signal.
const GRACE: Duration = Duration::from_secs(3);

/// Runs `wxrt serve` until Ctrl-C or SIGTERM.
///
/// Once listening it prints one line to stdout and flushes it:
/// `wxrt serving <absolute dir> at http://<host>:<port>/`. Tools that start the
/// server with `--port 0` read the port from that line. When the folder is a
/// mini-program project a second line follows:
/// `wxrt project <appid> (code root <absolute dir>)`. A project whose
/// `project.config.json` cannot be used still starts (the page shows the error);
/// the error goes to stderr and the second line is left out.
///
/// A project is watched unless `--no-watch` says otherwise (see [`crate::live_reload`]):
/// `wxrt watching <code root> for changes` follows the announcement, then a line for
/// each rebuild the page is told about. A project the operating system will not watch
/// is served as with `--no-watch`, saying why on stderr.
///
/// A project also gets the WeChat stand-in, set up by [`wechat::ProjectSetup`] with
/// `--app-secret`; its notices (no secret, an unusable `wxrt.config.json`) go to
/// stderr once, after the announcement. It gets background fetch too, settled by
/// [`background_fetch::Setup::load`] from `wxrt.config.json`, the background fetch flags
/// and `--state-dir`.
///
/// # Errors
///
/// [`CliError::DirNotFound`] or [`CliError::NotADirectory`] for a bad folder,
/// [`CliError::BackgroundFetch`] for a background fetch setting or state that cannot be
/// used,
/// [`CliError::Bind`] when the address cannot be listened on, and
/// [`CliError::Io`] for failures while serving.
pub async fn serve(args: &ServeArgs) -> Result<(), CliError> {
    let site = site_dir(&args.dir)?;
    let runtime = runtime_files::resolve_runtime_dir(args.runtime_dir.as_deref());
    if !runtime.join("www").is_dir() {
        eprintln!(
            "wxrt: warning: {} has no www/ folder; {}/ will answer 404 \
             (pass --runtime-dir or set {})",
            runtime.display(),
            runtime_files::URL_PREFIX,
            runtime_files::ENV_VAR,
        );
    }
    let project = if project::is_project(&site) {
        if !runtime.join(runtime_files::PREVIEW_PAGE).is_file() {
            eprintln!(
                "wxrt: warning: {} has no {}; / will answer 404 \
                 (pass --runtime-dir or set {})",
                runtime.display(),
                runtime_files::PREVIEW_PAGE,
                runtime_files::ENV_VAR,
            );
        }
        Project::load(&site)
            .inspect_err(|err| eprintln!("wxrt: {err}"))
            .ok()
    } else {
        None
    };
    // Set up before binding, so a refused thread fails before anything is announced;
    // the notices wait until after the announcement, the line tools read first.
    let (mut services, mut notices) = if project::is_project(&site) {
        project_services(
            &site,
            project.as_ref(),
            args.app_secret.as_ref().map(|secret| secret.0.as_str()),
            &args.background_fetch,
            args.state_dir.as_deref(),
        )?
    } else {
        (Services::default(), Vec::new())
    };
    let reloader = if project::is_project(&site) && !args.no_watch {
        match LiveReload::watch(&site) {
            Ok((live, reloader)) => {
                services.live_reload = Some(live);
                Some(reloader)
            }
            Err(err) => {
                notices.push(format!("{err}; serving without live reload"));
                None
            }
        }
    } else {
        None
    };
    let live = services.live_reload.clone();

    let bound = Bound::bind(SocketAddr::new(args.host, args.port)).await?;
    announce(&site, bound.addr, project.as_ref())
        .map_err(CliError::io("cannot write to stdout"))?;
    for notice in &notices {
        eprintln!("wxrt: {notice}");
    }
    if let Some(reloader) = reloader {
        live_reload::announce_watching(&reloader);
        tokio::spawn(reloader.run());
    }
    bound
        .serve_then(router_with(&site, &runtime, services), move || {
            if let Some(live) = live {
                live.stop();
            }
        })
        .await
}

/// A project's services, less live reload, with the notices to print after the
/// announcement.
fn project_services(
    site: &Path,
    project: Option<&Project>,
    app_secret: Option<&str>,
    background_fetch: &crate::args::BackgroundFetchArgs,
    state_dir: Option<&Path>,
) -> Result<(Services, Vec<String>), CliError> {
    let setup = wechat::ProjectSetup::new(project, app_secret);
    let stand_in = wechat::StandIn::new(setup.apps);
    // A bad setting stops the server here, before it listens: a preview that
    // silently fetched nothing would look like a bug in the app.
    let background_fetch = background_fetch::Setup::load(site, background_fetch, state_dir)?;
    let services = Services {
        stand_in: Some(stand_in),
        background_fetch: Some(background_fetch),
        live_reload: None,
    };
    Ok((services, setup.notices))
}

/// Starts the dev server of `wxrt auto` in this process, on `127.0.0.1` port 0, for
/// the project folder `site` (already checked with [`site_dir`] and
/// [`project::is_project`]): as `wxrt serve --no-watch` without flags but
/// `--state-dir`, since automation must be deterministic (no live reload). Its
/// notices go to stderr; it runs until the process ends. Returns its address.
pub(crate) async fn start_in_process(
    site: &Path,
    runtime_dir: Option<&Path>,
    state_dir: Option<&Path>,
) -> Result<SocketAddr, CliError> {
    let runtime = runtime_files::resolve_runtime_dir(runtime_dir);
    if !runtime.join(runtime_files::PREVIEW_PAGE).is_file() {
        eprintln!(
            "wxrt: warning: {} has no {}; the preview will answer 404 \
             (pass --runtime-dir or set {})",
            runtime.display(),
            runtime_files::PREVIEW_PAGE,
            runtime_files::ENV_VAR,
        );
    }
    let project = Project::load(site)
        .inspect_err(|err| eprintln!("wxrt: {err}"))
        .ok();
    let (services, notices) = project_services(
        site,
        project.as_ref(),
        None,
        &crate::args::BackgroundFetchArgs::default(),
        state_dir,
    )?;
    for notice in &notices {
        eprintln!("wxrt: {notice}");
    }
    let (listener, addr) = listen(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
    let listener = listener.tap_io(|stream| {
        let _ = stream.set_nodelay(true);
    });
    let app = router_with(site, &runtime, services);
    tokio::spawn(
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .into_future(),
    );
    Ok(addr)
}

/// Listens on `requested`; also gives the address actually listened on (the real port
/// when 0 was asked for).
async fn listen(requested: SocketAddr) -> Result<(TcpListener, SocketAddr), CliError> {
    let listener = TcpListener::bind(requested)
        .await
        .map_err(|source| CliError::Bind {
            addr: requested,
            source,
        })?;
    let addr = listener
        .local_addr()
        .map_err(CliError::io("cannot read the listening address"))?;
    Ok((listener, addr))
}

/// A listening socket whose stop signals are already installed: what both `wxrt serve`
/// and `wxrt wechat-server` run their router on.
pub(crate) struct Bound {
    listener: TcpListener,
    /// The address actually listened on (the real port when 0 was asked for).
    pub(crate) addr: SocketAddr,
    stop: StopSignals,
}

impl Bound {
    /// Listens on `requested` and installs the stop signals.
    pub(crate) async fn bind(requested: SocketAddr) -> Result<Self, CliError> {
        let (listener, addr) = listen(requested).await?;
        // Installed before the caller announces the address, so a signal sent as soon
        // as the line is read already stops the server cleanly.
        let stop =
            StopSignals::install().map_err(CliError::io("cannot install signal handlers"))?;
        Ok(Self {
            listener,
            addr,
            stop,
        })
    }

    /// Serves `app` until Ctrl-C or SIGTERM, then gives requests in flight [`GRACE`]
    /// to finish.
    pub(crate) async fn serve(self, app: Router) -> Result<(), CliError> {
        self.serve_then(app, || {}).await
    }

    /// [`Bound::serve`], calling `on_stop` when the stop signal arrives, before waiting
    /// for requests in flight: responses that never end by themselves (event streams)
    /// are ended there.
    pub(crate) async fn serve_then(
        self,
        app: Router,
        on_stop: impl FnOnce(),
    ) -> Result<(), CliError> {
        let Self {
            listener, mut stop, ..
        } = self;
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        // Without TCP_NODELAY a response written in two pieces waits out the browser's
        // delayed ACK (about 40 ms) on every small file: a preview's boot stalled on it.
        let listener = listener.tap_io(|stream| {
            let _ = stream.set_nodelay(true);
        });
        // The peer address lets the proxy refuse other machines when --host binds
        // beyond loopback.
        let server = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            // An error means the sender is gone, which also means stop.
            let _ = stopped.await;
        })
        .into_future();
        tokio::pin!(server);

        tokio::select! {
            result = &mut server => return result.map_err(CliError::io("server failed")),
            () = stop.recv() => {}
        }
        on_stop();
        let _ = stopping.send(());
        match tokio::time::timeout(GRACE, server).await {
            Ok(result) => result.map_err(CliError::io("server failed")),
            // Connections still busy after the grace period are dropped.
            Err(_elapsed) => Ok(()),
        }
    }
}

/// Checks that `dir` is an existing folder and makes it absolute.
pub(crate) fn site_dir(dir: &Path) -> Result<PathBuf, CliError> {
    let absolute = std::fs::canonicalize(dir).map_err(|source| {
        if source.kind() == io::ErrorKind::NotFound {
            CliError::DirNotFound {
                path: dir.to_path_buf(),
            }
        } else {
            CliError::DirUnreadable {
                path: dir.to_path_buf(),
                source,
            }
        }
    })?;
    if absolute.is_dir() {
        Ok(absolute)
    } else {
        Err(CliError::NotADirectory {
            path: dir.to_path_buf(),
        })
    }
}

/// Prints the line that tells people and tools where the server is, and for a
/// project the line that says which one it is.
fn announce(site: &Path, addr: SocketAddr, project: Option<&Project>) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "wxrt serving {} at http://{addr}/", site.display())?;
    if let Some(project) = project {
        writeln!(
            stdout,
            "wxrt project {} (code root {})",
            project.appid,
            project.code_root.display()
        )?;
    }
    stdout.flush()
}

/// The signals that stop the server: Ctrl-C everywhere, and SIGTERM on Unix.
struct StopSignals {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignals {
    #[cfg(unix)]
    fn install() -> io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn install() -> io::Result<Self> {
        Ok(Self {})
    }

    /// Resolves when the first stop signal arrives.
    #[cfg(unix)]
    async fn recv(&mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }

    #[cfg(not(unix))]
    async fn recv(&mut self) {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
