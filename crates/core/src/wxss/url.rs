//! `url(…)` in declarations. A compiled stylesheet is applied by the page document, not
//! from its file's folder, so a project file a WXSS file names (an icon font beside a
//! component, `/assets/bg.png`) is rewritten to its path from the project root, where
//! the dev server serves it: `url(./t.woff)` in `components/icon/icon.wxss` becomes
//! `url(/components/icon/t.woff)`. `//cdn/x` becomes `https://cdn/x` (WeChat's pages are
//! https, a browser page on http would otherwise ask the CDN over http); `data:`,
//! `https:` and other URLs with a scheme, and `#fragment`s, are kept. A path above the
//! project root is kept as written.

use super::import;
use super::selector::string_end;

/// `value` (a declaration, already scanned) with its `url(…)`s rewritten for the
/// stylesheet at `file`.
pub(crate) fn rewrite(value: &str, file: &str) -> String {
    if !value.to_ascii_lowercase().contains("url(") {
        return value.to_string();
    }
    let bytes = value.as_bytes();
    let mut out = String::with_capacity(value.len() + 16);
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'\'' => at = string_end(bytes, at),
            b'\\' => at += 2,
            b'u' | b'U' if starts_url(value, at) => {
                let open = at + 4;
                let Some((inner, close)) = argument(value, open) else {
                    break;
                };
                out.push_str(value.get(copied..open).unwrap_or(""));
                out.push_str(&target(inner, file));
                copied = close;
                at = close;
            }
            _ => at += 1,
        }
    }
    out.push_str(value.get(copied..).unwrap_or(""));
    out
}

/// Whether `url(` starts at `at`, as a function name and not the end of a longer one.
fn starts_url(value: &str, at: usize) -> bool {
    let head = value.get(at..at + 4).unwrap_or("");
    let before = at
        .checked_sub(1)
        .and_then(|b| value.as_bytes().get(b).copied());
    head.eq_ignore_ascii_case("url(")
        && !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The text between `url(` (ending at `open`) and its `)`, and where the `)` is.
fn argument(value: &str, open: usize) -> Option<(&str, usize)> {
    let bytes = value.as_bytes();
    let mut at = open;
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'\'' => at = string_end(bytes, at),
            b'\\' => at += 2,
            b')' => return Some((value.get(open..at)?, at)),
            _ => at += 1,
        }
    }
    None
}

/// The rewritten inside of one `url(…)`, quotes kept as written.
fn target(inner: &str, file: &str) -> String {
    let trimmed = inner.trim();
    let (quote, url) = match trimmed.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) if trimmed.len() >= 2 && trimmed.ends_with(char::from(q)) => (
            Some(char::from(q)),
            trimmed.get(1..trimmed.len() - 1).unwrap_or(""),
        ),
        _ => (None, trimmed),
    };
    let Some(rewritten) = project_url(url, file) else {
        return inner.to_string();
    };
    match quote {
        Some(q) => format!("{q}{rewritten}{q}"),
        None => rewritten,
    }
}

/// What `url` becomes, or `None` to keep it.
fn project_url(url: &str, file: &str) -> Option<String> {
    if let Some(rest) = url.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    let scheme = url
        .find(':')
        .is_some_and(|colon| !url.get(..colon).unwrap_or("").contains('/'));
    if url.is_empty() || scheme || url.starts_with('#') {
        return None;
    }
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(split);
    let resolved = import::resolve_file(file, path)?;
    Some(format!("/{resolved}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_project_files_and_keeps_the_rest() {
        let file = "components/icon/icon.wxss";
        let cases = [
            ("src:url(t.woff)", "src:url(/components/icon/t.woff)"),
            (
                "src:url('./t.woff?v=1#x') format('woff')",
                "src:url('/components/icon/t.woff?v=1#x') format('woff')",
            ),
            (
                "background:URL( \"../../img/a b.png\" )",
                "background:URL(\"/img/a b.png\")",
            ),
            ("background:url(/img/a.png)", "background:url(/img/a.png)"),
            ("src:url(//cdn.x/t.woff2)", "src:url(https://cdn.x/t.woff2)"),
            (
                "src:url(data:font/woff;base64,AA==)",
                "src:url(data:font/woff;base64,AA==)",
            ),
            ("src:url(https://x/t.ttf)", "src:url(https://x/t.ttf)"),
            ("fill:url(#g)", "fill:url(#g)"),
            ("content:'url(a)'", "content:'url(a)'"),
            ("mask:myurl(a)", "mask:myurl(a)"),
            ("src:url(../../../x.ttf)", "src:url(../../../x.ttf)"),
            ("src:url(a", "src:url(a"),
        ];
        for (value, expected) in cases {
            assert_eq!(rewrite(value, file), expected, "{value}");
        }
    }
}
