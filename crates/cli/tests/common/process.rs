//! What the tests of the built binary share: the binary, a server process that is killed
//! if a test fails first, and a clean stop.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
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

/// The port `wxrt serve`'s first stdout line (`line`, with its newline) announces for
/// serving `dir`.
pub fn announced_port(line: &str, dir: &Path) -> u16 {
    let absolute = std::fs::canonicalize(dir).expect("canonical dir");
    let prefix = format!("wxrt serving {} at http://127.0.0.1:", absolute.display());
    line.strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("/\n"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| panic!("unexpected announcement: {line:?}"))
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

/// One HTTP/1.1 request over a fresh connection (closed after it): `headers` are extra
/// header lines, each ending in `\r\n`. Returns the whole raw response.
pub fn http_request(port: u16, method: &str, path: &str, headers: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to wxrt");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("set timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n{headers}\r\n{body}"
    )
    .expect("send request");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    response
}
