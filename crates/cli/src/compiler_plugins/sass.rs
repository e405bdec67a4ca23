//! The `sass` plugin: each `.scss` or `.sass` file of the code root becomes the `.wxss`
//! file beside it, which the pages, components and `@import`s then read as if it had
//! been written. As in DevTools, a `.wxss` written beside it wins, and a partial
//! (`_name.scss`) is only ever imported.

use std::cell::RefCell;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;
use std::time::SystemTime;

use grass::{ErrorKind, NullLogger, Options, OutputStyle};
use regex::Regex;

use super::{Kept, Outcome};
use crate::problems::Problem;

/// The extensions the plugin compiles.
const EXTENSIONS: [&str; 2] = ["scss", "sass"];

/// Whether `name` is a file the plugin compiles on its own (not a partial).
pub(super) fn is_source(name: &str) -> bool {
    !name.starts_with('_')
        && Path::new(name)
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// The project as Sass reads it. A path from the root (`@import "/styles/base"`) is the
/// code root's, as WXSS has it. An `@import` of a `.wxss` file is left to WXSS, as
/// DevTools leaves it: written as `url()`, which Sass passes through untouched, and
/// which WXSS reads like a string. Everything Sass asked is noted, so that a later build
/// can tell whether the answer would be the same ([`Seen`]).
#[derive(Debug)]
struct ProjectFs<'a> {
    code_root: &'a Path,
    seen: RefCell<Vec<Seen>>,
}

/// One question Sass asked of the disk while compiling a file, with the answer.
#[derive(Debug, Clone, PartialEq)]
enum Seen {
    IsDir(PathBuf, bool),
    IsFile(PathBuf, bool),
    /// A file read: its length and modification time then.
    Read(PathBuf, Option<(u64, SystemTime)>),
}

impl Seen {
    fn still_true(&self) -> bool {
        match self {
            Seen::IsDir(path, answer) => path.is_dir() == *answer,
            Seen::IsFile(path, answer) => path.is_file() == *answer,
            Seen::Read(path, stamp) => stamp_of(path) == *stamp,
        }
    }
}

fn stamp_of(path: &Path) -> Option<(u64, SystemTime)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// Each file's output, kept with what Sass saw making it, for as long as all of that
/// still holds: a change to the file or to anything it imports compiles it again.
static KEPT: Kept<Vec<Seen>> = Kept::new();

/// `@import "a.wxss"` (either quote), up to its closing quote.
static WXSS_IMPORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"@import\s+(?:"([^"\n]*\.wxss)"|'([^'\n]*\.wxss)')"#).expect("a valid pattern")
});

impl ProjectFs<'_> {
    fn real(&self, path: &Path) -> PathBuf {
        if path.starts_with(self.code_root) || !path.has_root() {
            return path.to_path_buf();
        }
        let from_root: PathBuf = path.components().skip(1).collect();
        self.code_root.join(from_root)
    }
}

impl grass::Fs for ProjectFs<'_> {
    fn is_dir(&self, path: &Path) -> bool {
        let real = self.real(path);
        let answer = real.is_dir();
        self.seen.borrow_mut().push(Seen::IsDir(real, answer));
        answer
    }

    fn is_file(&self, path: &Path) -> bool {
        let real = self.real(path);
        let answer = real.is_file();
        self.seen.borrow_mut().push(Seen::IsFile(real, answer));
        answer
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        let real = self.real(path);
        // Stamped before reading: a write in between shows as a change next time.
        self.seen
            .borrow_mut()
            .push(Seen::Read(real.clone(), stamp_of(&real)));
        let bytes = std::fs::read(real)?;
        Ok(match String::from_utf8(bytes) {
            Ok(text) => WXSS_IMPORT
                .replace_all(&text, |found: &regex::Captures<'_>| {
                    let file = found
                        .get(1)
                        .or_else(|| found.get(2))
                        .map_or("", |m| m.as_str());
                    format!("@import url(\"{file}\")")
                })
                .into_owned()
                .into_bytes(),
            // Sass reports it, naming the file.
            Err(error) => error.into_bytes(),
        })
    }
}

/// The WXSS of the file `key` (on disk at `path`). Imports resolve from the importing
/// file, then from `code_root`. What does not compile is a problem of the file Sass
/// names, at its line.
pub(super) fn compile(code_root: &Path, key: &str, path: &Path) -> Outcome {
    KEPT.outcome(
        path,
        |seen| seen.iter().all(Seen::still_true),
        || {
            let fs = ProjectFs {
                code_root,
                seen: RefCell::new(Vec::new()),
            };
            let options = Options::default()
                .fs(&fs)
                .style(OutputStyle::Expanded)
                .load_path(code_root)
                // `@charset` or a byte order mark would be the first thing of a WXSS file.
                .allows_charset(false)
                .unicode_error_messages(false)
                .logger(&NullLogger);
            let outcome = grass::from_path(path, &options)
                .map_err(|error| vec![problem(code_root, key, *error)]);
            (fs.seen.take(), outcome)
        },
    )
}

fn problem(code_root: &Path, key: &str, error: grass::Error) -> Problem {
    match error.kind() {
        ErrorKind::ParseError { message, loc, .. } => {
            // Sass names an imported file by the path it joined (`pages/a/../../x.scss`).
            let mut name = PathBuf::new();
            for component in Path::new(loc.file.name()).components() {
                match component {
                    Component::ParentDir => {
                        name.pop();
                    }
                    other => name.push(other),
                }
            }
            let file = name.strip_prefix(code_root).map_or_else(
                |_| name.display().to_string(),
                |relative| relative.to_string_lossy().replace('\\', "/"),
            );
            Problem::from_compile_error(
                key,
                &format!(
                    "{file}:{}:{}: {message}",
                    loc.begin.line + 1,
                    loc.begin.column + 1
                ),
            )
        }
        ErrorKind::IoError(error) => {
            Problem::from_compile_error(key, &format!("{key}: cannot read: {error}"))
        }
        ErrorKind::FromUtf8Error(_) => {
            Problem::from_compile_error(key, &format!("{key}: not UTF-8 text"))
        }
        _ => Problem::from_compile_error(key, &format!("{key}: does not compile")),
    }
}
