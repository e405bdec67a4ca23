//! npm packages as WeChat DevTools' "build npm" lays them out, made in memory from
//! `node_modules` when the project has not run that build itself.
//!
//! DevTools builds the packages named in the `dependencies` of each `package.json`
//! under the code root (not `devDependencies`) into a `miniprogram_npm` folder beside
//! it. A mini-program package (one with a `miniprogram` folder in its package.json, else
//! a `miniprogram_dist` folder) is copied whole; any other package is packed from its
//! `main` file into `miniprogram_npm/<name>/index.js`. A package's own dependencies are
//! built too, where npm installed them: hoisted ones beside it, ones npm nested in the
//! package's own `node_modules` in a `miniprogram_npm` inside its build.
//!
//! wxrt differs in three places, each so a project runs without a build step:
//!
//! - a package already in the project's `miniprogram_npm` is used as it is (it is what
//!   DevTools would upload); only missing ones are built;
//! - packages are looked up as Node does, in `node_modules` beside the package.json and
//!   in each folder above it, so a project inside a repository can use the
//!   repository's packages (DevTools only reads `node_modules` inside the code root);
//! - when the code root has no package.json but the project folder has one (a
//!   `miniprogramRoot` project with its package.json at the top, which DevTools builds
//!   only through `packNpmRelationList`), that one is built into the code root's
//!   `miniprogram_npm`.
//!
//! A plain package is not packed into one file: the files its `main` reaches through
//! `require`/`import` are copied with their paths, and `index.js` requires the main
//! file, so line numbers in stack traces are the package's own. A required `.json`
//! becomes a module exporting its value, as DevTools' packer does.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use serde_json::Value;

use crate::bundle::{BundleError, Walk};
use crate::problems::{Problem, Severity};

/// The file npm describes a package with.
const PACKAGE_JSON: &str = "package.json";

/// The build folder a mini-program package has when its package.json names none.
const DEFAULT_MINIPROGRAM_DIR: &str = "miniprogram_dist";

/// Builds the dependencies of the project's package.json files into `walk`'s files,
/// under the `miniprogram_npm` folders DevTools would write. `project_dir` and
/// `code_root` are canonical. Returns the problems found (a dependency that is not
/// installed, a package without its files), each naming the package.json concerned.
///
/// # Errors
///
/// A [`BundleError`] when a package file cannot be read or the bundle's limits are
/// exceeded.
pub(crate) fn build(
    project_dir: &Path,
    code_root: &Path,
    walk: &mut Walk,
) -> Result<Vec<Problem>, BundleError> {
    let mut roots: Vec<(String, PathBuf, String)> = walk
        .files
        .keys()
        .filter(|key| {
            (key.as_str() == PACKAGE_JSON || key.ends_with("/package.json"))
                && !key.split('/').any(|name| name == "miniprogram_npm")
        })
        .map(|key| {
            let folder = key.strip_suffix(PACKAGE_JSON).unwrap_or("");
            (
                key.clone(),
                code_root.join(folder),
                format!("{folder}miniprogram_npm"),
            )
        })
        .collect();
    if !walk.files.contains_key(PACKAGE_JSON) && project_dir != code_root {
        let outer = project_dir.join(PACKAGE_JSON);
        if outer.is_file() {
            roots.push((
                "../package.json".to_owned(),
                project_dir.to_path_buf(),
                "miniprogram_npm".to_owned(),
            ));
        }
    }

    let mut problems = Vec::new();
    for (label, dir, out) in roots {
        let Some(manifest) = read_manifest(&dir) else {
            // Bad JSON in a package.json of the code root is reported with the other
            // files' problems.
            continue;
        };
        let mut npm = NpmBuild {
            walk: &mut *walk,
            label: label.clone(),
            prefixes: dir
                .ancestors()
                .map(|ancestor| (ancestor.to_path_buf(), out.clone()))
                .collect(),
            placed: BTreeSet::new(),
            problems: Vec::new(),
            out: out.clone(),
        };
        for name in dependencies(&manifest) {
            npm.dependency(&dir, &name)?;
        }
        problems.append(&mut npm.problems);
    }
    Ok(problems)
}

/// One package.json's build.
struct NpmBuild<'w> {
    walk: &'w mut Walk,
    /// The package.json's path as problems name it.
    label: String,
    /// For a folder whose `node_modules` a package is found in, the `miniprogram_npm`
    /// folder its build goes in: the output folder for the package.json's folder and
    /// every folder above it, `<build>/miniprogram_npm` for a built package's own.
    prefixes: HashMap<PathBuf, String>,
    /// The build folders made or found so far.
    placed: BTreeSet<String>,
    problems: Vec<Problem>,
    /// The package.json's own `miniprogram_npm`, for a package found where npm would not
    /// have put it (pnpm's store, a linked package): it goes at the top.
    out: String,
}

