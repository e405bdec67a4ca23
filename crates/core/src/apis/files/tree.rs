//! One (appid, user)'s local files: the user tree under `wxfile://usr`, the files
//! `saveFile` kept (`wxfile://store_…`), and this run's temporary files. Every rule of
//! which path may be read or written, and the storage limit, is decided here; the shim
//! keeps the bytes of user and saved files in IndexedDB through [`FileSystem::take_changes`].

use std::collections::{BTreeMap, BTreeSet};

use super::error::{FsError, Subject};
use super::path::{self, resolve, Area, LocalPath, USER_DATA_PATH};

/// Saved and user files together, per (appid, user): 200 MB (WeChat's current docs).
pub const STORAGE_LIMIT: u64 = 200 * 1024 * 1024;
/// The legacy `wx.saveFile`'s limit on saved files: 10 MB.
pub const LEGACY_SAVED_LIMIT: u64 = 10 * 1024 * 1024;

/// A file or a directory, with its times in ms since the epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A directory.
    Dir {
        /// When it was made.
        modified: u64,
    },
    /// A file.
    File {
        /// Its content.
        bytes: Vec<u8>,
        /// When it was last written.
        modified: u64,
        /// When it was first written (`createTime` of saved files).
        created: u64,
    },
}

impl Node {
    fn size(&self) -> u64 {
        match self {
            Self::Dir { .. } => 0,
            Self::File { bytes, .. } => bytes.len() as u64,
        }
    }
}

/// What `stat` tells of a path; times in seconds as WeChat's `Stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// A directory (else a file).
    pub is_dir: bool,
    /// Bytes (0 for directories).
    pub size: u64,
    /// Last write, UNIX seconds.
    pub modified: u64,
}

impl Stats {
    /// POSIX's usual modes: `drwxr-xr-x` and `-rw-r--r--` (WeChat's values UNCONFIRMED).
    pub fn mode(&self) -> u32 {
        if self.is_dir {
            0o040_755
        } else {
            0o100_644
        }
    }
}

/// A saved file as `getSavedFileList` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFile {
    /// `wxfile://store_…`.
    pub path: String,
    /// Bytes.
    pub size: u64,
    /// UNIX seconds.
    pub created: u64,
}

/// `readFile`'s `position` and `length` (2.10.0) applied to `bytes`: from `position`
/// (default 0), `length` bytes (default: to the end).
///
/// # Errors
///
/// [`FsError::Position`], [`FsError::Length`] when they reach outside the file.
pub fn window(bytes: &[u8], position: Option<f64>, length: Option<f64>) -> Result<&[u8], FsError> {
    let size = bytes.len() as f64;
    let start = position.unwrap_or(0.0);
    if !(0.0..=size).contains(&start) || start.fract() != 0.0 {
        return Err(FsError::Position);
    }
    let count = length.unwrap_or(size - start);
    if !(0.0..=size - start).contains(&count) || count.fract() != 0.0 {
        return Err(FsError::Length);
    }
    let start = start as usize;
    Ok(&bytes[start..start + count as usize])
}

/// The local files of one (appid, user).
#[derive(Debug, Clone, Default)]
pub struct FileSystem {
    /// User and saved files by normal path; the user root is always there.
    nodes: BTreeMap<String, Node>,
    /// Temporary files of this run (never persisted, not counted in the limit).
    temp: BTreeMap<String, Vec<u8>>,
    /// Paths written or removed since the last [`FileSystem::take_changes`].
    changed: BTreeSet<String>,
}

fn open(given: &str) -> Subject {
    Subject::Open(given.to_owned())
}

fn bare(given: &str) -> Subject {
    Subject::Bare(given.to_owned())
}

fn children_of<'a>(
    nodes: &'a BTreeMap<String, Node>,
    dir: &'a str,
) -> impl Iterator<Item = (&'a String, &'a Node)> + 'a {
    let prefix = format!("{dir}/");
    nodes
        .range(prefix.clone()..)
        .take_while(move |(key, _)| key.starts_with(&prefix))
}

