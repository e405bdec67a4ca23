//! # wxrt-wasm
//!
//! The `#[wasm_bindgen]` glue between JavaScript and `wxrt-core`. Each exported method
//! decodes its JavaScript arguments, calls core, and encodes the result; behaviour lives
//! in core. Browser capabilities are handed in (a Web Storage object) or are the
//! platform's own (`crypto.getRandomValues`, `JSON`), so the same module runs in pages,
//! workers and Node.
//!
//! JavaScript uses it through the `wxrt` npm package's `createRuntime`, which adapts
//! callbacks and Promises:
//!
//! ```js
//! import init, { Runtime } from './pkg/wxrt_wasm.js';
//! await init();
//! const runtime = new Runtime('wx0123456789abcdef', 'user-a', localStorage);
//! runtime.setStorageSync('token', { value: 'abc' });
//! runtime.getStorageSync('token'); // { value: 'abc' }
//! ```

// Only the helpers (and the storage backend the value conversions name) are shared
// between the builds: in the API families' build the boot build's uses of them are absent.
#![cfg_attr(not(feature = "boot"), allow(dead_code))]

#[cfg(feature = "apis")]
pub mod apis;
mod backend;
#[cfg(feature = "boot")]
mod background_fetch;
#[cfg(feature = "brotli")]
mod brotli;
#[cfg(feature = "tools")]
mod check;
#[cfg(feature = "apis")]
mod cipher;
#[cfg(feature = "tools")]
mod compile;
#[cfg(feature = "boot")]
mod config;
mod convert;
mod error;
#[cfg(feature = "boot")]
mod interaction;
#[cfg(feature = "boot")]
mod lent_cipher;
#[cfg(feature = "boot")]
mod lifecycle;
#[cfg(feature = "boot")]
mod network;
mod options;
#[cfg(feature = "boot")]
mod page_data;
#[cfg(feature = "boot")]
mod random;
#[cfg(feature = "boot")]
mod runtime;
#[cfg(feature = "boot")]
mod utf8;
// weRequest's session machine: only pages that use `wxrt/we-request` need it.
#[cfg(feature = "apis")]
mod session;
#[cfg(feature = "tools")]
mod wechat;

#[cfg(feature = "boot")]
pub use backend::StorageArea;
#[cfg(feature = "boot")]
pub use background_fetch::BackgroundFetch;
#[cfg(feature = "brotli")]
pub use brotli::brotli_decompress;
#[cfg(feature = "tools")]
pub use check::check_app;
#[cfg(feature = "apis")]
pub use cipher::ExportedCipher;
#[cfg(feature = "tools")]
pub use compile::compile_project;
#[cfg(feature = "boot")]
pub use interaction::{check_modal, check_toast};
#[cfg(feature = "boot")]
pub use lifecycle::AppLifecycle;
#[cfg(feature = "boot")]
pub use network::Network;
#[cfg(feature = "boot")]
pub use page_data::apply_set_data;
#[cfg(feature = "boot")]
pub use runtime::Runtime;
#[cfg(feature = "apis")]
pub use session::SessionMachine;
#[cfg(feature = "tools")]
pub use wechat::WeChatStandIn;
