//! The project bundle's `compiled` member: the project compiled by core
//! ([`wxrt_core::build`]) so the page renders without downloading the compilers.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use wxrt_core::build::{compile_project, Compiled};

/// `{wxml: {path: {code} | {error}}, wxss: {path: {css, scope} | {error}}, js: {path:
/// {code} | {error}}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompiledProject {
    wxml: BTreeMap<String, Entry>,
    wxss: BTreeMap<String, Entry>,
    js: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Entry {
    Code { code: String },
    Style { css: String, scope: String },
    Error { error: String },
}

impl CompiledProject {
    /// Each entry that did not compile: its path and core's error text
    /// (`file:line:column: message`), WXML first, then WXSS, then JS.
    pub fn errors(&self) -> impl Iterator<Item = (&str, &str)> {
        [&self.wxml, &self.wxss, &self.js]
            .into_iter()
            .flatten()
            .filter_map(|(path, entry)| match entry {
                Entry::Error { error } => Some((path.as_str(), error.as_str())),
                Entry::Code { .. } | Entry::Style { .. } => None,
            })
    }
}

fn entries<T>(
    map: BTreeMap<String, Compiled<T>>,
    ok: impl Fn(T) -> Entry,
) -> BTreeMap<String, Entry> {
    map.into_iter()
        .map(|(path, compiled)| {
            (
                path,
                compiled.map_or_else(|error| Entry::Error { error }, &ok),
            )
        })
        .collect()
}

/// Compiles the project's `files` (code root paths to text).
pub fn compile(files: &BTreeMap<String, String>) -> CompiledProject {
    let build = compile_project(files, &pages(files), &components(files));
    CompiledProject {
        wxml: entries(build.wxml, |code| Entry::Code { code }),
        wxss: entries(build.wxss, |(css, scope)| Entry::Style { css, scope }),
        js: entries(build.js, |code| Entry::Code { code }),
    }
}

fn json(files: &BTreeMap<String, String>, path: &str) -> Option<Value> {
    serde_json::from_str(files.get(path)?.trim_start_matches('\u{feff}')).ok()
}

/// app.json's pages and its subpackages' pages; nothing when app.json is unreadable (the
/// page reports that).
fn pages(files: &BTreeMap<String, String>) -> Vec<String> {
    let Some(app) = json(files, "app.json") else {
        return Vec::new();
    };
    let strings = |value: Option<&Value>| -> Vec<String> {
        value
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut pages = strings(app.get("pages"));
    for key in ["subpackages", "subPackages"] {
        for package in app.get(key).and_then(Value::as_array).into_iter().flatten() {
            let root = package
                .get("root")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim_end_matches('/');
            pages.extend(
                strings(package.get("pages"))
                    .into_iter()
                    .map(|page| format!("{root}/{page}")),
            );
        }
    }
    pages
}

/// Every path whose `.json` says `"component": true`.
fn components(files: &BTreeMap<String, String>) -> Vec<String> {
    files
        .keys()
        .filter_map(|path| path.strip_suffix(".json"))
        .filter(|base| {
            json(files, &format!("{base}.json"))
                .and_then(|v| v.get("component").and_then(Value::as_bool))
                == Some(true)
        })
        .map(str::to_owned)
        .collect()
}
