//! Mini-program projects: telling one from an ordinary folder, reading its
//! `project.config.json`, and finding the folder that holds its code.

use std::io;
use std::path::{Component, Path, PathBuf};

use serde_json::{Map, Value};

use crate::compiler_plugins::CompilerPlugins;
use crate::json_file::{self, JsonFileError};
use crate::pack_ignore::PackIgnore;
use wxrt_core::storage::Namespace;

/// The developer tool's project file: `appid`, `projectname`, `miniprogramRoot`.
pub const CONFIG_FILE: &str = "project.config.json";

/// The developer tool's per-machine settings, kept next to [`CONFIG_FILE`].
pub const PRIVATE_CONFIG_FILE: &str = "project.private.config.json";

/// The app's own configuration, in the code root.
pub const APP_JSON: &str = "app.json";

/// The appid WeChat gives projects that have none.
pub const TOURIST_APPID: &str = "touristappid";

/// Whether `dir` is a mini-program project: it has [`CONFIG_FILE`] or [`APP_JSON`].
#[must_use]
pub fn is_project(dir: &Path) -> bool {
    dir.join(CONFIG_FILE).is_file() || dir.join(APP_JSON).is_file()
}

/// A project as its `project.config.json` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project folder, absolute and free of symbolic links.
    pub dir: PathBuf,
    /// The folder holding `app.json` and the pages: `dir` joined with
    /// `miniprogramRoot` when that is set, else `dir`. Absolute, inside `dir`.
    pub code_root: PathBuf,
    /// `appid` from the config, else [`TOURIST_APPID`].
    pub appid: String,
    /// `projectname` from the config, when it is a string.
    pub project_name: Option<String>,
    /// `version` from the config, when it is a non-empty string: the update check
    /// compares it; without it the page hashes the files instead.
    pub version: Option<String>,
    /// `packOptions.ignore`: files DevTools leaves out of the package.
    pub ignore: PackIgnore,
    /// Why the config's `appid` could not be used, when it could not (a placeholder such
    /// as `"your appid"`): the project then runs as [`TOURIST_APPID`].
    pub appid_problem: Option<String>,
    /// `setting.useCompilerPlugins`.
    pub compiler_plugins: CompilerPlugins,
}

/// Why a project's `project.config.json` cannot be used. Each message starts
/// with the file's name, as the page and the terminal show it.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The project folder itself could not be resolved.
    #[error("{}: cannot open the project folder: {source}", dir.display())]
    DirUnreadable {
        /// The folder as given.
        dir: PathBuf,
        /// What the file system reported.
        source: io::Error,
    },

    /// `project.config.json` exists but could not be read.
    #[error("project.config.json: cannot read: {0}")]
    Unreadable(#[source] io::Error),

    /// `project.config.json` is not UTF-8.
    #[error("project.config.json: not UTF-8 text")]
    NotUtf8,

    /// `project.config.json` is not JSON.
    #[error("project.config.json: bad JSON at line {line}, column {column}: {message}")]
    BadJson {
        /// 1-based line of the problem.
        line: usize,
        /// Column of the problem, as serde_json counts it.
        column: usize,
        /// serde_json's description, without its own position suffix.
        message: String,
    },

    /// `project.config.json` is JSON but not an object.
    #[error("project.config.json: should be an Object")]
    NotAnObject,

    /// `miniprogramRoot` is set to something other than a string.
    #[error("project.config.json: miniprogramRoot should be a String")]
    RootNotAString,

    /// `miniprogramRoot` names nothing, or a file.
    #[error("project.config.json: miniprogramRoot {root:?} is not a folder")]
    RootNotAFolder {
        /// The value as written.
        root: String,
    },

    /// `miniprogramRoot` leads out of the project folder (`..`, an absolute path,
    /// or a symbolic link).
    #[error("project.config.json: miniprogramRoot {root:?} is outside the project folder")]
    RootOutside {
        /// The value as written.
        root: String,
    },

    /// A `packOptions.ignore` rule that cannot be used.
    #[error("project.config.json: {0}")]
    PackIgnore(String),
}

