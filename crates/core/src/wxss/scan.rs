//! Reading WXSS text: one file's characters with a position, and the scanner that copies
//! a stretch of it (a selector, a declaration, an at-rule prelude) into compact CSS.
//!
//! The scanner is where comments disappear, whitespace collapses, strings and `url(…)`
//! pass through untouched, and (in declarations) `rpx` lengths are converted. Everything
//! structural (`{`, `}`, `;`) is left to the caller, which decides what a stretch means.

use super::error::{line_column, WxssError};
use super::rpx;

/// One WXSS file being read.
pub(crate) struct Source<'s> {
    /// The file's project-relative path, for error locations.
    pub path: &'s str,
    text: &'s str,
    /// Byte offset of the next character to read.
    pub at: usize,
}

/// An open bracket inside a scanned stretch.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `(`; `math` inside `calc()`, `min()`, `max()` or `clamp()`, where a bare `0` is a
    /// number rather than a length and so cannot stand for `0rpx`.
    Paren {
        math: bool,
    },
    Square,
    Curly,
}

impl<'s> Source<'s> {
    pub fn new(path: &'s str, text: &'s str) -> Self {
        Self { path, text, at: 0 }
    }

    fn bytes(&self) -> &'s [u8] {
        self.text.as_bytes()
    }

    /// The byte at the cursor, if any.
    pub fn peek(&self) -> Option<u8> {
        self.bytes().get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes().get(self.at + ahead).copied()
    }

    /// The end of the line the byte `from` is on: the offset of its `\n`, or of the end.
    pub fn line_end(&self, from: usize) -> usize {
        self.bytes()
            .get(from..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(self.text.len(), |n| from + n)
    }

    /// The text from byte `from` to byte `to`, as written.
    pub fn slice(&self, from: usize, to: usize) -> &'s str {
        self.text.get(from..to).unwrap_or("")
    }

    /// Moves past one byte; callers only step over ASCII this way.
    pub fn bump(&mut self) {
        self.at += 1;
    }

    /// The text from `start` to the cursor. Both are always on character boundaries
    /// (tokens end at ASCII or after a whole run of non-ASCII bytes), so the fallback
    /// never shows; it only keeps a slip from becoming a panic.
    fn since(&self, start: usize) -> &'s str {
        self.text.get(start..self.at).unwrap_or("")
    }

    /// An error at byte `offset` of this file.
    pub fn error(&self, offset: usize, message: impl Into<String>) -> WxssError {
        let (line, column) = line_column(self.text, offset);
        WxssError {
            file: self.path.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    /// Skips whitespace and comments between rules.
    pub fn skip_space(&mut self) -> Result<(), WxssError> {
        loop {
            match self.peek() {
                Some(byte) if is_space(byte) => self.bump(),
                Some(b'/') if self.peek_at(1) == Some(b'*') => self.skip_comment()?,
                _ => return Ok(()),
            }
        }
    }

    /// Reads an at-rule name (after the `@`).
    pub fn name(&mut self) -> &'s str {
        let start = self.at;
        while self.peek().is_some_and(is_name_byte) {
            self.bump();
        }
        self.since(start)
    }

    /// Copies text up to (not including) the first of `stops` outside brackets and
    /// strings, and returns it with the stop found (`None` at the end of the file).
    ///
    /// `}` always stops when no `{` of the stretch is open, and `{` when it is a stop,
    /// even inside an unclosed `(`: a stray parenthesis then spoils one rule, not the rest
    /// of the file. With `convert_rpx`, `rpx` and `vh` lengths become CSS (see [`rpx`]).
    pub fn scan(
        &mut self,
        stops: &[u8],
        convert_rpx: bool,
    ) -> Result<(String, Option<u8>), WxssError> {
        let mut out = String::new();
        let mut open: Vec<Open> = Vec::new();
        loop {
            let Some(byte) = self.peek() else {
                return Ok((trimmed(out), None));
            };
            match byte {
                b'/' if self.peek_at(1) == Some(b'*') => {
                    self.skip_comment()?;
                    // `a/**/b` is two words, not `ab`.
                    if out.bytes().last().is_some_and(is_name_byte)
                        && self.peek().is_some_and(is_name_byte)
                    {
                        out.push(' ');
                    }
                }
                b'"' | b'\'' => out.push_str(self.string()?),
                _ if is_space(byte) => {
                    while self.peek().is_some_and(is_space) {
                        self.bump();
                    }
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                b'{' if stops.contains(&b'{') && !open.contains(&Open::Curly) => {
                    return Ok((trimmed(out), Some(b'{')));
                }
                b'}' => {
                    let Some(curly) = open.iter().rposition(|&o| o == Open::Curly) else {
                        return Ok((trimmed(out), Some(b'}')));
                    };
                    open.truncate(curly);
                    self.bump();
                    out.push('}');
                }
                b';' if open.is_empty() && stops.contains(&b';') => {
                    return Ok((trimmed(out), Some(b';')));
                }
                b'(' | b'[' | b'{' => {
                    open.push(match byte {
                        b'(' => Open::Paren {
                            math: in_math(&open),
                        },
                        b'[' => Open::Square,
                        _ => Open::Curly,
                    });
                    self.bump();
                    out.push(char::from(byte));
                }
                b')' | b']' => {
                    let matches = match open.last() {
                        Some(Open::Paren { .. }) => byte == b')',
                        Some(Open::Square) => byte == b']',
                        _ => false,
                    };
                    if matches {
                        open.pop();
                    }
                    self.bump();
                    out.push(char::from(byte));
                }
                b'#' => {
                    let start = self.at;
                    self.bump();
                    self.skip_name();
                    out.push_str(self.since(start));
                }
                _ if self.at_number() => {
                    let start = self.at;
                    self.skip_number();
                    let number = self.since(start);
                    let unit_start = self.at;
                    if self.peek() == Some(b'%') {
                        self.bump();
                    } else if self.at_name() {
                        self.skip_name();
                    }
                    let unit = self.since(unit_start);
                    if let Some(variable) = rpx::variable_of(unit).filter(|_| convert_rpx) {
                        rpx::write_length(number, variable, in_math(&open), &mut out);
                    } else {
                        out.push_str(number);
                        out.push_str(unit);
                    }
                }
                _ if self.at_name() => {
                    let start = self.at;
                    self.skip_name();
                    let name = self.since(start);
                    out.push_str(name);
                    if self.peek() == Some(b'(') {
                        if name.eq_ignore_ascii_case("url") && self.unquoted_url_follows() {
                            out.push_str(self.url(start)?);
                        } else {
                            open.push(Open::Paren {
                                math: in_math(&open) || is_math_function(name),
                            });
                            self.bump();
                            out.push('(');
                        }
                    }
                }
                _ => {
                    // Only ASCII reaches here: non-ASCII bytes start names.
                    self.bump();
                    out.push(char::from(byte));
                }
            }
        }
    }

    fn skip_comment(&mut self) -> Result<(), WxssError> {
        let start = self.at;
        match self.text.get(start + 2..).and_then(|rest| rest.find("*/")) {
            Some(end) => {
                self.at = start + 2 + end + 2;
                Ok(())
            }
            None => Err(self.error(start, "unterminated comment")),
        }
    }

    /// Reads a quoted string, escapes and all, and returns it as written.
    fn string(&mut self) -> Result<&'s str, WxssError> {
        let start = self.at;
        let quote = self.peek();
        self.bump();
        loop {
            match self.peek() {
                None | Some(b'\n' | b'\r' | b'\x0c') => {
                    return Err(self.error(start, "unterminated string"));
                }
                Some(b'\\') => {
                    // An escaped line break continues the string; `\r\n` is one break.
                    self.at += if self.bytes().get(self.at + 1..self.at + 3) == Some(b"\r\n") {
                        3
                    } else {
                        2
                    };
                    self.at = self.at.min(self.text.len());
                }
                byte if byte == quote => {
                    self.bump();
                    return Ok(self.since(start));
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// Whether the `(` at the cursor opens an unquoted URL (`url(a.png)`), which CSS
    /// reads as one token up to `)`: `;`, `//` and `/*` inside it are part of the address.
    fn unquoted_url_follows(&self) -> bool {
        let rest = self.bytes().get(self.at + 1..).unwrap_or_default();
        let first = rest.iter().find(|&&byte| !is_space(byte));
        !matches!(first, Some(b'"' | b'\'') | None)
    }

    /// Reads `(…)` of an unquoted `url(`; the name started at `start`.
    fn url(&mut self, start: usize) -> Result<&'s str, WxssError> {
        let open = self.at;
        let rest = self.bytes().get(open..).unwrap_or_default();
        match rest.iter().position(|&byte| byte == b')') {
            Some(close) => {
                self.at = open + close + 1;
                Ok(self.since(open))
            }
            None => Err(self.error(start, "unterminated url(")),
        }
    }

    /// Whether a number starts at the cursor: `5`, `.5`, `-5`, `+.5`.
    fn at_number(&self) -> bool {
        let digit = |ahead| {
            self.peek_at(ahead)
                .is_some_and(|byte: u8| byte.is_ascii_digit())
        };
        let dot_digit = |ahead| self.peek_at(ahead) == Some(b'.') && digit(ahead + 1);
        match self.peek() {
            Some(b'+' | b'-') => digit(1) || dot_digit(1),
            _ => digit(0) || dot_digit(0),
        }
    }

    /// Skips a number: sign, digits, fraction, exponent (`1e3`, not the `e` of `1em`).
    fn skip_number(&mut self) {
        let digits = |source: &mut Self| {
            while source.peek().is_some_and(|byte| byte.is_ascii_digit()) {
                source.bump();
            }
        };
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.bump();
        }
        digits(self);
        if self.peek() == Some(b'.') && self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) {
            self.bump();
            digits(self);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            let sign = usize::from(matches!(self.peek_at(1), Some(b'+' | b'-')));
            if self.peek_at(1 + sign).is_some_and(|b| b.is_ascii_digit()) {
                self.at += 1 + sign;
                digits(self);
            }
        }
    }

    /// Whether a CSS name (identifier) starts at the cursor.
    fn at_name(&self) -> bool {
        match self.peek() {
            Some(b'-') => self
                .peek_at(1)
                .is_some_and(|next| next == b'-' || is_name_start(next)),
            Some(byte) => is_name_start(byte),
            None => false,
        }
    }

    /// Skips name characters and escapes (`\:`).
    fn skip_name(&mut self) {
        loop {
            match self.peek() {
                Some(b'\\') => {
                    self.bump();
                    if self
                        .peek()
                        .is_some_and(|byte| !matches!(byte, b'\n' | b'\r'))
                    {
                        self.bump();
                    }
                }
                Some(byte) if is_name_byte(byte) => self.bump(),
                _ => return,
            }
        }
    }
}

/// Whether the innermost open parenthesis belongs to a math function.
fn in_math(open: &[Open]) -> bool {
    matches!(open.last(), Some(Open::Paren { math: true }))
}

fn is_math_function(name: &str) -> bool {
    let name = name
        .strip_prefix("-webkit-")
        .or_else(|| name.strip_prefix("-moz-"))
        .unwrap_or(name);
    ["calc", "min", "max", "clamp"]
        .iter()
        .any(|math| name.eq_ignore_ascii_case(math))
}

fn trimmed(mut text: String) -> String {
    if text.ends_with(' ') {
        text.pop();
    }
    text
}

pub(crate) fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Letters, `_`, an escape, or any non-ASCII byte (CSS names may hold any of those).
pub(crate) fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || matches!(byte, b'_' | b'\\') || byte >= 0x80
}

