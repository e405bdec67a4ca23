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
