//! The `wxrt` command line: a development server that previews a WeChat
//! mini-program in an ordinary browser, together with the runtime's own files.
//!
//! `wxrt serve <dir>` works in one of two modes.
//!
//! **Project mode**, when `<dir>` holds `project.config.json` or `app.json`
//! (see [`project`]). The code root is `<dir>/<miniprogramRoot>` when
//! `project.config.json` sets that, else `<dir>`. The server answers:
//!
//! - `/` and `/index.html`, whatever the query string (`/?path=pages/a/a&query=id%3D3`),
//!   with the runtime's preview page `<runtime>/www/preview/index.html`, read on each
//!   request; 404 with a plain-text hint while the checkout lacks it;
//! - `/__wxrt/project` with the project bundle (see [`bundle`]), built again after each
//!   change to the project (see [`live_reload`]), or on each request with `--no-watch`, so
//!   edits show on reload:
//!   `{"appid": "wx…", "projectName": "…" | null, "files": {"app.json": "…", "pages/index/index.js": "…"},
//!   "compiled": {…}, "launch": {…} | null, "problems": [{"file": "pages/a/a.wxml", "line": 3 | null, "column": 7 | null, "message": "…", "severity": "warning" (warnings only)}]}`.
//!   `files` holds every `.js`, `.json`, `.wxml`, `.wxss` and `.wxs` file under the code
//!   root, keyed by its `/`-separated path from there, skipping `node_modules`, names
//!   starting with `.`, and `project.config.json` / `project.private.config.json`; the
//!   packages named in the `dependencies` of the project's package.json files are added
//!   from `node_modules` under `miniprogram_npm/`, as DevTools' "build npm" lays them out;
//!   of the files inside `miniprogram_npm/`, only those the app reaches are kept, as
//!   DevTools' "filter unused files" keeps them. When the project cannot be read (a malformed `project.config.json`, a bad
//!   `miniprogramRoot`, a file that is not UTF-8 or too big) it answers 422 with
//!   `{"error": "<file>: <what is wrong>"}` and prints the same message to stderr. Compile
//!   errors, a missing `app.json` and `.json` files that are not JSON are `problems` of a
//!   bundle still served (see [`problems`]): the page lists them;
//! - `/__wxrt/events`, while the project is watched, with server-sent events: `hello` on
//!   connect, then `reload` after each change that builds cleanly and `problems` after
//!   one that does not (see [`live_reload`]); 404 with `--no-watch`;
//! - every other path with files from the code root, so `<image src="/images/a.png">`
//!   works; except `wxrt.config.json` at its top, however spelt, which answers 404;
//! - the WeChat login stand-in (see [`wechat`]), described below;
//! - `ANY /__wxrt/proxy?url=<absolute http(s) URL, percent-encoded>`, which forwards
//!   the page's `wx.request` to a backend that sends no CORS headers (see [`proxy`]),
//!   described below;
//! - background fetch under `/__wxrt/background-fetch/…`: the prefetch WeChat's server
//!   makes at cold start (started by each load of `/`) and the periodic update, from the
//!   URLs in the `backgroundFetch` object of `wxrt.config.json` or `wxrt serve`'s flags
//!   (see [`background_fetch`]). The bundle's `backgroundFetch` member says what is
//!   configured. `/.wxrt/…`, where its state is kept by default, answers 404.
//!
//! **Static mode**, for any other folder: `/…` from `<dir>` (its `index.html` answers `/`).
//!
//! In both modes:
//!
//! - `/__wxrt/www/…` comes from the runtime's JS shim and preview page (`<runtime>/www/`);
//! - `/__wxrt/pkg/…` comes from the WebAssembly build (`<runtime>/pkg/`, written by
//!   `npm run build`). While that build is missing these requests answer 404 with a
//!   plain-text hint instead of an empty body;
//! - any other `/__wxrt/…` path is 404.
//!
//! Every response carries `Cache-Control: no-cache`, so edited files show up on the
//! next reload; `.wasm` is served as `application/wasm` and `.js`/`.mjs` as
//! `text/javascript`, which `WebAssembly.instantiateStreaming` and module scripts
//! require. The server binds to `127.0.0.1` unless told otherwise.
//!
//! The binary is a thin wrapper over this library, so the same router can be
//! embedded in a test or another tool:
//!
//! ```no_run
//! use std::path::Path;
//!
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     // The runtime checkout: --runtime-dir, else $WXRT_RUNTIME_DIR, else this source tree.
//!     let runtime = wxrt_cli::runtime_files::resolve_runtime_dir(None);
//!     let app = wxrt_cli::router(Path::new("examples/hello"), &runtime);
//!
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//!     println!("preview at http://{}/", listener.local_addr()?);
//!     axum::serve(listener, app).await
//! }
//! ```
//!
//! From a shell, `--port 0` picks a free port and the first line on stdout says which:
//!
//! ```text
//! $ wxrt serve examples/hello --port 0
//! wxrt serving /home/me/wxrt/examples/hello at http://127.0.0.1:40123/
//! wxrt project touristappid (code root /home/me/wxrt/examples/hello)
//! wxrt watching /home/me/wxrt/examples/hello for changes
//! wxrt reload: pages/index/index.wxml (compiled in 12 ms)
//! ```
//!
//! The second line appears only in project mode, and not when `project.config.json`
//! is malformed: the server still starts, prints the error to stderr, and the page
//! shows it. The watching line appears for a watched project (not with `--no-watch`),
//! then a line per change the page is told about: `wxrt reload: …` on stdout, or
//! `wxrt compile error: <file>:<line>:<column>: <message>` on stderr for each problem.
//!
//! # The request proxy
//!
//! WeChat's `wx.request` ignores CORS, so a mini-program's backend seldom sends
//! `Access-Control-Allow-Origin`, and the browser would refuse the page's `fetch`. In
//! project mode the page sends every cross-origin `wx.request` to
//! `/__wxrt/proxy?url=<percent-encoded URL>`, and the server makes the request instead:
//!
//! - same method, body (up to 16 MiB, else 413) and headers, less hop-by-hop ones,
//!   `host`, `origin`, `cookie`, `content-length`, `sec-*` and `x-wxrt-*`; `referer` is
//!   `https://servicewechat.com/<appid>/devtools/page-frame.html`, as in WeChat's tool;
//! - the answer is the upstream's status, headers and body (up to 64 MiB), redirects
//!   followed as `fetch` does, except that `set-cookie` headers are dropped (they would
//!   set cookies on the dev server) and their values come as a JSON array in
//!   `x-wxrt-set-cookie`, for `wx.request`'s `cookies`;
//! - a bad `url` answers 400 `{"error": "proxy: url should be an absolute http(s) URL,
//!   got \"…\""}`; an unreachable upstream, or one silent for 60 seconds, answers 502
//!   `{"error": "connection refused"}` with the same reason in `x-wxrt-proxy-error`;
//! - only this machine's own page may use it: other peers, other sites (by `Origin` and
//!   `Sec-Fetch-Site`) and DNS names other than `localhost` in `Host` get 403.
//!
//! Static mode has no proxy: `/__wxrt/proxy` is a 404 there like any unknown
//! `/__wxrt/` path.
//!
//! # The WeChat login stand-in
//!
//! In project mode, and alone under `wxrt wechat-server`, wxrt stands in for WeChat's
//! login servers (core's [`wxrt_core::login::WeChatStandIn`]). The page's `wx.login`
//! gets one-time codes from it, and the developer's backend exchanges them for the
//! user's openid and session_key exactly as at WeChat:
//!
//! - `GET /sns/jscode2session?appid=…&secret=…&js_code=…&grant_type=authorization_code`
//!   answers 200 `application/json` with `{"openid": "…", "session_key": "…"}` (plus
//!   `"unionid"` for an app registered with it), or WeChat's error body
//!   `{"errcode": 40029, "errmsg": "invalid code, rid: …"}` (41002, 41004, 41008 for a
//!   missing parameter, 40002 for the grant type, 40013 unknown appid, 40125 wrong
//!   secret, 40029 unknown, used or expired code, 45011 over the per-minute quota,
//!   40226 blocked user). Other methods answer 405; the path is case-sensitive.
//! - `POST /__wxrt/wechat/login` with `{"appid": "…", "user": "…"}` answers
//!   `{"code": "…", "generation": 1}`; bad JSON or a bad appid or user, 400
//!   `{"error": "…"}`.
//! - `POST /__wxrt/wechat/check-session` with `{"appid", "user", "generation"}` answers
//!   `{"ok": true}` or `{"ok": false, "reason": "session time out, need relogin",
//!   "cause": "noSession" | "rotated" | "idle"}`.
//! - `GET /__wxrt/wechat/state?appid=…&user=…` answers, for an inspector,
//!   `{"codes": [{"code", "issuedAt", "state": "valid" | "used" | "expired"}],
//!   "session": {"generation", "keyAgeMs", "idleMs"} | null}`. No page-facing answer
//!   carries the session_key or the secret.
//!
//! Times are the system clock in milliseconds since the UNIX epoch
//! ([`wechat::routes_with_clock`] takes another).
//!
//! **Pointing a backend at it.** A backend builds its WeChat URL from a base such as
//! `https://api.weixin.qq.com`; make that base configurable and set it to
//! `http://127.0.0.1:<port>` (the `wxrt serve` port, or a `wxrt wechat-server`'s) in
//! development. Nothing else changes: same path, parameters and answers.
//!
//! **The app secret under `wxrt serve`.** The project's appid (`touristappid` without
//! one) is registered with `--app-secret SECRET`, else `appSecret` from
//! `wxrt.config.json`, wxrt's own file in the project folder:
//!
//! ```json
//! {"appSecret": "0123456789abcdef0123456789abcdef", "unionid": true}
//! ```
//!
//! Keep that file out of version control; wxrt never serves it nor puts it in the
//! bundle. Without a secret the app is registered with a random one nobody knows, so
//! the page's `wx.login` works and the exchange answers 40125, and stderr says once at
//! startup: `wxrt: no app secret for <appid>: jscode2session will answer 40125 until you
//! pass --app-secret or set appSecret in wxrt.config.json`. A `wxrt.config.json` that is
//! not JSON, or whose `appSecret` is not a non-empty string or `unionid` not a boolean,
//! is reported on stderr naming the file; the server starts without registering the
//! app, so the exchange answers 40013 until the file is fixed.
//!
//! **`wxrt wechat-server`** runs the same routes alone, for a backend tested without a
//! browser:
//!
//! ```text
//! $ wxrt wechat-server --port 0 --app wx0123456789abcdef:s3cret:unionid
//! wxrt wechat-server at http://127.0.0.1:40124/
//! wxrt wechat-server app wx0123456789abcdef (unionid)
//! $ curl -s -X POST localhost:40124/__wxrt/wechat/login -d '{"appid":"wx0123456789abcdef","user":"alice"}'
//! {"code":"Xq3…","generation":1}
//! $ curl -s 'localhost:40124/sns/jscode2session?appid=wx0123456789abcdef&secret=s3cret&js_code=Xq3…&grant_type=authorization_code'
//! {"openid":"o…","session_key":"…","unionid":"u…"}
//! ```
//!
//! `--app APPID:SECRET[:unionid]` may be repeated, and `--config FILE` adds the apps of
//! `{"apps": [{"appid": "…", "secret": "…", "unionid": true}]}`. No app, a repeated
//! appid or an unusable file exits with code 2 before listening. Like `serve`, it
//! binds to `127.0.0.1` unless `--host` says otherwise and stops on Ctrl-C or SIGTERM.
//!
//! # Automation
//!
//! `wxrt auto <project>` serves WeChat DevTools' automation protocol for tests written
//! with the `miniprogram-automator` npm package: the project runs in headless Chromium
//! and the first line on stdout is `wxrt auto: ws://127.0.0.1:<port>`, the `wsEndpoint`
//! for `automator.connect`. DevTools' own command line is accepted too, so
//! `automator.launch({ cliPath })` can start wxrt. See [`automator`].

