//! Finding and starting the system's headless Chromium, driven over
//! `--remote-debugging-pipe`.
//!
//! The pipe rather than a debugging port: Chromium reads commands from its fd 3 and
//! writes to its fd 4, so when wxrt dies in any way (even SIGKILL) Chromium reads EOF
//! and exits, and no browser is ever left behind. Nothing else on the machine can
//! reach the browser either.

use std::ffi::OsString;
use std::os::fd::{AsRawFd as _, OwnedFd};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use tokio::net::unix::pipe;
use tokio::process::{Child, Command};

use super::cdp::Cdp;

/// The environment variable naming the Chromium to use when `--chromium` is not given.
pub const ENV_VAR: &str = "WXRT_CHROMIUM";

/// The names looked up on `PATH`, in order.
pub const NAMES: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// How long Chromium may take to close by itself before it is killed.
const CLOSE_GRACE: Duration = Duration::from_secs(5);

/// Why Chromium could not be started.
#[derive(Debug, thiserror::Error)]
pub enum ChromiumError {
    /// No `--chromium`, no `$WXRT_CHROMIUM`, and none of [`NAMES`] on `PATH`.
    #[error(
        "no Chromium found: tried {} on PATH; install Chromium, pass --chromium PATH or set {ENV_VAR}",
        NAMES.join(", ")
    )]
    NotFound,
    /// The executable could not be run.
    #[error("cannot start Chromium {}: {source}", path.display())]
    Spawn {
        /// What was run.
        path: PathBuf,
        /// What the operating system reported.
        source: std::io::Error,
    },
    /// The profile folder or the pipes could not be made.
    #[error("cannot prepare Chromium: {0}")]
    Prepare(#[source] std::io::Error),
}

/// Which Chromium to run: `explicit` (`--chromium`), else `$WXRT_CHROMIUM`, else the
/// first of [`NAMES`] found on `PATH`.
///
/// # Errors
///
/// [`ChromiumError::NotFound`] when none is given and none is on `PATH`.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, ChromiumError> {
    if let Some(path) = explicit {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os(ENV_VAR).filter(|value| !value.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    NAMES
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| is_executable(candidate))
        .ok_or(ChromiumError::NotFound)
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .is_ok_and(|meta| meta.is_file() && meta.permissions().mode() & 0o111 != 0)
}

/// A running headless Chromium, its DevTools connection and its profile folder.
pub struct Chromium {
    child: Child,
    /// The DevTools Protocol client over the pipe.
    pub cdp: Cdp,
    // Dropped (removed) after the child has exited, by `close`.
    profile: tempfile::TempDir,
}

impl Chromium {
    /// Starts `path` headless with a fresh profile and the DevTools pipe.
    ///
    /// # Errors
    ///
    /// [`ChromiumError::Prepare`] when the profile folder or the pipes cannot be made,
    /// [`ChromiumError::Spawn`] when the executable cannot be run.
    pub fn launch(path: &Path) -> Result<Self, ChromiumError> {
        // Each process has its own, so several `wxrt auto` never share a profile.
        let profile = tempfile::Builder::new()
            .prefix("wxrt-chromium-")
            .tempdir()
            .map_err(ChromiumError::Prepare)?;
        // Both pipes are close-on-exec on our side: only the two ends dup'ed onto 3 and
        // 4 reach Chromium, and no other child inherits them.
        let (to_browser, browser_reads) = pipe::pipe().map_err(ChromiumError::Prepare)?;
        let (browser_writes, from_browser) = pipe::pipe().map_err(ChromiumError::Prepare)?;
        let browser_reads = browser_reads
            .into_blocking_fd()
            .map_err(ChromiumError::Prepare)?;
        let browser_writes = browser_writes
            .into_blocking_fd()
            .map_err(ChromiumError::Prepare)?;

        let mut user_data_dir = OsString::from("--user-data-dir=");
        user_data_dir.push(profile.path());
        let mut command = Command::new(path);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,960",
                // A phone's scrollbars overlay the page and take no width; Playwright,
                // which drives the other tests, passes both.
                "--hide-scrollbars",
                "--mute-audio",
            ])
            .arg(user_data_dir)
            .args(["--remote-debugging-pipe", "about:blank"])
            .stdin(Stdio::null())
            // Chromium's own log lines are noise to someone running tests.
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        give_pipe_fds(&mut command, &browser_reads, &browser_writes);
        let child = command.spawn().map_err(|source| ChromiumError::Spawn {
            path: path.to_path_buf(),
            source,
        })?;
        // Our copies of Chromium's ends must go, or we would never see its EOF.
        drop((browser_reads, browser_writes));
        Ok(Self {
            child,
            cdp: Cdp::start(to_browser, from_browser),
            profile,
        })
    }

    /// Resolves when the browser process has exited (crashed or killed).
    pub async fn exited(&mut self) {
        let _ = self.child.wait().await;
    }

    /// Closes the browser (`Browser.close`, then a kill after a few seconds) and
    /// removes its profile folder.
    pub async fn close(mut self) {
        let closing = self.cdp.call("Browser.close", serde_json::json!({}), None);
        let _ = tokio::time::timeout(CLOSE_GRACE, closing).await;
        if tokio::time::timeout(CLOSE_GRACE, self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.kill().await;
        }
        if let Err(err) = self.profile.close() {
            eprintln!("wxrt: cannot remove Chromium's profile folder: {err}");
        }
    }
}

/// Makes `reads` Chromium's fd 3 and `writes` its fd 4 in the child.
#[allow(unsafe_code)]
fn give_pipe_fds(command: &mut Command, reads: &OwnedFd, writes: &OwnedFd) {
    let (reads, writes) = (reads.as_raw_fd(), writes.as_raw_fd());
    // SAFETY: between fork and exec only async-signal-safe calls are allowed; fcntl
    // and dup2 are, and nothing here allocates. Both fds stay open in the parent until
    // after `spawn` returns. Each end is first copied to a fresh fd at 5 or above,
    // because an end may already be fd 3 or 4: dup2 onto itself would keep its
    // close-on-exec flag, and the first dup2 could overwrite the other end.
    unsafe {
        command.pre_exec(move || {
            let high_reads = libc::fcntl(reads, libc::F_DUPFD, 5);
            let high_writes = libc::fcntl(writes, libc::F_DUPFD, 5);
            if high_reads < 0
                || high_writes < 0
                || libc::dup2(high_reads, 3) < 0
                || libc::dup2(high_writes, 4) < 0
            {
                return Err(std::io::Error::last_os_error());
            }
            libc::close(high_reads);
            libc::close(high_writes);
            Ok(())
        });
    }
}
