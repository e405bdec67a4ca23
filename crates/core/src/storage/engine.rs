//! The storage API's behaviour: validation, limits, atomic writes, and reconciliation with
//! what other tabs (or people) did to the backend.

use std::collections::{HashMap, HashSet};

use super::backend::{BackendError, StorageBackend};
use super::cipher::StorageCipher;
use super::entry::{self, Format, Sealing, MAX_HEADER_CHARS};
use super::error::{ParameterError, StorageError};
use super::index::{Index, Meta};
use super::limits::{
    ENCRYPTED_KEY_MAX_BYTES, ENCRYPTED_TOTAL_MAX_BYTES, KEY_MAX_BYTES, LIMIT_SIZE_KB,
    TOTAL_MAX_BYTES,
};
use super::namespace::Namespace;
use super::value::EncodedValue;
use crate::random::RandomSource;

/// Options of a single write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// `encrypt: true` (`wx.setStorage` only).
    pub encrypt: bool,
}

/// What `getStorageInfo` reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageInfo {
    /// Every key, in order of first write.
    pub keys: Vec<String>,
    /// Accounted bytes in KB, rounded up.
    pub current_size_kb: u64,
    /// Always 10240 (10 MB).
    pub limit_size_kb: u64,
}

/// One (appid, user)'s storage over a backend.
pub struct Storage<B: StorageBackend> {
    backend: B,
    namespace: Namespace,
    index: Index,
    cipher: Option<StorageCipher>,
    random: Box<dyn RandomSource>,
}

fn check_key(path: impl FnOnce() -> String, key: &str) -> Result<(), ParameterError> {
    if key.is_empty() {
        return Err(ParameterError::wrong_type(
            path(),
            "non-empty String",
            "empty String",
        ));
    }
    Ok(())
}

fn accounted_bytes(key: &str, value: &EncodedValue) -> u64 {
    (key.len() + value.payload.len()) as u64
}

fn backend_failure(error: BackendError) -> StorageError {
    match error {
        BackendError::QuotaExceeded => StorageError::BrowserQuota,
        BackendError::Other(message) => StorageError::Backend(message),
    }
}

impl<B: StorageBackend> Storage<B> {
    /// Opens `namespace` in `backend`, indexing the entries already there.
    pub fn open(backend: B, namespace: Namespace, random: Box<dyn RandomSource>) -> Self {
        let mut storage = Self {
            backend,
            namespace,
            index: Index::default(),
            cipher: None,
            random,
        };
        storage.rescan();
        storage
    }

    /// Sets the key used for `encrypt: true`.
    pub fn set_cipher(&mut self, cipher: StorageCipher) {
        self.cipher = Some(cipher);
    }

    /// Whether an encryption key is loaded.
    pub fn has_cipher(&self) -> bool {
        self.cipher.is_some()
    }

    /// The namespace this storage works in.
    pub fn namespace(&self) -> &Namespace {
        &self.namespace
    }

    /// The backend, for tests and diagnostics.
    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The backend, mutably: lets tests play another tab or a hand edit.
    pub fn backend_mut(&mut self) -> &mut B {
        &mut self.backend
    }

    /// `wx.setStorage` / `wx.setStorageSync`.
    pub fn set(
        &mut self,
        key: &str,
        value: &EncodedValue,
        options: WriteOptions,
    ) -> Result<(), StorageError> {
        check_key(|| "key".to_owned(), key)?;
        let bytes = accounted_bytes(key, value);
        self.check_limits([(key, bytes)], options.encrypt)?;
        let seq = self.seq_for(key);
        let backend_key = self.namespace.backend_key(key);
        let raw = self.encode(&backend_key, value, seq, options.encrypt)?;
        self.backend
            .set(&backend_key, &raw)
            .map_err(backend_failure)?;
        self.index.upsert(key, Meta { seq, bytes });
        Ok(())
    }

