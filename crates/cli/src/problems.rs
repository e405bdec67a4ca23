//! The project's problems as the page lists them and the terminal prints them: one
//! record per problem, naming the file and, when known, the line and column, so the page
//! can show every broken file at once instead of failing on the first it loads.
//!
//! Warnings are problems too (`"severity": "warning"`): what WeChat's compiler accepts
//! but points out, such as a duplicate WXML attribute. The project runs with them; the
//! page lists them apart from errors, and live reload reloads past them.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::IgnoredAny;
use serde::Serialize;

use crate::bundle::BundleError;
use crate::compiled::{self, CompiledProject};
use crate::json_file;
use crate::project::APP_JSON;
use wxrt_core::project::{AppConfig, ConfigError, PageConfig};

/// One problem: `{"file": "pages/a/a.wxml", "line": 3 | null, "column": 7 | null,
/// "message": "…"}`, plus `"severity": "warning"` for a warning (an error has no
/// `severity`, as before warnings existed). Displays as a compiler prints it:
/// `file:line:column: message`, or `file: message` without a position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// The file, `/`-separated from the code root (`project.config.json` for the project
    /// file); empty when the problem names none.
    pub file: String,
    /// Line, from 1.
    pub line: Option<u32>,
    /// Column, from 1 (serde_json's count for JSON files).
    pub column: Option<u32>,
    /// What is wrong, without the file and position.
    pub message: String,
    /// Whether the project can run with it.
    #[serde(skip_serializing_if = "Severity::is_error")]
    pub severity: Severity,
}

/// How bad a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file does not compile (or cannot be read): the page cannot run it.
    Error,
    /// WeChat accepts it with a warning, and so does wxrt.
    Warning,
}

impl Severity {
    /// Whether it is [`Severity::Error`].
    #[must_use]
    pub fn is_error(&self) -> bool {
        *self == Self::Error
    }
}

impl Problem {
    /// Reads one of core's compile errors for the entry `path`. Core writes them
    /// `file:line:column: message` or `file: message`; the file may differ from `path`
    /// (a WXSS error inside an imported file names that file). Text in neither form is
    /// kept whole as the message of `path`.
    #[must_use]
    pub fn from_compile_error(path: &str, error: &str) -> Self {
        Self::from_compiler(path, error, Severity::Error)
    }

    /// Reads one of core's compile warnings for the entry `path`, written like its
    /// errors ([`Problem::from_compile_error`]).
    #[must_use]
    pub fn from_compile_warning(path: &str, warning: &str) -> Self {
        Self::from_compiler(path, warning, Severity::Warning)
    }

    fn from_compiler(path: &str, error: &str, severity: Severity) -> Self {
        let problem = located(error).unwrap_or_else(|| match error.split_once(": ") {
            // A file name has no spaces; a prefix with one is part of the message.
            Some((file, message)) if !file.is_empty() && !file.contains(char::is_whitespace) => {
                Self::unplaced(file, message)
            }
            _ => Self::unplaced(path, error),
        });
        Self {
            severity,
            ..problem
        }
    }

