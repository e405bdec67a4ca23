//! Which files of the npm packages in `miniprogram_npm` the app reaches, so the bundle
//! carries only those: DevTools' "filter unused files" (`ignoreDevUnusedFiles` /
//! `ignoreUploadUnusedFiles` in project.config.json) does the same analysis before a
//! preview or an upload. A large library (TDesign has some 800 files) would otherwise be
//! downloaded, parsed and hashed on every page load for the few dozen components a page
//! uses.
//!
//! The rule is conservative: every file of the project's own code is kept (a page may
//! `require` one with a computed name, and its problems are reported either way), and
//! each is a starting point. From a kept file, what WeChat would load is followed:
//!
//! - `.json`: `usingComponents` and `componentGenerics` defaults (a component is its
//!   `.js`, `.json`, `.wxml` and `.wxss`), resolved as the renderer resolves them, package
//!   names through `miniprogram_npm`; app.json's pages, subpackages and custom tab bar;
//! - `.js`: `require`/`import` ([`wxrt_core::esm::module_requests`]), resolved as the
//!   module loader resolves them (app.json's `resolveAlias` included); a file that may
//!   load a module by a computed name ([`wxrt_core::esm::has_computed_request`]) keeps
//!   its whole package;
//! - `.wxml`: `<import src>`, `<include src>` and `<wxs src>`;
//! - `.wxs`: `require`;
//! - `.wxss`: `@import`.
//!
//! What each file asks for is kept per path and text, so a live reload reads only the
//! files that changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, PoisonError};

use serde_json::Value;
use wxrt_core::project::ResolveAlias;

/// The folder npm packages are built into.
const NPM_FOLDER: &str = "miniprogram_npm";

/// The files of a component or page, by extension.
const COMPONENT_FILES: [&str; 4] = ["js", "json", "wxml", "wxss"];

/// What one file asks for, before it is resolved against the project's files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Requests {
    /// Module names as written (`.js`, `.wxs`).
    modules: Vec<String>,
    /// Project paths, already resolved (`.wxml`'s imports, `.wxss`'s `@import`s).
    paths: Vec<String>,
    /// `usingComponents` values and `componentGenerics` defaults as written (`.json`).
    components: Vec<String>,
    /// Page routes and component bases from app.json.
    bases: Vec<String>,
    /// The file may load a module by a computed name.
    computed: bool,
}

/// Path → the text last read and what it asks for.
type Cache = HashMap<String, (String, Requests)>;

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// Files a cache holds at most before it is emptied, as the compile cache does.
const MAX_CACHED: usize = 50_000;

/// `files` without the files inside `miniprogram_npm` that nothing kept reaches.
#[must_use]
pub fn prune(mut files: BTreeMap<String, String>) -> BTreeMap<String, String> {
    if !files.keys().any(|path| in_package(path)) {
        return files;
    }
    let reached = reached(&files);
    files.retain(|path, _| reached.contains(path));
    files
}

/// Every path of `files` that is the project's own or reached from it.
fn reached(files: &BTreeMap<String, String>) -> BTreeSet<String> {
    let mut guard = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = guard.get_or_insert_with(HashMap::new);
    if cache.len() > MAX_CACHED {
        cache.clear();
    }
    let alias = files
        .get("app.json")
        .and_then(|text| crate::json_file::config_value(text.as_bytes()))
        .map(|app_json| ResolveAlias::of_app_json(&app_json))
        .unwrap_or_default();
    let mut walk = Reach {
        files,
        alias,
        reached: BTreeSet::new(),
        queue: Vec::new(),
        whole: BTreeSet::new(),
    };
    for path in files.keys().filter(|path| !in_package(path)) {
        walk.add(path);
    }
    while let Some(path) = walk.queue.pop() {
        let Some(text) = files.get(&path) else {
            continue;
        };
        let requests = match cache.get(&path) {
            Some((cached, requests)) if cached == text => requests.clone(),
            _ => {
                let requests = requests_of(&path, text);
                cache.insert(path.clone(), (text.clone(), requests.clone()));
                requests
            }
        };
        walk.follow(&path, &requests);
    }
    walk.reached
}

/// The walk over what kept files ask for.
struct Reach<'f> {
    files: &'f BTreeMap<String, String>,
    alias: ResolveAlias,
    reached: BTreeSet<String>,
    /// Reached files whose requests are not read yet.
    queue: Vec<String>,
    /// Packages kept whole.
    whole: BTreeSet<String>,
}

