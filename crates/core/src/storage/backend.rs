//! Where entries physically live: localStorage in a browser, a map in tests.

use std::collections::BTreeMap;

/// Why the backend refused a write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The browser's own quota is full (`QuotaExceededError`).
    QuotaExceeded,
    /// Any other refusal, with the browser's message.
    Other(String),
}

/// A stored value as the backend holds it. A browser backend keeps it on the JavaScript
/// side, so only what core needs to look at (a header, a length) crosses into Rust.
pub trait StoredText {
    /// Length in UTF-16 code units, as Web Storage measures it.
    fn utf16_len(&self) -> usize;
    /// At most the first `max_chars` characters (entry headers are ASCII).
    fn head(&self, max_chars: usize) -> String;
    /// The whole text.
    fn to_text(&self) -> String;
}

impl StoredText for String {
    fn utf16_len(&self) -> usize {
        utf16_len(self)
    }

    fn head(&self, max_chars: usize) -> String {
        self.chars().take(max_chars).collect()
    }

    fn to_text(&self) -> String {
        self.clone()
    }
}

/// A string key-value store with the shape of the Web Storage API.
pub trait StorageBackend {
    /// How the backend hands out stored values.
    type Text: StoredText;
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<Self::Text>;
    /// Stores `value` under `key`; on error nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
    /// Stores `head` followed by `tail` under `key`. A browser backend joins them on the
    /// JavaScript side, so a payload it already holds is not copied back out of wasm.
    fn set_joined(&mut self, key: &str, head: &str, tail: &Self::Text) -> Result<(), BackendError> {
        let mut value = head.to_owned();
        value.push_str(&tail.to_text());
        self.set(key, &value)
    }
    /// Removes `key` if present.
    fn remove(&mut self, key: &str);
    /// Every key in the store, including other namespaces' and foreign ones.
    fn keys(&self) -> Vec<String>;
}

/// An in-memory backend with an optional quota counted in UTF-16 code units of keys and
/// values, as Chromium counts localStorage.
#[derive(Debug, Clone, Default)]
pub struct MemoryBackend {
    entries: BTreeMap<String, String>,
    quota_units: Option<usize>,
    used_units: usize,
}

impl MemoryBackend {
    /// A backend that refuses writes once keys and values exceed `quota_units` UTF-16 units.
    pub fn with_quota(quota_units: usize) -> Self {
        Self {
            quota_units: Some(quota_units),
            ..Self::default()
        }
    }

    /// UTF-16 code units used by all keys and values.
    pub fn used_units(&self) -> usize {
        self.used_units
    }
}

/// UTF-16 code units of `text`.
pub fn utf16_len(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.encode_utf16().count()
    }
}

impl StorageBackend for MemoryBackend {
    type Text = String;

    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        let existing = self
            .entries
            .get(key)
            .map_or(0, |old| utf16_len(key) + utf16_len(old));
        let after = self.used_units - existing + utf16_len(key) + utf16_len(value);
        if self.quota_units.is_some_and(|quota| after > quota) {
            return Err(BackendError::QuotaExceeded);
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        self.used_units = after;
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        if let Some(old) = self.entries.remove(key) {
            self.used_units -= utf16_len(key) + utf16_len(&old);
        }
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}
