//! Configuration problems, worded as WeChat DevTools words them: the file, the JSON
//! location, then what is wrong (`app.json: ["pages"] is required`).

use std::fmt;

use thiserror::Error;

/// Every problem found in one configuration file: key by key in a fixed order (`pages`,
/// `subpackages`, `entryPagePath`, `window`, `tabBar`, …), array items in order.
///
/// Validation never stops at the first problem, so a developer fixes them all in one go.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{}", Lines(.0))]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl ConfigErrors {
    /// Each problem's message, in order.
    pub fn messages(&self) -> Vec<String> {
        self.0.iter().map(ToString::to_string).collect()
    }
}

struct Lines<'a>(&'a [ConfigError]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// One problem: `app.json: ["tabBar"]["list"] should have 2 to 5 items, got 1`.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{file}: {path}{}{kind}", if path.is_empty() { "" } else { " " })]
pub struct ConfigError {
    /// The file, relative to the project root (`app.json`, `pages/index/index.json`).
    pub file: String,
    /// Where in the file, as DevTools prints it (`["tabBar"]["list"][0]`); empty for the
    /// whole file.
    pub path: String,
    /// What is wrong there.
    pub kind: ConfigErrorKind,
}

/// What is wrong at a location.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ConfigErrorKind {
    /// A required key is missing.
    #[error("is required")]
    Required,
    /// The value has the wrong JSON type.
    #[error("should be {expected}, got {actual}")]
    WrongType {
        /// What belongs there: `String`, `an Object`, `an Array of String`.
        expected: &'static str,
        /// The type found ([`super::ConfigValue::type_name`]).
        actual: &'static str,
    },
    /// A string outside the values WeChat accepts.
    #[error("should be {}, got {actual:?}", Alternatives(allowed))]
    NotOneOf {
        /// The accepted values.
        allowed: &'static [&'static str],
        /// The value found.
        actual: String,
    },
    /// A keyword outside the values WeChat documents, which it runs with all the same
    /// (a real music app writes `"navigationBarTextStyle": "#fff"`): a warning, and the
    /// default applies.
    #[error(
        "should be {}, got {actual:?}: ignored, the default applies",
        Alternatives(allowed)
    )]
    IgnoredNotOneOf {
        /// The accepted values.
        allowed: &'static [&'static str],
        /// The value found.
        actual: String,
    },
    /// A number outside the accepted range, or not a whole number where one is needed.
    #[error("should be a whole number from {min} to {max}, got {}", NumberText(*actual))]
    OutOfRange {
        /// Smallest accepted value.
        min: u64,
        /// Largest accepted value.
        max: u64,
        /// The value found.
        actual: f64,
    },
    /// An array or string that must not be empty is.
    #[error("should not be empty")]
    Empty,
    /// A URL that is not an absolute `http://` or `https://` URL with a host.
    #[error("{value:?} should be an http:// or https:// URL")]
    NotHttpUrl {
        /// The URL as written.
        value: String,
    },
    /// An array with too few or too many items.
    #[error("should have {min} to {max} items, got {actual}")]
    ItemCount {
        /// Fewest items accepted.
        min: usize,
        /// Most items accepted.
        max: usize,
        /// How many there are.
        actual: usize,
    },
    /// A page path or subpackage root that is not written the way WeChat expects.
    #[error("{value:?} {problem}")]
    BadPath {
        /// The path as written.
        value: String,
        /// What is wrong with it.
        problem: PathProblem,
    },
    /// A value that must be unique appears again.
    #[error("{value:?} duplicates {first}")]
    Duplicate {
        /// The repeated value as written.
        value: String,
        /// Where it first appears (`["pages"][0]`).
        first: String,
    },
    /// A page whose script is not in the project.
    #[error("{value:?} has no file {file}")]
    MissingFile {
        /// The page as written.
        value: String,
        /// The project file that should exist (`pages/logs/logs.js`).
        file: String,
    },
    /// A reference to a page the app does not declare.
    #[error("{value:?} is not in {list}")]
    NotInPages {
        /// The page as written.
        value: String,
        /// Where it should be declared (`["pages"]`).
        list: String,
    },
    /// A main-package page inside a subpackage's folder, which WeChat forbids.
    #[error("{value:?} is inside {root_path} {root:?}")]
    InsideSubpackage {
        /// The page as written.
        value: String,
        /// Where the enclosing root is declared (`["subpackages"][0]["root"]`).
        root_path: String,
        /// The enclosing root, without its trailing `/`.
        root: String,
    },
    /// A subpackage root nested in another's, or holding it.
    #[error("{value:?} overlaps {other_path} {other:?}")]
    OverlappingRoot {
        /// The root as written.
        value: String,
        /// Where the other root is declared (`["subpackages"][0]["root"]`).
        other_path: String,
        /// The other root, without its trailing `/`.
        other: String,
    },
    /// Two keys that mean the same thing are both present.
    #[error("cannot be used together with {other}")]
    Conflict {
        /// The other key (`["subpackages"]`).
        other: String,
    },
}

