//! WeChat's storage API (`wx.setStorage` and friends) over a key-value backend.
//!
//! Each (appid, user) pair owns a namespace of backend keys `wxrt:<appid>:<user>:<key>`.
//! Every entry records its type, first-write order and accounted size in a short header,
//! so the in-memory index (and so `getStorageInfo`) is rebuilt from the entries alone and
//! never needs a separate record that could drift. See [`entry`] for the format.

mod backend;
mod cipher;
mod engine;
pub mod entry;
mod error;
mod index;
pub mod limits;
mod namespace;
pub mod pack;
mod value;

pub use backend::{BackendError, MemoryBackend, StorageBackend, StoredText};
pub use cipher::{Sealer, StorageCipher, KEY_LEN, NONCE_LEN};
pub use engine::{
    EntrySummary, HeldValue, Storage, StorageInfo, Stored, WriteOptions, COUNT_LATER_MIN_UNITS,
};
pub use error::{Corruption, NamespaceError, ParameterError, StorageError};
pub(crate) use namespace::is_valid_id;
pub use namespace::Namespace;
pub use value::{EncodedValue, ValueKind};
