//! The project bundle: the code files of a mini-program, read into one JSON document
//! the preview page loads in a single request. Every file of the app's own code is in it;
//! of the npm packages in `miniprogram_npm`, only the files the app reaches (the `reach`
//! module).

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs::{self, File};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

use serde::Serialize;
use wxrt_core::background_fetch::DEFAULT_PERIODIC_INTERVAL_MS;
use wxrt_core::lifecycle::update::content_version;

use crate::compiled::{CompiledProject, ServedCompiled};
use crate::compiler_plugins::CompilerPlugins;
use crate::json_file;
use crate::pack_ignore::PackIgnore;
use crate::problems::{self, Problem};
use crate::project::{self, Project, ProjectError};
use crate::wechat::LOCAL_CONFIG_FILE;

/// Extensions of the files a mini-program's code is made of.
pub const EXTENSIONS: [&str; 5] = ["js", "json", "wxml", "wxss", "wxs"];

/// The largest single file a bundle takes (4 MiB).
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// The most bytes of files a bundle takes in total (32 MiB).
pub const MAX_TOTAL_BYTES: u64 = 32 << 20;

/// The most files a bundle takes.
pub const MAX_FILES: usize = 10_000;

/// The JSON answered at `/__wxrt/project`:
/// `{"appid": "…", "projectName": "…" | null, "version": "…" (project.config.json's, else a
/// hash of the files),
/// "backgroundFetch": {"prefetch": bool, "periodic": bool, "periodicIntervalMs": number},
/// "files": {"app.json": "…", …}, "compiled": {…}, "launch": {…} | null,
/// "problems": [{"file": "…", "line": 3 | null, "column": 7 | null, "message": "…", "severity": "warning" (warnings only)}],
/// "writtenAs": {"pages/a/a.js": "pages/a/a.ts", …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bundle {
    /// The project's appid, [`project::TOURIST_APPID`] when it has none.
    pub appid: String,
    /// `projectname` from `project.config.json`, when it is a string.
    #[serde(rename = "projectName")]
    pub project_name: Option<String>,
    /// `version` from `project.config.json` when it is a non-empty string, else core's
    /// hash of the files as written: the page gets too little of them to compute it (a
    /// style sheet's text is not sent, [`CompiledProject::served`]), and an edit to any
    /// file must still be a new version at the next cold start's update check.
    pub version: String,
    /// What background fetch the server is configured for. [`collect`] leaves it off;
    /// the server fills it in.
    #[serde(rename = "backgroundFetch")]
    pub background_fetch: BackgroundFetchSummary,
    /// Each code file's text, keyed by its `/`-separated path from the code root.
    pub files: BTreeMap<String, String>,
    /// The files compiled for the renderer ([`crate::compiled`]).
    pub compiled: CompiledProject,
    /// app.json checked, as the runtime launches from it ([`crate::launch`]); `None`
    /// when it has errors, which the page then finds and shows.
    pub launch: Option<serde_json::Value>,
    /// What is wrong with the code files ([`problems::of_files`]), sorted by file. The
    /// page lists them; the bundle is served all the same, so one broken page does not
    /// hide the others.
    pub problems: Vec<Problem>,
    /// A file a compiler plugin made → the file it was made from (`pages/a/a.js` →
    /// `pages/a/a.ts`): errors in it are reported at the file the developer wrote.
    #[serde(rename = "writtenAs")]
    pub written_as: BTreeMap<String, String>,
}

impl Bundle {
    /// The bundle's JSON as served, with `background_fetch` in place of its own summary
    /// and the files as the page needs them ([`CompiledProject::served`]): written from
    /// the bundle in place, as a served build is kept and may be large.
    ///
    /// # Errors
    ///
    /// What serde_json reports (nothing in a bundle fails to encode).
    pub fn to_json(&self, background_fetch: BackgroundFetchSummary) -> serde_json::Result<Vec<u8>> {
        // Destructured whole, so a member added to the bundle must be written here too.
        let Self {
            appid,
            project_name,
            version,
            background_fetch: _,
            files,
            compiled,
            launch,
            problems,
            written_as,
        } = self;
        let sent = compiled.served(files);
        serde_json::to_vec(&Served {
            appid,
            project_name: project_name.as_deref(),
            version,
            background_fetch,
            files: &sent.files,
            compiled: &sent.compiled,
            launch: launch.as_ref(),
            problems,
            written_as,
        })
    }
}

