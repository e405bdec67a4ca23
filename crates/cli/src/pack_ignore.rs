//! `packOptions.ignore` of `project.config.json`: what DevTools leaves out of the package
//! it previews and uploads, so it is not part of the app here either (a mock server's
//! folder, docs, SCSS sources beside their compiled WXSS).
//!
//! Each rule is `{"type": …, "value": …}`, compared without regard to case, paths from the
//! code root (`miniprogramRoot`), as DevTools documents them:
//!
//! | type     | leaves out                                             |
//! |----------|--------------------------------------------------------|
//! | `folder` | the folder at that path, and everything in it          |
//! | `file`   | the file at that path                                  |
//! | `suffix` | files whose path ends with the value (`.md`)           |
//! | `prefix` | files whose name starts with the value (`test-`)       |
//! | `regexp` | files whose path the regular expression finds a match in |
//! | `glob`   | files whose path the glob matches (`docs/**/*.js`)     |

use globset::{Glob, GlobBuilder, GlobMatcher};
use regex::{Regex, RegexBuilder};
use serde_json::Value;

/// The compiled rules; none when the config has no `packOptions.ignore`.
#[derive(Debug, Clone, Default)]
pub struct PackIgnore {
    rules: Vec<Rule>,
    /// The rules as written, `(type, value)`, which is what two sets compare by.
    written: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
enum Rule {
    Folder(String),
    File(String),
    Suffix(String),
    Prefix(String),
    Regexp(Regex),
    Glob(GlobMatcher),
}

impl PartialEq for PackIgnore {
    fn eq(&self, other: &Self) -> bool {
        self.written == other.written
    }
}

impl Eq for PackIgnore {}

/// A path as the rules compare it: lower case, `/`-separated, without `./` or a leading
/// or trailing `/`.
fn normalize(path: &str) -> String {
    path.trim()
        .replace('\\', "/")
        .trim_start_matches("./")
        .trim_matches('/')
        .to_lowercase()
}

impl PackIgnore {
    /// Reads `packOptions.ignore` from the config object; a rule that cannot be used is
    /// an error naming it (`packOptions.ignore[2]: bad regexp: …`).
    pub fn from_config(config: &serde_json::Map<String, Value>) -> Result<Self, String> {
        let Some(list) = config.get("packOptions").and_then(|p| p.get("ignore")) else {
            return Ok(Self::default());
        };
        let Some(list) = list.as_array() else {
            return Err("packOptions.ignore should be an Array".to_owned());
        };
        let mut ignore = Self::default();
        for (i, item) in list.iter().enumerate() {
            let at = format!("packOptions.ignore[{i}]");
            let text = |key: &str| {
                item.get(key)
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("{at}.{key} should be a String"))
            };
            let (kind, value) = (text("type")?, text("value")?);
            let rule = match kind {
                "folder" => Rule::Folder(normalize(value)),
                "file" => Rule::File(normalize(value)),
                "suffix" => Rule::Suffix(value.to_lowercase()),
                "prefix" => Rule::Prefix(value.to_lowercase()),
                "regexp" => Rule::Regexp(
                    RegexBuilder::new(value)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| format!("{at}: bad regexp {value:?}: {e}"))?,
                ),
                "glob" => Rule::Glob(
                    GlobBuilder::new(&normalize(value))
                        .case_insensitive(true)
                        .literal_separator(true)
                        .build()
                        .map(|glob: Glob| glob.compile_matcher())
                        .map_err(|e| format!("{at}: bad glob {value:?}: {e}"))?,
                ),
                other => {
                    return Err(format!(
                        "{at}.type should be \"folder\", \"file\", \"suffix\", \"prefix\", \
                         \"regexp\" or \"glob\", got {other:?}"
                    ))
                }
            };
            ignore.rules.push(rule);
            ignore.written.push((kind.to_owned(), value.to_owned()));
        }
        Ok(ignore)
    }

    /// Whether there are no rules: nothing is left out.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Whether the folder at `path` (from the code root) is left out whole.
    pub fn skips_folder(&self, path: &str) -> bool {
        let path = normalize(path);
        self.rules.iter().any(|rule| match rule {
            Rule::Folder(folder) => path == *folder || path.starts_with(&format!("{folder}/")),
            _ => false,
        })
    }

    /// Whether the file at `path` (from the code root) is left out.
    pub fn skips_file(&self, path: &str) -> bool {
        let path = normalize(path);
        let name = path.rsplit('/').next().unwrap_or(&path);
        self.rules.iter().any(|rule| match rule {
            Rule::Folder(folder) => path.starts_with(&format!("{folder}/")),
            Rule::File(file) => path == *file,
            Rule::Suffix(suffix) => path.ends_with(suffix.as_str()),
            Rule::Prefix(prefix) => name.starts_with(prefix.as_str()),
            Rule::Regexp(regex) => regex.is_match(&path),
            Rule::Glob(glob) => glob.is_match(&path),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(json: &str) -> Result<PackIgnore, String> {
        let config: serde_json::Map<String, Value> = serde_json::from_str(json).unwrap();
        PackIgnore::from_config(&config)
    }

    #[test]
    fn each_kind_of_rule_leaves_out_what_devtools_does() {
        let ignore = rules(
            r#"{"packOptions": {"ignore": [
                {"type": "folder", "value": "./Simplest-Mock-Server/"},
                {"type": "file", "value": "gulpfile.js"},
                {"type": "suffix", "value": ".MD"},
                {"type": "prefix", "value": "test-"},
                {"type": "regexp", "value": "\\.scss$"},
                {"type": "glob", "value": "docs/**/*.js"}
            ]}}"#,
        )
        .unwrap();
        for skipped in [
            "simplest-mock-server/example/a.json",
            "gulpfile.js",
            "pages/readme.md",
            "utils/test-helpers.js",
            "styles/ui.scss",
            "docs/a/b.js",
        ] {
            assert!(ignore.skips_file(skipped), "{skipped}");
        }
        for kept in [
            "simplest-mock-server-2/a.json",
            "pages/gulpfile.js",
            "pages/index/index.wxss",
            "utils/latest-helpers.js",
            "docs.js",
            "docs/a/b.json",
        ] {
            assert!(!ignore.skips_file(kept), "{kept}");
        }
        assert!(ignore.skips_folder("simplest-mock-server"));
        assert!(ignore.skips_folder("Simplest-Mock-Server/example"));
        assert!(!ignore.skips_folder("docs"));
    }

    #[test]
    fn no_rules_leave_out_nothing_and_bad_rules_say_which() {
        assert!(!rules("{}").unwrap().skips_file("a.js"));
        assert!(!rules(r#"{"packOptions": {}}"#).unwrap().skips_file("a.js"));
        assert_eq!(
            rules(r#"{"packOptions": {"ignore": {}}}"#).unwrap_err(),
            "packOptions.ignore should be an Array"
        );
        assert_eq!(
            rules(r#"{"packOptions": {"ignore": [{"type": "folder"}]}}"#).unwrap_err(),
            "packOptions.ignore[0].value should be a String"
        );
        assert!(
            rules(r#"{"packOptions": {"ignore": [{"type": "regexp", "value": "("}]}}"#)
                .unwrap_err()
                .starts_with("packOptions.ignore[0]: bad regexp \"(\": ")
        );
        assert_eq!(
            rules(r#"{"packOptions": {"ignore": [{"type": "dir", "value": "a"}]}}"#).unwrap_err(),
            "packOptions.ignore[0].type should be \"folder\", \"file\", \"suffix\", \"prefix\", \
             \"regexp\" or \"glob\", got \"dir\""
        );
    }
}
