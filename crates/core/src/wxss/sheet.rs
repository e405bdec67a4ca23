//! The stylesheet walk: rules, at-rules and `@import`s, written out one rule a line.

use super::error::WxssError;
use super::import;
use super::scan::Source;
use super::selector;
use super::url;
use super::Scope;

/// What the rules of a block are.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rules {
    /// Style rules, whose selectors are rewritten.
    Style,
    /// Keyframes (`from`, `50%`), whose selectors are not selectors at all.
    Keyframes,
}

/// At-rules whose block holds style rules.
const GROUPING_RULES: [&str; 5] = ["media", "supports", "container", "layer", "document"];

/// Compiles a file and everything it imports into one stylesheet.
pub(crate) struct Compiler<'c> {
    scope: Scope<'c>,
    load: &'c dyn Fn(&str) -> Option<String>,
    /// The files being compiled, outermost first: importing one of them again is a cycle.
    chain: Vec<String>,
    out: String,
    /// What WeChat's compiler accepts but points out, and wxrt with it.
    warnings: Vec<WxssError>,
}

impl<'c> Compiler<'c> {
    pub fn new(scope: Scope<'c>, load: &'c dyn Fn(&str) -> Option<String>) -> Self {
        Self {
            scope,
            load,
            chain: Vec::new(),
            out: String::new(),
            warnings: Vec::new(),
        }
    }

    /// Compiles `text`, the file at `path`, and returns the CSS with the warnings.
    pub fn run(mut self, path: &str, text: &str) -> Result<(String, Vec<WxssError>), WxssError> {
        self.chain
            .push(import::normalize(path).unwrap_or_else(|| path.to_string()));
        let mut source = Source::new(path, text);
        self.rules(&mut source, None, Rules::Style)?;
        Ok((self.out, self.warnings))
    }

    /// Compiles rules until the end of the file (`open` is `None`) or the `}` closing the
    /// `{` at byte `open`.
    fn rules(
        &mut self,
        source: &mut Source<'_>,
        open: Option<usize>,
        kind: Rules,
    ) -> Result<(), WxssError> {
        loop {
            source.skip_space()?;
            match (source.peek(), open) {
                (None, None) => return Ok(()),
                (None, Some(open)) => return Err(source.error(open, "unclosed {")),
                (Some(b'}'), Some(_)) => {
                    source.bump();
                    return Ok(());
                }
                (Some(b'}'), None) => return Err(source.error(source.at, "unexpected }")),
                // A stray `;` (as after `.a{…};`) ends an empty statement.
                (Some(b';'), _) => source.bump(),
                (Some(b'@'), _) => self.at_rule(source, kind)?,
                (Some(_), _) => self.style_rule(source, kind)?,
            }
        }
    }

    fn style_rule(&mut self, source: &mut Source<'_>, kind: Rules) -> Result<(), WxssError> {
        let start = source.at;
        let (prelude, stop) = source.scan(b"{;}", false)?;
        match stop {
            Some(b'{') => {
                let body = self.declarations(source)?;
                if kind == Rules::Style {
                    self.out.push_str(&selector::rewrite(&prelude, self.scope));
                } else {
                    self.out.push_str(&prelude);
                }
                self.push_block(&body);
                Ok(())
            }
            // Text that is neither a rule nor an at-rule (`color: red;` at the top level):
            // browsers drop it, and so does wxrt.
            Some(_) => Ok(()),
            None => Err(source.error(start, "expected { after selector")),
        }
    }

    /// Reads a declaration block, the cursor on its `{`, through its `}`; returns the
    /// declarations, `;`-separated, with `rpx` converted.
    fn declarations(&mut self, source: &mut Source<'_>) -> Result<String, WxssError> {
        let open = source.at;
        source.bump();
        let mut body = String::new();
        loop {
            let (declaration, stop) = source.scan(b";}", true)?;
            if !declaration.is_empty() {
                let declaration = url::rewrite(&declaration, source.path);
                if !body.is_empty() {
                    body.push(';');
                }
                match declaration.split_once(':') {
                    Some((property, value)) => {
                        body.push_str(property.trim_end());
                        body.push(':');
                        body.push_str(value.trim_start());
                    }
                    None => body.push_str(&declaration),
                }
            }
            match stop {
                Some(b';') => source.bump(),
                Some(_) => {
                    source.bump();
                    return Ok(body);
                }
                None => return Err(source.error(open, "unclosed {")),
            }
        }
    }