/// [`Bundle`]'s JSON, borrowed: the same members in the same order.
#[derive(Serialize)]
struct Served<'b> {
    appid: &'b str,
    #[serde(rename = "projectName")]
    project_name: Option<&'b str>,
    version: &'b str,
    #[serde(rename = "backgroundFetch")]
    background_fetch: BackgroundFetchSummary,
    files: &'b BTreeMap<&'b str, &'b str>,
    compiled: &'b ServedCompiled<'b>,
    launch: Option<&'b serde_json::Value>,
    problems: &'b [Problem],
    #[serde(rename = "writtenAs")]
    written_as: &'b BTreeMap<String, String>,
}

/// What the page needs to know of the server's background fetch configuration (the
/// URLs stay on the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BackgroundFetchSummary {
    /// Whether a prefetch URL is configured: page loads and cold starts prefetch.
    pub prefetch: bool,
    /// Whether a periodic URL is configured: the page asks for periodic updates.
    pub periodic: bool,
    /// The time between periodic updates, in ms.
    #[serde(rename = "periodicIntervalMs")]
    pub periodic_interval_ms: u64,
}

impl Default for BackgroundFetchSummary {
    fn default() -> Self {
        Self {
            prefetch: false,
            periodic: false,
            periodic_interval_ms: DEFAULT_PERIODIC_INTERVAL_MS,
        }
    }
}

/// Why a bundle cannot be built. Each message starts with the file it is about.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// `project.config.json` is unusable.
    #[error(transparent)]
    Project(#[from] ProjectError),

    /// A file or folder could not be read.
    #[error("{file}: cannot read: {source}")]
    Unreadable {
        /// Path from the code root.
        file: String,
        /// What the file system reported.
        source: io::Error,
    },

    /// A code file's name cannot be a JSON key.
    #[error("{file}: file name is not UTF-8")]
    NameNotUtf8 {
        /// Path from the code root, with unreadable bytes replaced.
        file: String,
    },

    /// A code file is not text.
    #[error("{file}: not UTF-8 text")]
    NotUtf8 {
        /// Path from the code root.
        file: String,
    },

    /// A code file exceeds [`MAX_FILE_BYTES`].
    #[error("{file}: {size} bytes, more than the 4 MiB a file may have")]
    FileTooBig {
        /// Path from the code root.
        file: String,
        /// Its size.
        size: u64,
    },

    /// Adding this file takes the bundle past [`MAX_TOTAL_BYTES`].
    #[error(
        "{file}: brings the code files to {total} bytes, more than the 32 MiB a project may have"
    )]
    TotalTooBig {
        /// Path from the code root of the file that went over.
        file: String,
        /// Bytes read so far, this file included.
        total: u64,
    },

    /// This file is one more than [`MAX_FILES`].
    #[error("{file}: one code file more than the 10000 a project may have")]
    TooManyFiles {
        /// Path from the code root of the first file over the limit.
        file: String,
    },
}

impl BundleError {
    /// The file the message starts with: a path from the code root, `project.config.json`,
    /// or the project folder when that cannot be opened.
    #[must_use]
    pub fn file(&self) -> String {
        match self {
            Self::Project(ProjectError::DirUnreadable { dir, .. }) => dir.display().to_string(),
            Self::Project(_) => project::CONFIG_FILE.to_owned(),
            Self::Unreadable { file, .. }
            | Self::NameNotUtf8 { file }
            | Self::NotUtf8 { file }
            | Self::FileTooBig { file, .. }
            | Self::TotalTooBig { file, .. }
            | Self::TooManyFiles { file } => file.clone(),
        }
    }
}