impl FileSystem {
    /// No files yet: the user root alone.
    pub fn new() -> Self {
        let mut nodes = BTreeMap::new();
        nodes.insert(USER_DATA_PATH.to_owned(), Node::Dir { modified: 0 });
        Self {
            nodes,
            ..Self::default()
        }
    }

    /// Restores a persisted node (the shim's IndexedDB copy); paths outside the user and
    /// saved areas are ignored.
    pub fn restore(&mut self, key: &str, node: Node) {
        let at = resolve(key);
        if matches!(at.area, Area::User | Area::Store) && at.key == key {
            self.nodes.insert(at.key, node);
        }
    }

    /// The node persisted at `key`, if any.
    pub fn node(&self, key: &str) -> Option<&Node> {
        self.nodes.get(key)
    }

    /// Paths changed since the last call (the shim writes each through, or deletes it
    /// when [`FileSystem::node`] no longer has it).
    pub fn take_changes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.changed).into_iter().collect()
    }

    /// Bytes held by saved and user files.
    pub fn used(&self) -> u64 {
        self.nodes.values().map(Node::size).sum()
    }

    fn saved_used(&self) -> u64 {
        self.nodes
            .iter()
            .filter(|(key, _)| resolve(key).area == Area::Store)
            .map(|(_, node)| node.size())
            .sum()
    }

    /// A temporary file of this run (a download, a chosen image).
    pub fn add_temp(&mut self, key: &str, bytes: Vec<u8>) {
        self.temp.insert(key.to_owned(), bytes);
    }

    /// Whether the temporary file `key` exists.
    pub fn has_temp(&self, key: &str) -> bool {
        self.temp.contains_key(key)
    }

    fn put(&mut self, key: String, node: Node) {
        self.changed.insert(key.clone());
        self.nodes.insert(key, node);
    }

    /// Puts `bytes` as the file at `key` (modified `now`) if the user area still fits
    /// them once what they replace is freed.
    fn store_file(
        &mut self,
        key: String,
        bytes: Vec<u8>,
        created: u64,
        now: u64,
    ) -> Result<(), FsError> {
        let removed = self.nodes.get(&key).map_or(0, Node::size);
        Self::fits(self.used(), removed, bytes.len() as u64, STORAGE_LIMIT)?;
        self.put(
            key,
            Node::File {
                bytes,
                modified: now,
                created,
            },
        );
        Ok(())
    }

    fn drop_node(&mut self, key: &str) -> Option<Node> {
        self.changed.insert(key.to_owned());
        self.nodes.remove(key)
    }

    fn is_dir(&self, key: &str) -> bool {
        matches!(self.nodes.get(key), Some(Node::Dir { .. }))
    }

    /// Fails with the limit's error when `added` more bytes replacing `removed` would pass
    /// `limit` (over `used`).
    fn fits(used: u64, removed: u64, added: u64, limit: u64) -> Result<(), FsError> {
        if used.saturating_sub(removed) + added > limit {
            Err(FsError::Quota)
        } else {
            Ok(())
        }
    }

    /// The content of the file at `given`, wherever it is readable from.
    fn bytes_at(&self, at: &LocalPath) -> Option<Result<&[u8], ()>> {
        match at.area {
            Area::Temp => self.temp.get(&at.key).map(|b| Ok(b.as_slice())),
            Area::User | Area::Store => self.nodes.get(&at.key).map(|node| match node {
                Node::File { bytes, .. } => Ok(bytes.as_slice()),
                Node::Dir { .. } => Err(()),
            }),
            Area::Other | Area::Package => None,
        }
    }

    /// `access`: whether anything exists at `given`.
    ///
    /// # Errors
    ///
    /// [`FsError::NoEntry`].
    pub fn access(&self, given: &str) -> Result<(), FsError> {
        let at = resolve(given);
        match self.bytes_at(&at) {
            Some(_) => Ok(()),
            None => Err(FsError::NoEntry(bare(given))),
        }
    }

    /// `readFile`: the file's bytes.
    ///
    /// # Errors
    ///
    /// [`FsError::NoEntry`], [`FsError::IsDirectory`], [`FsError::Denied`] for the root.
    pub fn read(&self, given: &str) -> Result<&[u8], FsError> {
        let at = resolve(given);
        match self.bytes_at(&at) {
            Some(Ok(bytes)) => Ok(bytes),
            Some(Err(())) => Err(FsError::IsDirectory(open(given))),
            None if at.area == Area::Other => Err(FsError::Denied(open(given))),
            None => Err(FsError::NoEntry(open(given))),
        }
    }

    /// Checks that `at` may be written as a file: under the user root, its parent a
    /// directory, itself not a directory.
    fn writable(&self, at: &LocalPath, given: &str) -> Result<(), FsError> {
        if at.area != Area::User || at.key == USER_DATA_PATH {
            return Err(if at.key == USER_DATA_PATH {
                FsError::IsDirectory(open(given))
            } else {
                FsError::Denied(open(given))
            });
        }
        if !path::parent(&at.key).is_some_and(|p| self.is_dir(p)) {
            return Err(FsError::NoEntry(open(given)));
        }
        if self.is_dir(&at.key) {
            return Err(FsError::IsDirectory(open(given)));
        }
        Ok(())
    }

    /// `writeFile` (or `appendFile` with `append`): the file at `given` holds `bytes`
    /// (after what it held).
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] outside `wxfile://usr`, [`FsError::NoEntry`] when the parent
    /// (or, appending, the file) is missing, [`FsError::IsDirectory`], [`FsError::Quota`].
    pub fn write(
        &mut self,
        given: &str,
        bytes: &[u8],
        append: bool,
        now: u64,
    ) -> Result<(), FsError> {
        let at = resolve(given);
        self.writable(&at, given)?;
        let old = self.nodes.get(&at.key);
        if append && old.is_none() {
            return Err(FsError::NoEntry(open(given)));
        }
        let (mut content, created) = match old {
            Some(Node::File { bytes, created, .. }) if append => (bytes.clone(), *created),
            Some(Node::File { created, .. }) => (Vec::new(), *created),
            _ => (Vec::new(), now),
        };
        content.extend_from_slice(bytes);
        self.store_file(at.key, content, created, now)
    }

    /// `truncate`: the file keeps its first `length` bytes (or is padded with zeros).
    ///
    /// # Errors
    ///
    /// As [`FileSystem::write`]; [`FsError::Length`] for a negative length.
    pub fn truncate(&mut self, given: &str, length: f64, now: u64) -> Result<(), FsError> {
        if length.is_nan() || length < 0.0 {
            return Err(FsError::Length);
        }
        let at = resolve(given);
        self.writable(&at, given)?;
        let Some(Node::File { bytes, created, .. }) = self.nodes.get(&at.key) else {
            return Err(FsError::NoEntry(open(given)));
        };
        let (mut content, created) = (bytes.clone(), *created);
        let length = length as u64;
        Self::fits(self.used(), content.len() as u64, length, STORAGE_LIMIT)?;
        content.resize(length as usize, 0);
        self.put(
            at.key,
            Node::File {
                bytes: content,
                modified: now,
                created,
            },
        );
        Ok(())
    }

    /// `copyFile`.
    ///
    /// # Errors
    ///
    /// [`FsError::NoEntry`] (source, or the target's parent), [`FsError::Denied`] for a
    /// target outside `wxfile://usr`, [`FsError::Quota`].
    pub fn copy(&mut self, from: &str, to: &str, now: u64) -> Result<(), FsError> {
        let pair = || Subject::Pair {
            op: "copyFile",
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let source = resolve(from);
        let target = resolve(to);
        let bytes = match self.bytes_at(&source) {
            Some(Ok(bytes)) => bytes.to_vec(),
            Some(Err(())) => return Err(FsError::IsDirectory(pair())),
            None => return Err(FsError::NoEntry(pair())),
        };
        self.writable(&target, to).map_err(|error| match error {
            FsError::Denied(_) => FsError::Denied(pair()),
            FsError::IsDirectory(_) => FsError::IsDirectory(pair()),
            _ => FsError::NoEntry(pair()),
        })?;
        self.store_file(target.key, bytes, now, now)
    }

    /// `rename`: a user file or directory moves within `wxfile://usr`; a temporary or saved
    /// file moves into it (and its old path no longer exists).
    ///
    /// # Errors
    ///
    /// [`FsError::NoEntry`], [`FsError::Denied`] (either path outside where it may be),
    /// [`FsError::NotEmpty`] onto a directory with entries, [`FsError::Quota`].
    pub fn rename(&mut self, from: &str, to: &str, now: u64) -> Result<(), FsError> {
        let pair = || Subject::Pair {
            op: "rename",
            from: from.to_owned(),
            to: to.to_owned(),
        };
        let source = resolve(from);
        let target = resolve(to);
        if !matches!(source.area, Area::User | Area::Temp | Area::Store)
            || source.key == USER_DATA_PATH
            || target.area != Area::User
            || target.key == USER_DATA_PATH
        {
            return Err(FsError::Denied(pair()));
        }
        if self.bytes_at(&source).is_none() {
            return Err(FsError::NoEntry(pair()));
        }
        if !path::parent(&target.key).is_some_and(|p| self.is_dir(p)) {
            return Err(FsError::NoEntry(pair()));
        }
        if source.key == target.key {
            return Ok(());
        }
        if target.key.starts_with(&format!("{}/", source.key)) {
            return Err(FsError::Denied(pair()));
        }
        if self.is_dir(&target.key) {
            if children_of(&self.nodes, &target.key).next().is_some() {
                return Err(FsError::NotEmpty);
            }
            if !self.is_dir(&source.key) {
                return Err(FsError::IsDirectory(pair()));
            }
        }
        if source.area == Area::Temp {
            let bytes = self.temp.get(&source.key).cloned().unwrap_or_default();
            self.store_file(target.key, bytes, now, now)?;
            self.temp.remove(&source.key);
            return Ok(());
        }
        // User and saved files both count in the limit: moving between them adds nothing.
        let moved: Vec<String> = std::iter::once(source.key.clone())
            .chain(children_of(&self.nodes, &source.key).map(|(k, _)| k.clone()))
            .collect();
        for key in moved {
            if let Some(node) = self.drop_node(&key) {
                let new_key = format!("{}{}", target.key, &key[source.key.len()..]);
                self.put(new_key, node);
            }
        }
        Ok(())
    }

    /// `unlink`: removes a user or saved file.
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] elsewhere, [`FsError::NoEntry`], [`FsError::NotPermitted`] for a
    /// directory.
    pub fn unlink(&mut self, given: &str) -> Result<(), FsError> {
        let at = resolve(given);
        if !matches!(at.area, Area::User | Area::Store) {
            return Err(FsError::Denied(open(given)));
        }
        match self.nodes.get(&at.key) {
            None => Err(FsError::NoEntry(bare(given))),
            Some(Node::Dir { .. }) => Err(FsError::NotPermitted(Subject::Op(
                "unlink",
                given.to_owned(),
            ))),
            Some(Node::File { .. }) => {
                self.drop_node(&at.key);
                Ok(())
            }
        }
    }

    /// `mkdir` (with `recursive`, the missing parents too, and an existing directory is
    /// fine, as Node's `mkdir -p`: WeChat's behaviour there is UNCONFIRMED).
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] outside `wxfile://usr`, [`FsError::Exists`], [`FsError::NoEntry`]
    /// for a missing parent without `recursive`.
    pub fn mkdir(&mut self, given: &str, recursive: bool, now: u64) -> Result<(), FsError> {
        let at = resolve(given);
        if at.area != Area::User {
            return Err(FsError::Denied(open(given)));
        }
        if let Some(node) = self.nodes.get(&at.key) {
            return match node {
                Node::Dir { .. } if recursive => Ok(()),
                _ => Err(FsError::Exists(bare(given))),
            };
        }
        let mut missing = vec![at.key.clone()];
        let mut parent = path::parent(&at.key);
        while let Some(dir) = parent {
            match self.nodes.get(dir) {
                Some(Node::Dir { .. }) => break,
                Some(Node::File { .. }) => return Err(FsError::NotDirectory(bare(given))),
                None if recursive => missing.push(dir.to_owned()),
                None => return Err(FsError::NoEntry(bare(given))),
            }
            parent = path::parent(dir);
        }
        for key in missing {
            self.put(key, Node::Dir { modified: now });
        }
        Ok(())
    }

    /// `rmdir` (with `recursive`, everything under it too).
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] outside `wxfile://usr` or for its root, [`FsError::NoEntry`],
    /// [`FsError::NotDirectory`], [`FsError::NotEmpty`].
    pub fn rmdir(&mut self, given: &str, recursive: bool) -> Result<(), FsError> {
        let at = resolve(given);
        if at.area != Area::User || at.key == USER_DATA_PATH {
            return Err(FsError::Denied(open(given)));
        }
        match self.nodes.get(&at.key) {
            None => return Err(FsError::NoEntry(bare(given))),
            Some(Node::File { .. }) => return Err(FsError::NotDirectory(bare(given))),
            Some(Node::Dir { .. }) => {}
        }
        let inside: Vec<String> = children_of(&self.nodes, &at.key)
            .map(|(k, _)| k.clone())
            .collect();
        if !inside.is_empty() && !recursive {
            return Err(FsError::NotEmpty);
        }
        for key in inside {
            self.drop_node(&key);
        }
        self.drop_node(&at.key);
        Ok(())
    }

    /// `readdir`: the names directly in the directory, in name order.
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] outside `wxfile://usr` (the `wxfile://` root included),
    /// [`FsError::NoEntry`], [`FsError::NotDirectory`].
    pub fn readdir(&self, given: &str) -> Result<Vec<String>, FsError> {
        let at = resolve(given);
        if at.area != Area::User {
            return Err(if at.area == Area::Temp || at.area == Area::Store {
                FsError::NotDirectory(bare(given))
            } else {
                FsError::Denied(open(given))
            });
        }
        match self.nodes.get(&at.key) {
            None => Err(FsError::NoEntry(bare(given))),
            Some(Node::File { .. }) => Err(FsError::NotDirectory(bare(given))),
            Some(Node::Dir { .. }) => Ok(children_of(&self.nodes, &at.key)
                .filter(|(key, _)| !key[at.key.len() + 1..].contains('/'))
                .map(|(key, _)| path::name(key).to_owned())
                .collect()),
        }
    }

    fn stats_of(&self, at: &LocalPath) -> Option<Stats> {
        if at.area == Area::Temp {
            return self.temp.get(&at.key).map(|bytes| Stats {
                is_dir: false,
                size: bytes.len() as u64,
                modified: 0,
            });
        }
        self.nodes.get(&at.key).map(|node| match node {
            Node::Dir { modified } => Stats {
                is_dir: true,
                size: 0,
                modified: modified / 1000,
            },
            Node::File {
                bytes, modified, ..
            } => Stats {
                is_dir: false,
                size: bytes.len() as u64,
                modified: modified / 1000,
            },
        })
    }

    /// `stat`: the path's stats; with `recursive` on a directory, `[(relative path,
    /// stats)]` of it (`"/"`) and everything under it (`"/a/b"`), as typings' `FileStats[]`.
    ///
    /// # Errors
    ///
    /// [`FsError::Denied`] for the `wxfile://` root, [`FsError::NoEntry`].
    pub fn stat(&self, given: &str, recursive: bool) -> Result<Vec<(String, Stats)>, FsError> {
        let at = resolve(given);
        if at.area == Area::Other {
            return Err(FsError::Denied(open(given)));
        }
        let stats = self
            .stats_of(&at)
            .ok_or_else(|| FsError::NoEntry(bare(given)))?;
        let mut out = vec![(String::new(), stats)];
        if recursive && stats.is_dir {
            out[0].0 = "/".to_owned();
            for (key, _) in children_of(&self.nodes, &at.key) {
                let child = resolve(key);
                if let Some(stats) = self.stats_of(&child) {
                    out.push((key[at.key.len()..].to_owned(), stats));
                }
            }
        }
        Ok(out)
    }

    /// `saveFile`: moves the temporary file `temp` to `target` (a user path) or, without
    /// one, to `wxfile://store_<token>`; returns the saved path. `legacy` applies
    /// `wx.saveFile`'s 10 MB limit on saved files as well.
    ///
    /// # Errors
    ///
    /// [`FsError::TempMissing`], [`FsError::Denied`] / [`FsError::NoEntry`] for the target,
    /// [`FsError::Quota`].
    pub fn save_file(
        &mut self,
        temp: &str,
        target: Option<&str>,
        token: &str,
        legacy: bool,
        now: u64,
    ) -> Result<String, FsError> {
        let source = resolve(temp);
        if source.area != Area::Temp || !self.temp.contains_key(&source.key) {
            return Err(FsError::TempMissing);
        }
        let size = self.temp[&source.key].len() as u64;
        let key = match target {
            Some(given) => {
                let at = resolve(given);
                if at.area != Area::User || at.key == USER_DATA_PATH || self.is_dir(&at.key) {
                    return Err(FsError::Denied(Subject::Quoted(given.to_owned())));
                }
                let parent = path::parent(&at.key).unwrap_or(USER_DATA_PATH);
                if !self.is_dir(parent) {
                    return Err(FsError::NoEntry(Subject::Quoted(parent.to_owned())));
                }
                at.key
            }
            None => {
                let ext = temp.rsplit_once('.').map_or("", |(_, e)| e);
                let ext = if ext.is_empty() || ext.contains('/') {
                    String::new()
                } else {
                    format!(".{ext}")
                };
                format!("wxfile://store_{token}{ext}")
            }
        };
        let removed = self.nodes.get(&key).map_or(0, Node::size);
        Self::fits(self.used(), removed, size, STORAGE_LIMIT)?;
        if legacy && target.is_none() {
            Self::fits(self.saved_used(), removed, size, LEGACY_SAVED_LIMIT)?;
        }
        let bytes = self.temp.remove(&source.key).unwrap_or_default();
        self.put(
            key.clone(),
            Node::File {
                bytes,
                modified: now,
                created: now,
            },
        );
        Ok(key)
    }

    /// `getSavedFileList`: the saved files, oldest first.
    pub fn saved_files(&self) -> Vec<SavedFile> {
        let mut list: Vec<SavedFile> = self
            .nodes
            .iter()
            .filter_map(|(key, node)| match node {
                Node::File { bytes, created, .. } if resolve(key).area == Area::Store => {
                    Some(SavedFile {
                        path: key.clone(),
                        size: bytes.len() as u64,
                        created: created / 1000,
                    })
                }
                _ => None,
            })
            .collect();
        list.sort_by(|a, b| a.created.cmp(&b.created).then(a.path.cmp(&b.path)));
        list
    }

    /// `getSavedFileInfo`: one saved file.
    ///
    /// # Errors
    ///
    /// [`FsError::FileNotExist`].
    pub fn saved_file(&self, given: &str) -> Result<SavedFile, FsError> {
        let key = resolve(given).key;
        self.saved_files()
            .into_iter()
            .find(|f| f.path == key)
            .ok_or(FsError::FileNotExist)
    }

    /// `removeSavedFile`.
    ///
    /// # Errors
    ///
    /// [`FsError::FileNotExist`] for anything but an existing saved file.
    pub fn remove_saved(&mut self, given: &str) -> Result<(), FsError> {
        let at = resolve(given);
        if at.area != Area::Store || !self.nodes.contains_key(&at.key) {
            return Err(FsError::FileNotExist);
        }
        self.drop_node(&at.key);
        Ok(())
    }

    /// `getFileInfo`'s file: a temporary, saved or user file.
    ///
    /// # Errors
    ///
    /// [`FsError::FileNotExist`].
    pub fn file_info(&self, given: &str) -> Result<&[u8], FsError> {
        match self.bytes_at(&resolve(given)) {
            Some(Ok(bytes)) => Ok(bytes),
            _ => Err(FsError::FileNotExist),
        }
    }
}
