//! Background fetch (WeChat's 数据预拉取 and 周期性更新): at cold start WeChat's server
//! fetches the app's business data from the developer's server while the code loads, and
//! the client fetches again every 12 hours for apps used within 7 days. The app reads the
//! cached body with `wx.getBackgroundFetchData` and hears of new data through
//! `wx.onBackgroundFetchData`; `wx.setBackgroundFetchToken` gives the developer's server a
//! token of the app's own instead of a login code.
//!
//! Core decides everything that has a rule: the configuration ([`BackgroundFetchConfig`]),
//! which download URL a user gets during a grey release ([`download_url`], and
//! [`raise_grey_ratio`], which never lowers a ratio), the request's parameters and their
//! encoding ([`FetchRequest`]), whether a body is cached ([`accept_body`]: text of at most
//! 256 KB), what `getBackgroundFetchData` answers while a fetch is under way
//! ([`FetchCache`]), when a periodic fetch is due ([`PeriodicSchedule`]) and the token's
//! limits ([`check_token`]). The hosts perform the HTTP requests: the dev server for the
//! prefetch (it plays WeChat's server), the page for the rest.
//!
//! ```
//! use wxrt_core::background_fetch::{
//!     accept_body, FetchCache, FetchType, FetchRequest, FetchedData, Identity, LaunchContext,
//! };
//!
//! let launch = LaunchContext { path: "pages/index/index".into(), query: "id=7&from=share".into(), scene: 1001 };
//! let request = FetchRequest::prefetch(
//!     "https://example.com/prefetch", "wx0123456789abcdef",
//!     &Identity::Code("0a1b2c".into()), 1_700_000_000_000, &launch, "1.0.0",
//! );
//! assert_eq!(
//!     request.url,
//!     "https://example.com/prefetch?appid=wx0123456789abcdef&code=0a1b2c&timestamp=1700000000000\
//!      &path=pages%2Findex%2Findex&query=id%3D7%26from%3Dshare&scene=1001&customMiniprogramVersion=1.0.0",
//! );
//!
//! let mut cache = FetchCache::default();
//! cache.begin(FetchType::Pre);
//! // Nothing cached yet and the fetch is under way: getBackgroundFetchData fails at once.
//! assert!(cache.get(FetchType::Pre).is_err());
//! let body = accept_body(200, Some("application/json"), br#"{"list":[1,2]}"#).unwrap();
//! cache.complete(FetchedData::new(FetchType::Pre, body, 1_700_000_000_300, &launch));
//! assert_eq!(cache.get(FetchType::Pre).unwrap().fetched_data, r#"{"list":[1,2]}"#);
//! ```

mod body;
mod cache;
mod config;
mod error;
mod grey;
mod request;
mod schedule;

pub use body::{accept_body, NotCached, MAX_FETCHED_BYTES};
pub use cache::{FetchCache, FetchedData};
pub use config::{
    is_http_url, BackgroundFetchConfig, GreyRelease, PrefetchSource, DEFAULT_PERIODIC_INTERVAL_MS,
};
pub use error::{check_token, BackgroundFetchError, MAX_TOKEN_CHARS};
pub use grey::{download_url, grey_bucket, raise_grey_ratio, Download, GreyRatioLowered};
pub use request::{FetchRequest, Identity, LaunchContext};
pub use schedule::{
    PeriodicDecision, PeriodicHistory, PeriodicSchedule, ELIGIBLE_FOR_MS, RETRY_AFTER_MS,
};

/// Which fetch: the prefetch at cold start, or a periodic update. `fetchType` in the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FetchType {
    /// `'pre'`: the prefetch at cold start.
    Pre,
    /// `'periodic'`: the periodic update.
    Periodic,
}

impl FetchType {
    /// The `fetchType` spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pre => "pre",
            Self::Periodic => "periodic",
        }
    }

    /// The fetch type spelled `name`, if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "pre" => Some(Self::Pre),
            "periodic" => Some(Self::Periodic),
            _ => None,
        }
    }
}
