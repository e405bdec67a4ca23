//! # wxrt-core
//!
//! Every WeChat mini-program behaviour wxrt implements lives here, in pure Rust with no
//! browser dependency, so it is tested on the host with `cargo test`. Browser
//! capabilities (localStorage, randomness) are traits with an in-memory implementation
//! here and a browser one in `wxrt-wasm`.
//!
//! ```
//! use wxrt_core::storage::{EncodedValue, MemoryBackend, Namespace, Storage, WriteOptions};
//! use wxrt_core::random::SeededRandom;
//!
//! let namespace = Namespace::new("wx0123456789abcdef", "user-a").unwrap();
//! let mut storage = Storage::open(MemoryBackend::default(), namespace, Box::new(SeededRandom::new(7)));
//! storage.set("token", &EncodedValue::string("abc"), WriteOptions::default()).unwrap();
//! let value = storage.get("token", false).unwrap().unwrap();
//! assert_eq!(value.payload, "abc");
//! // errMsg strings are WeChat's: `<api>:fail <reason>`.
//! let missing = storage.get("nope", false).unwrap();
//! assert!(missing.is_none());
//! let info = storage.info();
//! assert_eq!(info.keys, vec!["token".to_string()]);
//! assert_eq!(info.limit_size_kb, 10240);
//! ```

pub mod api;
pub mod apis;
pub mod automator;
pub mod background_fetch;
pub mod build;
pub mod data_path;
pub mod errmsg;
pub mod esm;
pub mod interaction;
pub mod js_type;
pub mod lifecycle;
pub mod login;
pub mod network;
pub mod project;
pub mod random;
pub mod session;
mod source_position;
pub mod storage;
pub mod wxml;
pub mod wxss;
