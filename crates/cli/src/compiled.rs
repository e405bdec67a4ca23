//! The project bundle's `compiled` member: the project compiled by core
//! ([`wxrt_core::build`]) so the page renders without downloading the compilers.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use wxrt_core::build::{compile_project, Compiled};

/// `{wxml: {path: {code} | {code, warnings} | {error}}, wxss: {path: {css, scope} |
/// {css, scope, warnings} | {error}}, js: {path: {code} | {error}}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CompiledProject {
    wxml: BTreeMap<String, Entry>,
    wxss: BTreeMap<String, Entry>,
    js: BTreeMap<String, Entry>,
}

/// One file's entry; `Warned` is code compiled with what WeChat's compiler would warn
/// about (`file:line:column: …`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
enum Entry {
    Code {
        code: String,
    },
    Warned {
        code: String,
        warnings: Vec<String>,
    },
    Style {
        css: String,
        scope: String,
    },
    StyleWarned {
        css: String,
        scope: String,
        warnings: Vec<String>,
    },
    Error {
        error: String,
    },
}

impl CompiledProject {
    /// Adds `part`'s entries (compiled from other files) to these. Destructured whole, so
    /// a member added to the struct must be merged here too.
    pub(crate) fn merge(&mut self, part: &Self) {
        let Self { wxml, wxss, js } = part;
        self.wxml
            .extend(wxml.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.wxss
            .extend(wxss.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.js
            .extend(js.iter().map(|(k, v)| (k.clone(), v.clone())));
    }

    /// Each entry that did not compile: its path and core's error text
    /// (`file:line:column: message`), WXML first, then WXSS, then JS.
    pub fn errors(&self) -> impl Iterator<Item = (&str, &str)> {
        [&self.wxml, &self.wxss, &self.js]
            .into_iter()
            .flatten()
            .filter_map(|(path, entry)| match entry {
                Entry::Error { error } => Some((path.as_str(), error.as_str())),
                Entry::Code { .. }
                | Entry::Warned { .. }
                | Entry::Style { .. }
                | Entry::StyleWarned { .. } => None,
            })
    }

    /// Each warning of the entries that compiled with some: the entry's path and core's
    /// text (`file:line:column: message`).
    pub fn warnings(&self) -> impl Iterator<Item = (&str, &str)> {
        [&self.wxml, &self.wxss, &self.js]
            .into_iter()
            .flatten()
            .flat_map(|(path, entry)| {
                let warnings = match entry {
                    Entry::Warned { warnings, .. } | Entry::StyleWarned { warnings, .. } => {
                        warnings.as_slice()
                    }
                    Entry::Code { .. } | Entry::Style { .. } | Entry::Error { .. } => &[],
                };
                warnings.iter().map(move |w| (path.as_str(), w.as_str()))
            })
    }

    /// What the page is sent of `files` and these entries. A module whose ES-module syntax
    /// was compiled is sent as its compiled text only: the page runs nothing else, the
    /// lines are the source's, and a UI library's modules would otherwise be sent twice. A
    /// style sheet's text is sent empty, as the page reads only its compiled CSS; the path
    /// stays, so the sheet still exists for the runtime.
    pub(crate) fn served<'a>(&'a self, files: &'a BTreeMap<String, String>) -> Served<'a> {
        let compiled_js = |path: &str| match self.js.get(path) {
            Some(Entry::Code { code }) => Some(code.as_str()),
            _ => None,
        };
        let files = files
            .iter()
            .map(|(path, text)| {
                let sent = if path.ends_with(".wxss") && self.wxss.contains_key(path) {
                    ""
                } else {
                    compiled_js(path).unwrap_or(text)
                };
                (path.as_str(), sent)
            })
            .collect();
        let js = self
            .js
            .iter()
            .filter(|(_, entry)| !matches!(entry, Entry::Code { .. }))
            .map(|(path, entry)| (path.as_str(), entry))
            .collect();
        Served {
            files,
            compiled: ServedCompiled {
                wxml: &self.wxml,
                wxss: &self.wxss,
                js,
            },
        }
    }
}

/// [`CompiledProject::served`]: the files and entries as the page gets them.
pub(crate) struct Served<'a> {
    pub files: BTreeMap<&'a str, &'a str>,
    pub compiled: ServedCompiled<'a>,
}

/// The entries of a [`CompiledProject`] as sent, borrowed.
#[derive(Serialize)]
pub(crate) struct ServedCompiled<'a> {
    wxml: &'a BTreeMap<String, Entry>,
    wxss: &'a BTreeMap<String, Entry>,
    js: BTreeMap<&'a str, &'a Entry>,
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

/// Compiles the project's `files` (code root paths to text). Files compiled before with
/// the same text are not compiled again (the `compile_cache` module). The other form of
/// a sheet is left out when the json beside it rules it out ([`unused_form`]).
pub fn compile(files: &BTreeMap<String, String>) -> CompiledProject {
    let mut compiled = crate::compile_cache::compile(files, &pages(files), &components(files));
    compiled.wxss.retain(|path, _| !unused_form(files, path));
    compiled
}

/// Whether `path` is the other form of a sheet (`<base>.wxss#shared` of a component,
/// `<base>.wxss#isolated` of a page) that the runtime will never put in, because
/// `<base>.json` names a `styleIsolation` that needs the default form. The json's value
/// wins over the options `Component()` is given (www/render/classes.js reads it first),
/// so only the json can rule a form out; without a value there, both forms are sent.
/// TDesign names `apply-shared` in nearly every component's json: its `#shared` forms
/// would be half of the bundle's CSS.
fn unused_form(files: &BTreeMap<String, String>, path: &str) -> bool {
    let (base, ruled_out_by): (&str, &[&str]) =
        if let Some(base) = path.strip_suffix(".wxss#shared") {
            // A component's shared form, for `styleIsolation: 'shared'`.
            (base, &["isolated", "apply-shared"])
        } else if let Some(base) = path.strip_suffix(".wxss#isolated") {
            // A page's own-classes form, for every isolation but the shared ones.
            (base, &["shared", "page-shared"])
        } else {
            return false;
        };
    json(files, &format!("{base}.json"))
        .and_then(|config| {
            config
                .get("styleIsolation")
                .and_then(Value::as_str)
                .map(|given| ruled_out_by.contains(&given))
        })
        .unwrap_or(false)
}

/// `map`'s entries, each compiled one made by `ok` with its warnings (taken out of
/// `warnings`), if it has any.
fn warned_entries<T>(
    map: BTreeMap<String, Compiled<T>>,
    warnings: &mut BTreeMap<String, Vec<String>>,
    ok: impl Fn(T, Option<Vec<String>>) -> Entry,
) -> BTreeMap<String, Entry> {
    map.into_iter()
        .map(|(path, compiled)| {
            let entry = match compiled {
                Err(error) => Entry::Error { error },
                Ok(value) => ok(value, warnings.remove(&path)),
            };
            (path, entry)
        })
        .collect()
}

/// Compiles `files` without the cache; `pages` and `components` as [`compile_project`]
/// takes them.
pub(crate) fn compile_uncached(
    files: &BTreeMap<String, String>,
    pages: &[String],
    components: &[String],
) -> CompiledProject {
    let build = compile_project(files, pages, components);
    let mut warnings = build.warnings;
    let wxml = warned_entries(build.wxml, &mut warnings, |code, warnings| match warnings {
        Some(warnings) => Entry::Warned { code, warnings },
        None => Entry::Code { code },
    });
    let wxss = warned_entries(
        build.wxss,
        &mut warnings,
        |(css, scope), warnings| match warnings {
            Some(warnings) => Entry::StyleWarned {
                css,
                scope,
                warnings,
            },
            None => Entry::Style { css, scope },
        },
    );
    CompiledProject {
        wxml,
        wxss,
        js: entries(build.js, |code| Entry::Code { code }),
    }
}

pub(crate) fn json(files: &BTreeMap<String, String>, path: &str) -> Option<Value> {
    serde_json::from_str(files.get(path)?.trim_start_matches('\u{feff}')).ok()
}

/// app.json's pages and its subpackages' pages; nothing when app.json is unreadable (the
/// page reports that).
pub(crate) fn pages(files: &BTreeMap<String, String>) -> Vec<String> {
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
pub(crate) fn components(files: &BTreeMap<String, String>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn project(component_json: &str, page_json: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            (
                "app.json".to_owned(),
                r#"{"pages":["pages/a/a"]}"#.to_owned(),
            ),
            ("pages/a/a.json".to_owned(), page_json.to_owned()),
            ("pages/a/a.wxss".to_owned(), ".p {}".to_owned()),
            ("comp/c.json".to_owned(), component_json.to_owned()),
            ("comp/c.wxss".to_owned(), ".c {}".to_owned()),
        ])
    }

