//! A JavaScript tokenizer just precise enough to find module syntax: it knows where
//! strings, template literals, comments and regular expressions begin and end, and how
//! deeply each token is nested in brackets, and nothing about grammar beyond that.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A name or keyword.
    Ident,
    Number,
    /// `'…'` or `"…"`.
    String,
    /// A template literal, or the piece of one between interpolations: `` `a${ ``,
    /// `` }b${ ``, `` }c` ``.
    Template,
    Regex,
    /// Punctuation: one character, or `...`, `++`, `--`, `=>`.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Byte range in the source.
    pub start: usize,
    pub end: usize,
    /// Brackets (and template interpolations) open around the token. An opening bracket
    /// and its closing one have the same depth; top-level statements are at depth 0.
    pub depth: u32,
    /// Whether a line break separates the token from the one before.
    pub line_break: bool,
}

/// A place the tokenizer could not get past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LexError {
    pub offset: usize,
    pub message: &'static str,
}

/// Every token of the source up to the end, or up to the first error.
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub error: Option<LexError>,
}

/// Keywords after which `/` starts a regular expression rather than dividing.
pub(crate) const EXPRESSION_KEYWORDS: [&str; 15] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
    "extends",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Bracket(u8),
    /// `${` of a template literal: its `}` resumes the template.
    Template,
}

/// Splits `source` into tokens.
pub(crate) fn tokenize(source: &str) -> Lexed {
    let mut lexer = Lexer {
        source,
        bytes: source.as_bytes(),
        at: 0,
        open: Vec::new(),
        tokens: Vec::new(),
        line_break: false,
    };
    let error = lexer.run().err();
    Lexed {
        tokens: lexer.tokens,
        error,
    }
}

struct Lexer<'s> {
    source: &'s str,
    bytes: &'s [u8],
    at: usize,
    open: Vec<Open>,
    tokens: Vec<Token>,
    line_break: bool,
}