    /// `wx.batchSetStorage` / `wx.batchSetStorageSync`: all entries are written or none.
    pub fn batch_set(&mut self, items: &[(String, EncodedValue)]) -> Result<(), StorageError> {
        for (i, (key, _)) in items.iter().enumerate() {
            check_key(|| format!("kvList[{i}].key"), key)?;
        }
        self.check_limits(
            items
                .iter()
                .map(|(k, v)| (k.as_str(), accounted_bytes(k, v))),
            false,
        )?;
        let mut previous: Vec<(String, Option<String>)> = Vec::new();
        let mut saved: HashSet<String> = HashSet::new();
        let mut planned: HashMap<&str, u64> = HashMap::new();
        for (key, value) in items {
            let backend_key = self.namespace.backend_key(key);
            if saved.insert(backend_key.clone()) {
                let old = self.backend.get(&backend_key);
                previous.push((backend_key.clone(), old));
            }
            let seq = match planned.get(key.as_str()) {
                Some(seq) => *seq,
                None => self.seq_for(key),
            };
            planned.insert(key, seq);
            let raw = entry::encode(value, seq, None);
            if let Err(error) = self.backend.set(&backend_key, &raw) {
                self.restore(previous);
                return Err(backend_failure(error));
            }
        }
        for (key, value) in items {
            let seq = planned[key.as_str()];
            let bytes = accounted_bytes(key, value);
            self.index.upsert(key, Meta { seq, bytes });
        }
        Ok(())
    }

    /// Puts back what a failed batch overwrote. Removing first frees the room the old
    /// entries occupied before, so putting them back cannot exceed the browser quota.
    fn restore(&mut self, previous: Vec<(String, Option<String>)>) {
        for (backend_key, _) in &previous {
            self.backend.remove(backend_key);
        }
        for (backend_key, old) in previous {
            if let Some(old) = old {
                let _ = self.backend.set(&backend_key, &old);
            }
        }
    }

    /// `wx.getStorage` / `wx.getStorageSync`: `Ok(None)` when the key is not stored.
    /// `encrypt` is the caller's `encrypt` option; it must match how the value was stored.
    pub fn get(&mut self, key: &str, encrypt: bool) -> Result<Option<EncodedValue>, StorageError> {
        check_key(|| "key".to_owned(), key)?;
        self.read(key, encrypt)
    }

    /// `wx.batchGetStorage` / `wx.batchGetStorageSync`, in `keys` order.
    pub fn batch_get(
        &mut self,
        keys: &[String],
    ) -> Result<Vec<Option<EncodedValue>>, StorageError> {
        for (i, key) in keys.iter().enumerate() {
            check_key(|| format!("keyList[{i}]"), key)?;
        }
        keys.iter().map(|key| self.read(key, false)).collect()
    }

    fn read(&mut self, key: &str, encrypt: bool) -> Result<Option<EncodedValue>, StorageError> {
        let backend_key = self.namespace.backend_key(key);
        let Some(raw) = self.backend.get(&backend_key) else {
            self.index.remove(key);
            return Ok(None);
        };
        let (header, payload_start) = match entry::parse_header(&raw) {
            Ok(parsed) => parsed,
            Err(corruption) => {
                self.index_corrupt(key, raw.len());
                return Err(corruption.into());
            }
        };
        self.index.upsert(
            key,
            Meta {
                seq: header.seq,
                bytes: key.len() as u64 + header.payload_bytes,
            },
        );
        match (header.format == Format::Encrypted, encrypt) {
            (true, false) => return Err(StorageError::Encrypted),
            (false, true) => return Err(StorageError::NotEncrypted),
            _ => {}
        }
        entry::decode(
            &raw,
            &header,
            payload_start,
            self.cipher.as_ref(),
            backend_key.as_bytes(),
        )
        .map(Some)
    }

