//! The whole application: the runtime's routes, the served folder (or
//! project), and the headers every response gets.

use std::path::Path;

use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware;
use axum::Router;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::project::{self, Project};
use crate::wechat::{self, StandIn};
use crate::{content_type, project_routes, proxy, runtime_files};

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
/// A project also gets the request proxy at `/__wxrt/proxy` ([`proxy::routes`]), which
/// sends the project's appid in its `referer` (`touristappid` when
/// `project.config.json` cannot be read).
pub fn router(site: &Path, runtime: &Path) -> Router {
    let stand_in = project::is_project(site).then(|| {
        let project = Project::load(site).ok();
        let setup = wechat::ProjectSetup::new(project.as_ref(), None);
        wechat::StandIn::new(setup.apps)
    });
    router_with_stand_in(site, runtime, stand_in)
}

/// [`router`] with the WeChat stand-in given: `Some` mounts [`wechat::routes`] on it
/// (in any mode), `None` leaves them out. The proxy is mounted in project mode only.
pub fn router_with_stand_in(site: &Path, runtime: &Path, stand_in: Option<StandIn>) -> Router {
    let is_project = project::is_project(site);
    let (mut routes, files) = if is_project {
        let (code_root, appid) = Project::load(site).map_or_else(
            |_| (site.to_path_buf(), project::TOURIST_APPID.to_owned()),
            |project| (project.code_root, project.appid),
        );
        let routes = runtime_files::routes(runtime)
            .merge(project_routes::routes(site, runtime))
            .merge(proxy::routes(&appid));
        (routes, code_root)
    } else {
        (runtime_files::routes(runtime), site.to_path_buf())
    };
    if let Some(stand_in) = stand_in {
        routes = routes.merge(wechat::routes(stand_in));
    }
    let routes = routes.fallback_service(ServeDir::new(files));
    // The secret sits in the project folder, which is the code root unless
    // miniprogramRoot says otherwise: the file service must never hand it out.
    let routes = if is_project {
        routes.layer(middleware::from_fn(wechat::hide_local_config))
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
