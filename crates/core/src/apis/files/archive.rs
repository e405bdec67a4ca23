//! The FileSystemManager's compressed files: `unzip` into `wxfile://usr`, `readZipEntry`,
//! and `readCompressedFile` (brotli). Zips are read by the `zip` crate (stored and deflate
//! entries; other methods fail as an entry WeChat cannot read), brotli by
//! `brotli-decompressor`.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::error::{FsError, Subject};
use super::path::{self, resolve, Area};
use super::tree::{FileSystem, Node, STORAGE_LIMIT};

/// One entry of a zip: its name as stored (`a/b.txt`, `a/` for a folder) and its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name inside the zip, without a folder's trailing `/`.
    pub name: String,
    /// A folder entry (no content).
    pub dir: bool,
    /// The inflated content.
    pub bytes: Vec<u8>,
}

fn archive(bytes: &[u8]) -> Result<ZipArchive<Cursor<&[u8]>>, FsError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|_| FsError::UnzipOpen)
}

/// The entry's name when it stays inside the folder it is extracted to: relative, no
/// `..` step (a zip-slip entry is refused rather than cleaned); `.` and empty steps are
/// dropped, as unzip tools do.
fn safe_name(raw: &str) -> Option<String> {
    if raw.starts_with('/') || raw.contains('\\') {
        return None;
    }
    let steps: Vec<&str> = raw
        .split('/')
        .filter(|step| !step.is_empty() && *step != ".")
        .collect();
    if steps.is_empty() || steps.contains(&"..") {
        return None;
    }
    Some(steps.join("/"))
}

/// Every entry of the zip `bytes`, in the zip's order; `room` bounds the total size the
/// entries declare, checked before anything is inflated (so a zip bomb fails at once).
///
/// # Errors
///
/// [`FsError::UnzipOpen`] when `bytes` is not a zip, [`FsError::Quota`] past `room`,
/// [`FsError::UnzipEntry`] for an entry that cannot be read (unsupported method, bad CRC,
/// a name reaching outside the folder).
pub fn entries(bytes: &[u8], room: u64) -> Result<Vec<Entry>, FsError> {
    let mut zip = archive(bytes)?;
    let declared = (0..zip.len())
        .map(|i| zip.by_index_raw(i).map(|e| e.size()))
        .try_fold(0u64, |sum, size| size.map(|s| sum.saturating_add(s)))
        .map_err(|_| FsError::UnzipEntry)?;
    if declared > room {
        return Err(FsError::Quota);
    }
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).map_err(|_| FsError::UnzipEntry)?;
            let name = safe_name(file.name()).ok_or(FsError::UnzipEntry)?;
            let dir = file.is_dir();
            let mut bytes = Vec::new();
            if !dir {
                file.read_to_end(&mut bytes)
                    .map_err(|_| FsError::UnzipEntry)?;
            }
            Ok(Entry { name, dir, bytes })
        })
        .collect()
}

/// `readZipEntry`'s entries: every file (`None`), or each name asked for with its content
/// or its own failure.
///
/// # Errors
///
/// As [`entries`], for the zip as a whole.
#[allow(clippy::type_complexity)]
pub fn read_entries(
    bytes: &[u8],
    wanted: Option<&[String]>,
) -> Result<Vec<(String, Result<Vec<u8>, FsError>)>, FsError> {
    let all = entries(bytes, STORAGE_LIMIT)?;
    Ok(match wanted {
        None => all
            .into_iter()
            .filter(|e| !e.dir)
            .map(|e| (e.name, Ok(e.bytes)))
            .collect(),
        Some(names) => names
            .iter()
            .map(|name| {
                let found = all.iter().find(|e| !e.dir && e.name == *name);
                let result = found
                    .map(|e| e.bytes.clone())
                    .ok_or_else(|| FsError::NoEntry(Subject::Bare(name.clone())));
                (name.clone(), result)
            })
            .collect(),
    })
}

/// `readCompressedFile`'s `compressionAlgorithm`: WeChat knows only `br`.
///
/// # Errors
///
/// [`FsError::InvalidArgument`] for another algorithm.
pub fn compression(algorithm: &str) -> Result<(), FsError> {
    if algorithm == "br" {
        Ok(())
    } else {
        Err(FsError::InvalidArgument)
    }
}

