//! Errors of the `wxrt` command line, and the exit code each one maps to.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use wxrt_core::login::LoginError;

use crate::background_fetch::SetupError;
use crate::wechat::ServerConfigError;

/// Why a `wxrt` command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The folder given to `wxrt serve` does not exist.
    #[error("cannot serve {}: no such directory", path.display())]
    DirNotFound {
        /// The path as given on the command line.
        path: PathBuf,
    },

    /// The path given to `wxrt serve` exists but is not a folder.
    #[error("cannot serve {}: not a directory", path.display())]
    NotADirectory {
        /// The path as given on the command line.
        path: PathBuf,
    },

    /// The folder given to `wxrt serve` could not be resolved (permissions, a broken link).
    #[error("cannot serve {}: {source}", path.display())]
    DirUnreadable {
        /// The path as given on the command line.
        path: PathBuf,
        /// What the file system reported.
        source: io::Error,
    },

    /// The listening socket could not be opened (port in use, address not local).
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system reported.
        source: io::Error,
    },

    /// `wxrt wechat-server` was given no app.
    #[error("wechat-server needs at least one --app APPID:SECRET[:unionid] or a --config FILE with apps")]
    NoApps,

    /// `wxrt wechat-server --config` names an unusable file.
    #[error(transparent)]
    WeChatConfig(#[from] ServerConfigError),

    /// `wxrt wechat-server` was given the same appid twice.
    #[error("the appid {appid} is given more than once")]
    DuplicateApp {
        /// The repeated appid.
        appid: String,
    },

    /// The stand-in refused an app (a bad appid).
    #[error("cannot register the app: {source}")]
    InvalidApp {
        /// Core's reason.
        source: LoginError,
    },

    /// Background fetch cannot start: a bad `backgroundFetch` in `wxrt.config.json`,
    /// flags that leave a gap, a lowered grey ratio, or an unusable state file.
    #[error(transparent)]
    BackgroundFetch(#[from] SetupError),

    /// `wxrt auto` could not start (not a project, no Chromium), or stopped on a signal
    /// or because Chromium exited.
    #[cfg(unix)]
    #[error(transparent)]
    Auto(#[from] crate::automator::AutoError),

    /// Any other I/O failure while serving (writing to stdout, installing signal handlers,
    /// accepting connections).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: &'static str,
        /// What the operating system reported.
        source: io::Error,
    },
}

impl CliError {
    /// The process exit code for this error: 2 for a bad argument, 1 for anything else.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::DirNotFound { .. }
            | Self::NotADirectory { .. }
            | Self::DirUnreadable { .. }
            | Self::NoApps
            | Self::WeChatConfig(_)
            | Self::DuplicateApp { .. }
            | Self::InvalidApp { .. } => 2,
            Self::BackgroundFetch(err) => err.exit_code(),
            #[cfg(unix)]
            Self::Auto(err) => err.exit_code(),
            Self::Bind { .. } | Self::Io { .. } => 1,
        }
    }

    pub(crate) fn io(context: &'static str) -> impl FnOnce(io::Error) -> Self {
        move |source| Self::Io { context, source }
    }
}