    /// `wx.removeStorage` / `wx.removeStorageSync`. Removing a missing key succeeds.
    pub fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        check_key(|| "key".to_owned(), key)?;
        self.backend.remove(&self.namespace.backend_key(key));
        self.index.remove(key);
        Ok(())
    }

    /// `wx.clearStorage` / `wx.clearStorageSync`: removes this namespace's entries only.
    pub fn clear(&mut self) {
        for backend_key in self.backend.keys() {
            if self.namespace.user_key(&backend_key).is_some() {
                self.backend.remove(&backend_key);
            }
        }
        self.index.clear();
    }

    /// `wx.getStorageInfo` / `wx.getStorageInfoSync`, from the index alone.
    pub fn info(&self) -> StorageInfo {
        StorageInfo {
            keys: self.index.keys(),
            current_size_kb: self.index.total_bytes().div_ceil(1024),
            limit_size_kb: LIMIT_SIZE_KB,
        }
    }

    /// Accounted bytes of all entries (the unrounded `currentSize`).
    pub fn current_bytes(&self) -> u64 {
        self.index.total_bytes()
    }

    /// Re-reads `backend_key` after someone else changed it (another tab's `storage`
    /// event); `None` means the whole backend was cleared or replaced.
    pub fn refresh(&mut self, backend_key: Option<&str>) {
        match backend_key {
            None => self.rescan(),
            Some(backend_key) => {
                if let Some(key) = self.namespace.user_key(backend_key) {
                    let key = key.to_owned();
                    self.index_from_backend(&key, backend_key);
                }
            }
        }
    }

    /// Rebuilds the index from the backend.
    pub fn rescan(&mut self) {
        self.index.clear();
        for backend_key in self.backend.keys() {
            if let Some(key) = self.namespace.user_key(&backend_key) {
                let key = key.to_owned();
                self.index_from_backend(&key, &backend_key);
            }
        }
    }

    fn index_from_backend(&mut self, key: &str, backend_key: &str) {
        let Some(head) = self.backend.get_head(backend_key, MAX_HEADER_CHARS) else {
            self.index.remove(key);
            return;
        };
        match entry::parse_header(&head) {
            Ok((header, _)) => self.index.upsert(
                key,
                Meta {
                    seq: header.seq,
                    bytes: key.len() as u64 + header.payload_bytes,
                },
            ),
            Err(_) => {
                let raw_len = self.backend.get(backend_key).map_or(0, |raw| raw.len());
                self.index_corrupt(key, raw_len);
            }
        }
    }

    /// A corrupt entry still occupies its key and its raw size, so `getStorageInfo`
    /// lists it and `removeStorage` frees exactly what it counted.
    fn index_corrupt(&mut self, key: &str, raw_len: usize) {
        let seq = self.seq_for(key);
        let bytes = (key.len() + raw_len) as u64;
        self.index.upsert(key, Meta { seq, bytes });
    }

    fn seq_for(&mut self, key: &str) -> u64 {
        match self.index.get(key) {
            Some(meta) => meta.seq,
            None => self.index.allocate_seq(),
        }
    }

    fn check_limits<'k>(
        &self,
        writes: impl IntoIterator<Item = (&'k str, u64)>,
        encrypt: bool,
    ) -> Result<(), StorageError> {
        let (key_max, total_max) = if encrypt {
            (ENCRYPTED_KEY_MAX_BYTES, ENCRYPTED_TOTAL_MAX_BYTES)
        } else {
            (KEY_MAX_BYTES, TOTAL_MAX_BYTES)
        };
        let mut final_sizes: HashMap<&str, u64> = HashMap::new();
        for (key, bytes) in writes {
            if bytes > key_max {
                return Err(StorageError::ExceedMaxSize);
            }
            final_sizes.insert(key, bytes);
        }
        let mut total = self.index.total_bytes();
        for (key, bytes) in final_sizes {
            let old = self.index.get(key).map_or(0, |meta| meta.bytes);
            total = total - old + bytes;
        }
        if total > total_max {
            return Err(StorageError::ExceedMaxSize);
        }
        Ok(())
    }

    fn encode(
        &mut self,
        backend_key: &str,
        value: &EncodedValue,
        seq: u64,
        encrypt: bool,
    ) -> Result<String, StorageError> {
        if !encrypt {
            return Ok(entry::encode(value, seq, None));
        }
        let cipher = self
            .cipher
            .as_ref()
            .ok_or_else(|| StorageError::NoCipher("no encryption key is loaded".to_owned()))?;
        let sealing = Sealing {
            cipher,
            random: self.random.as_mut(),
            context: backend_key.as_bytes(),
        };
        Ok(entry::encode(value, seq, Some(sealing)))
    }
}
