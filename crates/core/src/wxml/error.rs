//! Compile errors and warnings, located as `file:line:column` the way editors and WeChat
//! DevTools print them.

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

/// Something WeChat's compiler accepts but points out (a duplicate attribute, an unknown
/// `wx:` attribute): the file compiles, with the behaviour WeChat gives it.
///
/// Displays as `pages/index/index.wxml:12:5: <message>`, like [`WxmlError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WxmlWarning {
    /// The file, relative to the project root, as passed to [`super::compile`].
    pub file: String,
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, counted in characters.
    pub column: u32,
    /// What was found there and what wxrt did with it.
    pub message: String,
}

impl std::fmt::Display for WxmlWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
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

    pub(crate) fn locate_warning(self, file: &str, source: &str) -> WxmlWarning {
        let WxmlError {
            file,
            line,
            column,
            message,
        } = self.locate(file, source);
        WxmlWarning {
            file,
            line,
            column,
            message,
        }
    }
}

pub(crate) use crate::source_position::line_column;
