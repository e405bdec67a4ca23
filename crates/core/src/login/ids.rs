//! The identifiers the stand-in hands out: derived ones (openid, unionid) that are stable
//! everywhere, and random ones (codes, session keys, rids) drawn from the injected
//! [`RandomSource`].

use base64ct::{Base64, Base64UrlUnpadded, Encoding};
use sha2::{Digest, Sha256};

use crate::random::RandomSource;

/// The characters of a login code, as in WeChat's codes.
const CODE_ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Length of a login code.
pub const CODE_LEN: usize = 32;

/// The largest multiple of 62 that fits a byte: bytes at or above it are redrawn so every
/// character is equally likely.
const CODE_BYTE_LIMIT: u8 = 248;

/// Whether `name` is 1 to 64 of `[A-Za-z0-9_-]`: the ids storage namespaces accept.
pub(crate) use crate::storage::is_valid_id as valid_name;

/// `prefix` then the first 27 characters of unpadded base64url of
/// `sha256(label NUL part NUL part ...)`: 28 characters like WeChat's ids.
fn derive(prefix: char, label: &str, parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(label.as_bytes());
    for part in parts {
        hasher.update([0u8]);
        hasher.update(part.as_bytes());
    }
    let encoded = Base64UrlUnpadded::encode_string(&hasher.finalize());
    let mut id = String::with_capacity(28);
    id.push(prefix);
    id.push_str(&encoded[..27]);
    id
}

/// The openid of `user` in the app `appid`: the same on every machine and run.
pub fn openid(appid: &str, user: &str) -> String {
    derive('o', "wxrt-openid", &[appid, user])
}

/// The unionid of `user`: the same for every app (of one developer) and machine.
pub fn unionid(user: &str) -> String {
    derive('u', "wxrt-unionid", &[user])
}

/// A fresh login code: 32 characters of `[A-Za-z0-9]`.
pub(crate) fn random_code(random: &mut dyn RandomSource) -> String {
    let mut code = String::with_capacity(CODE_LEN);
    let mut buf = [0u8; CODE_LEN];
    while code.len() < CODE_LEN {
        random.fill(&mut buf);
        for &b in &buf {
            if b < CODE_BYTE_LIMIT && code.len() < CODE_LEN {
                code.push(char::from(CODE_ALPHABET[usize::from(b % 62)]));
            }
        }
    }
    code
}

/// A fresh session_key: 16 random bytes in standard padded base64 (24 characters).
pub(crate) fn random_session_key(random: &mut dyn RandomSource) -> String {
    let mut key = [0u8; 16];
    random.fill(&mut key);
    Base64::encode_string(&key)
}

/// A request id like WeChat's: the time in seconds then two random words, in hex.
pub(crate) fn rid(random: &mut dyn RandomSource, now_ms: u64) -> String {
    let mut buf = [0u8; 8];
    random.fill(&mut buf);
    let secs = (now_ms / 1000) as u32;
    let a = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]);
    let b = u32::from_be_bytes([buf[4], buf[5], buf[6], buf[7]]);
    format!("{secs:08x}-{a:08x}-{b:08x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn ids_have_wechat_shapes() {
        let id = openid("wx1", "alice");
        assert_eq!(id.len(), 28);
        assert!(id.starts_with('o'));
        assert_eq!(unionid("alice").len(), 28);
        let mut random = SeededRandom::new(1);
        let code = random_code(&mut random);
        assert_eq!(code.len(), 32);
        assert!(code.bytes().all(|b| b.is_ascii_alphanumeric()));
        let key = random_session_key(&mut random);
        assert_eq!(key.len(), 24);
        assert!(key.ends_with("=="));
        assert_eq!(rid(&mut random, 300_000).len(), 26);
    }

    #[test]
    fn names_are_checked() {
        assert!(valid_name("wx_a-1"));
        assert!(!valid_name(""));
        assert!(!valid_name("a b"));
        assert!(!valid_name(&"a".repeat(65)));
        assert!(valid_name(&"a".repeat(64)));
    }
}