/// Reads the project in `dir` and every code file under its code root.
///
/// Files are those whose extension is in [`EXTENSIONS`], except the developer
/// tool's [`project::CONFIG_FILE`] and [`project::PRIVATE_CONFIG_FILE`] and wxrt's own
/// [`LOCAL_CONFIG_FILE`] (which holds the app secret) at the top of the code root.
/// Folders named `node_modules`, and files and folders whose name starts with `.`, are
/// skipped; the packages the project's package.json files depend on are added under
/// `miniprogram_npm` as DevTools' npm build would lay them out (the `npm` module). Files
/// inside `miniprogram_npm` that nothing of the app reaches are then left out, as
/// DevTools' "filter unused files" leaves them out (the `reach` module); the size limits
/// count every file read.
/// Symbolic links are followed only when they lead somewhere inside the project folder
/// (inside the package, for a package's files). A leading byte order mark is dropped from each file. What is wrong
/// with the files (compile errors, JSON that does not parse) goes in
/// [`Bundle::problems`], not in an error: the page shows every problem at once.
///
/// This reads the disk synchronously; call it from a blocking task.
///
/// # Errors
///
/// A [`BundleError`] for an unusable `project.config.json`, an unreadable or
/// non-UTF-8 file, or a project over the size limits.
pub fn collect(dir: &Path) -> Result<Bundle, BundleError> {
    let Project {
        dir,
        code_root,
        appid,
        project_name,
        version,
        ignore,
        appid_problem,
        compiler_plugins,
    } = Project::load(dir)?;
    let mut walk = Walk {
        boundary: dir.clone(),
        open_dirs: Vec::new(),
        files: BTreeMap::new(),
        total: 0,
        ignore,
        plugins: compiler_plugins,
        plugin_sources: Vec::new(),
    };
    walk.dir(&code_root, &PathBuf::new())?;
    let mut build_problems = crate::npm::build(&dir, &code_root, &mut walk)?;
    let (plugin_problems, written_as) =
        walk.plugins
            .compile(&code_root, &walk.plugin_sources, &mut walk.files);
    build_problems.extend(plugin_problems);
    let files = crate::reach::prune(walk.files);
    let compiled = crate::compiled::compile(&files);
    let version = version.unwrap_or_else(|| {
        content_version(
            files
                .iter()
                .map(|(path, text)| (path.as_str(), text.as_str())),
        )
    });
    // Checked once, for the problems panel and for what the page launches from.
    let app = crate::launch::checked_app(&files);
    let mut problems = problems::of_files(&files, &compiled, app.as_ref());
    problems.extend(build_problems);
    problems.extend(appid_problem.map(|message| Problem::warning(project::CONFIG_FILE, &message)));
    problems.sort();
    Ok(Bundle {
        launch: app.as_ref().map(crate::launch::launch_json),
        compiled,
        problems,
        appid,
        project_name,
        version,
        background_fetch: BackgroundFetchSummary::default(),
        written_as: written_as
            .into_iter()
            .filter(|(made, _)| files.contains_key(made))
            .collect(),
        files,
    })
}

/// A depth-first walk of the code root, in name order so the same project
/// always fails on the same file; npm packages ([`crate::npm`]) are added through it, so
/// the bundle's limits count them too.
pub(crate) struct Walk {
    /// Symbolic links are followed only to places inside this folder: the project
    /// folder, or the npm package being read.
    boundary: PathBuf,
    /// Canonical folders being walked, outermost first: a link back to one of
    /// them would never end.
    open_dirs: Vec<PathBuf>,
    pub(crate) files: BTreeMap<String, String>,
    total: u64,
    /// What `packOptions.ignore` leaves out.
    ignore: PackIgnore,
    /// The compiler plugins the project turns on.
    plugins: CompilerPlugins,
    /// The files they compile (bundle key, file on disk), which the plugin reads rather
    /// than the bundle.
    plugin_sources: Vec<(String, PathBuf)>,
}