impl NpmBuild<'_> {
    /// Builds the package `name` as a dependency of the package (or project) in `from`.
    fn dependency(&mut self, from: &Path, name: &str) -> Result<(), BundleError> {
        if !is_package_name(name) {
            self.problem(format!("dependency \"{name}\" is not a package name"));
            return Ok(());
        }
        let Some((package, holder)) = find(from, name) else {
            self.problem(format!(
                "dependency \"{name}\" is not installed: run npm install (looked in node_modules beside it and in each folder above)"
            ));
            return Ok(());
        };
        let prefix = self
            .prefixes
            .get(&holder)
            .cloned()
            .unwrap_or_else(|| self.out.clone());
        let dest = format!("{prefix}/{name}");
        if !self.placed.insert(dest.clone()) || self.already_built(&dest) {
            return Ok(());
        }
        let Some(manifest) = read_manifest(&package) else {
            self.problem(format!(
                "dependency \"{name}\": its package.json is unreadable"
            ));
            return Ok(());
        };
        let miniprogram = manifest
            .get("miniprogram")
            .and_then(Value::as_str)
            .unwrap_or(DEFAULT_MINIPROGRAM_DIR);
        let stamp = stamp(&package);
        let cached = stamp.and_then(|stamp| read_cache(&package, &dest, stamp));
        if let Some(files) = cached {
            for (key, text) in files {
                self.walk.insert(key, text)?;
            }
        } else {
            let folder = package.join(miniprogram);
            if folder.is_dir() {
                let folder = fs::canonicalize(&folder).unwrap_or(folder);
                self.walk.package_dir(&folder, &package, Path::new(&dest))?;
            } else {
                self.plain(&package, &manifest, name, &dest)?;
            }
            if let Some(stamp) = stamp {
                let start = format!("{dest}/");
                let files = self
                    .walk
                    .files
                    .range(start.clone()..)
                    .take_while(|(key, _)| key.starts_with(&start))
                    .map(|(key, text)| (key.clone(), text.clone()))
                    .collect();
                write_cache(package.clone(), dest.clone(), stamp, files);
            }
        }
        self.prefixes
            .insert(package.clone(), format!("{dest}/miniprogram_npm"));
        for dependency in dependencies(&manifest) {
            self.dependency(&package, &dependency)?;
        }
        Ok(())
    }

    /// Whether the project's own files already hold a build of this package.
    fn already_built(&self, dest: &str) -> bool {
        let start = format!("{dest}/");
        self.walk
            .files
            .range(start.clone()..)
            .next()
            .is_some_and(|(key, _)| key.starts_with(&start))
    }

    /// A package without a mini-program folder: its `main` file and every file that
    /// reaches through relative requests, and `index.js` leading to `main`.
    fn plain(
        &mut self,
        package: &Path,
        manifest: &Value,
        name: &str,
        dest: &str,
    ) -> Result<(), BundleError> {
        let main = manifest
            .get("main")
            .and_then(Value::as_str)
            .unwrap_or("index.js");
        let Some(entry) = module_file(package, &normalize("", main)) else {
            self.problem(format!(
                "dependency \"{name}\": neither a miniprogram folder nor its main file ({main})"
            ));
            return Ok(());
        };
        let mut queue = VecDeque::from([entry.clone()]);
        let mut seen = BTreeSet::from([entry.clone()]);
        while let Some(relative) = queue.pop_front() {
            let key = format!("{dest}/{relative}");
            self.walk
                .package_file(&package.join(&relative), package, Path::new(&key))?;
            if relative.ends_with(".json") {
                let value = self.walk.files.get(&key).cloned().unwrap_or_default();
                self.walk
                    .insert(format!("{key}.js"), format!("module.exports = {value}\n"))?;
                continue;
            }
            let source = self.walk.files.get(&key).cloned().unwrap_or_default();
            let base = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
            for request in wxrt_core::esm::module_requests(&source) {
                if !request.starts_with("./") && !request.starts_with("../") {
                    continue;
                }
                let target = normalize(base, &request);
                if let Some(file) = module_file(package, &target) {
                    if seen.insert(file.clone()) {
                        queue.push_back(file);
                    }
                }
            }
        }
        if entry != "index.js" {
            self.walk.insert(
                format!("{dest}/index.js"),
                format!("module.exports = require('./{entry}');\n"),
            )?;
        }
        Ok(())
    }

    /// A warning, not an error: the project may never load the package (a build tool
    /// listed in `dependencies`), and one that does fails at its `require` with the
    /// file and line; live reload goes on either way.
    fn problem(&mut self, message: String) {
        self.problems.push(Problem {
            file: self.label.clone(),
            line: None,
            column: None,
            message,
            severity: Severity::Warning,
        });
    }
}

