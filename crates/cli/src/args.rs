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
    /// Serve a folder at `/`, with the runtime's files under `/__wxrt/`.
    Serve(ServeArgs),
}

/// Arguments of `wxrt serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Folder to serve at `/`; its index.html answers `/`.
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