impl Lexer<'_> {
    fn run(&mut self) -> Result<(), LexError> {
        // A byte-order mark, then a hashbang line, are not code.
        if self.source.starts_with('\u{feff}') {
            self.at = 3;
        }
        if self.bytes.get(self.at..self.at + 2) == Some(b"#!") {
            self.skip_line();
        }
        while let Some(byte) = self.peek(0) {
            let start = self.at;
            match byte {
                b'\n' | b'\r' => {
                    self.line_break = true;
                    self.at += 1;
                }
                b' ' | b'\t' | b'\x0b' | b'\x0c' => self.at += 1,
                b'/' if self.peek(1) == Some(b'/') => self.skip_line(),
                b'/' if self.peek(1) == Some(b'*') => self.skip_block_comment()?,
                b'\'' | b'"' => {
                    self.string(byte)?;
                    self.push(Kind::String, start);
                }
                b'`' => {
                    self.at += 1;
                    self.template(start)?;
                }
                b'}' if self.open.last() == Some(&Open::Template) => {
                    self.open.pop();
                    self.at += 1;
                    self.template(start)?;
                }
                b'/' if self.regex_allowed() && self.regex() => self.push(Kind::Regex, start),
                b'0'..=b'9' => self.number(start),
                b'.' if self.peek(1).is_some_and(|b| b.is_ascii_digit()) => self.number(start),
                _ if byte >= 0x80 && self.char_here().is_some_and(is_js_space) => {
                    let c = self.char_here().unwrap_or(' ');
                    self.line_break |= matches!(c, '\u{2028}' | '\u{2029}');
                    self.at += c.len_utf8();
                }
                _ if is_ident_byte(byte) => {
                    self.skip_ident();
                    self.push(Kind::Ident, start);
                }
                _ => self.punct(byte, start),
            }
        }
        Ok(())
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// The character at the cursor, `None` off a character boundary.
    fn char_here(&self) -> Option<char> {
        self.source.get(self.at..)?.chars().next()
    }

    fn push(&mut self, kind: Kind, start: usize) {
        self.push_at(kind, start, self.open.len());
    }

    fn push_at(&mut self, kind: Kind, start: usize, depth: usize) {
        self.tokens.push(Token {
            kind,
            start,
            end: self.at,
            depth: u32::try_from(depth).unwrap_or(u32::MAX),
            line_break: std::mem::take(&mut self.line_break),
        });
    }

    fn error(&self, offset: usize, message: &'static str) -> LexError {
        LexError { offset, message }
    }

    fn skip_line(&mut self) {
        while self
            .peek(0)
            .is_some_and(|byte| !matches!(byte, b'\n' | b'\r'))
        {
            self.at += 1;
        }
    }

    fn skip_block_comment(&mut self) -> Result<(), LexError> {
        let start = self.at;
        let rest = self.source.get(start + 2..).unwrap_or("");
        let Some(end) = rest.find("*/") else {
            return Err(self.error(start, "unterminated comment"));
        };
        let comment = rest.get(..end).unwrap_or("");
        self.line_break |= comment.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
        self.at = start + 2 + end + 2;
        Ok(())
    }

    fn string(&mut self, quote: u8) -> Result<(), LexError> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek(0) {
                None | Some(b'\n' | b'\r') => return Err(self.error(start, "unterminated string")),
                Some(b'\\') => {
                    let crlf = self.bytes.get(self.at + 1..self.at + 3) == Some(b"\r\n");
                    self.at += if crlf { 3 } else { 2 };
                }
                Some(byte) => {
                    self.at += 1;
                    if byte == quote {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// Reads template text from the cursor (just past `` ` `` or the `}` ending an
    /// interpolation) to the closing `` ` `` or the next `${`.
    fn template(&mut self, start: usize) -> Result<(), LexError> {
        loop {
            match self.peek(0) {
                None => return Err(self.error(start, "unterminated template literal")),
                Some(b'\\') => self.at += 2,
                Some(b'`') => {
                    self.at += 1;
                    self.push(Kind::Template, start);
                    return Ok(());
                }
                Some(b'$') if self.peek(1) == Some(b'{') => {
                    self.at += 2;
                    self.push(Kind::Template, start);
                    self.open.push(Open::Template);
                    return Ok(());
                }
                Some(_) => self.at += 1,
            }
        }
    }

    /// Whether a `/` here starts a regular expression, judged by the token before: after
    /// a value (`a / b`, `f() / 2`) it divides; after an operator, `(`, `,`, `{`, `}`, a
    /// keyword like `return`, or at the start, it starts a regex.
    fn regex_allowed(&self) -> bool {
        let Some(previous) = self.tokens.last() else {
            return true;
        };
        let text = self.source.get(previous.start..previous.end).unwrap_or("");
        match previous.kind {
            Kind::Number | Kind::String | Kind::Regex => false,
            Kind::Template => !text.ends_with('`'),
            Kind::Ident => EXPRESSION_KEYWORDS.contains(&text),
            Kind::Punct => !matches!(text, ")" | "]" | "++" | "--"),
        }
    }

    /// Reads a regular expression literal if one starts here. A line break before its
    /// closing `/` means the guess was wrong (or the code is): the `/` is then read as
    /// division, and `false` returned with the cursor unmoved.
    fn regex(&mut self) -> bool {
        let start = self.at;
        let mut at = start + 1;
        let mut in_class = false;
        loop {
            match self.bytes.get(at) {
                None | Some(b'\n' | b'\r') => return false,
                Some(b'\\') => {
                    if matches!(self.bytes.get(at + 1), None | Some(b'\n' | b'\r')) {
                        return false;
                    }
                    at += 2;
                }
                Some(b'[') => {
                    in_class = true;
                    at += 1;
                }
                Some(b']') => {
                    in_class = false;
                    at += 1;
                }
                Some(b'/') if !in_class => break,
                Some(_) => at += 1,
            }
        }
        self.at = at + 1;
        while self.peek(0).is_some_and(is_ident_byte) {
            self.at += 1;
        }
        true
    }

    /// Reads a number: `12`, `.5`, `1e-3`, `0xff`, `1_000n`.
    fn number(&mut self, start: usize) {
        let hex = matches!(self.bytes.get(start..start + 2), Some(b"0x" | b"0X"));
        while let Some(byte) = self.peek(0) {
            let exponent_sign = matches!(byte, b'+' | b'-')
                && !hex
                && matches!(self.bytes.get(self.at - 1), Some(b'e' | b'E'));
            if byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.') || exponent_sign {
                self.at += 1;
            } else {
                break;
            }
        }
        self.push(Kind::Number, start);
    }

    fn skip_ident(&mut self) {
        while let Some(byte) = self.peek(0) {
            if byte >= 0x80 && self.char_here().is_some_and(is_js_space) {
                return;
            }
            if !is_ident_byte(byte) {
                return;
            }
            self.at += 1;
        }
    }

    fn punct(&mut self, byte: u8, start: usize) {
        let rest = self.bytes.get(start..).unwrap_or_default();
        let len = [&b"..."[..], b"++", b"--", b"=>"]
            .iter()
            .find(|multi| rest.starts_with(multi))
            .map_or(1, |multi| multi.len());
        self.at += len;
        match byte {
            b'(' | b'[' | b'{' => {
                self.push(Kind::Punct, start);
                self.open.push(Open::Bracket(byte));
            }
            b')' | b']' | b'}' => {
                let opener = match byte {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if self.open.last() == Some(&Open::Bracket(opener)) {
                    self.open.pop();
                }
                self.push(Kind::Punct, start);
            }
            _ => self.push(Kind::Punct, start),
        }
    }
}

/// Name characters: letters, digits, `$`, `_`, `\` (of `\u0061`), and non-ASCII.
fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'$' | b'_' | b'\\') || byte >= 0x80
}

/// Non-ASCII whitespace and line terminators (no-break space, BOM, U+2028, …).
fn is_js_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<(Kind, &str, u32)> {
        let lexed = tokenize(source);
        assert_eq!(lexed.error, None, "{source}");
        lexed
            .tokens
            .iter()
            .map(|t| (t.kind, &source[t.start..t.end], t.depth))
            .collect()
    }

    #[test]
    fn tells_regex_from_division() {
        use Kind::*;
        assert_eq!(
            kinds("a / b / c"),
            [
                (Ident, "a", 0),
                (Punct, "/", 0),
                (Ident, "b", 0),
                (Punct, "/", 0),
                (Ident, "c", 0)
            ]
        );
        assert_eq!(
            kinds("x = /export}/g"),
            [(Ident, "x", 0), (Punct, "=", 0), (Regex, "/export}/g", 0)]
        );
        assert_eq!(
            kinds("return /[/]/"),
            [(Ident, "return", 0), (Regex, "/[/]/", 0)]
        );
        assert_eq!(kinds("(a) / 2")[3], (Punct, "/", 0));
    }

    #[test]
    fn nests_template_interpolations() {
        use Kind::*;
        assert_eq!(
            kinds("`a${ {b: `c${d}`} }e`"),
            [
                (Template, "`a${", 0),
                (Punct, "{", 1),
                (Ident, "b", 2),
                (Punct, ":", 2),
                (Template, "`c${", 2),
                (Ident, "d", 3),
                (Template, "}`", 2),
                (Punct, "}", 1),
                (Template, "}e`", 0),
            ]
        );
    }

    #[test]
    fn notes_line_breaks_and_skips_comments() {
        let lexed = tokenize("a // x\n/* y\n */ b /* z */ c");
        let breaks: Vec<bool> = lexed.tokens.iter().map(|t| t.line_break).collect();
        assert_eq!(breaks, [false, true, false]);
    }

    #[test]
    fn reports_where_a_literal_never_ends() {
        let error = |source| tokenize(source).error.unwrap();
        assert_eq!(error("a 'b\n'").offset, 2);
        assert_eq!(error("`a${b}").message, "unterminated template literal");
        assert_eq!(error("/* a").message, "unterminated comment");
    }
}
