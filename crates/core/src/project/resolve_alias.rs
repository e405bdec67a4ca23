//! app.json's `resolveAlias`: what a module path names when it starts with an alias.
//!
//! WeChat's `require` (and an ES `import`, which DevTools compiles to one) resolves a path
//! from the requiring file's folder, a leading `/` included: `/utils/a` in
//! `pages/index/index.js` is `pages/index/utils/a.js`. Reaching the root takes an alias:
//! `"resolveAlias": { "@/*": "/*" }` makes `@/utils/a` the root's `utils/a`. Key and value
//! end with `/*`; the longest key that matches wins; the value names a path from the root
//! with or without its leading `/` (WeChat's `app.json` reference, `resolveAlias`, and
//! DevTools' compiler in the `miniprogram-ci` package: `resolveJsFromAlias`, and
//! `resolvePath` for a `.js` request, which drops a leading `/` and joins the rest to the
//! requiring file's folder).
//!
//! ```
//! use wxrt_core::project::{ConfigValue, ResolveAlias};
//!
//! let app_json = ConfigValue::object([(
//!     "resolveAlias",
//!     ConfigValue::object([
//!         ("~/*", "/*".into()),
//!         ("~/origin/*", "origin/*".into()),
//!         ("@utils/*", "utils/*".into()),
//!     ]),
//! )]);
//! let alias = ResolveAlias::of_app_json(&app_json);
//! assert_eq!(alias.map("~/mod.js").as_deref(), Some("mod.js"));
//! assert_eq!(alias.map("~/origin/mod.js").as_deref(), Some("origin/mod.js"));
//! assert_eq!(alias.map("@utils/a/b").as_deref(), Some("utils/a/b"));
//! assert_eq!(alias.map("../utils/mod.js"), None);
//! ```

use super::check::{owned, Member, Report};
use super::error::{ConfigErrorKind, PathProblem};
use super::value::ConfigValue;

/// The key in `app.json`.
pub const RESOLVE_ALIAS: &str = "resolveAlias";

const WILDCARD: &str = "/*";

/// The aliases of one app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolveAlias {
    /// `(key, value)` as written, each without its trailing `*`.
    prefixes: Vec<(String, String)>,
}

impl ResolveAlias {
    /// The path from the root that `request` names, when an alias matches it.
    pub fn map(&self, request: &str) -> Option<String> {
        // Plain loops, here and below: iterator adapters and a sort would add a kilobyte
        // to the page's wasm for the few aliases an app has.
        let mut best: Option<&(String, String)> = None;
        for pair in &self.prefixes {
            // The last of the longest: a key written twice means its last value, as
            // `JSON.parse` reads it.
            if request.starts_with(pair.0.as_str())
                && best.is_none_or(|b| pair.0.len() >= b.0.len())
            {
                best = Some(pair);
            }
        }
        let (key, value) = best?;
        let mut path = value.strip_prefix('/').unwrap_or(value).to_owned();
        path.push_str(request.get(key.len()..)?);
        Some(path)
    }

    /// `(key, value)` pairs as `app.json` writes them.
    pub fn entries(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.prefixes
            .iter()
            .map(|(key, value)| (format!("{key}*"), format!("{value}*")))
    }

    /// The valid aliases of a parsed `app.json`, leaving out what [`AppConfig`]'s check
    /// reports (for those who only follow paths, as the dev server's npm pruning).
    ///
    /// [`AppConfig`]: super::AppConfig
    pub fn of_app_json(app_json: &ConfigValue) -> Self {
        let members = app_json.get(RESOLVE_ALIAS).and_then(ConfigValue::as_object);
        Self::of_members(members.unwrap_or_default())
    }

    /// The valid aliases of a `resolveAlias` object's members (app.json's, or the launch
    /// config's); a value that is not a string is left out.
    pub fn of_members(members: &[(String, ConfigValue)]) -> Self {
        let pairs = members
            .iter()
            .map(|(key, value)| (key.as_str(), value.as_str().unwrap_or_default()));
        Self::of_pairs(pairs)
    }

    /// The aliases of `pairs` whose key and value end with `/*`.
    pub fn of_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut prefixes = Vec::new();
        for (key, value) in pairs {
            if let (Some(key), Some(value)) = (prefix(key), prefix(value)) {
                prefixes.push((owned(key), owned(value)));
            }
        }
        Self { prefixes }
    }
}

/// `text` without its `*`, if it ends with `/*`.
fn prefix(text: &str) -> Option<&str> {
    text.ends_with(WILDCARD).then(|| &text[..text.len() - 1])
}