/// `bytes` decompressed as brotli. Only the brotli build of the glue calls this, so the
/// decompressor (with its 122 KB dictionary) is in no other wasm.
///
/// # Errors
///
/// [`FsError::Brotli`] for data that is not brotli.
pub fn inflate_brotli(bytes: &[u8]) -> Result<Vec<u8>, FsError> {
    let mut out = Vec::new();
    brotli_decompressor::Decompressor::new(bytes, 4096)
        .read_to_end(&mut out)
        .map_err(|_| FsError::Brotli)?;
    Ok(out)
}

/// `readCompressedFile`: `bytes` decompressed with `algorithm`.
///
/// # Errors
///
/// [`FsError::InvalidArgument`] for an algorithm other than `br`, [`FsError::Brotli`].
pub fn decompress(bytes: &[u8], algorithm: &str) -> Result<Vec<u8>, FsError> {
    compression(algorithm)?;
    inflate_brotli(bytes)
}

impl FileSystem {
    /// `unzip`: extracts the zip at `zip_path` (any readable path) into the folder
    /// `target` under `wxfile://usr`, creating it (when its parent exists) and the folders
    /// the entries name; files there are replaced. Nothing is written unless every entry
    /// reads and fits in the storage limit.
    ///
    /// # Errors
    ///
    /// [`FsError::NoEntry`] (the zip, or the target's parent), [`FsError::Denied`] for a
    /// target outside `wxfile://usr`, [`FsError::NotDirectory`] for a target that is a
    /// file, [`FsError::UnzipOpen`], [`FsError::UnzipEntry`] (also for an entry that would
    /// replace a folder by a file or the reverse), [`FsError::Quota`].
    pub fn unzip(&mut self, zip_path: &str, target: &str, now: u64) -> Result<(), FsError> {
        let pair = || Subject::Pair {
            op: "unzip",
            from: zip_path.to_owned(),
            to: target.to_owned(),
        };
        let bytes = match self.read(zip_path) {
            Ok(bytes) => bytes.to_vec(),
            Err(FsError::Denied(_)) => return Err(FsError::Denied(pair())),
            Err(_) => return Err(FsError::NoEntry(pair())),
        };
        let dest = resolve(target);
        if dest.area != Area::User {
            return Err(FsError::Denied(pair()));
        }
        match self.node(&dest.key) {
            Some(Node::File { .. }) => return Err(FsError::NotDirectory(pair())),
            Some(Node::Dir { .. }) => {}
            None => {
                if !path::parent(&dest.key).is_some_and(|p| self.is_folder(p)) {
                    return Err(FsError::NoEntry(pair()));
                }
            }
        }
        let found = entries(&bytes, STORAGE_LIMIT.saturating_sub(self.used()))?;
        let keyed: Vec<(String, Entry)> = found
            .into_iter()
            .map(|e| (format!("{}/{}", dest.key, e.name), e))
            .collect();
        let mut replaced = 0u64;
        for (key, entry) in &keyed {
            let mut up = path::parent(key);
            while let Some(dir) = up.filter(|d| d.len() > dest.key.len()) {
                if matches!(self.node(dir), Some(Node::File { .. })) {
                    return Err(FsError::UnzipEntry);
                }
                up = path::parent(dir);
            }
            match (self.node(key), entry.dir) {
                (Some(Node::File { bytes, .. }), false) => replaced += bytes.len() as u64,
                (Some(Node::File { .. }), true) | (Some(Node::Dir { .. }), false) => {
                    return Err(FsError::UnzipEntry)
                }
                _ => {}
            }
        }
        let added: u64 = keyed.iter().map(|(_, e)| e.bytes.len() as u64).sum();
        if self.used().saturating_sub(replaced) + added > STORAGE_LIMIT {
            return Err(FsError::Quota);
        }
        let entry_fail = |_| FsError::UnzipEntry;
        self.mkdir(&dest.key, true, now).map_err(entry_fail)?;
        for (key, entry) in keyed {
            if entry.dir {
                self.mkdir(&key, true, now).map_err(entry_fail)?;
                continue;
            }
            if let Some(parent) = path::parent(&key) {
                self.mkdir(parent, true, now).map_err(entry_fail)?;
            }
            self.write(&key, &entry.bytes, false, now)
                .map_err(entry_fail)?;
        }
        Ok(())
    }

    fn is_folder(&self, key: &str) -> bool {
        matches!(self.node(key), Some(Node::Dir { .. }))
    }
}
