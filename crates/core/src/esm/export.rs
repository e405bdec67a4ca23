//! `export` declarations become assignments to `exports`:
//!
//! | ES module                        | CommonJS                                              |
//! |----------------------------------|-------------------------------------------------------|
//! | `export default expr`            | `module.exports.default = expr`                       |
//! | `export default function f() {}` | `function f() {}`, and `module.exports.default = f;` first |
//! | `export const a = 1, { b } = o;` | `const a = 1, { b } = o; exports.a = a; exports.b = b;` |
//! | `export let a = 1;` (or `var`)   | `let a = 1;` and a getter `exports.a` that reads `a` (a live binding) |
//! | `export function f() {}`         | `function f() {}`, and `exports.f = f;` first         |
//! | `export class C {}`              | `class C {} exports.C = C;`                           |
//! | `export { a, b as c }`           | `exports.a = a; exports.c = b;` at the end            |
//! | `export { a as b } from 'm'`     | `exports.b = require('m').a;`                         |
//! | `export * from 'm'`              | `__wxrt_star(require('m'));`                          |
//! | `export * as ns from 'm'`        | `exports.ns = require('m');`                          |
//!
//! "First" is the line of the file's first `import` or `export`, where the
//! `__esModule` flag is set too; "at the end" is after the file's last token, on its line.

use super::lex::{Kind, EXPRESSION_KEYWORDS};
use super::rewrite::Rewriter;
use super::EsmError;