impl Reach<'_> {
    fn add(&mut self, path: &str) {
        if self.files.contains_key(path) && self.reached.insert(path.to_owned()) {
            self.queue.push(path.to_owned());
            // The packer's module for a required `.json` comes from that file, whose
            // problems (bad JSON) are reported on it.
            if let Some(json) = path.strip_suffix(".js").filter(|p| p.ends_with(".json")) {
                self.add(json);
            }
        }
    }

    /// A component or page: its files that exist.
    fn add_base(&mut self, base: &str) {
        for ext in COMPONENT_FILES {
            self.add(&format!("{base}.{ext}"));
        }
    }

    fn follow(&mut self, path: &str, requests: &Requests) {
        for request in &requests.modules {
            let found = if path.ends_with(".wxs") {
                let src = if request.ends_with(".wxs") {
                    request.clone()
                } else {
                    format!("{request}.wxs")
                };
                Some(resolve(path, &src))
            } else {
                self.module(request, path)
            };
            if let Some(found) = found {
                self.add(&found);
            }
        }
        for target in &requests.paths {
            self.add(target);
        }
        let base = if path == "app.json" {
            "app"
        } else {
            path.strip_suffix(".json").unwrap_or(path)
        };
        for spec in &requests.components {
            if let Some(found) = self.component(base, spec) {
                self.add_base(&found);
            }
        }
        for found in &requests.bases {
            self.add_base(found);
        }
        if requests.computed {
            if let Some(package) = package_of(path) {
                if self.whole.insert(package.to_owned()) {
                    let start = format!("{package}/");
                    let all: Vec<String> = self
                        .files
                        .range(start.clone()..)
                        .take_while(|(key, _)| key.starts_with(&start))
                        .map(|(key, _)| key.clone())
                        .collect();
                    for key in all {
                        self.add(&key);
                    }
                }
            }
        }
    }

    /// The file `require(request)` in `from` loads, as www/modules.js resolves it: the
    /// path an alias maps it to, else from the file's folder (`/x` as `./x`), then each
    /// `miniprogram_npm` above it.
    fn module(&self, request: &str, from: &str) -> Option<String> {
        let aliased = self.alias.map(request);
        let direct = match &aliased {
            Some(path) => resolve("", path),
            None => resolve(from, request.trim_start_matches('/')),
        };
        if let Some(found) = self.first(&direct, module_candidates) {
            return Some(found);
        }
        if aliased.is_some() || request.starts_with('.') || request.starts_with('/') {
            return None;
        }
        npm_roots(from)
            .into_iter()
            .find_map(|root| self.first(&format!("{root}/{request}"), module_candidates))
    }

    /// The component a `usingComponents` value in `from`'s json names, as
    /// www/render/component.js's `locate` finds it: its path without extension.
    fn component(&self, from: &str, spec: &str) -> Option<String> {
        let mut candidates = vec![resolve(from, spec)];
        if !spec.starts_with('/') && !spec.starts_with('.') {
            candidates.extend(npm_roots(from).into_iter().map(|r| format!("{r}/{spec}")));
        }
        candidates.into_iter().find_map(|candidate| {
            let base = candidate.strip_suffix(".js").unwrap_or(&candidate);
            if self.files.contains_key(&format!("{base}.js")) {
                Some(base.to_owned())
            } else if self.files.contains_key(&format!("{base}/index.js")) {
                Some(format!("{base}/index"))
            } else {
                None
            }
        })
    }

    fn first(&self, path: &str, candidates: fn(&str) -> Vec<String>) -> Option<String> {
        candidates(path)
            .into_iter()
            .find(|candidate| self.files.contains_key(candidate))
    }
}

/// The files a module request for `path` may be: itself, with `.js`, or its `index.js`.
fn module_candidates(path: &str) -> Vec<String> {
    if path.ends_with(".js") {
        vec![path.to_owned(), format!("{path}/index.js")]
    } else {
        vec![
            format!("{path}.js"),
            path.to_owned(),
            format!("{path}/index.js"),
        ]
    }
}

/// What the file at `path` asks for.
fn requests_of(path: &str, text: &str) -> Requests {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension {
        "js" => {
            let found = wxrt_core::esm::scan_requests(text);
            Requests {
                modules: found.names,
                computed: in_package(path) && found.computed,
                ..Requests::default()
            }
        }
        "wxs" => Requests {
            modules: wxrt_core::esm::module_requests(text),
            ..Requests::default()
        },
        "wxml" => wxrt_core::wxml::compile(path, text)
            .map(|compiled| Requests {
                paths: [compiled.imports, compiled.includes, compiled.wxs_files].concat(),
                ..Requests::default()
            })
            // A file that does not compile loads nothing; its error is reported.
            .unwrap_or_default(),
        "wxss" => Requests {
            paths: wxss_imports(path, text),
            ..Requests::default()
        },
        "json" => json_requests(path, text),
        _ => Requests::default(),
    }
}

/// The files the `@import`s of a `.wxss` file name, as core's compiler resolves them.
/// Each imported file is read as empty here: its own imports are its own requests.
fn wxss_imports(path: &str, text: &str) -> Vec<String> {
    let found = std::cell::RefCell::new(Vec::new());
    let load = |target: &str| {
        found.borrow_mut().push(target.to_owned());
        Some(String::new())
    };
    // An error ends the walk; the imports before it are still what the file asks for.
    let _ = wxrt_core::wxss::compile(path, text, wxrt_core::wxss::Scope::Global, &load);
    found.into_inner()
}

