//! The walk over a file's tokens that finds top-level `import` and `export` statements
//! and records how to rewrite each, plus what they share: token tests, specifier lists,
//! bracket matching and the helper code put in front of the first statement.

use super::edit::Edit;
use super::lex::{Kind, Token};
use super::EsmError;

/// Babel's default-import interop: an ES module's `default`, or a CommonJS module's
/// whole `module.exports`. A function declaration, so hoisting makes it callable from
/// the first line.
const DEFAULT_HELPER: &str =
    "function __wxrt_default(m) { return m && m.__esModule ? m.default : m; } ";

/// `export * from 'm'`: copies every name but `default`, without overwriting this
/// module's own exports.
const STAR_HELPER: &str = "function __wxrt_star(m) { Object.keys(m).forEach(function (k) { \
    if (k !== 'default' && k !== '__esModule' && \
    !Object.prototype.hasOwnProperty.call(exports, k)) exports[k] = m[k]; }); } ";

const ES_MODULE_FLAG: &str = "Object.defineProperty(exports, '__esModule', { value: true }); ";

/// One name of a `{ … }` list (a token index) and its `as` alias, if any.
pub(crate) type Specifier = (usize, Option<usize>);

/// The rewrite of one file, built statement by statement.
pub(crate) struct Rewriter<'s> {
    pub source: &'s str,
    pub tokens: &'s [Token],
    /// Made in source order, each starting after the previous one ends.
    pub edits: Vec<Edit>,
    /// `exports.f = f; ` for exported function declarations. Functions are hoisted, so
    /// these run first, and a module that requires this one back in a cycle finds them.
    pub hoisted: String,
    /// `exports.a = a; ` for `export { a }` lists, run after everything else.
    pub trailing: String,
    pub needs_default: bool,
    pub needs_star: bool,
    pub has_exports: bool,
    /// The edits (indexes into `edits`) of the `import` declarations.
    pub imports: Vec<usize>,
    /// Whether top-level code other than `import`s (or the directive prologue) has
    /// been seen yet.
    code_seen: bool,
    /// An `import` comes after other code: every import moves to the top.
    hoist_imports: bool,
}

impl<'s> Rewriter<'s> {
    /// The edits that turn `source` (tokenized as `tokens`) into CommonJS; none when it
    /// has no module syntax.
    pub fn run(source: &'s str, tokens: &'s [Token]) -> Result<Vec<Edit>, EsmError> {
        let mut rewriter = Self {
            source,
            tokens,
            edits: Vec::new(),
            hoisted: String::new(),
            trailing: String::new(),
            needs_default: false,
            needs_star: false,
            has_exports: false,
            imports: Vec::new(),
            code_seen: false,
            hoist_imports: false,
        };
        let mut at = 0;
        while at < tokens.len() {
            at = rewriter.step(at)?;
        }
        Ok(rewriter.finish())
    }

    /// Handles the token at `at`; returns where to continue.
    fn step(&mut self, at: usize) -> Result<usize, EsmError> {
        let token = self.tokens[at];
        let top_level_import = token.kind == Kind::Ident
            && token.depth == 0
            && self.text(at) == "import"
            && !self.is_punct(at.wrapping_sub(1), ".")
            && !self.is_punct(at + 1, "(")
            && !self.is_punct(at + 1, ".");
        if top_level_import {
            // An ES module's imports all run before its body, wherever they are written
            // (Babel, as WeChat's "ES6 to ES5" uses it, hoists them to the top).
            self.hoist_imports |= self.code_seen;
        } else if !self.code_seen && !self.in_prologue(at) {
            self.code_seen = true;
        }
        // `obj.import`, `a?.export` are property names.
        if token.kind != Kind::Ident || self.is_punct(at.wrapping_sub(1), ".") {
            return Ok(at + 1);
        }
        match self.text(at) {
            "import" if self.is_punct(at + 1, "(") => Ok(at + 1),
            "import" if self.is_punct(at + 1, ".") => {
                if self.is_ident(at + 2, "meta") {
                    Err(self.error(at, "import.meta is not supported"))
                } else {
                    Ok(at + 1)
                }
            }
            "import" if token.depth == 0 => self.import(at),
            "export" if token.depth == 0 => self.export(at),
            _ => Ok(at + 1),
        }
    }

