//! `wxrt wechat-server`: the stand-in alone, for a backend tested without a browser.

use std::io::{self, Write as _};
use std::net::SocketAddr;

use wxrt_core::login::AppRegistration;

use super::config::{load_server_config, AppSpec};
use super::routes::routes;
use super::stand_in::{RegisterError, StandIn};
use crate::args::WeChatServerArgs;
use crate::error::CliError;
use crate::serve::Bound;

/// Runs `wxrt wechat-server` until Ctrl-C or SIGTERM.
///
/// The apps are every `--app` then every app of `--config`. Once listening it prints
/// `wxrt wechat-server at http://<host>:<port>/` and flushes it (tools started with
/// `--port 0` read the port from it), then one line per app:
/// `wxrt wechat-server app <appid>` with ` (unionid)` when it answers unionids. Secrets
/// are never printed.
///
/// # Errors
///
/// [`CliError::NoApps`], [`CliError::WeChatConfig`], [`CliError::DuplicateApp`] or
/// [`CliError::InvalidApp`] for bad arguments; [`CliError::Bind`] and
/// [`CliError::Io`] as for `wxrt serve`.
pub async fn run(args: &WeChatServerArgs) -> Result<(), CliError> {
    let mut apps: Vec<AppSpec> = args.apps.clone();
    if let Some(file) = &args.config {
        apps.extend(load_server_config(file)?);
    }
    if apps.is_empty() {
        return Err(CliError::NoApps);
    }
    for (index, app) in apps.iter().enumerate() {
        // Two secrets for one appid would leave the backend guessing which one works.
        if apps[..index].iter().any(|seen| seen.appid == app.appid) {
            return Err(CliError::DuplicateApp {
                appid: app.appid.clone(),
            });
        }
    }

    let stand_in = StandIn::new(Vec::new());
    for app in &apps {
        stand_in
            .register(AppRegistration::from(app.clone()))
            .await
            .map_err(|err| match err {
                RegisterError::Refused(source) => CliError::InvalidApp { source },
                RegisterError::Stopped(_) => CliError::Io {
                    context: "the WeChat stand-in stopped",
                    source: io::Error::other("its thread ended"),
                },
            })?;
    }

    let bound = Bound::bind(SocketAddr::new(args.host, args.port)).await?;
    announce(bound.addr, &apps).map_err(CliError::io("cannot write to stdout"))?;
    bound.serve(routes(stand_in)).await
}

fn announce(addr: SocketAddr, apps: &[AppSpec]) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "wxrt wechat-server at http://{addr}/")?;
    for app in apps {
        let unionid = if app.unionid { " (unionid)" } else { "" };
        writeln!(stdout, "wxrt wechat-server app {}{unionid}", app.appid)?;
    }
    stdout.flush()
}