fn json_requests(path: &str, text: &str) -> Requests {
    let Ok(value) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
        return Requests::default();
    };
    let strings = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_object)
            .map(|members| {
                members
                    .values()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut components = strings(value.get("usingComponents"));
    if let Some(generics) = value.get("componentGenerics").and_then(Value::as_object) {
        components.extend(
            generics
                .values()
                .filter_map(|g| g.get("default").and_then(Value::as_str))
                .map(str::to_owned),
        );
    }
    let mut bases = Vec::new();
    if path == "app.json" {
        let files = BTreeMap::from([(path.to_owned(), text.to_owned())]);
        bases = crate::compiled::pages(&files);
        if value
            .pointer("/tabBar/custom")
            .and_then(Value::as_bool)
            .unwrap_or(false)
        {
            bases.push("custom-tab-bar/index".to_owned());
        }
    }
    Requests {
        components,
        bases,
        ..Requests::default()
    }
}

/// Whether `path` lies inside a `miniprogram_npm` folder.
fn in_package(path: &str) -> bool {
    path.split('/').any(|name| name == NPM_FOLDER)
}

/// The folder of the innermost package `path` lies in (`miniprogram_npm/<name>` or
/// `miniprogram_npm/@scope/<name>`, nested ones included).
fn package_of(path: &str) -> Option<&str> {
    let at = path.rfind(&format!("{NPM_FOLDER}/"))?;
    let rest = &path[at + NPM_FOLDER.len() + 1..];
    let mut names = rest.split('/');
    let first = names.next()?;
    let len = if first.starts_with('@') {
        first.len() + 1 + names.next()?.len()
    } else {
        first.len()
    };
    // The file itself is not a package folder.
    (rest.len() > len).then(|| &path[..at + NPM_FOLDER.len() + 1 + len])
}

/// `src` from the file `from` (from the root with a leading `/`), as
/// www/render/templates.js resolves it.
fn resolve(from: &str, src: &str) -> String {
    let mut parts: Vec<&str> = if src.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = from.split('/').collect();
        dir.pop();
        dir
    };
    for part in src.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Where a package name is looked up from the file `from`: `miniprogram_npm` beside it,
/// then in each folder above, as www/modules.js's `npmRoots`.
fn npm_roots(from: &str) -> Vec<String> {
    let mut roots = Vec::new();
    let mut dir = from.rsplit_once('/').map_or("", |(dir, _)| dir);
    loop {
        if dir.is_empty() {
            roots.push(NPM_FOLDER.to_owned());
            return roots;
        }
        roots.push(format!("{dir}/{NPM_FOLDER}"));
        dir = dir.rsplit_once('/').map_or("", |(up, _)| up);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_folders() {
        assert_eq!(
            package_of("miniprogram_npm/ui/button/button.js"),
            Some("miniprogram_npm/ui")
        );
        assert_eq!(
            package_of("miniprogram_npm/@vant/weapp/button/index.js"),
            Some("miniprogram_npm/@vant/weapp")
        );
        assert_eq!(
            package_of("miniprogram_npm/ui/miniprogram_npm/tslib/index.js"),
            Some("miniprogram_npm/ui/miniprogram_npm/tslib")
        );
        assert_eq!(package_of("miniprogram_npm/index.js"), None);
        assert_eq!(package_of("pages/a/a.js"), None);
    }

    #[test]
    fn lookups_go_up_to_the_root() {
        assert_eq!(
            npm_roots("miniprogram_npm/ui/button/button.js"),
            [
                "miniprogram_npm/ui/button/miniprogram_npm",
                "miniprogram_npm/ui/miniprogram_npm",
                "miniprogram_npm/miniprogram_npm",
                "miniprogram_npm"
            ]
        );
        assert_eq!(npm_roots("app"), ["miniprogram_npm"]);
        assert_eq!(resolve("pages/a/a", "../../c/c"), "c/c");
        assert_eq!(resolve("pages/a/a.json", "/c/c"), "c/c");
    }

    #[test]
    fn module_paths_follow_resolve_alias_and_a_leading_slash_is_the_folder() {
        let files: BTreeMap<String, String> = [
            (
                "app.json",
                r#"{"pages":["pages/a/a"],"resolveAlias":{"@ui/*":"miniprogram_npm/ui/*"}}"#,
            ),
            (
                "pages/a/a.js",
                "require('@ui/toast/toast'); require('ui/main')",
            ),
            ("miniprogram_npm/ui/main.js", "require('/store/index')"),
            ("miniprogram_npm/ui/store/index.js", ""),
            ("miniprogram_npm/ui/toast/toast.js", ""),
            ("miniprogram_npm/ui/unused/unused.js", ""),
        ]
        .into_iter()
        .map(|(path, text)| (path.to_owned(), text.to_owned()))
        .collect();
        let kept: Vec<String> = prune(files).into_keys().collect();
        assert_eq!(
            kept,
            [
                "app.json",
                "miniprogram_npm/ui/main.js",
                "miniprogram_npm/ui/store/index.js",
                "miniprogram_npm/ui/toast/toast.js",
                "pages/a/a.js"
            ]
        );
    }
}