/// What is wrong with a page path (`pages/index/index`) or subpackage root.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PathProblem {
    /// Paths are relative to the project root.
    #[error("should not start with \"/\"")]
    LeadingSlash,
    /// Pages name a file stem; WeChat adds `.js`, `.wxml`, ….
    #[error("should not have a file extension")]
    Extension,
    /// A query (`?id=1`) belongs in a navigation URL, not in a page path.
    #[error("should not have a query")]
    Query,
    /// Empty, `.` or `..` segments, a trailing slash, or a backslash.
    #[error("should be a path like \"pages/index/index\"")]
    Malformed,
    /// A `resolveAlias` key or value: a prefix ending with `/*`.
    #[error("should end with \"/*\"")]
    NoWildcard,
    /// A `resolveAlias` key or value with an empty segment.
    #[error("should not contain \"//\"")]
    DoubleSlash,
    /// A `resolveAlias` value: a path from the root, not from the requiring file.
    #[error("should not start with \"./\"")]
    DotSlash,
}

/// `"a"`, `"a" or "b"`, `"a", "b" or "c"`.
struct Alternatives<'a>(&'a [&'a str]);

impl fmt::Display for Alternatives<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.0.len().saturating_sub(1);
        for (i, value) in self.0.iter().enumerate() {
            match i {
                0 => {}
                _ if i == last => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "{value:?}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(path: &str, kind: ConfigErrorKind) -> ConfigError {
        ConfigError {
            file: "app.json".into(),
            path: path.into(),
            kind,
        }
    }

    #[test]
    fn a_whole_file_problem_has_no_location() {
        let wrong = ConfigErrorKind::WrongType {
            expected: "an Object",
            actual: "Array",
        };
        assert_eq!(
            error("", wrong).to_string(),
            "app.json: should be an Object, got Array"
        );
        assert_eq!(
            error("[\"pages\"]", ConfigErrorKind::Required).to_string(),
            "app.json: [\"pages\"] is required"
        );
    }

    #[test]
    fn lists_alternatives_in_prose() {
        let kind = |allowed| ConfigErrorKind::NotOneOf {
            allowed,
            actual: "red".into(),
        };
        assert_eq!(kind(&["a"]).to_string(), "should be \"a\", got \"red\"");
        assert_eq!(
            kind(&["a", "b"]).to_string(),
            "should be \"a\" or \"b\", got \"red\""
        );
        assert_eq!(
            kind(&["a", "b", "c"]).to_string(),
            "should be \"a\", \"b\" or \"c\", got \"red\""
        );
    }

    #[test]
    fn joins_all_problems_with_newlines() {
        let errors = ConfigErrors(vec![
            error("[\"pages\"]", ConfigErrorKind::Required),
            error("[\"window\"]", ConfigErrorKind::Empty),
        ]);
        assert_eq!(
            errors.to_string(),
            "app.json: [\"pages\"] is required\napp.json: [\"window\"] should not be empty"
        );
    }
}

/// A JSON number as a developer wrote it, for the range errors above: whole numbers in
/// full, fractions to six decimals. Written out by hand because Rust's float formatting
/// would add about 20 KB to the wasm for this one message.
struct NumberText(f64);

impl fmt::Display for NumberText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const LIMIT: f64 = 1e18;
        let value = self.0;
        if value.is_nan() || value.abs() >= LIMIT {
            return f.write_str("a number beyond ±10^18");
        }
        if value < 0.0 {
            f.write_str("-")?;
        }
        // Exact: |value| < 10^18 fits u64, and the scaled fraction is below 10^6.
        let magnitude = value.abs();
        let whole = magnitude.trunc() as u64;
        let mut millionths = ((magnitude - magnitude.trunc()) * 1e6).round() as u64;
        let whole = if millionths == 1_000_000 {
            millionths = 0;
            whole + 1
        } else {
            whole
        };
        write!(f, "{whole}")?;
        if millionths > 0 {
            let digits = format!("{millionths:06}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod number_text_tests {
    use super::NumberText;

    #[test]
    fn prints_numbers_as_written() {
        let cases = [
            (-5.0, "-5"),
            (0.0, "0"),
            (1.5, "1.5"),
            (0.1, "0.1"),
            (-0.25, "-0.25"),
            (10_000_000_000.0, "10000000000"),
            (2.999_999_9, "3"),
            (4_294_967_296.0, "4294967296"),
            (1e21, "a number beyond ±10^18"),
            (-1e30, "a number beyond ±10^18"),
        ];
        for (value, text) in cases {
            assert_eq!(NumberText(value).to_string(), text, "{value}");
        }
    }
}
