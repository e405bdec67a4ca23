//! `@import`: which file a rule names, resolved the way WeChat resolves it.
//!
//! `@import "common.wxss";`, `@import 'common';` and `@import url(common.wxss);` are
//! relative to the importing file, `@import "/styles/base.wxss";` to the project root;
//! `.wxss` is added when missing.

/// The file an `@import` prelude names, and whatever follows it (a media query, usually
/// nothing). `None` when the prelude does not start with a string or `url(…)`.
pub(crate) fn target(prelude: &str) -> Option<(&str, &str)> {
    let prelude = prelude.trim();
    if let Some(quoted) = quoted(prelude) {
        return Some(quoted);
    }
    let head = prelude.get(..4)?;
    if !head.eq_ignore_ascii_case("url(") {
        return None;
    }
    let inside = prelude.get(4..)?.trim_start();
    match quoted(inside) {
        Some((file, rest)) => {
            let rest = rest.trim_start().strip_prefix(')')?;
            Some((file, rest))
        }
        None => {
            let close = inside.find(')')?;
            Some((inside.get(..close)?.trim_end(), inside.get(close + 1..)?))
        }
    }
}

/// A leading `"…"` or `'…'`: its content and the text after it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = text.get(1..)?;
    let mut escaped = false;
    for (at, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            _ if c == quote => return Some((body.get(..at)?, body.get(at + 1..)?)),
            _ => {}
        }
    }
    None
}

/// The project-relative path `target` names from the file `importer`; `None` when it
/// leaves the project (`../` above the root) or names no file.
pub(crate) fn resolve(importer: &str, target: &str) -> Option<String> {
    let mut path = resolve_file(importer, target)?;
    if !path.ends_with(".wxss") {
        path.push_str(".wxss");
    }
    Some(path)
}

/// The project-relative path of a file (any kind) `target` names from the file
/// `importer`: relative to its folder, or to the project root with a leading `/`.
pub(crate) fn resolve_file(importer: &str, target: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    if !target.starts_with('/') {
        segments.extend(importer.split('/'));
        segments.pop();
    }
    normalize_onto(segments, target)
}

/// `path` without `.` and `..` segments, doubled slashes or a leading `/`.
pub(crate) fn normalize(path: &str) -> Option<String> {
    normalize_onto(Vec::new(), path)
}

fn normalize_onto<'a>(mut segments: Vec<&'a str>, path: &'a str) -> Option<String> {
    segments.retain(|segment| !matches!(*segment, "" | "."));
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            _ => segments.push(segment),
        }
    }
    (!segments.is_empty()).then(|| segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_spelling() {
        let cases = [
            (r#""a.wxss""#, Some(("a.wxss", ""))),
            ("'a'", Some(("a", ""))),
            ("url(a.wxss)", Some(("a.wxss", ""))),
            ("URL( 'a b.wxss' )", Some(("a b.wxss", ""))),
            (r#""a" screen"#, Some(("a", " screen"))),
            ("a.wxss", None),
            (r#""a"#, None),
            ("url(a", None),
        ];
        for (prelude, expected) in cases {
            assert_eq!(target(prelude), expected, "{prelude}");
        }
    }

    #[test]
    fn resolves_against_the_importer() {
        let cases = [
            ("pages/a/a.wxss", "b", Some("pages/a/b.wxss")),
            ("pages/a/a.wxss", "./b.wxss", Some("pages/a/b.wxss")),
            ("pages/a/a.wxss", "../../common/c", Some("common/c.wxss")),
            ("pages/a/a.wxss", "/common/c.wxss", Some("common/c.wxss")),
            ("app.wxss", "../x", None),
            ("app.wxss", "", None),
        ];
        for (importer, target, expected) in cases {
            assert_eq!(resolve(importer, target).as_deref(), expected, "{target}");
        }
    }
}
