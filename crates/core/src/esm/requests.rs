//! The modules a file asks for, found without running it: what a bundler needs to copy
//! the files a package's entry reaches.

use super::lex::{tokenize, Kind, Token};

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
    let tokens = tokenize(source).tokens;
    let text = |at: usize| {
        tokens
            .get(at)
            .and_then(|t: &Token| source.get(t.start..t.end))
            .unwrap_or("")
    };
    let is = |at: usize, kind: Kind, value: &str| {
        tokens.get(at).is_some_and(|t| t.kind == kind) && text(at) == value
    };
    let mut found: Vec<String> = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        if token.kind != Kind::String {
            continue;
        }
        let call = at >= 2
            && is(at - 1, Kind::Punct, "(")
            && is(at - 2, Kind::Ident, "require")
            && is(at + 1, Kind::Punct, ")")
            && !(at >= 3 && is(at - 3, Kind::Punct, "."));
        let static_import = at >= 1
            && (is(at - 1, Kind::Ident, "from") || is(at - 1, Kind::Ident, "import"))
            && tokens[at - 1].depth == 0;
        if !(call || static_import) {
            continue;
        }
        let quoted = text(at);
        let name = quoted.get(1..quoted.len().saturating_sub(1)).unwrap_or("");
        if !name.is_empty() && !name.contains('\\') && !found.iter().any(|f| f == name) {
            found.push(name.to_owned());
        }
    }
    found
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
    let tokens = tokenize(source).tokens;
    let text = |at: usize| {
        tokens
            .get(at)
            .and_then(|t: &Token| source.get(t.start..t.end))
            .unwrap_or("")
    };
    let is = |at: usize, kind: Kind, value: &str| {
        tokens.get(at).is_some_and(|t| t.kind == kind) && text(at) == value
    };
    tokens.iter().enumerate().any(|(at, token)| {
        if token.kind != Kind::Ident || (at >= 1 && is(at - 1, Kind::Punct, ".")) {
            return false;
        }
        match text(at) {
            "require" if is(at + 1, Kind::Punct, "(") => {
                let literal = tokens.get(at + 2).is_some_and(|t| t.kind == Kind::String)
                    && is(at + 3, Kind::Punct, ")");
                !literal
            }
            "require" => is(at + 1, Kind::Punct, ".") && is(at + 2, Kind::Ident, "async"),
            "import" => is(at + 1, Kind::Punct, "("),
            _ => false,
        }
    })
}
