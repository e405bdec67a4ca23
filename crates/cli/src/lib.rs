//! The `wxrt` command line: a development server that previews a mini-program
//! folder in an ordinary browser, together with the runtime's own files.
//!
//! `wxrt serve <dir>` answers:
//!
//! - `/…` from `<dir>` (its `index.html` answers `/`);
//! - `/__wxrt/www/…` from the runtime's JS shim and preview page (`<runtime>/www/`);
//! - `/__wxrt/pkg/…` from the WebAssembly build (`<runtime>/pkg/`, written by
//!   `npm run build`). While that build is missing these requests answer 404 with a
//!   plain-text hint instead of an empty body.
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
//! ```

pub mod args;
mod content_type;
pub mod error;
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
