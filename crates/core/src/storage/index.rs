//! The in-memory index of one namespace: which keys exist, in first-write order, and how
//! many bytes each accounts for (and how much of the browser's quota it occupies). It makes
//! `getStorageInfo` independent of how much is stored, and is rebuilt from entry headers,
//! never persisted on its own.

use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub seq: u64,
    /// WeChat-accounted bytes: key + payload, UTF-8; an upper bound while `uncounted`.
    pub bytes: u64,
    /// UTF-16 code units the entry's text occupies in the backend.
    pub units: u64,
    /// The payload's bytes are not counted yet (an entry written with `*`).
    pub uncounted: bool,
}

impl Meta {
    /// An entry whose bytes are known.
    pub fn counted(seq: u64, bytes: u64, units: u64) -> Self {
        Self {
            seq,
            bytes,
            units,
            uncounted: false,
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    entries: HashMap<String, Meta>,
    order: BTreeSet<(u64, String)>,
    /// Exact, unless some entries are `uncounted`: then an upper bound.
    total_bytes: u64,
    total_units: u64,
    uncounted: usize,
    next_seq: u64,
    /// Bumped whenever the set of keys changes, so callers can cache `keys()`.
    key_set_version: u64,
}

impl Index {
    pub fn get(&self, key: &str) -> Option<Meta> {
        self.entries.get(key).copied()
    }

    /// The sequence number a new key would get; reserves it.
    pub fn allocate_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    pub fn upsert(&mut self, key: &str, meta: Meta) {
        let reorders = match self.get(key) {
            Some(old) if old == meta => return,
            Some(old) => {
                self.forget(key, old);
                old.seq != meta.seq
            }
            None => true,
        };
        if reorders {
            self.key_set_version += 1;
        }
        self.next_seq = self.next_seq.max(meta.seq.saturating_add(1));
        self.total_bytes += meta.bytes;
        self.total_units += meta.units;
        self.uncounted += usize::from(meta.uncounted);
        self.order.insert((meta.seq, key.to_owned()));
        self.entries.insert(key.to_owned(), meta);
    }

    pub fn remove(&mut self, key: &str) {
        if let Some(old) = self.get(key) {
            self.forget(key, old);
            self.key_set_version += 1;
        }
    }

    fn forget(&mut self, key: &str, old: Meta) {
        self.total_bytes -= old.bytes;
        self.total_units -= old.units;
        self.uncounted -= usize::from(old.uncounted);
        self.order.remove(&(old.seq, key.to_owned()));
        self.entries.remove(key);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
        self.total_bytes = 0;
        self.total_units = 0;
        self.uncounted = 0;
        self.key_set_version += 1;
    }

    /// Whether some entry's bytes are not counted yet.
    pub fn has_uncounted(&self) -> bool {
        self.uncounted > 0
    }

    /// The keys whose bytes are not counted yet.
    pub fn uncounted_keys(&self) -> Vec<String> {
        if !self.has_uncounted() {
            return Vec::new();
        }
        let keys = self.entries.iter().filter(|(_, meta)| meta.uncounted);
        keys.map(|(key, _)| key.clone()).collect()
    }

    pub fn keys(&self) -> Vec<String> {
        self.order.iter().map(|(_, key)| key.clone()).collect()
    }

    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    pub fn total_units(&self) -> u64 {
        self.total_units
    }

    pub fn key_set_version(&self) -> u64 {
        self.key_set_version
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_write_order_and_totals() {
        let mut index = Index::default();
        index.upsert("b", Meta::counted(0, 10, 20));
        index.upsert("a", Meta::counted(1, 5, 9));
        index.upsert("b", Meta::counted(0, 7, 12));
        assert_eq!(index.keys(), ["b", "a"]);
        assert_eq!(index.total_bytes(), 12);
        assert_eq!(index.total_units(), 21);
        assert_eq!(index.allocate_seq(), 2);
        index.remove("b");
        assert_eq!(index.keys(), ["a"]);
        assert_eq!(index.total_bytes(), 5);
        assert_eq!(index.total_units(), 9);
        index.remove("missing");
        assert_eq!(index.total_bytes(), 5);
    }

    #[test]
    fn sequence_numbers_continue_after_discovered_entries() {
        let mut index = Index::default();
        index.upsert("x", Meta::counted(41, 1, 1));
        assert_eq!(index.allocate_seq(), 42);
    }

    #[test]
    fn uncounted_entries_are_listed_until_counted() {
        let mut index = Index::default();
        let bound = Meta {
            uncounted: true,
            ..Meta::counted(0, 300, 100)
        };
        index.upsert("big", bound);
        index.upsert("small", Meta::counted(1, 5, 5));
        assert_eq!(index.uncounted_keys(), ["big"]);
        assert_eq!(index.total_bytes(), 305);
        index.upsert("big", Meta::counted(0, 120, 100));
        assert!(index.uncounted_keys().is_empty());
        assert_eq!(index.total_bytes(), 125);
        index.upsert("big", bound);
        index.remove("big");
        assert!(index.uncounted_keys().is_empty());
    }

    #[test]
    fn the_version_moves_only_when_the_keys_or_their_order_change() {
        let mut index = Index::default();
        let meta = Meta::counted(0, 1, 1);
        index.upsert("a", meta);
        let version = index.key_set_version();
        index.upsert("a", meta);
        index.upsert("a", Meta { bytes: 9, ..meta });
        assert_eq!(index.key_set_version(), version);
        index.remove("a");
        assert_ne!(index.key_set_version(), version);
    }
}