    fn forms(files: &BTreeMap<String, String>) -> Vec<String> {
        compile(files).wxss.into_keys().collect()
    }

    #[test]
    fn the_json_rules_out_a_form_the_runtime_never_uses() {
        let both = [
            "app.wxss",
            "comp/c.wxss",
            "comp/c.wxss#shared",
            "pages/a/a.wxss",
            "pages/a/a.wxss#isolated",
        ]
        .map(str::to_owned)
        .to_vec();
        // No styleIsolation in the json: Component()'s options decide, so both forms go.
        let files = project(r#"{"component":true}"#, "{}");
        assert_eq!(
            forms(&files).iter().filter(|p| **p != "app.wxss").count(),
            4
        );
        // Forms the json's value needs stay.
        let files = project(
            r#"{"component":true,"styleIsolation":"shared"}"#,
            r#"{"styleIsolation":"page-isolated"}"#,
        );
        assert_eq!(
            forms(&files)
                .into_iter()
                .filter(|p| p != "app.wxss")
                .collect::<Vec<_>>(),
            both[1..]
        );
        // apply-shared and isolated components never take the shared form; shared pages
        // never take the isolated one.
        for (component, page) in [("apply-shared", "shared"), ("isolated", "page-shared")] {
            let files = project(
                &format!(r#"{{"component":true,"styleIsolation":"{component}"}}"#),
                &format!(r#"{{"styleIsolation":"{page}"}}"#),
            );
            let kept = forms(&files);
            assert!(
                !kept.iter().any(|p| p.contains('#')),
                "{component} {page}: {kept:?}"
            );
            assert!(kept.contains(&"comp/c.wxss".to_owned()));
        }
    }
}
