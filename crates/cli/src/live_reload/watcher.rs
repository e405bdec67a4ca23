//! Watching a project's files: the code root recursively, and the project folder's own
//! configuration files, turned into one batch per burst of changes. Editors save by
//! writing a temporary file and renaming it, and tools touch many files at once; a
//! batch ends only once [`QUIET`] passes without a change, so each save is built once.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher as _};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::bundle::EXTENSIONS;
use crate::project::{self, Project};
use crate::wechat::LOCAL_CONFIG_FILE;

/// How long the files must stay still before a burst of changes counts as done.
pub(crate) const QUIET: Duration = Duration::from_millis(100);

/// Why the project cannot be watched.
#[derive(Debug, thiserror::Error)]
#[error("cannot watch {}: {source}", path.display())]
pub struct WatchError {
    /// The folder that could not be watched.
    pub path: PathBuf,
    /// What the operating system's watcher reported.
    pub source: notify::Error,
}

/// What the file system watcher reports, already stripped of the reads every build does.
enum Raw {
    Paths(Vec<PathBuf>),
    /// The watcher lost events (its queue overflowed): anything may have changed.
    Rescan,
    Failed(notify::Error),
}

/// The changes of one burst.
#[derive(Debug, Default)]
pub(crate) struct Batch {
    /// The changed paths' names: `/`-separated from the code root, or the name of the
    /// project folder's configuration file.
    pub(crate) touched: BTreeSet<String>,
}

/// A project's files, watched.
pub(crate) struct ProjectWatcher {
    watcher: RecommendedWatcher,
    raw: mpsc::UnboundedReceiver<Raw>,
    /// The project folder, canonical.
    site: PathBuf,
    /// The code root being watched, canonical.
    code_root: PathBuf,
}

impl ProjectWatcher {
    /// Starts watching the project in `site` (canonical): its code root (`site` itself
    /// when `project.config.json` cannot be read, as the router serves it) and the
    /// project folder's `project.config.json` and `wxrt.config.json`.
    pub(crate) fn new(site: &Path) -> Result<Self, WatchError> {
        let (sender, raw) = mpsc::unbounded_channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            let raw = match event {
                // Builds open every file; reads change nothing.
                Ok(event) if matches!(event.kind, EventKind::Access(_)) => return,
                Ok(event) if event.need_rescan() => Raw::Rescan,
                Ok(event) => Raw::Paths(event.paths),
                Err(err) => Raw::Failed(err),
            };
            // The receiver is gone only when the watcher is being dropped.
            let _ = sender.send(raw);
        })
        .map_err(|source| WatchError {
            path: site.to_path_buf(),
            source,
        })?;
        let mut watched = Self {
            watcher,
            raw,
            site: site.to_path_buf(),
            code_root: site.to_path_buf(),
        };
        watched.watch(&code_root_of(site).unwrap_or_else(|| site.to_path_buf()))?;
        Ok(watched)
    }

    /// The code root being watched.
    pub(crate) fn code_root(&self) -> &Path {
        &self.code_root
    }

    /// Waits for a change that matters to the project, then for [`QUIET`] without
    /// another, and returns them all. `None` once the watcher has stopped.
    pub(crate) async fn next_batch(&mut self) -> Option<Batch> {
        let mut batch = Batch::default();
        loop {
            let raw = self.raw.recv().await?;
            if self.take(raw, &mut batch) {
                break;
            }
        }
        let mut deadline = Instant::now() + QUIET;
        loop {
            match tokio::time::timeout_at(deadline, self.raw.recv()).await {
                Ok(Some(raw)) => {
                    if self.take(raw, &mut batch) {
                        deadline = Instant::now() + QUIET;
                    }
                }
                Ok(None) => return None,
                Err(_quiet) => return Some(batch),
            }
        }
    }

    /// Moves the watch when `project.config.json` now names another code root. A config
    /// that cannot be read leaves it where it is: it is likely being edited.
    pub(crate) fn follow_code_root(&mut self) -> Result<(), WatchError> {
        match code_root_of(&self.site) {
            Some(root) if root != self.code_root => {
                self.unwatch();
                self.watch(&root)
            }
            _ => Ok(()),
        }
    }

    /// Adds `raw` to `batch`; whether it mattered.
    fn take(&self, raw: Raw, batch: &mut Batch) -> bool {
        match raw {
            Raw::Paths(paths) => {
                let mut mattered = false;
                for path in paths {
                    if let Some(name) = touched_name(&path, &self.site, &self.code_root) {
                        batch.touched.insert(name);
                        mattered = true;
                    }
                }
                mattered
            }
            Raw::Rescan => true,
            Raw::Failed(err) => {
                // The build that follows shows whatever state the files are in.
                eprintln!("wxrt: watching {}: {err}", self.code_root.display());
                true
            }
        }
    }

    fn watch(&mut self, code_root: &Path) -> Result<(), WatchError> {
        let failed = |path: &Path| {
            let path = path.to_path_buf();
            move |source| WatchError { path, source }
        };
        self.watcher
            .watch(code_root, RecursiveMode::Recursive)
            .map_err(failed(code_root))?;
        if code_root != self.site {
            // For the configuration files at its top only.
            self.watcher
                .watch(&self.site, RecursiveMode::NonRecursive)
                .map_err(failed(&self.site))?;
        }
        self.code_root = code_root.to_path_buf();
        Ok(())
    }

    fn unwatch(&mut self) {
        // A folder that is gone has lost its watch already.
        let _ = self.watcher.unwatch(&self.code_root);
        if self.code_root != self.site {
            let _ = self.watcher.unwatch(&self.site);
        }
    }
}