    /// Whether the token at `at` belongs to the directive prologue (`'use strict';` and
    /// the like at the top of the file), which must stay first to keep its meaning.
    fn in_prologue(&self, at: usize) -> bool {
        (0..=at).all(|i| match self.kind(i) {
            Some(Kind::String) => {
                let next = self.tokens.get(i + 1);
                next.is_none_or(|next| {
                    self.is_punct(i + 1, ";")
                        || self.source[self.tokens[i].end..next.start].contains('\n')
                })
            }
            Some(Kind::Punct) => {
                self.is_punct(i, ";") && i > 0 && self.kind(i - 1) == Some(Kind::String)
            }
            _ => false,
        })
    }

    /// The first token after the directive prologue.
    fn body_start(&self) -> usize {
        (0..self.tokens.len())
            .find(|&i| !self.in_prologue(i))
            .unwrap_or(self.tokens.len())
    }

    /// With `hoist_imports`, every import's code moves to one edit at the top of the
    /// body, in source order, and each declaration leaves nothing (but its line breaks).
    fn hoist(&mut self) {
        if !self.hoist_imports {
            return;
        }
        let mut code = String::new();
        for &index in &self.imports {
            code.push_str(&std::mem::take(&mut self.edits[index].text));
            code.push(' ');
        }
        let start = self
            .tokens
            .get(self.body_start())
            .map_or(self.source.len(), |t| t.start);
        self.edits.insert(
            0,
            Edit {
                start,
                end: start,
                text: code,
            },
        );
    }

    /// The edits, the helpers the statements need put in front of the first one (on its
    /// line, so no line moves).
    fn finish(mut self) -> Vec<Edit> {
        self.hoist();
        let mut prefix = String::new();
        if self.has_exports {
            prefix.push_str(ES_MODULE_FLAG);
        }
        prefix.push_str(&self.hoisted);
        if self.needs_default {
            prefix.push_str(DEFAULT_HELPER);
        }
        if self.needs_star {
            prefix.push_str(STAR_HELPER);
        }
        if let Some(first) = self.edits.first_mut() {
            first.text.insert_str(0, &prefix);
        }
        if !self.trailing.is_empty() {
            let last = self.tokens.len().saturating_sub(1);
            let end = self.tokens.get(last).map_or(0, |token| token.end);
            // Separate from the last statement, unless it is one of ours: those end
            // with `;`, or are gone.
            let separator = match self.edits.last() {
                Some(edit) if edit.end == end => {
                    if edit.text.is_empty() || edit.text.ends_with(' ') {
                        ""
                    } else {
                        " "
                    }
                }
                _ if self.is_punct(last, ";") => " ",
                _ => "; ",
            };
            let trailing = format!("{separator}{}", self.trailing.trim_end());
            self.insert_after(last, trailing);
        }
        self.edits
    }

