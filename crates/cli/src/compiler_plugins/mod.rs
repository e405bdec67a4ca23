//! DevTools' compiler plugins (`"setting": {"useCompilerPlugins": ["sass", "typescript"]}`
//! in `project.config.json`): source files in another language become, in the bundle, the
//! WXSS or JavaScript file beside them, which the app then reads as if it had been
//! written. As in DevTools, a file written beside wins over the one a plugin would make.

mod sass;
mod typescript;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::problems::Problem;

/// The extensions some plugin reads: a change to such a file may change the bundle.
pub const EXTENSIONS: [&str; 3] = ["scss", "sass", "ts"];

/// What `setting.useCompilerPlugins` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompilerPlugins {
    /// `sass`: `.scss` and `.sass` to WXSS.
    pub sass: bool,
    /// `typescript`: `.ts` to JavaScript.
    pub typescript: bool,
    /// The plugins named that wxrt does not run (`less`), as named.
    pub unsupported: Vec<String>,
}

impl CompilerPlugins {
    /// Reads `setting.useCompilerPlugins`: a list of plugin names (`false`, or nothing,
    /// for none).
    #[must_use]
    pub fn from_config(config: &serde_json::Map<String, serde_json::Value>) -> Self {
        let names = config
            .get("setting")
            .and_then(|setting| setting.get("useCompilerPlugins"))
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(serde_json::Value::as_str);
        let mut plugins = Self::default();
        for name in names {
            match name {
                "sass" => plugins.sass = true,
                "typescript" => plugins.typescript = true,
                _ if !plugins.unsupported.iter().any(|known| known == name) => {
                    plugins.unsupported.push(name.to_owned());
                }
                _ => {}
            }
        }
        plugins
    }

    /// Whether the file named `name` is one an enabled plugin compiles.
    #[must_use]
    pub fn compiles(&self, name: &str) -> bool {
        (self.sass && sass::is_source(name)) || (self.typescript && typescript::is_source(name))
    }

    /// Compiles `sources` (bundle key, file on disk: what [`CompilerPlugins::compiles`]
    /// took) into `files`, beside each. Returns what did not compile (with a warning for
    /// each plugin named that wxrt does not run), and each file made → its source.
    pub fn compile(
        &self,
        code_root: &Path,
        sources: &[(String, PathBuf)],
        files: &mut BTreeMap<String, String>,
    ) -> (Vec<Problem>, BTreeMap<String, String>) {
        let mut problems = Vec::new();
        let mut written_as = BTreeMap::new();
        for (key, path) in sources {
            let style = sass::is_source(key);
            let Some(made) = beside(key, if style { "wxss" } else { "js" }) else {
                continue;
            };
            if files.contains_key(&made) {
                continue;
            }
            let outcome = if style {
                sass::compile(code_root, key, path)
            } else {
                typescript::compile(key, path)
            };
            match outcome {
                Ok(text) => {
                    files.insert(made.clone(), text);
                    written_as.insert(made, key.clone());
                }
                Err(found) => problems.extend(found),
            }
        }
        problems.extend(self.unsupported.iter().map(|name| {
            let what = if name == "less" {
                ": .less files are not compiled"
            } else {
                ""
            };
            Problem::warning(
                crate::project::CONFIG_FILE,
                &format!("useCompilerPlugins: wxrt does not run the \"{name}\" plugin{what}"),
            )
        }));
        (problems, written_as)
    }
}

/// What a plugin makes of one file: its text, or what is wrong with it.
type Outcome = Result<String, Vec<Problem>>;

/// Files kept at most before a [`Kept`] starts over.
const MAX_KEPT: usize = 10_000;

/// Each source file's outcome between builds, with what it was made from (`S`), so a
/// live reload compiles only what changed. Shared by the process and keyed by the file
/// on disk: projects served side by side never see each other's output.
struct Kept<S>(Mutex<Option<HashMap<PathBuf, (S, Outcome)>>>);

impl<S> Kept<S> {
    const fn new() -> Self {
        Self(Mutex::new(None))
    }

    /// The kept outcome of `path` while `still(made from)` holds, else `make()`'s, kept.
    fn outcome(
        &self,
        path: &Path,
        still: impl Fn(&S) -> bool,
        make: impl FnOnce() -> (S, Outcome),
    ) -> Outcome {
        let mut guard = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let kept = guard.get_or_insert_with(HashMap::new);
        if let Some((from, outcome)) = kept.get(path) {
            if still(from) {
                return outcome.clone();
            }
        }
        if kept.len() >= MAX_KEPT {
            kept.clear();
        }
        let (from, outcome) = make();
        kept.insert(path.to_path_buf(), (from, outcome.clone()));
        outcome
    }
}

/// `key` with its extension replaced by `extension`, when it has one.
fn beside(key: &str, extension: &str) -> Option<String> {
    let (stem, _) = key.rsplit_once('.')?;
    Some(format!("{stem}.{extension}"))
}
