//! `import` declarations become `require` calls, in place:
//!
//! | ES module                        | CommonJS                                          |
//! |----------------------------------|---------------------------------------------------|
//! | `import 'm'`                     | `require('m');`                                   |
//! | `import x from 'm'`              | `const x = __wxrt_default(require('m'));`         |
//! | `import * as ns from 'm'`        | `const ns = require('m');`                        |
//! | `import { a, b as c } from 'm'`  | `const { a, b: c } = require('m');`               |
//! | `import { default as d } from 'm'` | `const d = __wxrt_default(require('m'));`       |
//!
//! Bindings are copies, not live: WeChat's own ES6-to-ES5 build behaves the same for the
//! way mini-programs use modules. A module's imports run before its body, as in ES
//! modules: when one comes after other code (`var a = config.x` above
//! `import config from './config'`), all of them move to the top of the file, in order,
//! on its first line.

use super::lex::Kind;
use super::rewrite::Rewriter;
use super::EsmError;

impl Rewriter<'_> {
    /// Rewrites the `import` declaration whose keyword is at `at`; returns the token after it.
    pub(crate) fn import(&mut self, at: usize) -> Result<usize, EsmError> {
        let mut next = at + 1;
        let mut default = None;
        let mut namespace = None;
        let mut named = None;
        if self.kind(next) != Some(Kind::String) {
            if self.kind(next) == Some(Kind::Ident) {
                default = Some(next);
                next += 1;
            }
            if default.is_none() || self.is_punct(next, ",") {
                next += usize::from(default.is_some());
                if self.is_punct(next, "*") {
                    self.expect_ident(next + 1, "as")?;
                    if self.kind(next + 2) != Some(Kind::Ident) {
                        return Err(self.error(next + 2, "expected a name after \"as\""));
                    }
                    namespace = Some(next + 2);
                    next += 3;
                } else if self.is_punct(next, "{") {
                    let (list, after) = self.specifiers(next)?;
                    named = Some(list);
                    next = after;
                } else {
                    return Err(self.error(next, "expected a name, * or {"));
                }
            }
            self.expect_ident(next, "from")?;
            next += 1;
        }
        let module = self.module_name(next)?;
        let last = self.statement_end(next + 1);

        let require = format!("require({module})");
        let mut code = String::new();
        let default_import = |local: &str, code: &mut String| {
            code.push_str(&format!("const {local} = __wxrt_default({require}); "));
        };
        if let Some(default) = default {
            default_import(self.text(default), &mut code);
        }
        if let Some(namespace) = namespace {
            code.push_str(&format!("const {} = {require}; ", self.text(namespace)));
        }
        let mut pattern = Vec::new();
        for (name, alias) in named.unwrap_or_default() {
            let local = alias.unwrap_or(name);
            if self.kind(local) != Some(Kind::Ident) {
                return Err(self.error(local, "expected \"as\" and a name"));
            }
            if self.text(name) == "default" {
                default_import(self.text(local), &mut code);
            } else if alias.is_some() {
                pattern.push(format!("{}: {}", self.text(name), self.text(local)));
            } else {
                pattern.push(self.text(name).to_string());
            }
        }
        self.needs_default |= code.contains("__wxrt_default");
        if !pattern.is_empty() {
            code.push_str(&format!("const {{ {} }} = {require}; ", pattern.join(", ")));
        }
        if code.is_empty() {
            code = format!("{require}; ");
        }
        code.pop();
        self.imports.push(self.edits.len());
        self.replace(at, last, code);
        Ok(last + 1)
    }
}