/// The code root `project.config.json` names now, when it can be read.
fn code_root_of(site: &Path) -> Option<PathBuf> {
    Project::load(site).ok().map(|project| project.code_root)
}

/// The name a changed `path` is recorded under, or `None` when the change cannot matter
/// to the bundle: paths outside the code root other than the project folder's
/// `project.config.json` and `wxrt.config.json`; anything in `node_modules` or a folder
/// or file whose name starts with `.` (`.git`, `.wxrt`, editors' swap files); files
/// whose extension is not one of [`EXTENSIONS`] or a compiler plugin's. A path without an extension that is a
/// folder, or is gone (it may have been one), counts: moving a folder in or out reports
/// the folder alone.
pub(crate) fn touched_name(path: &Path, site: &Path, code_root: &Path) -> Option<String> {
    if path.parent() == Some(site) {
        let name = path.file_name()?;
        if name == OsStr::new(project::CONFIG_FILE) || name == OsStr::new(LOCAL_CONFIG_FILE) {
            return Some(name.to_string_lossy().into_owned());
        }
    }
    let relative = path.strip_prefix(code_root).ok()?;
    let mut names = Vec::new();
    for component in relative.components() {
        let Component::Normal(name) = component else {
            return None;
        };
        let name = name.to_string_lossy();
        if name == "node_modules" || name.starts_with('.') {
            return None;
        }
        names.push(name);
    }
    if names.is_empty() {
        return None;
    }
    let counts = match relative.extension().and_then(OsStr::to_str) {
        Some(ext)
            if EXTENSIONS.contains(&ext) || crate::compiler_plugins::EXTENSIONS.contains(&ext) =>
        {
            true
        }
        Some(_) => path.is_dir(),
        None => path.is_dir() || !path.exists(),
    };
    counts.then(|| names.join("/"))
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use super::touched_name;

    #[test]
    fn code_files_under_the_code_root_count() {
        let site = Path::new("/p");
        let root = Path::new("/p/miniprogram");
        let name = |path: &str| touched_name(Path::new(path), site, root);
        // What compiler plugins read too (a Sass partial may change what a file builds).
        for ext in ["js", "json", "wxml", "wxss", "wxs", "scss", "sass", "ts"] {
            assert_eq!(
                name(&format!("/p/miniprogram/pages/a/a.{ext}")),
                Some(format!("pages/a/a.{ext}"))
            );
        }
        assert_eq!(name("/p/miniprogram/app.json"), Some("app.json".to_owned()));
        // The project folder's configuration files, though outside the code root.
        assert_eq!(
            name("/p/project.config.json"),
            Some("project.config.json".to_owned())
        );
        assert_eq!(
            name("/p/wxrt.config.json"),
            Some("wxrt.config.json".to_owned())
        );
    }

    #[test]
    fn other_paths_do_not() {
        let site = Path::new("/p");
        let root = Path::new("/p/miniprogram");
        let name = |path: &str| touched_name(Path::new(path), site, root);
        for path in [
            "/p/miniprogram/.wxrt/x.json",
            "/p/miniprogram/node_modules/a.js",
            "/p/miniprogram/lib/node_modules/b/index.js",
            "/p/miniprogram/.git/index.js",
            "/p/miniprogram/pages/.a.wxml.swp",
            "/p/miniprogram/pages/a/a.wxml~",
            "/p/miniprogram/pages/a/a.wxml___jb_tmp___",
            "/p/miniprogram/images/logo.png",
            "/p/miniprogram/README.md",
            "/p/miniprogram",
            "/p/cloudfunctions/login/index.js",
            "/p/project.private.config.json",
            "/elsewhere/app.js",
        ] {
            assert_eq!(name(path), None, "{path}");
        }
    }

    #[test]
    fn folders_count_and_so_do_vanished_extensionless_paths() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        fs::create_dir_all(root.join("pages/b")).expect("folder");
        fs::write(root.join("LICENSE"), "MIT").expect("file");
        let name = |path: &str| touched_name(&root.join(path), Path::new("/p"), root);
        assert_eq!(name("pages/b"), Some("pages/b".to_owned()));
        assert_eq!(
            name("pages/moved-away"),
            Some("pages/moved-away".to_owned())
        );
        assert_eq!(name("LICENSE"), None);
    }
}
