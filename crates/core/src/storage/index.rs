//! The in-memory index of one namespace: which keys exist, in first-write order, and how
//! many bytes each accounts for (and how much of the browser's quota it occupies). It makes
//! `getStorageInfo` independent of how much is stored, and is rebuilt from entry headers,
//! never persisted on its own.

use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub seq: u64,
    /// WeChat-accounted bytes: key + payload, UTF-8.
    pub bytes: u64,
    /// UTF-16 code units the entry's text occupies in the backend.
    pub units: u64,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    entries: HashMap<String, Meta>,
    order: BTreeSet<(u64, String)>,
    total_bytes: u64,
    total_units: u64,
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
        self.order.remove(&(old.seq, key.to_owned()));
        self.entries.remove(key);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.order.clear();
        self.total_bytes = 0;
        self.total_units = 0;
        self.key_set_version += 1;
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
        index.upsert(
            "b",
            Meta {
                seq: 0,
                bytes: 10,
                units: 20,
            },
        );
        index.upsert(
            "a",
            Meta {
                seq: 1,
                bytes: 5,
                units: 9,
            },
        );
        index.upsert(
            "b",
            Meta {
                seq: 0,
                bytes: 7,
                units: 12,
            },
        );
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
        index.upsert(
            "x",
            Meta {
                seq: 41,
                bytes: 1,
                units: 1,
            },
        );
        assert_eq!(index.allocate_seq(), 42);
    }

    #[test]
    fn the_version_moves_only_when_the_keys_or_their_order_change() {
        let mut index = Index::default();
        let meta = Meta {
            seq: 0,
            bytes: 1,
            units: 1,
        };
        index.upsert("a", meta);
        let version = index.key_set_version();
        index.upsert("a", meta);
        index.upsert("a", Meta { bytes: 9, ..meta });
        assert_eq!(index.key_set_version(), version);
        index.remove("a");
        assert_ne!(index.key_set_version(), version);
    }
}
