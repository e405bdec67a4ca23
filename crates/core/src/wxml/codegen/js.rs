//! JavaScript source text for literals and names.

use crate::wxml::expr::number::number_to_string;
use crate::wxml::expr::Value;

/// Appends `text` as a double-quoted JavaScript string literal.
pub(crate) fn string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters, and the two line terminators JSON allows but old
            // JavaScript engines did not, as escapes.
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a primitive value as a JavaScript literal; `None` for arrays and objects,
/// which the caller writes out structurally.
pub(crate) fn primitive(out: &mut String, value: &Value) -> Option<()> {
    match value {
        Value::Undefined => out.push_str("undefined"),
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => number(out, *n),
        Value::String(s) => string(out, s),
        Value::Array(_) | Value::Object(_) => return None,
    }
    Some(())
}

/// Appends a number literal; negative ones (and `-0`) in parentheses so that no
/// operator before them can merge with the sign.
pub(crate) fn number(out: &mut String, value: f64) {
    if value == 0.0 && value.is_sign_negative() {
        out.push_str("(-0)");
    } else if value < 0.0 {
        out.push('(');
        out.push_str(&number_to_string(value));
        out.push(')');
    } else {
        // `NaN` and `Infinity` are the global names; strict mode cannot reassign them.
        out.push_str(&number_to_string(value));
    }
}

/// The JavaScript local of a loop variable: `v_` and the name, with every character that
/// is not an ASCII letter, digit or `_` written `$<hex>$`, so that no two names meet and
/// none is a keyword or one of the compiler's own locals.
pub(crate) fn local(name: &str) -> String {
    let mut out = String::from("v_");
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("${:x}$", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_literals() {
        let mut out = String::new();
        string(&mut out, "a\"b\\c\nd\u{1}\u{2028}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001\u2028é""#);
        for (value, text) in [
            (1.5, "1.5"),
            (-2.0, "(-2)"),
            (-0.0, "(-0)"),
            (1e21, "1e+21"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "(-Infinity)"),
        ] {
            let mut out = String::new();
            number(&mut out, value);
            assert_eq!(out, text);
        }
    }

    #[test]
    fn mangles_loop_variables() {
        assert_eq!(local("item"), "v_item");
        assert_eq!(local("$x"), "v_$24$x");
        assert_eq!(local("名"), "v_$540d$");
        assert_eq!(local("class"), "v_class");
    }
}
