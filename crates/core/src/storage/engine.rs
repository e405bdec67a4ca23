//! The storage API's behaviour: validation, limits, atomic writes, and reconciliation with
//! what other tabs (or people) did to the backend.

use std::collections::HashMap;

use super::backend::{BackendError, StorageBackend, StoredText};
use super::cipher::Sealer;
use super::entry::{
    self, max_utf8_bytes, Body, EncodedEntry, Format, Header, Packing, Sealing, COMPRESS_MIN_BYTES,
    MAX_HEADER_CHARS,
};
use super::error::{ParameterError, StorageError};
use super::index::{Index, Meta};
use super::limits::{
    ENCRYPTED_KEY_MAX_BYTES, ENCRYPTED_TOTAL_MAX_BYTES, KEY_MAX_BYTES, LIMIT_SIZE_KB,
    PLAIN_BUDGET_UNITS, TOTAL_MAX_BYTES,
};
use super::namespace::Namespace;
use super::value::{EncodedValue, ValueKind};
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

/// One key as a storage inspector lists it, read from its entry's header alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntrySummary {
    /// The key.
    pub key: String,
    /// The type its value comes back as; `None` for a corrupt entry.
    pub kind: Option<ValueKind>,
    /// How it is stored; `None` for a corrupt entry.
    pub format: Option<Format>,
    /// The bytes it counts towards the 10 MB (key + payload, UTF-8).
    pub bytes: u64,
}

/// A value read from the backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored<T> {
    /// Decoded in Rust (compressed, encrypted, or a small scalar).
    Decoded(EncodedValue),
    /// A plain string or JSON entry whose length matches its header: the payload is
    /// `text` from UTF-16 offset `payload_start` on. A browser caller slices and parses
    /// it on the JavaScript side instead of copying it through Rust twice.
    Plain {
        /// What the payload is.
        kind: ValueKind,
        /// The whole entry text.
        text: T,
        /// Where the payload starts (the header is ASCII: bytes = units = chars).
        payload_start: usize,
    },
}

impl<T: StoredText> Stored<T> {
    /// The value as Rust text.
    pub fn into_value(self) -> EncodedValue {
        match self {
            Stored::Decoded(value) => value,
            Stored::Plain {
                kind,
                text,
                payload_start,
            } => {
                let text = text.to_text();
                EncodedValue {
                    kind,
                    payload: text.get(payload_start..).unwrap_or_default().to_owned(),
                }
            }
        }
    }
}

/// One (appid, user)'s storage over a backend.
pub struct Storage<B: StorageBackend> {
    backend: B,
    namespace: Namespace,
    index: Index,
    cipher: Option<Box<dyn Sealer>>,
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

/// A string or JSON value to store whose payload is still the backend's own text (the
/// browser's string, never copied into Rust): its kind and UTF-8 size are all a plain
/// entry needs. The payload is copied only when the entry must be compacted or
/// encrypted.
#[derive(Debug, Clone, Copy)]
pub struct HeldValue<'t, T> {
    /// What the payload is (a string, or an array or object as JSON).
    pub kind: ValueKind,
    /// The payload's UTF-8 length; `None` leaves it to be counted when a limit or
    /// `getStorageInfo` needs it (see [`COUNT_LATER_MIN_UNITS`]).
    pub bytes: Option<usize>,
    /// The payload.
    pub text: &'t T,
}

/// From this many UTF-16 code units a held payload may be stored without counting its
/// UTF-8 bytes first: counting costs more than the write itself (a 100 KB value's count
/// is about 120 µs in Chromium), and the bound of three bytes a unit settles every limit
/// check but those close to a limit.
pub const COUNT_LATER_MIN_UNITS: usize = 4096;

/// Large values stay plain (fast to read, readable in the storage viewer) while the
/// namespace occupies little of the browser's quota; past [`PLAIN_BUDGET_UNITS`] they are
/// compacted so WeChat's full 10 MB still fits. `other_units` is what the namespace's
/// other entries occupy.
fn packing_for(payload_bytes: usize, other_units: u64) -> Packing {
    // UTF-8 bytes bound UTF-16 units from above, without counting them.
    let at_most_units = payload_bytes as u64;
    if payload_bytes >= COMPRESS_MIN_BYTES && other_units + at_most_units > PLAIN_BUDGET_UNITS {
        Packing::Compact
    } else {
        Packing::Plain
    }
}

