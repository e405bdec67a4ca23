//! `encrypt: true` storage: AES-128-GCM (RustCrypto), as WeChat uses AES-128.
//!
//! The additional authenticated data is the entry's backend key, so a ciphertext copied
//! to another key, user or app fails to decrypt instead of reading as that key's value.
//!
//! The engine reaches the cipher through [`Sealer`], and core chooses each nonce and
//! lays out `nonce ‖ ciphertext ‖ tag` itself: a build that stores without encrypting
//! (a page's first download) can be lent the cipher from another build on first use.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes128Gcm, Nonce};

use crate::random::RandomSource;

/// Length of the key in bytes (AES-128).
pub const KEY_LEN: usize = 16;
/// Length of each entry's nonce in bytes (GCM's 96 bits).
pub const NONCE_LEN: usize = 12;

/// One (appid, user)'s authenticated cipher.
pub trait Sealer {
    /// `ciphertext ‖ tag` of `plaintext` under `nonce`, bound to `context`; `None` when
    /// the cipher cannot (a lent one that failed).
    fn seal(&self, nonce: &[u8; NONCE_LEN], context: &[u8], plaintext: &[u8]) -> Option<Vec<u8>>;

    /// The plaintext of `ciphertext ‖ tag`, or `None` if the key, nonce, context or data
    /// do not match.
    fn open(&self, nonce: &[u8; NONCE_LEN], context: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>>;
}

/// `nonce ‖ ciphertext ‖ tag` of `plaintext`, under a fresh nonce from `random`.
pub fn seal(
    sealer: &dyn Sealer,
    random: &mut dyn RandomSource,
    context: &[u8],
    plaintext: &[u8],
) -> Option<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    random.fill(&mut nonce);
    let ciphertext = sealer.seal(&nonce, context, plaintext)?;
    let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
    sealed.extend_from_slice(&nonce);
    sealed.extend_from_slice(&ciphertext);
    Some(sealed)
}

/// The plaintext of what [`seal`] made, or `None` if the key, context or data do not
/// match.
pub fn open(sealer: &dyn Sealer, context: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    let (nonce, ciphertext) = sealed.split_first_chunk::<NONCE_LEN>()?;
    sealer.open(nonce, context, ciphertext)
}

/// AES-128-GCM with one (appid, user)'s key.
#[derive(Clone)]
pub struct StorageCipher {
    aead: Aes128Gcm,
}

impl std::fmt::Debug for StorageCipher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StorageCipher(..)")
    }
}

impl StorageCipher {
    /// A cipher using `key`.
    pub fn new(key: &[u8; KEY_LEN]) -> Self {
        Self {
            aead: Aes128Gcm::new(key.into()),
        }
    }
}

impl Sealer for StorageCipher {
    fn seal(&self, nonce: &[u8; NONCE_LEN], context: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
        let payload = Payload {
            msg: plaintext,
            aad: context,
        };
        // Only messages beyond GCM's 64 GiB bound fail; entries are ≤ 1 MB.
        self.aead.encrypt(Nonce::from_slice(nonce), payload).ok()
    }

    fn open(&self, nonce: &[u8; NONCE_LEN], context: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
        let payload = Payload {
            msg: ciphertext,
            aad: context,
        };
        self.aead.decrypt(Nonce::from_slice(nonce), payload).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::SeededRandom;

    #[test]
    fn round_trips_and_hides_the_plaintext() {
        let cipher = StorageCipher::new(&[7; KEY_LEN]);
        let mut random = SeededRandom::new(1);
        let sealed = seal(&cipher, &mut random, b"wxrt:app:u:k", b"secret value").unwrap();
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(
            open(&cipher, b"wxrt:app:u:k", &sealed).as_deref(),
            Some(&b"secret value"[..])
        );
    }

    #[test]
    fn refuses_other_keys_contexts_and_tampering() {
        let cipher = StorageCipher::new(&[7; KEY_LEN]);
        let mut random = SeededRandom::new(2);
        let mut sealed = seal(&cipher, &mut random, b"ctx", b"value").unwrap();
        assert!(open(&StorageCipher::new(&[8; KEY_LEN]), b"ctx", &sealed).is_none());
        assert!(open(&cipher, b"other", &sealed).is_none());
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(open(&cipher, b"ctx", &sealed).is_none());
        assert!(open(&cipher, b"ctx", &[1, 2, 3]).is_none());
    }

    #[test]
    fn nonces_differ_between_writes() {
        let cipher = StorageCipher::new(&[7; KEY_LEN]);
        let mut random = SeededRandom::new(3);
        let a = seal(&cipher, &mut random, b"ctx", b"same").unwrap();
        let b = seal(&cipher, &mut random, b"ctx", b"same").unwrap();
        assert_ne!(a, b);
    }
}