    pub fn text(&self, at: usize) -> &'s str {
        self.tokens
            .get(at)
            .and_then(|token| self.source.get(token.start..token.end))
            .unwrap_or("")
    }

    pub fn kind(&self, at: usize) -> Option<Kind> {
        self.tokens.get(at).map(|token| token.kind)
    }

    pub fn is_punct(&self, at: usize, punct: &str) -> bool {
        self.kind(at) == Some(Kind::Punct) && self.text(at) == punct
    }

    pub fn is_ident(&self, at: usize, name: &str) -> bool {
        self.kind(at) == Some(Kind::Ident) && self.text(at) == name
    }

    /// An error at the token at `at`, or at the end of the file past the last token.
    pub fn error(&self, at: usize, message: impl Into<String>) -> EsmError {
        let offset = self
            .tokens
            .get(at)
            .map_or(self.source.len(), |token| token.start);
        EsmError::at(self.source, offset, message)
    }

    /// Checks for the keyword `name` (`from`, `as`) at `at`.
    pub fn expect_ident(&self, at: usize, name: &str) -> Result<(), EsmError> {
        if self.is_ident(at, name) {
            Ok(())
        } else {
            Err(self.error(at, format!("expected \"{name}\"")))
        }
    }

    /// The module specifier string at `at`, quotes and all (`'./util'`).
    pub fn module_name(&self, at: usize) -> Result<&'s str, EsmError> {
        if self.kind(at) == Some(Kind::String) {
            Ok(self.text(at))
        } else {
            Err(self.error(at, "expected a module name in quotes"))
        }
    }

    /// The last token of a statement whose next token would be at `at`: a `;` there is
    /// part of it.
    pub fn statement_end(&self, at: usize) -> usize {
        if self.is_punct(at, ";") {
            at
        } else {
            at.saturating_sub(1)
        }
    }

    /// Reads `{ a, b as c, "d" as e }` from the `{` at `at`: each name with its alias,
    /// and where the list ends.
    pub fn specifiers(&self, at: usize) -> Result<(Vec<Specifier>, usize), EsmError> {
        let mut list = Vec::new();
        let mut at = at + 1;
        loop {
            if self.is_punct(at, "}") {
                return Ok((list, at + 1));
            }
            if !matches!(self.kind(at), Some(Kind::Ident | Kind::String)) {
                return Err(self.error(at, "expected a name or }"));
            }
            let name = at;
            let mut alias = None;
            at += 1;
            if self.is_ident(at, "as") {
                if !matches!(self.kind(at + 1), Some(Kind::Ident | Kind::String)) {
                    return Err(self.error(at + 1, "expected a name after \"as\""));
                }
                alias = Some(at + 1);
                at += 2;
            }
            list.push((name, alias));
            if self.is_punct(at, ",") {
                at += 1;
            } else if !self.is_punct(at, "}") {
                return Err(self.error(at, "expected , or }"));
            }
        }
    }

    /// The closing bracket of the one opening at `at`.
    pub fn matching(&self, at: usize) -> Result<usize, EsmError> {
        let depth = self.tokens.get(at).map_or(0, |token| token.depth);
        (at + 1..self.tokens.len())
            .find(|&after| self.tokens[after].depth <= depth)
            .ok_or_else(|| self.error(at, "unclosed bracket"))
    }

    /// The `{` opening the body of a class or function whose head starts at `at`.
    pub fn body(&self, at: usize) -> Result<usize, EsmError> {
        let depth = self.tokens.get(at).map_or(0, |token| token.depth);
        for after in at..self.tokens.len() {
            let token = self.tokens[after];
            if token.depth == depth && self.is_punct(after, "{") {
                return Ok(after);
            }
            if token.depth < depth {
                break;
            }
        }
        Err(self.error(at, "expected {"))
    }

    /// Replaces the tokens `first..=last` (and what lies between them) with `text`.
    pub fn replace(&mut self, first: usize, last: usize, text: impl Into<String>) {
        let (Some(first), Some(last)) = (self.tokens.get(first), self.tokens.get(last)) else {
            return;
        };
        self.edits.push(Edit {
            start: first.start,
            end: last.end.max(first.start),
            text: text.into(),
        });
    }

    /// Removes the tokens from `first` up to the token at `next` (`export` of
    /// `export const`), with the space after them.
    pub fn remove_before(&mut self, first: usize, next: usize) {
        if let (Some(first), Some(next)) = (self.tokens.get(first), self.tokens.get(next)) {
            self.edits.push(Edit {
                start: first.start,
                end: next.start.max(first.start),
                text: String::new(),
            });
        }
    }

    /// Inserts `text` right after the token at `at`.
    pub fn insert_after(&mut self, at: usize, text: impl Into<String>) {
        if let Some(token) = self.tokens.get(at) {
            self.edits.push(Edit {
                start: token.end,
                end: token.end,
                text: text.into(),
            });
        }
    }

    /// The CommonJS place of the export named by the token at `at`: `exports.a`,
    /// `exports["a-b"]`, and `module.exports.default` for the default export.
    pub fn export_target(&self, at: usize) -> String {
        let name = self.text(at);
        match self.kind(at) {
            Some(Kind::String) => format!("exports[{name}]"),
            _ if name == "default" => "module.exports.default".to_string(),
            _ => format!("exports.{name}"),
        }
    }
}
