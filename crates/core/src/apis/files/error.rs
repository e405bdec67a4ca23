//! Why a file operation failed, worded as WeChat's FileSystemManager words it.

use std::fmt;

/// What an error text names after its reason: WeChat's texts name the path in four ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// ` wxfile://usr/a` (access, unlink, mkdir, rmdir, readdir, stat).
    Bare(String),
    /// `, open wxfile://usr/a` (readFile, writeFile, appendFile).
    Open(String),
    /// `, unlink wxfile://usr/a` (unlink of a directory).
    Op(&'static str, String),
    /// ` "wxfile://usr/a"` (saveFile's target).
    Quoted(String),
    /// `, copyFile a -> b` (copyFile, rename).
    Pair {
        /// The operation named.
        op: &'static str,
        /// Its source path, as given.
        from: String,
        /// Its target path, as given.
        to: String,
    },
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Bare(path) => write!(f, " {path}"),
            Self::Open(path) => write!(f, ", open {path}"),
            Self::Op(op, path) => write!(f, ", {op} {path}"),
            Self::Quoted(path) => write!(f, " \"{path}\""),
            Self::Pair { op, from, to } => write!(f, ", {op} {from} -> {to}"),
        }
    }
}

/// Why a file operation failed; `Display` is the part after `<method>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FsError {
    /// The path (or the parent a write needs) does not exist.
    #[error("no such file or directory{0}")]
    NoEntry(Subject),
    /// Writing outside `wxfile://usr`, or reaching a path no API may touch.
    #[error("permission denied{0}")]
    Denied(Subject),
    /// Reading or writing a directory as a file.
    #[error("illegal operation on a directory{0}")]
    IsDirectory(Subject),
    /// `unlink` of a directory.
    #[error("operation not permitted{0}")]
    NotPermitted(Subject),
    /// `mkdir` of a path that exists.
    #[error("file already exists{0}")]
    Exists(Subject),
    /// `rmdir` of a directory with entries, without `recursive`.
    #[error("directory not empty")]
    NotEmpty,
    /// `readdir` of a file.
    #[error("not a directory{0}")]
    NotDirectory(Subject),
    /// Saved and user files together would pass their limit.
    #[error("the maximum size of the file storage limit is exceeded")]
    Quota,
    /// `saveFile` of a temporary path that does not exist (or was saved already).
    #[error("tempFilePath file not exist")]
    TempMissing,
    /// `getFileInfo`, `getSavedFileInfo`, `removeSavedFile` of a missing file.
    #[error("file not exist")]
    FileNotExist,
    /// Text given as base64 that is not base64.
    #[error("base64 encode error")]
    Base64,
    /// An encoding WeChat does not list (wording UNCONFIRMED).
    #[error("invalid encoding {0}")]
    Encoding(String),
    /// An `open` flag WeChat does not list.
    #[error("invalid flag")]
    Flag,
    /// A writing `open` flag outside `wxfile://usr`.
    #[error("permission denied when open using flag")]
    FlagDenied,
    /// An `fd` that is not open (or not open for what was asked).
    #[error("bad file descriptor")]
    BadDescriptor,
    /// Too many files open at once (WeChat's own spelling).
    #[error("excced max concurrent fd limit")]
    TooManyOpen,
    /// `read`/`write`'s `offset` outside the ArrayBuffer.
    #[error("value of offset is out of range")]
    Offset,
    /// `readFile`'s `position` outside the file.
    #[error("value of position is out of range")]
    Position,
    /// `truncate` to a negative length, `readFile` past the end.
    #[error("value of length is out of range")]
    Length,
    /// A file `unzip` or `readZipEntry` cannot read as a zip.
    #[error("unzip open file fail")]
    UnzipOpen,
    /// A zip entry that cannot be inflated (unsupported method, bad CRC) or placed (a name
    /// outside the target folder, a file where a folder is or the reverse).
    #[error("unzip entry fail")]
    UnzipEntry,
    /// `readCompressedFile` of data that is not brotli.
    #[error("brotli decompress fail")]
    Brotli,
    /// An option value WeChat does not list (`compressionAlgorithm` other than `br`).
    #[error("Invalid argument")]
    InvalidArgument,
}

impl FsError {
    /// WeChat's `errno` for this failure (the FileSystemManager's table).
    pub fn errno(&self) -> u32 {
        match self {
            Self::NoEntry(_) | Self::FileNotExist => 1_300_002,
            Self::Denied(_) => 1_300_013,
            Self::IsDirectory(_) => 1_301_003,
            Self::NotPermitted(_) => 1_300_001,
            Self::Exists(_) => 1_301_005,
            Self::NotEmpty => 1_300_066,
            Self::NotDirectory(_) => 1_300_020,
            Self::Quota => 1_300_202,
            Self::TempMissing => 1_301_112,
            Self::Base64 => 1_300_203,
            Self::Encoding(_) => 1_300_022,
            Self::Length => 1_301_006,
            Self::Position => 1_301_009,
            Self::Flag => 1_302_003,
            Self::Offset => 1_301_007,
            Self::FlagDenied => 1_302_004,
            Self::BadDescriptor => 1_300_009,
            Self::TooManyOpen => 1_302_002,
            Self::UnzipOpen => 1_301_102,
            Self::UnzipEntry => 1_301_103,
            Self::Brotli => 1_301_111,
            Self::InvalidArgument => 1_300_022,
        }
    }
}
