//! WeChat's storage limits, in bytes as wxrt accounts them: the UTF-8 bytes of the key
//! plus the UTF-8 bytes of the encoded value.

/// One key's key + value, unencrypted: 1 MB.
pub const KEY_MAX_BYTES: u64 = 1024 * 1024;
/// All keys of one (appid, user): 10 MB.
pub const TOTAL_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// One encrypted key's key + value: WeChat allows 0.7 MB because ciphertext inflates ~1.4×.
pub const ENCRYPTED_KEY_MAX_BYTES: u64 = KEY_MAX_BYTES * 7 / 10;
/// The total after an encrypted write: WeChat's 7.1 MB.
pub const ENCRYPTED_TOTAL_MAX_BYTES: u64 = TOTAL_MAX_BYTES * 71 / 100;
/// UTF-16 code units of browser storage one namespace may fill with plain (uncompressed)
/// large values: about 30% of Chromium's ~5.2 million per origin. Past it, large values
/// are stored compressed; see [`crate::storage::entry`].
pub const PLAIN_BUDGET_UNITS: u64 = 1_500_000;
/// `getStorageInfo().limitSize`, in KB.
pub const LIMIT_SIZE_KB: u64 = TOTAL_MAX_BYTES / 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_match_wechat_figures() {
        assert_eq!(KEY_MAX_BYTES, 1_048_576);
        assert_eq!(TOTAL_MAX_BYTES, 10_485_760);
        assert_eq!(ENCRYPTED_KEY_MAX_BYTES, 734_003);
        assert_eq!(ENCRYPTED_TOTAL_MAX_BYTES, 7_444_889);
        assert_eq!(LIMIT_SIZE_KB, 10240);
    }
}