pub mod args;
#[cfg(unix)]
pub mod automator;
pub mod background_fetch;
pub mod bundle;
mod compile_cache;
pub mod compiled;
pub mod compiler_plugins;
mod content_type;
pub mod error;
mod json_file;
mod json_http;
mod launch;
pub mod live_reload;
mod npm;
pub mod pack_ignore;
pub mod problems;
pub mod project;
mod project_routes;
pub mod proxy;
mod reach;
mod router;
pub mod runtime_files;
pub mod serve;
pub mod socket_relay;
pub mod wechat;

pub use args::{AutoArgs, BackgroundFetchArgs, Cli, Command, ServeArgs, WeChatServerArgs};
pub use error::CliError;
pub use router::{router, router_with, router_with_stand_in, Services};

/// Runs one parsed command line to completion.
///
/// For `serve` and `wechat-server` this returns once Ctrl-C or SIGTERM has stopped
/// the server; for `auto` once [`automator::run`] ends.
///
/// # Errors
///
/// Returns a [`CliError`] whose [`exit_code`](CliError::exit_code) the binary exits with.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve(args) => serve::serve(&args).await,
        Command::WeChatServer(args) => wechat::server::run(&args).await,
        #[cfg(unix)]
        Command::Auto(args) => automator::run(&args).await,
        // The DevTools pipe to Chromium is set up with Unix file descriptors.
        #[cfg(not(unix))]
        Command::Auto(_) => Err(CliError::Io {
            context: "wxrt auto",
            source: std::io::Error::from(std::io::ErrorKind::Unsupported),
        }),
    }
}