    /// Whether the page cannot run the project with it.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity.is_error()
    }

    /// The one problem of a project that cannot be read at all: the file the error
    /// names (empty when it names none) and the rest of its message.
    #[must_use]
    pub fn from_bundle_error(error: &BundleError) -> Self {
        let file = error.file();
        let text = error.to_string();
        let message = text
            .strip_prefix(&file)
            .and_then(|rest| rest.strip_prefix(": "))
            .unwrap_or(&text);
        Self::unplaced(&file, message)
    }

    /// A warning about a whole file (`project.config.json`).
    pub(crate) fn warning(file: &str, message: &str) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::unplaced(file, message)
        }
    }

    fn unplaced(file: &str, message: &str) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.to_owned(),
            severity: Severity::Error,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.file.is_empty() {
            f.write_str(&self.file)?;
            if let (Some(line), Some(column)) = (self.line, self.column) {
                write!(f, ":{line}:{column}")?;
            }
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

/// `file:line:column: message`, taking the first `:line:column: ` in the text so a
/// message that quotes positions of its own stays whole.
fn located(error: &str) -> Option<Problem> {
    error.match_indices(':').find_map(|(at, _)| {
        let file = &error[..at];
        let rest = &error[at + 1..];
        let (line, rest) = rest.split_once(':')?;
        let (column, message) = rest.split_once(": ")?;
        let number = |text: &str| {
            (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u32>().ok())
                .flatten()
        };
        let (line, column) = (number(line)?, number(column)?);
        (!file.is_empty()).then(|| Problem {
            file: file.to_owned(),
            line: Some(line),
            column: Some(column),
            message: message.to_owned(),
            severity: Severity::Error,
        })
    })
}

/// Every problem of a project's code files, sorted by file then position, each once:
/// the compile errors and warnings in `compiled`, a missing `app.json`, and each `.json`
/// file that is not JSON (a page or component configuration the page would fail to read),
/// and the warnings of `app` (app.json as checked, [`crate::launch::checked_app`]) and its
/// pages' `.json`.
#[must_use]
pub fn of_files(
    files: &BTreeMap<String, String>,
    compiled: &CompiledProject,
    app: Option<&AppConfig>,
) -> Vec<Problem> {
    let mut problems: Vec<Problem> = compiled
        .errors()
        .map(|(path, error)| Problem::from_compile_error(path, error))
        .collect();
    problems.extend(
        compiled
            .warnings()
            .map(|(path, warning)| Problem::from_compile_warning(path, warning)),
    );
    problems.extend(undeclared_tags(files));
    if !files.contains_key(APP_JSON) {
        problems.push(Problem::unplaced(
            APP_JSON,
            "missing: the code root needs one listing the pages",
        ));
    }
    problems.extend(
        files
            .iter()
            .filter(|(path, _)| path.ends_with(".json"))
            .filter_map(|(path, text)| bad_json(path, text)),
    );
    problems.extend(config_warnings(files, app));
    problems.sort();
    // Pages that import one broken WXSS file each report it.
    problems.dedup();
    problems
}

/// A warning for each value of `app.json` and the pages' `.json` that WeChat runs with
/// all the same (an undocumented keyword), as core reads them; their errors are the
/// page's to report, when it launches.
fn config_warnings(files: &BTreeMap<String, String>, app: Option<&AppConfig>) -> Vec<Problem> {
    let Some(app) = app else {
        return Vec::new();
    };
    let read = |path: &str| {
        files
            .get(path)
            .and_then(|text| json_file::config_value(text.as_bytes()))
    };
    let pages = app.pages.iter().filter_map(|route| {
        let file = format!("{route}.json");
        let value = read(&file)?;
        PageConfig::from_value(&value, &file).ok()
    });
    let page_warnings: Vec<ConfigError> = pages.flat_map(|page| page.warnings).collect();
    app.warnings
        .iter()
        .cloned()
        .chain(page_warnings)
        .map(|warning| Problem {
            message: format!("{} {}", warning.path, warning.kind),
            file: warning.file,
            line: None,
            column: None,
            severity: Severity::Warning,
        })
        .collect()
}

/// A warning for each tag a page or component of the project's own (not a package's in
/// `miniprogram_npm/`) uses without declaring it ([`wxrt_core::wxml::undeclared_tags`]):
/// what it can use is its `usingComponents` and `componentGenerics`, and `app.json`'s
/// global `usingComponents`. A configuration that does not parse is left out: that is
/// its own problem.
fn undeclared_tags(files: &BTreeMap<String, String>) -> Vec<Problem> {
    let names = |config: &serde_json::Value, key: &str| -> Vec<String> {
        config
            .get(key)
            .and_then(serde_json::Value::as_object)
            .map(|members| members.keys().cloned().collect())
            .unwrap_or_default()
    };
    let global = compiled::json(files, APP_JSON)
        .map(|app| names(&app, "usingComponents"))
        .unwrap_or_default();
    let mut bases = compiled::pages(files);
    bases.extend(compiled::components(files));
    bases.sort();
    bases.dedup();
    let mut problems = Vec::new();
    for base in bases.iter().filter(|b| !b.starts_with("miniprogram_npm/")) {
        let path = format!("{base}.wxml");
        let Some(source) = files.get(&path) else {
            continue;
        };
        let config_path = format!("{base}.json");
        let mut declared = global.clone();
        if files.contains_key(&config_path) {
            let Some(config) = compiled::json(files, &config_path) else {
                continue;
            };
            declared.extend(names(&config, "usingComponents"));
            declared.extend(names(&config, "componentGenerics"));
        }
        let declared: Vec<&str> = declared.iter().map(String::as_str).collect();
        problems.extend(
            wxrt_core::wxml::undeclared_tags(&path, source, &declared)
                .into_iter()
                .map(|warning| Problem {
                    file: warning.file,
                    line: Some(warning.line),
                    column: Some(warning.column),
                    message: warning.message,
                    severity: Severity::Warning,
                }),
        );
    }
    problems
}

/// The problem of a `.json` file that does not parse, at serde_json's position.
fn bad_json(path: &str, text: &str) -> Option<Problem> {
    let text = text.strip_prefix(json_file::BOM).unwrap_or(text);
    let err = serde_json::from_str::<IgnoredAny>(text).err()?;
    let position = |n: usize| u32::try_from(n).ok();
    Some(Problem {
        file: path.to_owned(),
        line: position(err.line()),
        column: position(err.column()),
        message: format!("bad JSON: {}", json_file::message_of(&err)),
        severity: Severity::Error,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{of_files, Problem, Severity};
    use crate::compiled;

    fn problem(file: &str, line: Option<u32>, column: Option<u32>, message: &str) -> Problem {
        Problem {
            file: file.to_owned(),
            line,
            column,
            message: message.to_owned(),
            severity: Severity::Error,
        }
    }

    #[test]
    fn located_errors_split_into_file_position_and_message() {
        assert_eq!(
            Problem::from_compile_error(
                "pages/a/a.wxml",
                "pages/a/a.wxml:3:7: expected `}}` (at 1:2: here)"
            ),
            problem(
                "pages/a/a.wxml",
                Some(3),
                Some(7),
                "expected `}}` (at 1:2: here)"
            )
        );
        // An error inside an imported file names that file.
        assert_eq!(
            Problem::from_compile_error("pages/a/a.wxss", "common/base.wxss:12:1: unclosed {"),
            problem("common/base.wxss", Some(12), Some(1), "unclosed {")
        );
    }

    #[test]
    fn unlocated_errors_keep_their_file() {
        assert_eq!(
            Problem::from_compile_error("app.wxss", "styles/x.wxss: cannot import: not found"),
            problem("styles/x.wxss", None, None, "cannot import: not found")
        );
        assert_eq!(
            Problem::from_compile_error("a.js", "something broke: badly"),
            problem("a.js", None, None, "something broke: badly")
        );
        assert_eq!(
            Problem::from_compile_error("a.js", "plain"),
            problem("a.js", None, None, "plain")
        );
    }

    #[test]
    fn displays_like_a_compiler() {
        assert_eq!(
            problem("a.wxml", Some(1), Some(2), "bad").to_string(),
            "a.wxml:1:2: bad"
        );
        assert_eq!(
            problem("a.wxml", None, None, "bad").to_string(),
            "a.wxml: bad"
        );
        assert_eq!(problem("", None, None, "bad").to_string(), "bad");
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect()
    }

    /// The problems of `files` as a bundle build finds them, app.json checked.
    fn problems_of(
        files: &BTreeMap<String, String>,
        compiled: &compiled::CompiledProject,
    ) -> Vec<Problem> {
        of_files(files, compiled, crate::launch::checked_app(files).as_ref())
    }

    #[test]
    fn json_files_that_do_not_parse_are_problems_at_their_position() {
        let files = files(&[
            ("app.json", "{\"pages\": [}"),
            ("pages/a/a.json", "\u{feff}{}"),
            ("pages/b/b.json", "{\n  \"usingComponents\": {,}\n}"),
            ("pages/b/b.wxml", "<view>{{ a + }}</view>"),
        ]);
        let problems = problems_of(&files, &compiled::compile(&files));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(
            problems[0],
            problem("app.json", Some(1), Some(12), "bad JSON: expected value")
        );
        assert_eq!(
            problems[1],
            problem(
                "pages/b/b.json",
                Some(2),
                Some(23),
                "bad JSON: key must be a string"
            )
        );
        assert_eq!(problems[2].file, "pages/b/b.wxml");
        assert_eq!(problems[2].line, Some(1));
        assert!(problems[2].column.is_some(), "{problems:?}");
    }

    #[test]
    fn a_missing_app_json_is_a_problem() {
        let without = files(&[("pages/a/a.js", "Page({})")]);
        assert_eq!(
            problems_of(&without, &compiled::compile(&without)),
            [problem(
                "app.json",
                None,
                None,
                "missing: the code root needs one listing the pages"
            )]
        );
        let with = files(&[("app.json", "{\"pages\": []}")]);
        assert_eq!(problems_of(&with, &compiled::compile(&with)), []);
    }

    #[test]
    fn undocumented_config_keywords_are_warnings() {
        // A real music app's app.json: `"navigationBarTextStyle": "#fff"`.
        let files = files(&[
            (
                "app.json",
                r##"{"pages": ["pages/a/a"], "window": {"navigationBarTextStyle": "#fff"}}"##,
            ),
            ("pages/a/a.js", "Page({})"),
            ("pages/a/a.json", r#"{"navigationStyle": "fancy"}"#),
        ]);
        let warning = |file: &str, message: &str| Problem {
            severity: Severity::Warning,
            ..problem(file, None, None, message)
        };
        assert_eq!(
            problems_of(&files, &compiled::compile(&files)),
            [
                warning(
                    "app.json",
                    r##"["window"]["navigationBarTextStyle"] should be "black" or "white", got "#fff": ignored, the default applies"##
                ),
                warning(
                    "pages/a/a.json",
                    r#"["navigationStyle"] should be "default" or "custom", got "fancy": ignored, the default applies"#
                ),
            ]
        );
    }

    #[test]
    fn stylesheet_warnings_are_problems_too() {
        let files = files(&[
            ("app.json", r#"{"pages": ["pages/a/a"]}"#),
            ("pages/a/a.wxml", "<view/>"),
            ("pages/a/a.wxss", ".a{}\n@import \"/b.wxss\"\n.c{}"),
            ("b.wxss", ".b{}"),
        ]);
        let compiled = compiled::compile(&files);
        let warning = Problem {
            severity: Severity::Warning,
            ..problem(
                "pages/a/a.wxss",
                Some(2),
                Some(1),
                "@import without `;`: it ends with its line, as WeChat reads it",
            )
        };
        assert_eq!(problems_of(&files, &compiled), [warning]);
        let bundle = serde_json::to_value(&compiled).unwrap();
        assert_eq!(bundle["wxss"]["pages/a/a.wxss"]["scope"], "p1");
        assert!(bundle["wxss"]["pages/a/a.wxss"]["css"]
            .as_str()
            .is_some_and(|css| css.contains(".b{}")));
    }

    #[test]
    fn compile_warnings_are_problems_with_a_severity() {
        let files = files(&[
            ("app.json", r#"{"pages": ["pages/a/a"]}"#),
            (
                "pages/a/a.wxml",
                "<view>\n  <text a=\"1\" a=\"2\"/>\n</view>",
            ),
        ]);
        let problems = problems_of(&files, &compiled::compile(&files));
        let warning = Problem {
            severity: Severity::Warning,
            ..problem(
                "pages/a/a.wxml",
                Some(2),
                Some(15),
                "duplicate attribute `a`: the first value is used",
            )
        };
        assert_eq!(problems, std::slice::from_ref(&warning));
        assert!(!warning.is_error());
        assert_eq!(
            serde_json::to_value(&warning).unwrap(),
            serde_json::json!({"file": "pages/a/a.wxml", "line": 2, "column": 15,
                "message": "duplicate attribute `a`: the first value is used",
                "severity": "warning"})
        );
        // Errors keep the shape they had before warnings existed.
        let error = problem("a.wxml", Some(1), Some(1), "bad");
        assert!(error.is_error());
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            serde_json::json!({"file": "a.wxml", "line": 1, "column": 1, "message": "bad"})
        );
    }

    #[test]
    fn undeclared_tags_of_the_projects_own_files_are_warnings() {
        let files = files(&[
            (
                "app.json",
                r#"{"pages": ["pages/a/a"], "usingComponents": {"g-tag": "/c/g"}}"#,
            ),
            (
                "pages/a/a.json",
                r#"{"usingComponents": {"my-card": "/c/card"}}"#,
            ),
            (
                "pages/a/a.wxml",
                "<my-card/><g-tag/><view>\n <my-crad/><my-crad/></view>\n\
                 <template name=\"t\"><in-template/></template>",
            ),
            (
                "c/card.json",
                r#"{"component": true, "componentGenerics": {"item": true}}"#,
            ),
            ("c/card.wxml", "<item/><slot/><other/>"),
            // A package's files are the package's business.
            ("miniprogram_npm/ui/x.json", r#"{"component": true}"#),
            ("miniprogram_npm/ui/x.wxml", "<undeclared/>"),
        ]);
        let warnings: Vec<String> = problems_of(&files, &compiled::compile(&files))
            .iter()
            .inspect(|p| assert_eq!(p.severity, Severity::Warning))
            .map(ToString::to_string)
            .collect();
        let tail = "is not a built-in component and not in `usingComponents`: it renders as an element without behaviour";
        assert_eq!(
            warnings,
            [
                format!("c/card.wxml:1:15: `<other>` {tail}"),
                format!("pages/a/a.wxml:2:2: `<my-crad>` {tail}"),
            ]
        );
    }

    /// The UI libraries installed as devDependencies, read as if they were the project's
    /// own components: every tag they use is built in or declared, so the list of
    /// built-in components misses none they rely on.
    #[test]
    fn library_components_use_no_undeclared_tags() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../node_modules");
        for library in [
            "tdesign-miniprogram/miniprogram_dist",
            "@vant/weapp/lib",
            "weui-miniprogram/miniprogram_dist",
        ] {
            let dir = root.join(library);
            if !dir.is_dir() {
                println!("skipped: {} is absent", dir.display());
                continue;
            }
            let mut files = BTreeMap::new();
            files.insert("app.json".to_owned(), "{\"pages\": []}".to_owned());
            let mut folders = vec![dir.clone()];
            while let Some(folder) = folders.pop() {
                for entry in std::fs::read_dir(&folder).unwrap() {
                    let path = entry.unwrap().path();
                    let name = path
                        .strip_prefix(&dir)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    if path.is_dir() {
                        folders.push(path);
                    } else if name.ends_with(".wxml") || name.ends_with(".json") {
                        files.insert(name, std::fs::read_to_string(&path).unwrap());
                    }
                }
            }
            let components = compiled::components(&files).len();
            assert!(components > 20, "{library}: only {components} components");
            let found = super::undeclared_tags(&files);
            assert!(found.is_empty(), "{library}: {found:#?}");
        }
    }

    #[test]
    fn one_broken_import_is_reported_once() {
        let files = files(&[
            ("app.json", r#"{"pages": ["pages/a/a", "pages/b/b"]}"#),
            ("common.wxss", ".x {"),
            ("pages/a/a.wxss", "@import \"/common.wxss\";"),
            ("pages/b/b.wxss", "@import \"/common.wxss\";"),
        ]);
        let problems = problems_of(&files, &compiled::compile(&files));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].file, "common.wxss");
    }
}
