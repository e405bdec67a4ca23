//! DevTools' compiler plugins (`"setting": {"useCompilerPlugins": ["sass", "typescript"]}`
//! in `project.config.json`): source files in another language become, in the bundle, the
//! WXSS or JavaScript file beside them, which the app then reads as if it had been
//! written. As in DevTools, a file written beside wins over the one a plugin would make.

mod sass;
mod typescript;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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

    /// Whether any plugin is on.
    #[must_use]
    pub fn any(&self) -> bool {
        self.sass || self.typescript
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
        let (styles, scripts): (Vec<_>, Vec<_>) = sources
            .iter()
            .cloned()
            .partition(|(key, _)| sass::is_source(key));
        // What each source would make, where nothing was written: what a plugin made
        // once it is there.
        let unwritten: Vec<(String, String)> = sources
            .iter()
            .filter_map(|(key, _)| {
                let made = beside(key, if sass::is_source(key) { "wxss" } else { "js" })?;
                (!files.contains_key(&made)).then(|| (made, key.clone()))
            })
            .collect();
        let mut problems = sass::compile(code_root, &styles, files);
        problems.extend(typescript::compile(&scripts, files));
        let written_as = unwritten
            .into_iter()
            .filter(|(made, _)| files.contains_key(made))
            .collect();
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

/// `key` with its extension replaced by `extension`, when it has one.
fn beside(key: &str, extension: &str) -> Option<String> {
    let (stem, _) = key.rsplit_once('.')?;
    Some(format!("{stem}.{extension}"))
}
