//! Storage failures. Each `Display` is the reason part of WeChat's `errMsg`
//! (`getStorage:fail data not found`); wrap in [`crate::errmsg::Failure`] to name the API.

use thiserror::Error;

/// Why a storage call failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// `getStorage` of a key that is not stored.
    #[error("data not found")]
    NotFound,
    /// The mini-program passed a bad argument; nothing was stored.
    #[error("parameter error: {0}")]
    Parameter(#[from] ParameterError),
    /// The write would pass WeChat's per-key or per-app limit; nothing changed.
    #[error("exceed storage max size")]
    ExceedMaxSize,
    /// The browser refused the write (`QuotaExceededError`); nothing changed.
    #[error("localStorage quota exceeded")]
    BrowserQuota,
    /// The browser refused the write for another reason; nothing changed.
    #[error("localStorage refused the write: {0}")]
    Backend(String),
    /// The stored entry cannot be decoded (hand-edited or damaged).
    #[error("data corrupted: {0}")]
    Corrupt(#[from] Corruption),
    /// An encrypted entry read without `encrypt: true`.
    #[error("data is encrypted: read it with getStorage and encrypt: true")]
    Encrypted,
    /// A plain entry read with `encrypt: true`.
    #[error("data is not encrypted: read it without encrypt: true")]
    NotEncrypted,
    /// `encrypt: true` but the runtime has no key to encrypt with.
    #[error("encrypt is unavailable: {0}")]
    NoCipher(String),
}

/// A bad argument, worded as WeChat words parameter errors.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParameterError {
    /// `parameter.key should be String instead of Number;`
    #[error("parameter.{path} should be {expected} instead of {actual};")]
    WrongType {
        /// The argument's path (`key`, `kvList[2].key`).
        path: String,
        /// What WeChat expects there.
        expected: &'static str,
        /// What it got.
        actual: String,
    },
    /// The whole options argument is missing or not an object.
    #[error("parameter should be Object instead of {actual};")]
    NotAnObject {
        /// What was passed instead.
        actual: String,
    },
    /// `data` (or a batch value) cannot be stored: a function, symbol, BigInt, or a value
    /// `JSON.stringify` rejects (a circular object).
    #[error("parameter.{path} cannot be encoded: {reason}")]
    Unencodable {
        /// The argument's path (`data`, `kvList[0].value`).
        path: String,
        /// What went wrong.
        reason: String,
    },
}

impl ParameterError {
    /// `parameter.<path> should be <expected> instead of <actual>;`
    pub fn wrong_type(path: impl Into<String>, expected: &'static str, actual: &str) -> Self {
        Self::WrongType {
            path: path.into(),
            expected,
            actual: actual.to_owned(),
        }
    }
}

/// What is wrong with a stored entry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Corruption {
    /// The entry does not start with a valid wxrt header.
    #[error("entry header is missing or malformed")]
    Header,
    /// The payload's length differs from the one its header records.
    #[error("entry length does not match its header")]
    Length,
    /// The payload does not decode as its header's type says.
    #[error("payload is not a valid {0}")]
    Payload(&'static str),
    /// The compressed or packed payload does not decode.
    #[error("compressed payload does not decode")]
    Compressed,
    /// Decryption failed: wrong key, or the ciphertext was altered or moved.
    #[error("encrypted payload does not decrypt with this app's key")]
    Decrypt,
}

/// An appid or user id that cannot name a namespace.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{field} should be 1 to 64 of [A-Za-z0-9_-], got {value:?}")]
pub struct NamespaceError {
    /// `appid` or `user`.
    pub field: &'static str,
    /// The rejected value.
    pub value: String,
}
