//! Module syntax that cannot be rewritten, located as `line:column: message`.

use thiserror::Error;

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
        let before = source.as_bytes().get(..offset).unwrap_or(source.as_bytes());
        let line_start = before
            .iter()
            .rposition(|&byte| byte == b'\n')
            .map_or(0, |at| at + 1);
        let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
        // Characters, not bytes: UTF-8 continuation bytes are 0b10xx_xxxx.
        let column = before[line_start..]
            .iter()
            .filter(|&&byte| byte & 0xC0 != 0x80)
            .count()
            + 1;
        Self {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column).unwrap_or(u32::MAX),
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
