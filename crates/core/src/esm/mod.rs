//! ES module syntax (`import`/`export`) in a project's `.js` files, rewritten to the
//! CommonJS the runtime evaluates: each file runs as a function of
//! `(require, module, exports, …)`, as WeChat's "ES6 to ES5" build option would have
//! produced.
//!
//! Only top-level `import`/`export` statements are rewritten; the rest of the file is
//! left byte for byte, and no line moves, so stack traces and DevTools breakpoints point
//! at the lines the developer wrote. A file without module syntax comes back unchanged.
//! Dynamic `import()` is left alone; `import.meta` has no CommonJS equivalent and is an
//! error.
//!
//! ```
//! use wxrt_core::esm::to_commonjs;
//!
//! let source = "import { formatTime } from '../../utils/util'\n\
//!               export const title = 'Logs'\n\
//!               export default { title }\n";
//! assert_eq!(
//!     to_commonjs(source).unwrap(),
//!     "Object.defineProperty(exports, '__esModule', { value: true }); \
//!      const { formatTime } = require('../../utils/util');\n\
//!      const title = 'Logs'; exports.title = title;\n\
//!      module.exports.default = { title }\n"
//! );
//!
//! let plain = "const util = require('./util')\nmodule.exports = { util }\n";
//! assert_eq!(to_commonjs(plain).unwrap(), plain);
//!
//! let error = to_commonjs("import x from 'm'\nconsole.log(import.meta.url)").unwrap_err();
//! assert_eq!(error.to_string(), "2:13: import.meta is not supported");
//! ```

mod edit;
mod error;
mod export;
mod import;
mod lex;
mod requests;
mod rewrite;

pub use error::EsmError;
pub use requests::{has_computed_request, module_requests, scan_requests, ModuleRequests};

/// Rewrites the `import` and `export` statements of `source` (a project `.js` file) to
/// `require` and `exports`, keeping every line where it was.
///
/// Returns `source` unchanged when it has no top-level `import` or `export`. A file the
/// tokenizer cannot read to the end (an unterminated string, comment or template) is also
/// returned unchanged if nothing before the problem is module syntax, so the JavaScript
/// engine reports the syntax error in its own words; otherwise the problem is an error.
pub fn to_commonjs(source: &str) -> Result<String, EsmError> {
    let lexed = lex::tokenize(source);
    let rewritten = rewrite::Rewriter::run(source, &lexed.tokens);
    match (lexed.error, rewritten) {
        (Some(_), Ok(edits)) if edits.is_empty() => Ok(source.to_string()),
        (Some(error), _) => Err(EsmError::at(source, error.offset, error.message)),
        (None, Ok(edits)) => Ok(edit::apply(source, &edits)),
        (None, Err(error)) => Err(error),
    }
}