pub(crate) fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-') || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str, stops: &[u8], rpx: bool) -> (String, Option<u8>) {
        Source::new("a.wxss", text).scan(stops, rpx).unwrap()
    }

    #[test]
    fn collapses_space_and_drops_comments() {
        assert_eq!(
            scan("  a \n\t b /* c */ d{", b"{", false),
            ("a b d".into(), Some(b'{'))
        );
        assert_eq!(scan("a/**/b", b"{", false).0, "a b");
        assert_eq!(scan(".a/**/.b", b"{", false).0, ".a.b");
    }

    #[test]
    fn keeps_strings_and_urls() {
        let text = r#"url(data:a;b) "x;/*y*/" url( "q;" );"#;
        assert_eq!(
            scan(text, b";}", true),
            (r#"url(data:a;b) "x;/*y*/" url( "q;" )"#.into(), Some(b';'))
        );
    }

    #[test]
    fn stops_only_outside_brackets() {
        assert_eq!(scan("a(;)b;c", b";}", false), ("a(;)b".into(), Some(b';')));
        assert_eq!(scan("x{y}z}", b";}", false), ("x{y}z".into(), Some(b'}')));
        assert_eq!(
            scan("calc(1px}", b";}", false),
            ("calc(1px".into(), Some(b'}'))
        );
        assert_eq!(scan("abc", b";}", false), ("abc".into(), None));
    }

    #[test]
    fn locates_unterminated_tokens() {
        let error = |text| Source::new("a.wxss", text).scan(b"{", false).unwrap_err();
        assert_eq!(
            error("a\n  /* x").to_string(),
            "a.wxss:2:3: unterminated comment"
        );
        assert_eq!(
            error("a 'x\n'").to_string(),
            "a.wxss:1:3: unterminated string"
        );
        assert_eq!(error("url(x").to_string(), "a.wxss:1:1: unterminated url(");
    }
}
