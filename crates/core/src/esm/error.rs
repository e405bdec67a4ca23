//! Module syntax that cannot be rewritten, located as `line:column: message`.

use thiserror::Error;

use crate::source_position::line_column;

/// A problem with a file's `import`/`export` syntax, at a 1-based line and column (in
/// characters) of the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{line}:{column}: {message}")]
pub struct EsmError {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub column: u32,
    /// What is wrong (`expected "from"`, `import.meta is not supported`).
    pub message: String,
}

impl EsmError {
    /// An error at byte `offset` of `source`.
    pub(crate) fn at(source: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(source, offset);
        Self {
            line,
            column,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_by_line_and_character() {
        let error = EsmError::at("a\nbé c", 6, "here");
        assert_eq!((error.line, error.column), (2, 4));
        assert_eq!(error.to_string(), "2:4: here");
    }
}