/// What says a package in `node_modules` changed: its package.json's modification time
/// and size, which `npm install` rewrites with every package it installs.
type Stamp = (SystemTime, u64);

/// A package's built files, by package folder and build folder, with the [`Stamp`] they
/// were read at. Packages are read once per server run and again after `npm install`
/// touched them: the watcher does not watch `node_modules` (DevTools, too, only sees
/// a package change when "build npm" runs again), and reading a large library on every
/// rebuild would cost more than the rest of a live reload.
type PackageCache = HashMap<(PathBuf, String), (Stamp, Vec<(String, String)>)>;

static PACKAGES: Mutex<Option<PackageCache>> = Mutex::new(None);

fn stamp(package: &Path) -> Option<Stamp> {
    let metadata = fs::metadata(package.join(PACKAGE_JSON)).ok()?;
    Some((metadata.modified().ok()?, metadata.len()))
}

fn read_cache(package: &Path, dest: &str, stamp: Stamp) -> Option<Vec<(String, String)>> {
    let guard = PACKAGES.lock().unwrap_or_else(PoisonError::into_inner);
    let (cached, files) = guard
        .as_ref()?
        .get(&(package.to_path_buf(), dest.to_owned()))?;
    (*cached == stamp).then(|| files.clone())
}

fn write_cache(package: PathBuf, dest: String, stamp: Stamp, files: Vec<(String, String)>) {
    let mut guard = PACKAGES.lock().unwrap_or_else(PoisonError::into_inner);
    guard
        .get_or_insert_with(HashMap::new)
        .insert((package, dest), (stamp, files));
}

/// The package.json in `dir`, when it is a JSON object.
fn read_manifest(dir: &Path) -> Option<Value> {
    let text = fs::read_to_string(dir.join(PACKAGE_JSON)).ok()?;
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).ok()?;
    value.is_object().then_some(value)
}

/// The names in a manifest's `dependencies`, in order.
fn dependencies(manifest: &Value) -> Vec<String> {
    manifest
        .get("dependencies")
        .and_then(Value::as_object)
        .map(|deps| deps.keys().cloned().collect())
        .unwrap_or_default()
}

/// `name` or `@scope/name`, with no way out of `node_modules`.
fn is_package_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split('/').collect();
    let valid =
        |part: &str| !part.is_empty() && part != "." && part != ".." && !part.contains('\\');
    match parts.as_slice() {
        [one] => valid(one) && !one.starts_with('@'),
        [scope, one] => scope.starts_with('@') && valid(scope) && valid(one),
        _ => false,
    }
}

/// Node's lookup: `node_modules/<name>` in `from` and in each folder above it (not in
/// folders that are themselves `node_modules`). Returns the package folder, canonical,
/// and the folder whose `node_modules` held it.
fn find(from: &Path, name: &str) -> Option<(PathBuf, PathBuf)> {
    from.ancestors()
        .filter(|dir| dir.file_name().is_none_or(|n| n != "node_modules"))
        .find_map(|dir| {
            let package = dir.join("node_modules").join(name);
            package.join(PACKAGE_JSON).is_file().then(|| {
                (
                    fs::canonicalize(&package).unwrap_or(package),
                    dir.to_path_buf(),
                )
            })
        })
}

/// `request` (`/`-separated) taken from the folder `base` of a package, with `.` and
/// `..` resolved; `..` never leaves the package.
fn normalize(base: &str, request: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for segment in base.split('/').chain(request.split('/')) {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out.join("/")
}

/// The file a request for `path` of `package` loads, as Node resolves it: the path
/// itself, with `.js` or `.json`, or its `index.js`.
fn module_file(package: &Path, path: &str) -> Option<String> {
    let candidates = [
        path.to_owned(),
        format!("{path}.js"),
        format!("{path}.json"),
        format!("{path}/index.js"),
        format!("{path}/index.json"),
    ];
    candidates.into_iter().find(|candidate| {
        !candidate.is_empty()
            && (candidate.ends_with(".js") || candidate.ends_with(".json"))
            && package.join(candidate).is_file()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_names_stay_inside_node_modules() {
        assert!(is_package_name("tdesign-miniprogram"));
        assert!(is_package_name("@vant/weapp"));
        for bad in ["", "..", "a/b", "@scope", "@s/..", "../x", "@a/b/c"] {
            assert!(!is_package_name(bad), "{bad}");
        }
    }

    #[test]
    fn normalizes_within_the_package() {
        assert_eq!(normalize("lib", "./a"), "lib/a");
        assert_eq!(normalize("lib/x", "../../../a.js"), "a.js");
        assert_eq!(normalize("", "./index.js"), "index.js");
    }
}