impl Walk {
    /// Adds the folder `real` of the npm package in `package` to the bundle as
    /// `relative` (`miniprogram_npm/<name>`).
    pub(crate) fn package_dir(
        &mut self,
        real: &Path,
        package: &Path,
        relative: &Path,
    ) -> Result<(), BundleError> {
        let project = std::mem::replace(&mut self.boundary, package.to_path_buf());
        let walked = self.dir(real, relative);
        self.boundary = project;
        walked
    }

    /// Adds one file of the npm package in `package` to the bundle as `relative`.
    pub(crate) fn package_file(
        &mut self,
        real: &Path,
        package: &Path,
        relative: &Path,
    ) -> Result<(), BundleError> {
        let inside = fs::canonicalize(real)
            .ok()
            .filter(|target| target.starts_with(package));
        match inside {
            Some(target) => self.file(&target, relative),
            None => Ok(()),
        }
    }

    /// Adds a file made by wxrt (an npm package's entry) under the bundle's limits.
    pub(crate) fn insert(&mut self, key: String, text: String) -> Result<(), BundleError> {
        if self.files.len() >= MAX_FILES {
            return Err(BundleError::TooManyFiles { file: key });
        }
        self.total += text.len() as u64;
        if self.total > MAX_TOTAL_BYTES {
            return Err(BundleError::TotalTooBig {
                file: key,
                total: self.total,
            });
        }
        self.files.insert(key, text);
        Ok(())
    }

    /// Walks `real`, a canonical folder shown to the page as `relative`.
    fn dir(&mut self, real: &Path, relative: &Path) -> Result<(), BundleError> {
        let unreadable = |source| BundleError::Unreadable {
            file: format!("{}/", display(relative)),
            source,
        };
        let mut entries = fs::read_dir(real)
            .and_then(|entries| entries.collect::<io::Result<Vec<_>>>())
            .map_err(unreadable)?;
        entries.sort_by_key(fs::DirEntry::file_name);

        self.open_dirs.push(real.to_path_buf());
        for entry in entries {
            let name = entry.file_name();
            if name.as_encoded_bytes().starts_with(b".") {
                continue;
            }
            let entry_relative = relative.join(&name);
            let file_type = entry
                .file_type()
                .map_err(|source| BundleError::Unreadable {
                    file: display(&entry_relative),
                    source,
                })?;
            let (target, is_dir, is_file) = if file_type.is_symlink() {
                // A dangling link, or one leading out of the project, is not part of it.
                let inside = fs::canonicalize(entry.path())
                    .ok()
                    .filter(|target| target.starts_with(&self.boundary));
                let Some((target, metadata)) =
                    inside.and_then(|target| fs::metadata(&target).ok().map(|meta| (target, meta)))
                else {
                    continue;
                };
                (target, metadata.is_dir(), metadata.is_file())
            } else {
                (entry.path(), file_type.is_dir(), file_type.is_file())
            };

            // The path as the rules read it, only when there are rules (most projects have none).
            let shown = (!self.ignore.is_empty()).then(|| display(&entry_relative));
            let shown = shown.as_deref();
            if is_dir {
                if name != "node_modules"
                    && !self.open_dirs.contains(&target)
                    && !shown.is_some_and(|path| self.ignore.skips_folder(path))
                {
                    self.dir(&target, &entry_relative)?;
                }
            } else if is_file && !shown.is_some_and(|path| self.ignore.skips_file(path)) {
                if is_code(&name, relative.as_os_str().is_empty()) {
                    self.file(&target, &entry_relative)?;
                } else if name
                    .to_str()
                    .is_some_and(|name| self.plugins.compiles(name))
                {
                    if let Some(key) = key(&entry_relative) {
                        self.plugin_sources.push((key, target));
                    }
                }
            }
        }
        self.open_dirs.pop();
        Ok(())
    }