/// What the index holds for `key`, stored with `header` in `units` UTF-16 code units.
fn meta_of(key: &str, header: &Header, units: usize) -> Meta {
    Meta {
        uncounted: !header.bytes_counted,
        ..Meta::counted(
            header.seq,
            key.len() as u64 + header.payload_bytes,
            units as u64,
        )
    }
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

    /// Sets the cipher (the key) used for `encrypt: true`.
    pub fn set_cipher(&mut self, cipher: Box<dyn Sealer>) {
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
        self.set_with_text(key, value, None, options)
    }

    /// [`Storage::set`] for a caller that also holds the payload as backend text (the
    /// browser's own string): a plain entry is then joined from it, not copied back.
    pub fn set_with_text(
        &mut self,
        key: &str,
        value: &EncodedValue,
        payload_text: Option<&B::Text>,
        options: WriteOptions,
    ) -> Result<(), StorageError> {
        check_key(|| "key".to_owned(), key)?;
        let bytes = accounted_bytes(key, value);
        self.admit(&[(key, bytes)], options.encrypt)?;
        let seq = self.seq_for(key);
        let backend_key = self.namespace.backend_key(key);
        let units = if options.encrypt {
            let entry = self.encode_encrypted(&backend_key, value, seq)?;
            self.backend
                .set(&backend_key, &entry.text())
                .map_err(backend_failure)?;
            entry.units
        } else {
            let replaced = self.index.get(key).map_or(0, |meta| meta.units);
            let packing = packing_for(value.payload.len(), self.index.total_units() - replaced);
            self.write_plain(&backend_key, value, payload_text, seq, packing)?
        };
        self.index
            .upsert(key, Meta::counted(seq, bytes, units as u64));
        Ok(())
    }

    /// [`Storage::set`] of a value whose payload the caller holds as backend text only
    /// ([`HeldValue`]): the same limits and entry as `set` would write, the payload
    /// joined to the header as it is. Compacted or encrypted entries copy it first.
    pub fn set_held(
        &mut self,
        key: &str,
        value: HeldValue<'_, B::Text>,
        options: WriteOptions,
    ) -> Result<(), StorageError> {
        let payload_units = value.text.utf16_len();
        let replaced = self.index.get(key).map_or(0, |meta| meta.units);
        let other_units = self.index.total_units().saturating_sub(replaced);
        // Near the plain budget the packing depends on the exact size: counted then.
        let mut bytes = value.bytes;
        let bound = bytes.unwrap_or_else(|| max_utf8_bytes(payload_units as u64) as usize);
        if bytes.is_none() && packing_for(bound, other_units) == Packing::Compact {
            bytes = Some(value.text.to_text().len());
        }
        let packing = packing_for(bytes.unwrap_or(bound), other_units);
        if options.encrypt || packing == Packing::Compact {
            let copied = EncodedValue {
                kind: value.kind,
                payload: value.text.to_text(),
            };
            return self.set_with_text(key, &copied, Some(value.text), options);
        }
        check_key(|| "key".to_owned(), key)?;
        let accounted = |payload: usize| (key.len() + payload) as u64;
        if let Err(error) = self.admit(&[(key, accounted(bytes.unwrap_or(bound)))], false) {
            // Only the bound failed: the exact count decides.
            if bytes.is_some() {
                return Err(error);
            }
            let counted = value.text.to_text().len();
            self.admit(&[(key, accounted(counted))], false)?;
            bytes = Some(counted);
        }
        let seq = self.seq_for(key);
        let backend_key = self.namespace.backend_key(key);
        let header = match bytes {
            Some(bytes) => entry::plain_header(value.kind, seq, bytes, payload_units),
            None => entry::uncounted_plain_header(value.kind, seq, payload_units),
        };
        let units = match self.backend.set_joined(&backend_key, &header, value.text) {
            Ok(()) => header.len() + payload_units,
            Err(BackendError::QuotaExceeded) => {
                // No room for it plain: as `set` would, try it compacted.
                let copied = EncodedValue {
                    kind: value.kind,
                    payload: value.text.to_text(),
                };
                bytes = Some(copied.payload.len());
                self.write_plain(&backend_key, &copied, Some(value.text), seq, Packing::Plain)?
            }
            Err(error) => return Err(backend_failure(error)),
        };
        let meta = Meta {
            uncounted: bytes.is_none(),
            ..Meta::counted(seq, accounted(bytes.unwrap_or(bound)), units as u64)
        };
        self.index.upsert(key, meta);
        Ok(())
    }

    /// Writes an unencrypted entry; if the browser refuses a plain write for lack of
    /// room, tries once more compacted. Returns the units the entry occupies.
    fn write_plain(
        &mut self,
        backend_key: &str,
        value: &EncodedValue,
        payload_text: Option<&B::Text>,
        seq: u64,
        packing: Packing,
    ) -> Result<usize, StorageError> {
        let entry = entry::encode(value, seq, packing);
        let written = match (&entry.body, payload_text) {
            (Body::Payload(_), Some(payload)) => {
                self.backend.set_joined(backend_key, &entry.header, payload)
            }
            _ => self.backend.set(backend_key, &entry.text()),
        };
        match written {
            Ok(()) => Ok(entry.units),
            Err(BackendError::QuotaExceeded) if packing == Packing::Plain => {
                let compact = entry::encode(value, seq, Packing::Compact);
                if compact.units >= entry.units {
                    return Err(StorageError::BrowserQuota);
                }
                self.backend
                    .set(backend_key, &compact.text())
                    .map_err(backend_failure)?;
                Ok(compact.units)
            }
            Err(error) => Err(backend_failure(error)),
        }
    }

    /// `wx.batchSetStorage` / `wx.batchSetStorageSync`: all entries are written or none.
    pub fn batch_set(&mut self, items: &[(String, EncodedValue)]) -> Result<(), StorageError> {
        for (i, (key, _)) in items.iter().enumerate() {
            check_key(|| format!("kvList[{i}].key"), key)?;
        }
        // Each key's entry once the batch is written (the last write of a repeated key
        // wins). `units` starts as what the key occupies now and follows the writes.
        let mut planned: HashMap<String, Meta> = HashMap::new();
        for (key, value) in items {
            let bytes = accounted_bytes(key, value);
            match planned.get_mut(key) {
                Some(meta) => meta.bytes = bytes,
                None => {
                    let existing = self.index.get(key);
                    let seq = existing.map_or_else(|| self.index.allocate_seq(), |m| m.seq);
                    let units = existing.map_or(0, |m| m.units);
                    planned.insert(key.clone(), Meta::counted(seq, bytes, units));
                }
            }
        }
        let writes: Vec<(&str, u64)> = planned.iter().map(|(k, m)| (k.as_str(), m.bytes)).collect();
        self.admit(&writes, false)?;
        let previous: Vec<(String, Option<B::Text>)> = planned
            .keys()
            .map(|key| {
                let backend_key = self.namespace.backend_key(key);
                let old = self.backend.get(&backend_key);
                (backend_key, old)
            })
            .collect();
        let mut total_units = self.index.total_units();
        for (key, value) in items {
            // Every key was planned above; `units` is what it occupies so far.
            let Some(&Meta {
                seq,
                units: occupied,
                ..
            }) = planned.get(key)
            else {
                continue;
            };
            let backend_key = self.namespace.backend_key(key);
            let packing = packing_for(value.payload.len(), total_units - occupied);
            match self.write_plain(&backend_key, value, None, seq, packing) {
                Ok(units) => {
                    let units = units as u64;
                    total_units = total_units - occupied + units;
                    if let Some(meta) = planned.get_mut(key) {
                        meta.units = units;
                    }
                }
                Err(error) => {
                    self.restore(previous);
                    return Err(error);
                }
            }
        }
        for (key, meta) in planned {
            self.index.upsert(&key, meta);
        }
        Ok(())
    }

    /// Puts back what a failed batch overwrote. Removing first frees the room the old
    /// entries occupied before, so putting them back cannot exceed the browser quota.
    fn restore(&mut self, previous: Vec<(String, Option<B::Text>)>) {
        for (backend_key, _) in &previous {
            self.backend.remove(backend_key);
        }
        for (backend_key, old) in previous {
            if let Some(old) = old {
                let _ = self.backend.set(&backend_key, &old.to_text());
            }
        }
    }

    /// `wx.getStorage` / `wx.getStorageSync`: `Ok(None)` when the key is not stored.
    /// `encrypt` is the caller's `encrypt` option; it must match how the value was stored.
    pub fn get(&mut self, key: &str, encrypt: bool) -> Result<Option<EncodedValue>, StorageError> {
        Ok(self.get_stored(key, encrypt)?.map(Stored::into_value))
    }

    /// [`Storage::get`], leaving plain payloads in the backend's own text type.
    pub fn get_stored(
        &mut self,
        key: &str,
        encrypt: bool,
    ) -> Result<Option<Stored<B::Text>>, StorageError> {
        check_key(|| "key".to_owned(), key)?;
        self.read(key, encrypt)
    }

    /// `wx.batchGetStorage` / `wx.batchGetStorageSync`, in `keys` order.
    pub fn batch_get(
        &mut self,
        keys: &[String],
    ) -> Result<Vec<Option<EncodedValue>>, StorageError> {
        let stored = self.batch_get_stored(keys)?;
        Ok(stored
            .into_iter()
            .map(|s| s.map(Stored::into_value))
            .collect())
    }

    /// [`Storage::batch_get`], leaving plain payloads in the backend's own text type.
    pub fn batch_get_stored(
        &mut self,
        keys: &[String],
    ) -> Result<Vec<Option<Stored<B::Text>>>, StorageError> {
        for (i, key) in keys.iter().enumerate() {
            check_key(|| format!("keyList[{i}]"), key)?;
        }
        keys.iter().map(|key| self.read(key, false)).collect()
    }

    fn read(&mut self, key: &str, encrypt: bool) -> Result<Option<Stored<B::Text>>, StorageError> {
        let backend_key = self.namespace.backend_key(key);
        let Some(text) = self.backend.get(&backend_key) else {
            self.index.remove(key);
            return Ok(None);
        };
        let units = text.utf16_len();
        let (header, payload_start) = match entry::parse_header(&text.head(MAX_HEADER_CHARS)) {
            Ok(parsed) => parsed,
            Err(corruption) => {
                self.index_corrupt(key, &text);
                return Err(corruption.into());
            }
        };
        self.index.upsert(key, meta_of(key, &header, units));
        match (header.format == Format::Encrypted, encrypt) {
            (true, false) => return Err(StorageError::Encrypted),
            (false, true) => return Err(StorageError::NotEncrypted),
            _ => {}
        }
        // A plain string or JSON payload of the length its header records goes to the
        // caller as is, without being copied into Rust; anything else is decoded and
        // checked in full.
        let passes_through = header.format == Format::Plain
            && matches!(
                header.kind,
                ValueKind::String | ValueKind::Array | ValueKind::Object
            )
            && (units as u64).checked_sub(payload_start as u64) == Some(header.payload_units);
        if passes_through {
            return Ok(Some(Stored::Plain {
                kind: header.kind,
                text,
                payload_start,
            }));
        }
        entry::decode(
            &text.to_text(),
            &header,
            payload_start,
            self.cipher.as_deref(),
            backend_key.as_bytes(),
        )
        .map(|value| Some(Stored::Decoded(value)))
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

    /// Every key in `getStorageInfo` order with its type, format and accounted size;
    /// no payload is decoded, so listing a full 10 MB costs what the headers cost (and
    /// counting what was stored uncounted).
    pub fn entries(&mut self) -> Vec<EntrySummary> {
        self.count_uncounted();
        self.index
            .keys()
            .into_iter()
            .filter_map(|key| {
                let meta = self.index.get(&key)?;
                let header = self
                    .backend
                    .get(&self.namespace.backend_key(&key))
                    .and_then(|text| entry::parse_header(&text.head(MAX_HEADER_CHARS)).ok())
                    .map(|(header, _)| header);
                Some(EntrySummary {
                    kind: header.map(|h| h.kind),
                    format: header.map(|h| h.format),
                    bytes: meta.bytes,
                    key,
                })
            })
            .collect()
    }

    /// `wx.getStorageInfo` / `wx.getStorageInfoSync`, from the index alone (once what
    /// was stored uncounted is counted).
    pub fn info(&mut self) -> StorageInfo {
        StorageInfo {
            keys: self.index.keys(),
            current_size_kb: self.current_size_kb(),
            limit_size_kb: LIMIT_SIZE_KB,
        }
    }

    /// `getStorageInfo().currentSize` alone, in constant time: for callers that keep
    /// their own copy of the keys (see [`Storage::keys_version`]).
    pub fn current_size_kb(&mut self) -> u64 {
        self.current_bytes().div_ceil(1024)
    }

    /// Accounted bytes of all entries (the unrounded `currentSize`).
    pub fn current_bytes(&mut self) -> u64 {
        self.count_uncounted();
        self.index.total_bytes()
    }

    /// Counts the bytes of every entry stored uncounted, so the index's totals are exact.
    fn count_uncounted(&mut self) {
        for key in self.index.uncounted_keys() {
            let backend_key = self.namespace.backend_key(&key);
            let Some(text) = self.backend.get(&backend_key) else {
                self.index.remove(&key);
                continue;
            };
            let raw = text.to_text();
            match entry::parse_header(&raw) {
                // The header is ASCII: its length in bytes is where the payload starts.
                Ok((header, payload_start)) => {
                    let payload = raw.len().saturating_sub(payload_start) as u64;
                    let counted = Header {
                        payload_bytes: payload,
                        bytes_counted: true,
                        ..header
                    };
                    self.index
                        .upsert(&key, meta_of(&key, &counted, text.utf16_len()));
                }
                Err(_) => self.index_corrupt(&key, &text),
            }
        }
    }

    /// Checks WeChat's limits for `writes` as [`Self::check_limits`] does; when the
    /// bound of entries stored uncounted is what fails, counts them and checks again.
    fn admit(&mut self, writes: &[(&str, u64)], encrypt: bool) -> Result<(), StorageError> {
        match self.check_limits(writes.iter().copied(), encrypt) {
            Err(_) if self.index.has_uncounted() => {
                self.count_uncounted();
                self.check_limits(writes.iter().copied(), encrypt)
            }
            checked => checked,
        }
    }

    /// UTF-16 code units this namespace's entries occupy in the backend.
    pub fn stored_units(&self) -> u64 {
        self.index.total_units()
    }

    /// The backend key (`localStorage` key) that holds `key` of this namespace.
    pub fn backend_key(&self, key: &str) -> String {
        self.namespace.backend_key(key)
    }

    /// Changes whenever the keys or their order change: a caller may cache
    /// `info().keys` until it moves.
    pub fn keys_version(&self) -> u64 {
        self.index.key_set_version()
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
        let Some(text) = self.backend.get(backend_key) else {
            self.index.remove(key);
            return;
        };
        match entry::parse_header(&text.head(MAX_HEADER_CHARS)) {
            Ok((header, _)) => self
                .index
                .upsert(key, meta_of(key, &header, text.utf16_len())),
            Err(_) => self.index_corrupt(key, &text),
        }
    }

    /// A corrupt entry still occupies its key and its raw size, so `getStorageInfo`
    /// lists it and `removeStorage` frees exactly what it counted.
    fn index_corrupt(&mut self, key: &str, text: &B::Text) {
        let seq = self.seq_for(key);
        let bytes = (key.len() + text.to_text().len()) as u64;
        let units = text.utf16_len() as u64;
        self.index.upsert(key, Meta::counted(seq, bytes, units));
    }

    fn seq_for(&mut self, key: &str) -> u64 {
        match self.index.get(key) {
            Some(meta) => meta.seq,
            None => self.index.allocate_seq(),
        }
    }

    /// Checks WeChat's limits for `writes`, the final size of each written key (no key
    /// twice).
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
        let mut total = self.index.total_bytes();
        for (key, bytes) in writes {
            if bytes > key_max {
                return Err(StorageError::ExceedMaxSize);
            }
            let old = self.index.get(key).map_or(0, |meta| meta.bytes);
            total = total - old + bytes;
        }
        if total > total_max {
            return Err(StorageError::ExceedMaxSize);
        }
        Ok(())
    }

    fn encode_encrypted<'v>(
        &mut self,
        backend_key: &str,
        value: &'v EncodedValue,
        seq: u64,
    ) -> Result<EncodedEntry<'v>, StorageError> {
        let cipher = self
            .cipher
            .as_deref()
            .ok_or_else(|| StorageError::NoCipher("no encryption key is loaded".to_owned()))?;
        let sealing = Sealing {
            cipher,
            random: self.random.as_mut(),
            context: backend_key.as_bytes(),
        };
        entry::encode_sealed(value, seq, sealing)
            .ok_or_else(|| StorageError::NoCipher("the cipher failed".to_owned()))
    }
}
