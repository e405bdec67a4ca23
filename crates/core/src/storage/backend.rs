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

/// A string key-value store with the shape of the Web Storage API.
pub trait StorageBackend {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Option<String>;
    /// At most the first `max_chars` characters of the value under `key`. Scanning the
    /// namespace only needs entry headers; a browser backend avoids copying whole values.
    fn get_head(&self, key: &str, max_chars: usize) -> Option<String> {
        self.get(key)
            .map(|value| value.chars().take(max_chars).collect())
    }
    /// Stores `value` under `key`; on error nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError>;
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
}

impl MemoryBackend {
    /// A backend that refuses writes once keys and values exceed `quota_units` UTF-16 units.
    pub fn with_quota(quota_units: usize) -> Self {
        Self {
            entries: BTreeMap::new(),
            quota_units: Some(quota_units),
        }
    }

    /// UTF-16 code units used by all keys and values.
    pub fn used_units(&self) -> usize {
        self.entries
            .iter()
            .map(|(k, v)| utf16_len(k) + utf16_len(v))
            .sum()
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

impl StorageBackend for MemoryBackend {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(quota) = self.quota_units {
            let existing = self
                .entries
                .get(key)
                .map_or(0, |old| utf16_len(key) + utf16_len(old));
            let after = self.used_units() - existing + utf16_len(key) + utf16_len(value);
            if after > quota {
                return Err(BackendError::QuotaExceeded);
            }
        }
        self.entries.insert(key.to_owned(), value.to_owned());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }

    fn keys(&self) -> Vec<String> {
        self.entries.keys().cloned().collect()
    }
}