    /// Reads one code file into the bundle.
    fn file(&mut self, real: &Path, relative: &Path) -> Result<(), BundleError> {
        let key = key(relative).ok_or_else(|| BundleError::NameNotUtf8 {
            file: display(relative),
        })?;
        if self.files.len() >= MAX_FILES {
            return Err(BundleError::TooManyFiles { file: key });
        }
        let unreadable = |source| BundleError::Unreadable {
            file: key.clone(),
            source,
        };
        let size = fs::metadata(real).map_err(unreadable)?.len();
        if size > MAX_FILE_BYTES {
            return Err(BundleError::FileTooBig { file: key, size });
        }
        let mut bytes = Vec::new();
        // Bounded, in case the file grows between the size check and the read.
        File::open(real)
            .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(unreadable)?;
        let size = bytes.len() as u64;
        if size > MAX_FILE_BYTES {
            return Err(BundleError::FileTooBig { file: key, size });
        }
        self.total += size;
        if self.total > MAX_TOTAL_BYTES {
            return Err(BundleError::TotalTooBig {
                file: key,
                total: self.total,
            });
        }
        let Ok(mut text) = String::from_utf8(bytes) else {
            return Err(BundleError::NotUtf8 { file: key });
        };
        // Windows editors may start a file with a byte order mark; `JSON.parse` rejects it.
        if text.starts_with(json_file::BOM) {
            text.drain(..json_file::BOM.len_utf8());
        }
        self.files.insert(key, text);
        Ok(())
    }
}

/// Whether a file named `name` belongs in the bundle; `top` says it sits
/// directly in the code root, where the developer tool's files live.
fn is_code(name: &OsStr, top: bool) -> bool {
    if top
        && (name == OsStr::new(project::CONFIG_FILE)
            || name == OsStr::new(project::PRIVATE_CONFIG_FILE)
            // wxrt's own file holds the app secret, which the page must never see.
            || name == OsStr::new(LOCAL_CONFIG_FILE))
    {
        return false;
    }
    // Judged on the extension alone, so a code file with a non-UTF-8 name is
    // reported rather than silently left out.
    Path::new(name)
        .extension()
        .and_then(OsStr::to_str)
        .is_some_and(|ext| EXTENSIONS.contains(&ext))
}

/// The bundle key of a path from the code root: its names joined with `/`.
fn key(relative: &Path) -> Option<String> {
    let names = relative
        .iter()
        .map(|name| name.to_str())
        .collect::<Option<Vec<_>>>()?;
    Some(names.join("/"))
}

/// A path from the code root as messages show it: `/`-separated, `.` for the root.
fn display(relative: &Path) -> String {
    if relative.as_os_str().is_empty() {
        return ".".to_owned();
    }
    relative
        .iter()
        .map(|name| name.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn served_json_is_the_bundles_own() {
        let bundle = Bundle {
            appid: "wx1".to_owned(),
            project_name: Some("p".to_owned()),
            version: "1.2.0".to_owned(),
            background_fetch: BackgroundFetchSummary::default(),
            files: BTreeMap::from([("app.js".to_owned(), "App({})".to_owned())]),
            compiled: CompiledProject::default(),
            launch: Some(serde_json::json!({"pages": ["pages/a/a"]})),
            problems: vec![Problem::from_compile_error("app.json", "app.json: missing")],
            written_as: BTreeMap::from([("app.js".to_owned(), "app.ts".to_owned())]),
        };
        assert_eq!(
            bundle.to_json(bundle.background_fetch).unwrap(),
            serde_json::to_vec(&bundle).unwrap()
        );
        let on = BackgroundFetchSummary {
            prefetch: true,
            ..BackgroundFetchSummary::default()
        };
        let served: serde_json::Value =
            serde_json::from_slice(&bundle.to_json(on).unwrap()).unwrap();
        assert_eq!(served["backgroundFetch"]["prefetch"], true);
    }
}
