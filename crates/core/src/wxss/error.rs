//! Compile errors, located the way editors and terminals jump to them:
//! `pages/index/index.wxss:3:7: unclosed {`.

use thiserror::Error;

/// A WXSS file that cannot be compiled, and where.
///
/// WeChat DevTools refuses such a file at build time; wxrt refuses it when the page
/// loads, with the same kind of location.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct WxssError {
    /// The file the problem is in, relative to the project root. For a problem inside an
    /// imported file, that file (not the one importing it).
    pub file: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub column: u32,
    /// What is wrong (`unterminated string`, `import cycle: a.wxss -> b.wxss -> a.wxss`).
    pub message: String,
}

pub(crate) use crate::source_position::line_column;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters() {
        let text = "a{\n  é: x;\n}";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // `x` sits after two spaces, `é` (two bytes), `:` and a space.
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 6));
        assert_eq!(line_column(text, text.len()), (3, 2));
    }

    #[test]
    fn prints_like_a_compiler() {
        let error = WxssError {
            file: "app.wxss".into(),
            line: 3,
            column: 7,
            message: "unclosed {".into(),
        };
        assert_eq!(error.to_string(), "app.wxss:3:7: unclosed {");
    }
}
