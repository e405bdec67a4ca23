//! Images and files: one model of `wxfile://` paths (temporary, user data, saved), the
//! FileSystemManager's rules (which path may be written, the 200 MB limit, every errMsg),
//! downloads, the image viewer's and the simulated photo album's checks.
//!
//! ```
//! use wxrt_core::apis::files::{FileSystem, FsError, USER_DATA_PATH};
//!
//! let mut fs = FileSystem::new();
//! fs.write("wxfile://usr/a.txt", b"hi", false, 0).unwrap();
//! assert_eq!(fs.read("wxfile://usr/a.txt").unwrap(), b"hi");
//! let error = fs.read("wxfile://usr/b.txt").unwrap_err();
//! assert_eq!(error.to_string(), "no such file or directory, open wxfile://usr/b.txt");
//! assert!(matches!(fs.write("wxfile://tmp_1.txt", b"", false, 0), Err(FsError::Denied(_))));
//! assert_eq!(USER_DATA_PATH, "wxfile://usr");
//! ```

pub mod album;
pub mod archive;
pub mod digest;
pub mod download;
pub mod encoding;
pub mod error;
pub mod fd;
pub mod image;
pub mod path;
pub mod tree;

#[cfg(test)]
mod tests;

pub use error::{FsError, Subject};
pub use fd::Descriptors;
pub use path::USER_DATA_PATH;
pub use tree::{FileSystem, Node, SavedFile, Stats};

use super::params::{Field, ARRAY, BOOLEAN, NUMBER, OBJECT, STRING};

const TEXT_OR_INDEX: &[crate::js_type::JsType] = &[
    crate::js_type::JsType::String,
    crate::js_type::JsType::Number,
];
/// `data`: a string or an ArrayBuffer (an object to the type check).
const DATA: &[crate::js_type::JsType] = &[
    crate::js_type::JsType::String,
    crate::js_type::JsType::Object,
];

/// `readZipEntry`'s `entries`: `'all'` or an array of `{path, encoding?}`.
const ENTRIES: &[crate::js_type::JsType] = &[
    crate::js_type::JsType::String,
    crate::js_type::JsType::Array,
];

/// The options WeChat checks for this family's `wx` methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    (
        "previewImage",
        &[
            Field::required("urls", ARRAY),
            Field::optional("current", TEXT_OR_INDEX),
            Field::optional("showmenu", BOOLEAN),
            Field::optional("referrerPolicy", STRING),
        ],
    ),
    (
        "previewMedia",
        &[
            Field::required("sources", ARRAY),
            Field::optional("current", NUMBER),
            Field::optional("showmenu", BOOLEAN),
            Field::optional("referrerPolicy", STRING),
        ],
    ),
    (
        "downloadFile",
        &[
            Field::required("url", STRING),
            Field::optional("header", OBJECT),
            Field::optional("timeout", NUMBER),
            Field::optional("filePath", STRING),
        ],
    ),
    ("getImageInfo", &[Field::required("src", STRING)]),
    (
        "compressImage",
        &[
            Field::required("src", STRING),
            Field::optional("quality", NUMBER),
            Field::optional("compressedWidth", NUMBER),
            Field::optional("compressedHeight", NUMBER),
        ],
    ),
    (
        "saveImageToPhotosAlbum",
        &[Field::required("filePath", STRING)],
    ),
    (
        "saveVideoToPhotosAlbum",
        &[Field::required("filePath", STRING)],
    ),
    (
        "openDocument",
        &[
            Field::required("filePath", STRING),
            Field::optional("fileType", STRING),
            Field::optional("showMenu", BOOLEAN),
        ],
    ),
    (
        "chooseVideo",
        &[
            Field::optional("sourceType", ARRAY),
            Field::optional("compressed", BOOLEAN),
            Field::optional("maxDuration", NUMBER),
            Field::optional("camera", STRING),
        ],
    ),
    (
        "chooseMessageFile",
        &[
            Field::required("count", NUMBER),
            Field::optional("type", STRING),
            Field::optional("extension", ARRAY),
        ],
    ),
    (
        "saveFile",
        &[
            Field::required("tempFilePath", STRING),
            Field::optional("filePath", STRING),
        ],
    ),
    ("getSavedFileList", &[]),
    ("getSavedFileInfo", &[Field::required("filePath", STRING)]),
    ("removeSavedFile", &[Field::required("filePath", STRING)]),
    (
        "getFileInfo",
        &[
            Field::required("filePath", STRING),
            Field::optional("digestAlgorithm", STRING),
        ],
    ),
];

