//! Compile errors, located as `file:line:column` the way editors and WeChat DevTools
//! print them.

use thiserror::Error;

/// A WXML file that does not compile: where, and why.
///
/// Displays as `pages/index/index.wxml:12:5: <message>`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct WxmlError {
    /// The file, relative to the project root, as passed to [`super::compile`].
    pub file: String,
    /// Line of the problem, from 1.
    pub line: u32,
    /// Column of the problem, from 1, counted in characters.
    pub column: u32,
    /// What is wrong there.
    pub message: String,
}

/// A problem at a byte offset of the source; it gets its line and column only when it
/// leaves the compiler, so the passes need not carry the text around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) at: usize,
    pub(crate) message: String,
}

impl Problem {
    pub(crate) fn new(at: usize, message: impl Into<String>) -> Problem {
        Problem {
            at,
            message: message.into(),
        }
    }

    pub(crate) fn locate(self, file: &str, source: &str) -> WxmlError {
        let (line, column) = line_column(source, self.at);
        WxmlError {
            file: file.into(),
            line,
            column,
            message: self.message,
        }
    }
}

pub(crate) use crate::source_position::line_column;
