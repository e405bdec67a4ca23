//! What the tests of the built binary share: the binary, a server process that is killed
//! if a test fails first, and a clean stop.

use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// The `wxrt` binary Cargo built for these tests.
pub const WXRT: &str = env!("CARGO_BIN_EXE_wxrt");

/// Kills the server if a test fails before stopping it.
pub struct Server(pub Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The child's exit status, or `None` if it is still running after `limit`.
pub fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if let Some(status) = child.try_wait().expect("poll child") {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

/// Stops the server with SIGTERM and checks it exits cleanly.
#[cfg(unix)]
pub fn stop(child: &mut Child) {
    let sent = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = wait_with_timeout(child, Duration::from_secs(10)).expect("wxrt stops on SIGTERM");
    assert!(status.success(), "wxrt exited with {status}");
}

/// Stops the server.
#[cfg(not(unix))]
pub fn stop(child: &mut Child) {
    child.kill().expect("kill wxrt");
}
