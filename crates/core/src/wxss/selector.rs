//! Selectors: WXML tag names become the runtime's custom elements (`view` → `wx-view`),
//! and class names are scoped so one page's or component's styles do not reach another
//! (WeChat's style isolation).
//!
//! Works on text the scanner has already cleaned: no comments, whitespace collapsed,
//! strings intact.

use super::scan::{is_name_byte, is_name_start, is_space};
use super::Scope;

/// Pseudo-classes whose argument is itself a selector list, rewritten like the rest.
const SELECTOR_PSEUDOS: [&str; 7] = [
    "not",
    "is",
    "where",
    "has",
    "matches",
    "-webkit-any",
    "-moz-any",
];

/// Rewrites a selector list (`view, .a > .b`) for `scope`.
pub(crate) fn rewrite(list: &str, scope: Scope<'_>) -> String {
    let mut out = String::new();
    write_list(list, scope, true, &mut out);
    out
}

/// `top`: a selector of a rule, as opposed to one inside `:not(…)`; only those get the
/// page prefix.
fn write_list(list: &str, scope: Scope<'_>, top: bool, out: &mut String) {
    for (i, selector) in split_commas(list).into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_complex(selector.trim(), scope, top, out);
    }
}

/// Splits at commas outside brackets and strings.
fn split_commas(list: &str) -> Vec<&str> {
    let bytes = list.as_bytes();
    let mut parts = Vec::new();
    let (mut depth, mut start, mut at) = (0usize, 0, 0);
    while at < bytes.len() {
        match bytes[at] {
            b'"' | b'\'' => at = string_end(bytes, at) - 1,
            b'\\' => at += 1,
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => {
                parts.push(list.get(start..at).unwrap_or(""));
                start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    parts.push(list.get(start..).unwrap_or(""));
    parts
}

/// One complex selector: compounds joined by combinators.
fn write_complex(selector: &str, scope: Scope<'_>, top: bool, out: &mut String) {
    let bytes = selector.as_bytes();
    let mut body = String::new();
    let mut has_page = false;
    let mut space = false;
    let mut after_combinator = false;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if is_space(byte) {
            space = true;
            at += 1;
            continue;
        }
        if matches!(byte, b'>' | b'+' | b'~') {
            body.push(char::from(byte));
            (space, after_combinator) = (false, true);
            at += 1;
            continue;
        }
        if space && !body.is_empty() && !after_combinator {
            body.push(' ');
        }
        (space, after_combinator) = (false, false);
        at = write_simple(selector, at, scope, &mut body, &mut has_page);
    }
    if let (Some(sheet), true, false, false) = (scope.confined_to(), top, has_page, body.is_empty())
    {
        out.push_str(":where(wx-page");
        push_sheet_attribute(sheet, out);
        out.push_str(") ");
    }
    out.push_str(&body);
}

/// `[wxrt-sheets~="<sheet>"]`: the page roots `sheet` is confined to.
fn push_sheet_attribute(sheet: &str, out: &mut String) {
    out.push('[');
    out.push_str(super::SHEETS_ATTRIBUTE);
    out.push_str("~=\"");
    out.push_str(sheet);
    out.push_str("\"]");
}

/// Writes the simple selector at `at` and returns where the next one starts.
fn write_simple(
    selector: &str,
    at: usize,
    scope: Scope<'_>,
    out: &mut String,
    has_page: &mut bool,
) -> usize {
    let bytes = selector.as_bytes();
    let text = |from: usize, to: usize| selector.get(from..to).unwrap_or("");
    match bytes[at] {
        b'.' => {
            let end = name_end(bytes, at + 1);
            out.push('.');
            if end > at + 1 {
                write_class(text(at + 1, end), scope, out);
            }
            end
        }
        b'#' => {
            let end = name_end(bytes, at + 1);
            out.push_str(text(at, end));
            end
        }
        b'[' => {
            let end = close_end(bytes, at, b'[', b']');
            out.push_str(text(at, end));
            end
        }
        b':' => write_pseudo(selector, at, scope, out),
        byte if is_name_start(byte)
            || (byte == b'-'
                && bytes
                    .get(at + 1)
                    .is_some_and(|&b| b == b'-' || is_name_start(b))) =>
        {
            let end = name_end(bytes, at);
            let name = text(at, end);
            if name.eq_ignore_ascii_case("page") {
                *has_page = true;
                out.push_str("wx-page");
                if let Some(sheet) = scope.confined_to() {
                    // `:where` keeps `page` as light as a type selector, as in WeChat.
                    out.push_str(":where(");
                    push_sheet_attribute(sheet, out);
                    out.push(')');
                }
            } else {
                out.push_str("wx-");
                out.push_str(name);
            }
            end
        }
        byte => {
            // `*`, `|`, `&` and anything unexpected pass through. Only ASCII gets here.
            out.push(char::from(byte));
            at + 1
        }
    }
}

/// `:hover`, `::after`, `:nth-child(2n+1)`, `:not(.a)`, `:host`.
fn write_pseudo(selector: &str, at: usize, scope: Scope<'_>, out: &mut String) -> usize {
    let bytes = selector.as_bytes();
    let colons = if bytes.get(at + 1) == Some(&b':') {
        2
    } else {
        1
    };
    let name_start = at + colons;
    let name_end = name_end(bytes, name_start);
    let name = selector.get(name_start..name_end).unwrap_or("");
    let has_argument = bytes.get(name_end) == Some(&b'(');
    let end = if has_argument {
        close_end(bytes, name_end, b'(', b')')
    } else {
        name_end
    };
    // Between the parentheses; the closing one may be missing at the end of the text.
    let argument = || {
        let close = if bytes.get(end - 1) == Some(&b')') && end - 1 > name_end {
            end - 1
        } else {
            end
        };
        selector.get(name_end + 1..close).unwrap_or("")
    };
    match scope.host() {
        Some(host) if colons == 1 && name.eq_ignore_ascii_case("host") => {
            // The host element carries the class `<scope>-host`. A type selector in
            // `:host(view)` must come before the class.
            let mut inner = String::new();
            if has_argument {
                write_complex(argument().trim(), scope, false, &mut inner);
            }
            let (before, after) = match inner.bytes().next() {
                Some(first) if is_name_byte(first) => (inner.as_str(), ""),
                _ => ("", inner.as_str()),
            };
            out.push_str(before);
            out.push('.');
            out.push_str(host);
            out.push_str("-host");
            out.push_str(after);
        }
        _ if colons == 1
            && has_argument
            && SELECTOR_PSEUDOS
                .iter()
                .any(|pseudo| name.eq_ignore_ascii_case(pseudo)) =>
        {
            out.push_str(selector.get(at..name_end + 1).unwrap_or(""));
            write_list(argument(), scope, false, out);
            out.push(')');
        }
        _ => out.push_str(selector.get(at..end).unwrap_or("")),
    }
    end
}

fn write_class(name: &str, scope: Scope<'_>, out: &mut String) {
    if let Some(prefix) = scope.class_prefix() {
        out.push_str(prefix);
        out.push_str("--");
    }
    out.push_str(name);
}

/// The end of the name (with escapes) starting at `at`.
fn name_end(bytes: &[u8], mut at: usize) -> usize {
    while let Some(&byte) = bytes.get(at) {
        if byte == b'\\' {
            at = (at + 2).min(bytes.len());
        } else if is_name_byte(byte) {
            at += 1;
        } else {
            break;
        }
    }
    at
}

/// The end (after the closer) of the bracket opened at `at`, skipping strings and
/// nested pairs; the end of the text if it is never closed.
fn close_end(bytes: &[u8], at: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    let mut at = at;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' | b'\'' => at = string_end(bytes, at) - 1,
            b'\\' => at += 1,
            _ if byte == open => depth += 1,
            _ if byte == close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

/// The end (after the closing quote) of the string opening at `at`.
pub(super) fn string_end(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut at = at + 1;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' => at += 2,
            _ if byte == quote => return at + 1,
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lists_outside_brackets() {
        assert_eq!(split_commas("a, b"), ["a", " b"]);
        assert_eq!(
            split_commas(":is(a,b),[x=','],c"),
            [":is(a,b)", "[x=',']", "c"]
        );
    }

    #[test]
    fn finds_closers_past_strings() {
        assert_eq!(close_end(b"[a=']'] b", 0, b'[', b']'), 7);
        assert_eq!(close_end(b"(a(b)c) d", 0, b'(', b')'), 7);
        assert_eq!(close_end(b"(a", 0, b'(', b')'), 2);
    }
}
