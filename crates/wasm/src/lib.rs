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

mod backend;
mod background_fetch;
#[cfg(feature = "tools")]
mod compile;
mod config;
mod convert;
mod error;
mod interaction;
mod lifecycle;
mod network;
mod options;
mod page_data;
mod random;
mod runtime;
mod session;
#[cfg(feature = "tools")]
mod wechat;

pub use backend::StorageArea;
pub use background_fetch::BackgroundFetch;
#[cfg(feature = "tools")]
pub use compile::compile_project;
pub use interaction::{check_modal, check_toast};
pub use lifecycle::AppLifecycle;
pub use network::Network;
pub use page_data::apply_set_data;
pub use runtime::Runtime;
pub use session::SessionMachine;
#[cfg(feature = "tools")]
pub use wechat::WeChatStandIn;
