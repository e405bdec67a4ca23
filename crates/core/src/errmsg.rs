//! WeChat's `errMsg` convention: `<api>:ok` on success, `<api>:fail <reason>` on failure.
//!
//! Every failure a mini-program sees is built here, so the wording lives in one place.

use std::fmt;

/// The `errMsg` of a successful call, e.g. `setStorage:ok`.
pub fn ok(api: &str) -> String {
    format!("{api}:ok")
}

/// A failed call of the WeChat API `api`. Its `Display` is the `errMsg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure<E> {
    /// The bare API name as WeChat spells it (`getStorage`, `setStorageSync`).
    pub api: &'static str,
    /// Why it failed; its `Display` is the part after `fail `.
    pub reason: E,
}

impl<E> Failure<E> {
    /// Attributes `reason` to the API `api`.
    pub fn new(api: &'static str, reason: E) -> Self {
        Self { api, reason }
    }
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:fail {}", self.api, self.reason)
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Failure<E> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_ok_and_fail_like_wechat() {
        assert_eq!(ok("setStorage"), "setStorage:ok");
        let failure = Failure::new("getStorage", "data not found");
        assert_eq!(failure.to_string(), "getStorage:fail data not found");
    }
}