impl Project {
    /// Reads the project in `dir`. A project without `project.config.json` is
    /// a tourist project whose code root is `dir`.
    ///
    /// Nothing here looks at `app.json`: the page validates it and shows its errors.
    ///
    /// # Errors
    ///
    /// A [`ProjectError`] when `project.config.json` is unreadable, not a JSON
    /// object, or names a `miniprogramRoot` that is not a folder inside `dir`.
    pub fn load(dir: &Path) -> Result<Self, ProjectError> {
        let dir = std::fs::canonicalize(dir).map_err(|source| ProjectError::DirUnreadable {
            dir: dir.to_path_buf(),
            source,
        })?;
        let config = match std::fs::read(dir.join(CONFIG_FILE)) {
            Ok(bytes) => parse_config(&bytes)?,
            Err(err) if err.kind() == io::ErrorKind::NotFound => Map::new(),
            Err(err) => return Err(ProjectError::Unreadable(err)),
        };
        let code_root = match config.get("miniprogramRoot") {
            None | Some(Value::Null) => dir.clone(),
            Some(Value::String(root)) => code_root(&dir, root)?,
            Some(_) => return Err(ProjectError::RootNotAString),
        };
        let (appid, appid_problem) = match config.get("appid") {
            // An empty appid is what the tool writes for "no appid".
            Some(Value::String(appid)) if !appid.is_empty() => {
                // An appid the runtime cannot name storage by (a template's placeholder,
                // `"your appid"`): run as the tourist, as DevTools' test account would.
                match Namespace::new(appid, TOURIST_APPID) {
                    Ok(_) => (appid.clone(), None),
                    Err(error) => (
                        TOURIST_APPID.to_owned(),
                        Some(format!("{error}: the project runs as {TOURIST_APPID}")),
                    ),
                }
            }
            _ => (TOURIST_APPID.to_owned(), None),
        };
        let project_name = config
            .get("projectname")
            .and_then(Value::as_str)
            .map(str::to_owned);
        let version = config
            .get("version")
            .and_then(Value::as_str)
            .filter(|version| !version.is_empty())
            .map(str::to_owned);
        let ignore = PackIgnore::from_config(&config).map_err(ProjectError::PackIgnore)?;
        Ok(Self {
            dir,
            code_root,
            appid,
            project_name,
            version,
            ignore,
            appid_problem,
            compiler_plugins: CompilerPlugins::from_config(&config),
        })
    }
}

fn parse_config(bytes: &[u8]) -> Result<Map<String, Value>, ProjectError> {
    json_file::parse_object(bytes).map_err(|error| match error {
        JsonFileError::NotUtf8 => ProjectError::NotUtf8,
        JsonFileError::BadJson {
            line,
            column,
            message,
        } => ProjectError::BadJson {
            line,
            column,
            message,
        },
        JsonFileError::NotAnObject => ProjectError::NotAnObject,
    })
}

/// Resolves `miniprogramRoot` against the (canonical) project folder.
fn code_root(dir: &Path, root: &str) -> Result<PathBuf, ProjectError> {
    let outside = || ProjectError::RootOutside {
        root: root.to_owned(),
    };
    // Checked by name first, so `../elsewhere` is reported as escaping even
    // when it exists, and without touching anything outside the project.
    let mut depth = 0usize;
    for component in Path::new(root).components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir => depth = depth.checked_sub(1).ok_or_else(outside)?,
            Component::RootDir | Component::Prefix(_) => return Err(outside()),
        }
    }
    let resolved = std::fs::canonicalize(dir.join(root))
        .ok()
        .filter(|path| path.is_dir())
        .ok_or_else(|| ProjectError::RootNotAFolder {
            root: root.to_owned(),
        })?;
    // A symbolic link inside the project may still point elsewhere.
    if resolved.starts_with(dir) {
        Ok(resolved)
    } else {
        Err(outside())
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_config, ProjectError};

    #[test]
    fn bad_json_reports_position_once() {
        let err = parse_config(b"{\n  \"appid\": \"wx1\",\n    x\n}").expect_err("bad JSON");
        let message = err.to_string();
        assert!(
            message.starts_with("project.config.json: bad JSON at line 3, column 5: "),
            "{message}"
        );
        assert!(!message.contains(" at line 3 column 5"), "{message}");
    }

    #[test]
    fn a_byte_order_mark_is_tolerated() {
        let map = parse_config("\u{feff}{\"appid\": \"wx1\"}".as_bytes()).expect("parses");
        assert_eq!(map["appid"], "wx1");
    }

    #[test]
    fn only_objects_are_configs() {
        assert!(matches!(
            parse_config(b"[]"),
            Err(ProjectError::NotAnObject)
        ));
        assert!(matches!(parse_config(b"\xff"), Err(ProjectError::NotUtf8)));
    }
}