/// Reads `resolveAlias` for `app.json`'s check, with DevTools' rules (its compiler's
/// `checkAppFields`): key and value end with `/*` and hold no `//`, and a value does not
/// start with `./`.
pub(crate) fn read_resolve_alias(report: &mut Report, member: &Member<'_>) -> ResolveAlias {
    let Some(map) = report.string_map(member) else {
        return ResolveAlias::default();
    };
    for (key, value) in &map {
        for problem in problems(key, false) {
            report.push(&member.path, bad_path(key, problem));
        }
        for problem in problems(value, true) {
            report.push(&member.path.key(key), bad_path(value, problem));
        }
    }
    ResolveAlias::of_pairs(map.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// What is wrong with a key (or, `is_value`, a value) of `resolveAlias`.
fn problems(text: &str, is_value: bool) -> Vec<PathProblem> {
    let mut found = Vec::new();
    if text.contains("//") {
        found.push(PathProblem::DoubleSlash);
    }
    if is_value && text.starts_with("./") {
        found.push(PathProblem::DotSlash);
    }
    if prefix(text).is_none() {
        found.push(PathProblem::NoWildcard);
    }
    found
}

fn bad_path(value: &str, problem: PathProblem) -> ConfigErrorKind {
    ConfigErrorKind::BadPath {
        value: owned(value),
        problem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(pairs: &[(&str, &str)]) -> ResolveAlias {
        ResolveAlias::of_pairs(pairs.iter().copied())
    }

    #[test]
    fn the_longest_matching_key_wins_whatever_the_order() {
        let alias = alias(&[
            ("~/*", "/*"),
            ("~/origin/*", "origin/*"),
            ("sub/*", "pkg/utils/*"),
        ]);
        assert_eq!(alias.map("~/origin/a").as_deref(), Some("origin/a"));
        assert_eq!(alias.map("~/a/b.js").as_deref(), Some("a/b.js"));
        assert_eq!(alias.map("sub/c").as_deref(), Some("pkg/utils/c"));
        assert_eq!(alias.map("subway/c"), None);
        assert_eq!(alias.map("./~/a"), None);
    }

    #[test]
    fn values_name_paths_from_the_root_with_or_without_a_slash() {
        let alias = alias(&[
            ("@/*", "/*"),
            ("@u/*", "/utils/*"),
            ("@c/*", "components/*"),
        ]);
        assert_eq!(alias.map("@/utils/a").as_deref(), Some("utils/a"));
        assert_eq!(alias.map("@u/a").as_deref(), Some("utils/a"));
        assert_eq!(alias.map("@c/x/x").as_deref(), Some("components/x/x"));
    }

    #[test]
    fn entries_without_the_wildcard_are_left_out() {
        let alias = alias(&[
            ("@/", "/*"),
            ("@u/*", "utils"),
            ("@c/*", "c/*"),
            ("@c/*", "d/*"),
        ]);
        assert_eq!(alias.map("@c/x").as_deref(), Some("d/x"));
        assert_eq!(alias.map("@u/x"), None);
        assert_eq!(alias.map("@/x"), None);
        let none = ResolveAlias::of_app_json(&ConfigValue::object([("pages", "x".into())]));
        assert_eq!(none, ResolveAlias::default());
    }

    #[test]
    fn app_json_check_names_each_entry_without_the_wildcard() {
        let app_json = ConfigValue::object([
            ("pages", vec!["pages/a/a"].into()),
            (
                RESOLVE_ALIAS,
                ConfigValue::object([
                    ("@/", "/*".into()),
                    ("@u/*", "utils".into()),
                    ("@c/*", 3.into()),
                    ("@d//*", "d/*".into()),
                    ("@e/*", "./e/*".into()),
                    ("@ok/*", "ok/*".into()),
                ]),
            ),
        ]);
        let errors = super::super::AppConfig::from_value(&app_json, &|_| true).unwrap_err();
        assert_eq!(
            errors.messages(),
            [
                r#"app.json: ["resolveAlias"]["@c/*"] should be String, got Number"#,
                r#"app.json: ["resolveAlias"] "@/" should end with "/*""#,
                r#"app.json: ["resolveAlias"]["@u/*"] "utils" should end with "/*""#,
                r#"app.json: ["resolveAlias"] "@d//*" should not contain "//""#,
                r#"app.json: ["resolveAlias"]["@e/*"] "./e/*" should not start with "./""#,
            ]
        );
        let fine = ConfigValue::object([
            ("pages", vec!["pages/a/a"].into()),
            (RESOLVE_ALIAS, ConfigValue::object([("@/*", "/*".into())])),
        ]);
        let app = super::super::AppConfig::from_value(&fine, &|_| true).unwrap();
        assert_eq!(app.resolve_alias.map("@/a").as_deref(), Some("a"));
    }
}
