//! weRequest's `cache` option: a request with `cache: true` first delivers the copy stored
//! by its last success (`success(data, {isCache: true})`), then the fresh one, unless
//! `noCacheFlash` asks to only store the fresh copy for next time.

/// The storage key of a request's cached data. weRequest uses the URL exactly as the
/// developer passed it (before `urlPerfix`, the session and the global parameters), so
/// requests to one URL with different data share one cached copy.
pub fn cache_key(url: &str) -> String {
    url.to_owned()
}

/// What to do with the cache for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CachePolicy {
    /// Read the cached copy and deliver it (`isCache: true`) before sending.
    pub serve_cached_first: bool,
    /// Store the business data of a success under [`cache_key`].
    pub store_fresh: bool,
    /// Deliver the fresh data even though a cached copy was delivered (not `noCacheFlash`).
    pub flash: bool,
}

impl CachePolicy {
    /// The policy of a request's `cache` option (for a function, the adapter passes what
    /// it returned for the data at hand) and its `noCacheFlash` option.
    pub fn from_options(cache: bool, no_cache_flash: bool) -> Self {
        Self {
            serve_cached_first: cache,
            store_fresh: cache,
            flash: !no_cache_flash,
        }
    }

    /// Whether the fresh data goes to `success`, given whether a cached copy was
    /// delivered first: without one there is nothing to keep on screen, so it always is.
    pub fn deliver_fresh(&self, served_cached: bool) -> bool {
        self.flash || !served_cached
    }
}
