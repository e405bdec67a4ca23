//! Tokens of a WXML expression: numbers, strings, names and JavaScript punctuators.

use super::number::{decimal_literal, is_js_space, radix_to_number};
use super::ExprError;

/// One token and the byte offset where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) kind: Tok,
    pub(crate) at: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    Number(f64),
    Str(String),
    Name(String),
    Punct(&'static str),
    End,
}

/// Longest first, so `===` wins over `==` and `...` over `.`.
const PUNCTUATORS: [&str; 34] = [
    "...", "===", "!==", "==", "!=", "<=", ">=", "&&", "||", "??", "(", ")", "[", "]", "{", "}",
    ",", ".", ":", "?", "!", "~", "+", "-", "*", "/", "%", "<", ">", "=", ";", "&", "|", "^",
];

pub(crate) fn is_name_start(c: char) -> bool {
    // Non-ASCII letters are allowed as JavaScript allows them; without Unicode tables
    // every non-ASCII character that is not a space counts.
    c.is_ascii_alphabetic() || c == '_' || c == '$' || (!c.is_ascii() && !is_js_space(c))
}

pub(crate) fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit()
}

/// Splits `text` into tokens, ending with [`Tok::End`].
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, ExprError> {
    let mut tokens = Vec::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if is_js_space(c) {
            pos += c.len_utf8();
            continue;
        }
        let at = pos;
        let rest = &text[pos..];
        let kind = if c.is_ascii_digit() || (c == '.' && next_is_digit(rest)) {
            let (value, used) = number(rest).map_err(|message| ExprError::new(at, message))?;
            pos += used;
            if rest[used..].chars().next().is_some_and(is_name_char) {
                return Err(ExprError::new(
                    pos,
                    "a name cannot start right after a number",
                ));
            }
            Tok::Number(value)
        } else if c == '\'' || c == '"' {
            let (value, used) = string(rest, at)?;
            pos += used;
            Tok::Str(value)
        } else if is_name_start(c) {
            let end = rest.find(|c| !is_name_char(c)).unwrap_or(rest.len());
            pos += end;
            Tok::Name(rest[..end].into())
        } else if let Some(p) = PUNCTUATORS.iter().find(|p| rest.starts_with(**p)) {
            pos += p.len();
            Tok::Punct(p)
        } else {
            return Err(ExprError::new(at, format!("unexpected character `{c}`")));
        };
        tokens.push(Token { kind, at });
    }
    tokens.push(Token {
        kind: Tok::End,
        at: text.len(),
    });
    Ok(tokens)
}

fn next_is_digit(rest: &str) -> bool {
    rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit)
}

/// A numeric literal at the start of `rest`: `12`, `1.5`, `.5`, `1e-3`, `0x1F`, `0o17`,
/// `0b101`.
fn number(rest: &str) -> Result<(f64, usize), &'static str> {
    let bytes = rest.as_bytes();
    if bytes.len() > 1 && bytes[0] == b'0' {
        let radix = match bytes[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            let digits = &rest[2..];
            let end = digits
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(digits.len());
            return radix_to_number(&digits[..end], radix)
                .map(|value| (value, 2 + end))
                .ok_or("malformed number");
        }
    }
    decimal_literal(rest).ok_or("malformed number")
}

/// A string literal at the start of `rest` (quote included): its value and length.
fn string(rest: &str, at: usize) -> Result<(String, usize), ExprError> {
    let mut chars = rest.char_indices();
    let quote = chars.next().map(|(_, c)| c);
    let mut value = String::new();
    let unterminated = || ExprError::new(at, "unterminated string");
    // A high surrogate from `\uD83D` waiting for its low half.
    let mut pending_high: Option<u32> = None;
    while let Some((i, c)) = chars.next() {
        if Some(c) == quote {
            flush_surrogate(&mut value, &mut pending_high);
            return Ok((value, i + 1));
        }
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => return Err(unterminated()),
            '\\' => {
                let (j, escaped) = chars.next().ok_or_else(unterminated)?;
                let escape_at = at + i;
                let unit = match escaped {
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'v' => Some('\u{b}'),
                    '0' if !rest[j + 1..].starts_with(|c: char| c.is_ascii_digit()) => Some('\0'),
                    '1'..='9' | '0' => {
                        return Err(ExprError::new(
                            escape_at,
                            "octal escapes are not allowed in strings",
                        ))
                    }
                    // A backslash before a line break continues the string.
                    '\n' | '\u{2028}' | '\u{2029}' => None,
                    '\r' => {
                        if rest[j + 1..].starts_with('\n') {
                            chars.next();
                        }
                        None
                    }
                    'x' => {
                        let code = hex_digits(&rest[j + 1..], 2)
                            .ok_or_else(|| ExprError::new(escape_at, "malformed \\x escape"))?;
                        chars.nth(1);
                        push_code(&mut value, &mut pending_high, code);
                        continue;
                    }
                    'u' => {
                        let after = &rest[j + 1..];
                        let (code, used) = if let Some(braced) = after.strip_prefix('{') {
                            let end = braced.find('}').unwrap_or(usize::MAX);
                            let code = braced
                                .get(..end)
                                .filter(|d| !d.is_empty() && d.len() <= 6)
                                .and_then(|d| hex_digits(d, d.len()))
                                .filter(|&code| code <= 0x10ffff);
                            (code, end.saturating_add(2))
                        } else {
                            (hex_digits(after, 4), 4)
                        };
                        let code =
                            code.ok_or_else(|| ExprError::new(escape_at, "malformed \\u escape"))?;
                        for _ in 0..used {
                            chars.next();
                        }
                        push_code(&mut value, &mut pending_high, code);
                        continue;
                    }
                    other => Some(other),
                };
                flush_surrogate(&mut value, &mut pending_high);
                if let Some(unit) = unit {
                    value.push(unit);
                }
            }
            _ => {
                flush_surrogate(&mut value, &mut pending_high);
                value.push(c);
            }
        }
    }
    Err(unterminated())
}

fn hex_digits(text: &str, count: usize) -> Option<u32> {
    let digits = text.get(..count)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// Appends the code point or UTF-16 unit `code`, pairing surrogates written as two
/// `\u` escapes. A surrogate without its partner becomes U+FFFD: Rust strings cannot
/// hold it.
fn push_code(value: &mut String, pending_high: &mut Option<u32>, code: u32) {
    if (0xdc00..0xe000).contains(&code) {
        if let Some(high) = pending_high.take() {
            let combined = 0x10000 + ((high - 0xd800) << 10) + (code - 0xdc00);
            value.push(char::from_u32(combined).unwrap_or('\u{fffd}'));
            return;
        }
    }
    flush_surrogate(value, pending_high);
    if (0xd800..0xdc00).contains(&code) {
        *pending_high = Some(code);
    } else {
        value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
}

fn flush_surrogate(value: &mut String, pending_high: &mut Option<u32>) {
    if pending_high.take().is_some() {
        value.push('\u{fffd}');
    }
}