    fn at_rule(&mut self, source: &mut Source<'_>, kind: Rules) -> Result<(), WxssError> {
        let at = source.at;
        source.bump();
        let name = source.name();
        let prelude_start = source.at;
        let (prelude, stop) = source.scan(b"{;}", false)?;
        let lower = name.to_ascii_lowercase();
        if lower == "import" {
            if stop == Some(b';') {
                source.bump();
            } else if stop == Some(b'{') {
                // `@import "/a.wxss"` and a new line, no `;`: WeChat's compiler takes the
                // line as the whole rule (a real library app ships it so).
                let end = source.line_end(prelude_start);
                let line = source.slice(prelude_start, end).trim();
                if import::target(line).is_some_and(|(_, rest)| rest.trim().is_empty()) {
                    source.at = end;
                    self.warnings.push(source.error(
                        at,
                        "@import without `;`: it ends with its line, as WeChat reads it",
                    ));
                    return self.import(source, at, line);
                }
                return Err(source.error(at, "expected ; after @import"));
            }
            return self.import(source, at, &prelude);
        }
        if stop != Some(b'{') {
            // A statement at-rule (`@charset "utf-8";`, `@layer a, b;`) is kept as is.
            if stop == Some(b';') {
                source.bump();
            }
            self.push_at_rule_head(name, &prelude);
            self.out.push_str(";\n");
            return Ok(());
        }
        self.push_at_rule_head(name, &prelude);
        let open = source.at;
        if GROUPING_RULES.contains(&lower.as_str()) || lower.ends_with("keyframes") {
            let inner = if lower.ends_with("keyframes") {
                Rules::Keyframes
            } else {
                kind
            };
            source.bump();
            self.out.push_str("{\n");
            self.rules(source, Some(open), inner)?;
            self.out.push_str("}\n");
        } else if lower == "font-face" || lower == "page" {
            let body = self.declarations(source)?;
            self.push_block(&body);
        } else {
            // Unknown: kept, minus comments.
            source.bump();
            let (body, stop) = source.scan(b"}", false)?;
            if stop.is_none() {
                return Err(source.error(open, "unclosed {"));
            }
            source.bump();
            self.push_block(&body);
        }
        Ok(())
    }

    /// Inlines the file an `@import` at byte `at` names, compiled with the same scope.
    fn import(&mut self, source: &Source<'_>, at: usize, prelude: &str) -> Result<(), WxssError> {
        let Some((target, media)) = import::target(prelude) else {
            return Err(source.error(at, "expected a file name after @import"));
        };
        let Some(path) = import::resolve(source.path, target) else {
            return Err(source.error(
                at,
                format!("cannot import \"{target}\": outside the project"),
            ));
        };
        if self.chain.contains(&path) {
            let mut cycle = self.chain.clone();
            cycle.push(path);
            let first = cycle.iter().position(|file| Some(file) == cycle.last());
            let cycle = cycle
                .get(first.unwrap_or(0)..)
                .unwrap_or_default()
                .join(" -> ");
            return Err(source.error(at, format!("import cycle: {cycle}")));
        }
        let Some(text) = (self.load)(&path) else {
            return Err(source.error(at, format!("cannot import \"{target}\": no file {path}")));
        };
        let media = media.trim();
        if !media.is_empty() {
            self.out.push_str("@media ");
            self.out.push_str(media);
            self.out.push_str("{\n");
        }
        self.chain.push(path);
        let path = self.chain.last().cloned().unwrap_or_default();
        let mut imported = Source::new(&path, &text);
        self.rules(&mut imported, None, Rules::Style)?;
        self.chain.pop();
        if !media.is_empty() {
            self.out.push_str("}\n");
        }
        Ok(())
    }

    fn push_at_rule_head(&mut self, name: &str, prelude: &str) {
        self.out.push('@');
        self.out.push_str(name);
        if !prelude.is_empty() {
            self.out.push(' ');
            self.out.push_str(prelude);
        }
    }

    fn push_block(&mut self, body: &str) {
        self.out.push('{');
        self.out.push_str(body);
        self.out.push_str("}\n");
    }
}
