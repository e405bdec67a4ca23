//! The whole application: the runtime's routes, the served folder (or
//! project), and the headers every response gets.

use std::path::Path;

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::args::BackgroundFetchArgs;
use crate::background_fetch::{self, BackgroundFetch};
use crate::live_reload::LiveReload;
use crate::project::{self, Project};
use crate::wechat::{self, StandIn, StandInClock};
use crate::{content_type, project_routes, proxy, runtime_files, socket_relay};

/// Builds the router `wxrt serve` runs.
///
/// When `site` is a mini-program project (see [`project::is_project`]), `/` and
/// `/index.html` answer the runtime's preview page (`<runtime>/www/preview/index.html`,
/// 404 with a plain-text hint while it is missing), `/__wxrt/project` answers the
/// project [`Bundle`](crate::bundle::Bundle) as JSON (422 with `{"error": "…"}` when the
/// project cannot be read), and every other path is a file from the project's code
/// root. The code root is resolved once, here; when `project.config.json` cannot be
/// read, files are served from `site` itself and the bundle route reports the error.
///
/// Any other folder is served as it is at `/`, with `index.html` for directories.
///
/// Either way the runtime checkout's files are under `/__wxrt/` (see
/// [`runtime_files::routes`]), every response has `Cache-Control: no-cache`, and
/// `.wasm`, `.js` and `.mjs` get the content types browsers insist on.
///
/// Paths that climb out of a served folder (`/../x`, `/%2e%2e/x`) are refused
/// with 404.
///
/// A project also gets the WeChat stand-in ([`wechat::routes`]): its appid is
/// registered with the `appSecret` of its `wxrt.config.json`, as `wxrt serve`
/// without `--app-secret` does (see [`wechat::ProjectSetup`]); `/wxrt.config.json`
/// itself answers 404. The setup's notices are dropped here; `wxrt serve` prints them.
///
/// A project also gets background fetch ([`background_fetch`]) as `wxrt serve` without
/// flags sets it up: the `backgroundFetch` of its `wxrt.config.json`, state in
/// `<site>/.wxrt`. A problem with either is printed to stderr and leaves background
/// fetch out (`wxrt serve` stops instead).
///
/// A project also gets the request proxy at `/__wxrt/proxy` ([`proxy::routes`]) and its
/// socket relay at `/__wxrt/proxy/socket` ([`socket_relay::routes`]), which both
/// send the project's appid in its `referer` (`touristappid` when
/// `project.config.json` cannot be read).
///
/// Live reload is left out, as with `wxrt serve --no-watch`: the bundle is built for
/// each request and `/__wxrt/events` is a 404 ([`Services::live_reload`] adds it).
pub fn router(site: &Path, runtime: &Path) -> Router {
    let services = if project::is_project(site) {
        let project = Project::load(site).ok();
        let setup = wechat::ProjectSetup::new(project.as_ref(), None);
        // As `wxrt serve` without flags, except that a problem leaves background fetch
        // off instead of stopping: there is no process to stop.
        let background_fetch =
            background_fetch::Setup::load(site, &BackgroundFetchArgs::default(), None)
                .inspect_err(|err| eprintln!("wxrt: {err}"))
                .ok();
        Services {
            stand_in: Some(wechat::StandIn::new(setup.apps)),
            background_fetch,
            live_reload: None,
        }
    } else {
        Services::default()
    };
    router_with(site, runtime, services)
}

/// [`router`] with the WeChat stand-in given: `Some` mounts [`wechat::routes`] on it
/// (in any mode), `None` leaves them out. The proxy is mounted in project mode only.
/// Background fetch and live reload are left out.
pub fn router_with_stand_in(site: &Path, runtime: &Path, stand_in: Option<StandIn>) -> Router {
    router_with(
        site,
        runtime,
        Services {
            stand_in,
            ..Services::default()
        },
    )
}

/// What a router serves besides files, decided by whoever builds it (`wxrt serve` from
/// its flags, [`router`] from the project's files).
#[derive(Debug, Default)]
pub struct Services {
    /// The WeChat stand-in: `Some` mounts [`wechat::routes`] on it, in any mode.
    pub stand_in: Option<StandIn>,
    /// Background fetch as settled at startup: mounted for a project that also has the
    /// stand-in (its login codes go into prefetches), see [`background_fetch`].
    pub background_fetch: Option<background_fetch::Setup>,
    /// Live reload, for a project only: `/__wxrt/project` answers its newest build and
    /// `/__wxrt/events` its events (see [`crate::live_reload`]). Without it the bundle is
    /// built for each request and `/__wxrt/events` is a 404.
    pub live_reload: Option<LiveReload>,
}

/// [`router`] with its services given. The stand-in and background fetch read one
/// [`StandInClock`], made here, so `POST /__wxrt/wechat/clock` moves both.
pub fn router_with(site: &Path, runtime: &Path, services: Services) -> Router {
    let is_project = project::is_project(site);
    let clock = StandInClock::system();
    let (mut routes, files) = if is_project {
        let (project_dir, code_root, appid) = Project::load(site).map_or_else(
            |_| {
                (
                    site.to_path_buf(),
                    site.to_path_buf(),
                    project::TOURIST_APPID.to_owned(),
                )
            },
            |project| (project.dir, project.code_root, project.appid),
        );
        let background_fetch = match (services.background_fetch, &services.stand_in) {
            (Some(setup), Some(stand_in)) => Some(BackgroundFetch::new(
                setup,
                stand_in.clone(),
                clock.clone(),
                appid.clone(),
                &project_dir,
                &code_root,
            )),
            _ => None,
        };
        let mut routes = runtime_files::routes(runtime)
            .merge(project_routes::routes(
                site,
                runtime,
                background_fetch.clone(),
                services.live_reload.clone(),
            ))
            .merge(proxy::routes(&appid))
            .merge(socket_relay::routes(&appid));
        if let Some(service) = background_fetch {
            routes = routes.merge(background_fetch::routes(service));
        }
        if let Some(live) = &services.live_reload {
            routes = routes.merge(live.routes());
        }
        (routes, code_root)
    } else {
        (runtime_files::routes(runtime), site.to_path_buf())
    };
    if let Some(stand_in) = services.stand_in {
        routes = routes.merge(wechat::routes_on(stand_in, clock));
    }
    let routes = routes.fallback_service(ServeDir::new(files));
    // The secret sits in the project folder, which is the code root unless
    // miniprogramRoot says otherwise: the file service must never hand it out.
    // The same for the tokens in the default state folder.
    let routes = if is_project {
        routes
            .layer(middleware::from_fn(background_fetch::hide_state_dir))
            .layer(middleware::from_fn(wechat::hide_local_config))
    } else {
        routes
    };
    routes
        .layer(middleware::from_fn(content_type::fix))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
}
