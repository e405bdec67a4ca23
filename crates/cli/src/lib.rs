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
//! - `/__wxrt/project` with the project bundle, built on each request so edits show on
//!   reload (see [`bundle`]):
//!   `{"appid": "wx…", "projectName": "…" | null, "files": {"app.json": "…", "pages/index/index.js": "…"}}`.
//!   `files` holds every `.js`, `.json`, `.wxml`, `.wxss` and `.wxs` file under the code
//!   root, keyed by its `/`-separated path from there, skipping `node_modules`, names
//!   starting with `.`, and `project.config.json` / `project.private.config.json`.
//!   When the project cannot be read (a malformed `project.config.json`, a bad
//!   `miniprogramRoot`, a file that is not UTF-8 or too big) it answers 422 with
//!   `{"error": "<file>: <what is wrong>"}` and prints the same message to stderr. A
//!   missing or malformed `app.json` is not the server's concern: the page checks it;
//! - every other path with files from the code root, so `<image src="/images/a.png">`
//!   works.
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
//! ```
//!
//! The second line appears only in project mode, and not when `project.config.json`
//! is malformed: the server still starts, prints the error to stderr, and the page
//! shows it.

pub mod args;
pub mod bundle;
mod content_type;
pub mod error;
pub mod project;
mod project_routes;
mod router;
pub mod runtime_files;
pub mod serve;

pub use args::{Cli, Command, ServeArgs};
pub use error::CliError;
pub use router::router;

/// Runs one parsed command line to completion.
///
/// For `serve` this returns once Ctrl-C or SIGTERM has stopped the server.
///
/// # Errors
///
/// Returns a [`CliError`] whose [`exit_code`](CliError::exit_code) the binary exits with.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Serve(args) => serve::serve(&args).await,
    }
}
