//! A project's JSON configuration files (`project.config.json`, `wxrt.config.json`) read
//! the same way: UTF-8, a leading byte order mark tolerated (some Windows editors write
//! one; JSON parsers reject it), an object at the top, and a bad-JSON position reported
//! once in our own words.

use serde_json::{Map, Value};

/// The byte order mark some Windows editors start a UTF-8 file with.
pub(crate) const BOM: char = '\u{feff}';

/// Why a configuration file's bytes are not a JSON object. Each file's own error type
/// names the file.
pub(crate) enum JsonFileError {
    NotUtf8,
    BadJson {
        line: usize,
        column: usize,
        message: String,
    },
    NotAnObject,
}

/// The top-level object of a configuration file.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonFileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| JsonFileError::NotUtf8)?;
    let value: Value =
        serde_json::from_str(text.strip_prefix(BOM).unwrap_or(text)).map_err(|err| {
            let (line, column) = (err.line(), err.column());
            // serde_json appends " at line L column C"; the position is reported in our own words.
            let full = err.to_string();
            let suffix = format!(" at line {line} column {column}");
            let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
            JsonFileError::BadJson {
                line,
                column,
                message,
            }
        })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(JsonFileError::NotAnObject),
    }
}