/// The options of the FileSystemManager's methods (by their asynchronous name; the Sync
/// forms take the same values as arguments).
pub const FS_SCHEMAS: &[(&str, &[Field])] = &[
    ("access", &[Field::required("path", STRING)]),
    (
        "readFile",
        &[
            Field::required("filePath", STRING),
            Field::optional("encoding", STRING),
            Field::optional("position", NUMBER),
            Field::optional("length", NUMBER),
        ],
    ),
    (
        "writeFile",
        &[
            Field::required("filePath", STRING),
            Field::required("data", DATA),
            Field::optional("encoding", STRING),
        ],
    ),
    (
        "appendFile",
        &[
            Field::required("filePath", STRING),
            Field::required("data", DATA),
            Field::optional("encoding", STRING),
        ],
    ),
    (
        "copyFile",
        &[
            Field::required("srcPath", STRING),
            Field::required("destPath", STRING),
        ],
    ),
    (
        "rename",
        &[
            Field::required("oldPath", STRING),
            Field::required("newPath", STRING),
        ],
    ),
    ("unlink", &[Field::required("filePath", STRING)]),
    (
        "mkdir",
        &[
            Field::required("dirPath", STRING),
            Field::optional("recursive", BOOLEAN),
        ],
    ),
    (
        "rmdir",
        &[
            Field::required("dirPath", STRING),
            Field::optional("recursive", BOOLEAN),
        ],
    ),
    ("readdir", &[Field::required("dirPath", STRING)]),
    (
        "stat",
        &[
            Field::required("path", STRING),
            Field::optional("recursive", BOOLEAN),
        ],
    ),
    (
        "truncate",
        &[
            Field::required("filePath", STRING),
            Field::optional("length", NUMBER),
        ],
    ),
    (
        "saveFile",
        &[
            Field::required("tempFilePath", STRING),
            Field::optional("filePath", STRING),
        ],
    ),
    (
        "getFileInfo",
        &[
            Field::required("filePath", STRING),
            Field::optional("digestAlgorithm", STRING),
        ],
    ),
    ("getSavedFileList", &[]),
    ("removeSavedFile", &[Field::required("filePath", STRING)]),
    (
        "open",
        &[
            Field::required("filePath", STRING),
            Field::optional("flag", STRING),
        ],
    ),
    ("close", &[Field::required("fd", STRING)]),
    (
        "read",
        &[
            Field::required("fd", STRING),
            Field::required("arrayBuffer", OBJECT),
            Field::optional("offset", NUMBER),
            Field::optional("length", NUMBER),
            Field::optional("position", NUMBER),
        ],
    ),
    (
        "write",
        &[
            Field::required("fd", STRING),
            Field::required("data", DATA),
            Field::optional("offset", NUMBER),
            Field::optional("length", NUMBER),
            Field::optional("encoding", STRING),
            Field::optional("position", NUMBER),
        ],
    ),
    ("fstat", &[Field::required("fd", STRING)]),
    (
        "ftruncate",
        &[
            Field::required("fd", STRING),
            Field::required("length", NUMBER),
        ],
    ),
    (
        "unzip",
        &[
            Field::required("zipFilePath", STRING),
            Field::required("targetPath", STRING),
        ],
    ),
    (
        "readZipEntry",
        &[
            Field::required("filePath", STRING),
            Field::required("entries", ENTRIES),
            Field::optional("encoding", STRING),
        ],
    ),
    (
        "readCompressedFile",
        &[
            Field::required("filePath", STRING),
            Field::required("compressionAlgorithm", STRING),
        ],
    ),
];

/// The FileSystemManager methods with a Sync form, by that name (errMsg needs it as a
/// static string).
pub const FS_SYNC_NAMES: &[&str] = &[
    "accessSync",
    "readFileSync",
    "writeFileSync",
    "appendFileSync",
    "copyFileSync",
    "renameSync",
    "unlinkSync",
    "mkdirSync",
    "rmdirSync",
    "readdirSync",
    "statSync",
    "truncateSync",
    "saveFileSync",
    "openSync",
    "closeSync",
    "readSync",
    "writeSync",
    "fstatSync",
    "ftruncateSync",
    "readCompressedFileSync",
];

/// The FileSystemManager method `name` (async or Sync) as a static string, with the
/// fields its options (or arguments) must have.
pub fn fs_schema(name: &str) -> Option<(&'static str, &'static [Field])> {
    let (base, sync) = match name.strip_suffix("Sync") {
        Some(base) => (base, true),
        None => (name, false),
    };
    let (async_name, fields) = FS_SCHEMAS.iter().find(|(n, _)| *n == base)?;
    let name = if sync {
        FS_SYNC_NAMES.iter().find(|n| **n == name)?
    } else {
        async_name
    };
    Some((name, fields))
}
