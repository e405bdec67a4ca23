//! The modules a file asks for, found without running it: what a bundler needs to copy
//! the files a package's entry reaches.

use super::lex::{tokenize, Kind, Token};

/// What a file asks for, from one pass of the tokenizer: [`module_requests`] and
/// [`has_computed_request`] together, for whoever needs both.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleRequests {
    /// The module names the file loads by a string literal, each once, in order.
    pub names: Vec<String>,
    /// Whether it may also load a module no literal names.
    pub computed: bool,
}

/// [`module_requests`] and [`has_computed_request`] of `source`, tokenized once.
#[must_use]
pub fn scan_requests(source: &str) -> ModuleRequests {
    let tokens = Tokens::new(source);
    ModuleRequests {
        names: tokens.names(),
        computed: tokens.computed(),
    }
}

/// A file's tokens with the questions both scans ask of them.
struct Tokens<'a> {
    source: &'a str,
    tokens: Vec<Token>,
}

impl<'a> Tokens<'a> {
    fn new(source: &'a str) -> Self {
        Tokens {
            source,
            tokens: tokenize(source).tokens,
        }
    }

    fn text(&self, at: usize) -> &'a str {
        self.tokens
            .get(at)
            .and_then(|t| self.source.get(t.start..t.end))
            .unwrap_or("")
    }

    fn is(&self, at: usize, kind: Kind, value: &str) -> bool {
        self.tokens.get(at).is_some_and(|t| t.kind == kind) && self.text(at) == value
    }

    fn names(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for (at, token) in self.tokens.iter().enumerate() {
            if token.kind != Kind::String {
                continue;
            }
            let call = at >= 2
                && self.is(at - 1, Kind::Punct, "(")
                && self.is(at - 2, Kind::Ident, "require")
                && self.is(at + 1, Kind::Punct, ")")
                && !(at >= 3 && self.is(at - 3, Kind::Punct, "."));
            let static_import = at >= 1
                && (self.is(at - 1, Kind::Ident, "from") || self.is(at - 1, Kind::Ident, "import"))
                && self.tokens[at - 1].depth == 0;
            if !(call || static_import) {
                continue;
            }
            let quoted = self.text(at);
            let name = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
            if !name.is_empty() && !name.contains('\\') && !found.iter().any(|f| f == name) {
                found.push(name.to_owned());
            }
        }
        found
    }

    fn computed(&self) -> bool {
        self.tokens.iter().enumerate().any(|(at, token)| {
            if token.kind != Kind::Ident || (at >= 1 && self.is(at - 1, Kind::Punct, ".")) {
                return false;
            }
            match self.text(at) {
                "require" if self.is(at + 1, Kind::Punct, "(") => {
                    let literal = self
                        .tokens
                        .get(at + 2)
                        .is_some_and(|t| t.kind == Kind::String)
                        && self.is(at + 3, Kind::Punct, ")");
                    !literal
                }
                "require" => {
                    self.is(at + 1, Kind::Punct, ".") && self.is(at + 2, Kind::Ident, "async")
                }
                "import" => self.is(at + 1, Kind::Punct, "("),
                _ => false,
            }
        })
    }
}

/// The module names `source` loads: `require('m')` anywhere, `import … from 'm'`,
/// `import 'm'` and `export … from 'm'`, in order of appearance, each once. A name
/// built at run time (`require(name)`) cannot be known and is left out, as it is by
/// WeChat DevTools' npm build.
///
/// ```
/// use wxrt_core::esm::module_requests;
///
/// let source = "import{a}from\"./a\";const b = require('./b.js'), c = require(name)\n\
///               export * from './a'";
/// assert_eq!(module_requests(source), ["./a", "./b.js"]);
/// ```
#[must_use]
pub fn module_requests(source: &str) -> Vec<String> {
    Tokens::new(source).names()
}

/// Whether `source` may load a module [`module_requests`] cannot name: `require` given
/// anything but one string literal (`require(name)`, `require('./' + name)`),
/// `require.async(…)` or `import(…)`. Whoever copies only the named modules must then
/// copy every module the file could reach.
///
/// ```
/// use wxrt_core::esm::has_computed_request;
///
/// assert!(!has_computed_request("const a = require('./a'); import b from './b'"));
/// assert!(has_computed_request("const m = require('./locale/' + lang)"));
/// assert!(has_computed_request("require.async('../sub/x').then(use)"));
/// assert!(!has_computed_request("obj.require(name); const require = 1"));
/// ```
#[must_use]
pub fn has_computed_request(source: &str) -> bool {
    Tokens::new(source).computed()
}
