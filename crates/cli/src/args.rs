//! Command-line arguments of the `wxrt` binary.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Command line of the `wxrt` binary.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "wxrt",
    version,
    about = "Preview WeChat mini-programs in a browser"
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands of `wxrt`.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Preview a mini-program project (or serve any folder) in the browser.
    ///
    /// A folder holding project.config.json or app.json is a mini-program project:
    /// `/` answers the preview page from the runtime checkout (www/preview/index.html),
    /// `/__wxrt/project` the project's code as JSON (read again on every request, so
    /// edits show on reload), and other paths files from the code root
    /// (project.config.json's miniprogramRoot, else the folder itself).
    ///
    /// Any other folder is served as static files; its index.html answers `/`.
    ///
    /// Either way the runtime's files are under `/__wxrt/www/` and `/__wxrt/pkg/`.
    /// The first line printed is `wxrt serving <dir> at http://<host>:<port>/`; for a
    /// project a second says `wxrt project <appid> (code root <dir>)`.
    Serve(ServeArgs),
}

/// Arguments of `wxrt serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Mini-program project (has project.config.json or app.json) to preview, or
    /// any folder to serve as static files.
    pub dir: PathBuf,

    /// TCP port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 8080)]
    pub port: u16,

    /// Address to listen on. The default keeps the server private to this machine.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,

    /// Runtime checkout holding www/ and pkg/ [default: $WXRT_RUNTIME_DIR, else the
    /// source tree this binary was built from].
    #[arg(long, value_name = "DIR")]
    pub runtime_dir: Option<PathBuf>,
}
