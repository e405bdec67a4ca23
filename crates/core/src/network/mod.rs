//! The rules of `wx.request`; the glue performs the fetch in JavaScript.
//!
//! - [`plan`] checks the options and resolves their defaults (method, headers, timeout,
//!   how `data` is sent, whether to parse JSON) into a [`RequestPlan`];
//! - [`encode_pairs`] and [`append_query`] build query strings like WeChat;
//! - [`DomainList`] is WeChat's request domain allow-list;
//! - [`RequestQueue`] keeps at most [`MAX_CONCURRENT_REQUESTS`] in flight;
//! - [`NetworkState`] fails requests [`INTERRUPT_AFTER_MS`] after the app was hidden.
//!
//! Failures are [`RequestError`]s whose `Display` is the part of `errMsg` after
//! `request:fail `.
//!
//! ```
//! use wxrt_core::network::{
//!     encode_pairs, plan, Admission, BodyEncoding, DataKind, DomainList, NetworkConfig,
//!     RequestInput, RequestQueue,
//! };
//!
//! let domains = DomainList::parse(&["https://api.example.com"]).unwrap();
//! let config = NetworkConfig::new(None, domains);
//! let input = RequestInput {
//!     data_kind: DataKind::Object,
//!     ..RequestInput::get("https://API.example.com/items?page=2#top")
//! };
//! let request = plan(input, &config).unwrap();
//! assert_eq!(request.body_encoding, BodyEncoding::QueryString);
//! let query = encode_pairs(&[("q".into(), "a b".into())]);
//! assert_eq!(request.fetch_url(&query), "https://API.example.com/items?page=2&q=a%20b#top");
//! assert_eq!(request.timeout_ms, 60_000);
//!
//! let refused = plan(RequestInput::get("https://evil.example.com/"), &config).unwrap_err();
//! assert_eq!(refused.to_string(), "url not in domain list");
//! assert_eq!(refused.errno(), Some(600_002));
//!
//! let mut queue = RequestQueue::new();
//! assert_eq!(queue.submit(1), Admission::Start);
//! ```

mod background;
mod domain;
mod encode;
mod error;
mod origin;
mod plan;
mod queue;
mod upload;

pub use background::{NetworkState, INTERRUPT_AFTER_MS};
pub use domain::DomainList;
pub use encode::{append_query, body_encoding, encode_pairs, encode_uri_component, BodyEncoding};
pub use error::{DomainError, RequestError};
pub use origin::{Origin, Scheme};
pub use plan::{
    plan, timeout_or, DataKind, Method, NetworkConfig, RequestInput, RequestPlan, ResponseType,
    DEFAULT_CONTENT_TYPE, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS,
};
pub use queue::{Admission, RequestQueue, MAX_CONCURRENT_REQUESTS};
pub use upload::{plan_upload, UploadInput, UploadPlan};