impl Rewriter<'_> {
    /// Rewrites the `export` declaration whose keyword is at `at`; returns where to go on.
    pub(crate) fn export(&mut self, at: usize) -> Result<usize, EsmError> {
        self.has_exports = true;
        let next = at + 1;
        match (self.kind(next), self.text(next)) {
            (Some(Kind::Ident), "default") => self.export_default(at, next + 1),
            (Some(Kind::Punct), "*") => self.export_star(at, next),
            (Some(Kind::Punct), "{") => self.export_list(at, next),
            (Some(Kind::Ident), keyword @ ("var" | "let" | "const")) => {
                let (names, last) = self.declaration(next)?;
                // A `var` or `let` may be assigned again later (TypeScript's enums are
                // `export var E; (function (E) {…})(E || (E = {}))`): importers must see
                // the binding, not its value at the declaration.
                let live = keyword != "const";
                let assignments: Vec<String> = names
                    .iter()
                    .map(|&name| {
                        let name = self.text(name);
                        if live {
                            format!(
                                "Object.defineProperty(exports, '{name}', {{ enumerable: true, \
                                 get: function () {{ return {name}; }} }});"
                            )
                        } else {
                            format!("exports.{name} = {name};")
                        }
                    })
                    .collect();
                let separator = if self.is_punct(last, ";") { " " } else { "; " };
                self.remove_before(at, at + 1);
                self.insert_after(last, format!("{separator}{}", assignments.join(" ")));
                Ok(last + 1)
            }
            (Some(Kind::Ident), "function") => self.export_function(at, next),
            (Some(Kind::Ident), "async") if self.is_async_function(next) => {
                self.export_function(at, next + 1)
            }
            (Some(Kind::Ident), "class") => {
                let name = next + 1;
                if self.kind(name) != Some(Kind::Ident) || self.text(name) == "extends" {
                    return Err(self.error(name, "expected a class name"));
                }
                let end = self.matching(self.body(name)?)?;
                self.remove_before(at, at + 1);
                self.insert_after(end, format!(" exports.{0} = {0};", self.text(name)));
                Ok(end + 1)
            }
            _ => Err(self.error(next, "expected a declaration, default, * or { after export")),
        }
    }

    fn is_async_function(&self, at: usize) -> bool {
        self.is_ident(at + 1, "function") && !self.tokens[at + 1].line_break
    }

    /// `export function f` / `export async function f` (`function` at `function`).
    fn export_function(&mut self, at: usize, function: usize) -> Result<usize, EsmError> {
        let name = function + 1 + usize::from(self.is_punct(function + 1, "*"));
        if self.kind(name) != Some(Kind::Ident) {
            return Err(self.error(name, "expected a function name"));
        }
        self.hoisted
            .push_str(&format!("exports.{0} = {0}; ", self.text(name)));
        self.remove_before(at, at + 1);
        Ok(at + 1)
    }

    /// `export default …`, the token after `default` at `value`.
    fn export_default(&mut self, at: usize, value: usize) -> Result<usize, EsmError> {
        if value >= self.tokens.len() {
            return Err(self.error(value, "expected a value after export default"));
        }
        let function = if self.is_ident(value, "function") {
            Some(value)
        } else if self.is_ident(value, "async") && self.is_async_function(value) {
            Some(value + 1)
        } else {
            None
        };
        if let Some(function) = function {
            let name = function + 1 + usize::from(self.is_punct(function + 1, "*"));
            if self.kind(name) == Some(Kind::Ident) {
                // A declaration: keep it, hoisted, and export it first.
                self.hoisted
                    .push_str(&format!("module.exports.default = {}; ", self.text(name)));
                self.remove_before(at, value);
                return Ok(value);
            }
            // An anonymous function becomes an expression; end it so that a `(` on the
            // next line does not call it.
            let end = self.matching(self.body(name)?)?;
            self.replace(at, value - 1, "module.exports.default =");
            self.insert_after(end, ";");
            return Ok(end + 1);
        }
        if self.is_ident(value, "class") {
            let name = value + 1;
            let named = self.kind(name) == Some(Kind::Ident) && self.text(name) != "extends";
            let end = self.matching(self.body(name)?)?;
            if named {
                self.remove_before(at, value);
                let assignment = format!(" module.exports.default = {};", self.text(name));
                self.insert_after(end, assignment);
            } else {
                self.replace(at, value - 1, "module.exports.default =");
                self.insert_after(end, ";");
            }
            return Ok(end + 1);
        }
        self.replace(at, value - 1, "module.exports.default =");
        Ok(value)
    }

    /// `export * from 'm'` and `export * as ns from 'm'`, `*` at `star`.
    fn export_star(&mut self, at: usize, star: usize) -> Result<usize, EsmError> {
        let mut next = star + 1;
        let mut namespace = None;
        if self.is_ident(next, "as") {
            if !matches!(self.kind(next + 1), Some(Kind::Ident | Kind::String)) {
                return Err(self.error(next + 1, "expected a name after \"as\""));
            }
            namespace = Some(next + 1);
            next += 2;
        }
        self.expect_ident(next, "from")?;
        let module = self.module_name(next + 1)?;
        let last = self.statement_end(next + 2);
        let code = match namespace {
            Some(namespace) => format!("{} = require({module});", self.export_target(namespace)),
            None => {
                self.needs_star = true;
                format!("__wxrt_star(require({module}));")
            }
        };
        self.replace(at, last, code);
        Ok(last + 1)
    }

    /// `export { a, b as c }` and `export { a } from 'm'`, `{` at `open`.
    fn export_list(&mut self, at: usize, open: usize) -> Result<usize, EsmError> {
        let (list, after) = self.specifiers(open)?;
        let module = if self.is_ident(after, "from") {
            Some(self.module_name(after + 1)?)
        } else {
            None
        };
        let last = self.statement_end(if module.is_some() { after + 2 } else { after });
        let mut code = Vec::new();
        for &(name, alias) in &list {
            let target = self.export_target(alias.unwrap_or(name));
            let local = self.text(name);
            let value = match module {
                Some(module) if local == "default" => {
                    self.needs_default = true;
                    format!("__wxrt_default(require({module}))")
                }
                Some(module) if self.kind(name) == Some(Kind::String) => {
                    format!("require({module})[{local}]")
                }
                Some(module) => format!("require({module}).{local}"),
                None if self.kind(name) == Some(Kind::Ident) => local.to_string(),
                None => return Err(self.error(name, "expected a local name")),
            };
            code.push(format!("{target} = {value};"));
        }
        if module.is_some() {
            self.replace(at, last, code.join(" "));
        } else {
            // The names may be declared further down (`export { a }; const a = 1`), where
            // assigning them here would throw; at the end of the file they all exist.
            self.replace(at, last, "");
            for assignment in code {
                self.trailing.push_str(&assignment);
                self.trailing.push(' ');
            }
        }
        Ok(last + 1)
    }

    /// Reads `var`/`let`/`const` declarators from the keyword at `keyword`: the names they
    /// bind (destructuring included), and the statement's last token.
    fn declaration(&self, keyword: usize) -> Result<(Vec<usize>, usize), EsmError> {
        let depth = self.tokens[keyword].depth;
        let mut names = Vec::new();
        let mut next = keyword + 1;
        loop {
            next = self.binding(next, &mut names)?;
            if self.is_punct(next, "=") {
                next = self.skip_expression(next + 1, depth);
            }
            if self.is_punct(next, ",") {
                next += 1;
                continue;
            }
            return Ok((names, self.statement_end(next)));
        }
    }

    /// Reads a binding target at `at` (a name, `{…}` or `[…]` pattern) into `names`;
    /// returns the token after it.
    fn binding(&self, at: usize, names: &mut Vec<usize>) -> Result<usize, EsmError> {
        match self.kind(at) {
            Some(Kind::Ident) => {
                names.push(at);
                Ok(at + 1)
            }
            _ if self.is_punct(at, "{") || self.is_punct(at, "[") => self.pattern(at, names),
            _ => Err(self.error(at, "expected a name")),
        }
    }

    /// An object or array pattern opening at `open`.
    fn pattern(&self, open: usize, names: &mut Vec<usize>) -> Result<usize, EsmError> {
        let object = self.is_punct(open, "{");
        let close = if object { "}" } else { "]" };
        let depth = self.tokens[open].depth;
        let closes = |at: usize| {
            self.is_punct(at, close) && self.tokens.get(at).is_some_and(|t| t.depth == depth)
        };
        let mut at = open + 1;
        loop {
            if closes(at) {
                return Ok(at + 1);
            }
            if self.is_punct(at, ",") {
                at += 1;
                continue;
            }
            if self.is_punct(at, "...") {
                at = self.binding(at + 1, names)?;
            } else if !object {
                at = self.binding(at, names)?;
            } else if self.is_punct(at, "[") || self.is_punct(at + 1, ":") {
                // `[key]: target` or `key: target`.
                let key_end = if self.is_punct(at, "[") {
                    self.matching(at)?
                } else {
                    at
                };
                if !self.is_punct(key_end + 1, ":") {
                    return Err(self.error(key_end + 1, "expected :"));
                }
                at = self.binding(key_end + 2, names)?;
            } else if self.kind(at) == Some(Kind::Ident) {
                names.push(at);
                at += 1;
            } else {
                return Err(self.error(at, "expected a name"));
            }
            if self.is_punct(at, "=") {
                at = self.skip_default(at + 1, depth + 1);
            }
            if !self.is_punct(at, ",") && !closes(at) {
                return Err(self.error(at, format!("expected , or {close}")));
            }
        }
    }

    /// Skips a default value inside a pattern whose items are at `depth`.
    fn skip_default(&self, mut at: usize, depth: u32) -> usize {
        while let Some(token) = self.tokens.get(at) {
            if token.depth < depth || (token.depth == depth && self.is_punct(at, ",")) {
                break;
            }
            at += 1;
        }
        at
    }

    /// Skips an initializer at statement depth `depth`, to the `,` or `;` after it, or
    /// to where automatic semicolon insertion ends the statement: a line break between
    /// a token that ends an expression and one that cannot continue it (`a = 1⏎foo()`).
    fn skip_expression(&self, from: usize, depth: u32) -> usize {
        let mut at = from;
        while let Some(token) = self.tokens.get(at) {
            if token.depth < depth {
                break;
            }
            if token.depth == depth {
                if self.is_punct(at, ",") || self.is_punct(at, ";") {
                    break;
                }
                if at > from
                    && token.line_break
                    && self.ends_expression(at - 1)
                    && self.starts_statement(at)
                {
                    break;
                }
            }
            at += 1;
        }
        at
    }

    fn ends_expression(&self, at: usize) -> bool {
        let text = self.text(at);
        match self.kind(at) {
            Some(Kind::Number | Kind::String | Kind::Regex) => true,
            Some(Kind::Template) => text.ends_with('`'),
            Some(Kind::Ident) => {
                !EXPRESSION_KEYWORDS.contains(&text) && !matches!(text, "class" | "function")
            }
            Some(Kind::Punct) => matches!(text, ")" | "]" | "}" | "++" | "--"),
            None => false,
        }
    }

    /// Whether the token at `at`, first on its line, must start a new statement. Not
    /// `(`, `[` or a template (JavaScript continues the expression), nor `{` (an
    /// Allman-style function body after `function ()`).
    fn starts_statement(&self, at: usize) -> bool {
        let text = self.text(at);
        match self.kind(at) {
            Some(Kind::Ident) => !matches!(text, "in" | "instanceof"),
            Some(Kind::Number | Kind::String) => true,
            Some(Kind::Punct) => matches!(text, "++" | "--" | "!" | "~" | "@" | "#"),
            _ => false,
        }
    }
}
