//! The lines live reload prints: the developer watches the terminal as well as the page,
//! and tools read stdout through a pipe, so each line is flushed as it is written.

use std::io::{self, Write as _};
use std::path::Path;

use super::history::Notice;
use crate::problems::Problem;

/// `wxrt watching <code root> for changes`, on stdout.
pub(crate) fn watching(code_root: &Path) {
    stdout(&format!(
        "wxrt watching {} for changes",
        code_root.display()
    ));
}

/// One line per notice on stdout for a clean build,
/// `wxrt reload: pages/a/a.wxml, app.json (compiled in 12 ms)`, or [`problems`] on
/// stderr.
pub(crate) fn notice(notice: &Notice) {
    match notice {
        Notice::Reload(data) if data.changed.is_empty() => {
            stdout(&format!("wxrt reload (compiled in {} ms)", data.compile_ms))
        }
        Notice::Reload(data) => stdout(&format!(
            "wxrt reload: {} (compiled in {} ms)",
            data.changed.join(", "),
            data.compile_ms
        )),
        Notice::Problems(data) => problems(&data.problems),
    }
}

/// `wxrt compile error: <file>:<line>:<column>: <message>` for each problem, on stderr
/// (the position left out when unknown); `wxrt compile warning: …` for a warning.
pub(crate) fn problems(problems: &[Problem]) {
    let mut stderr = io::stderr().lock();
    for problem in problems {
        let kind = if problem.is_error() {
            "error"
        } else {
            "warning"
        };
        // Nowhere left to report a terminal that is gone.
        let _ = writeln!(stderr, "wxrt compile {kind}: {problem}");
    }
    let _ = stderr.flush();
}

fn stdout(line: &str) {
    let mut stdout = io::stdout().lock();
    // A closed stdout (the reading tool quit) must not stop the server.
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}
