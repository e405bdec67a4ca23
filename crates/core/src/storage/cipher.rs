//! `encrypt: true` storage: AES-128-GCM (RustCrypto), as WeChat uses AES-128.
//!
//! The additional authenticated data is the entry's backend key, so a ciphertext copied
//! to another key, user or app fails to decrypt instead of reading as that key's value.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes128Gcm, Nonce};

use crate::random::RandomSource;

/// Length of the key in bytes (AES-128).
pub const KEY_LEN: usize = 16;
const NONCE_LEN: usize = 12;

/// Encrypts and decrypts entries with one (appid, user)'s key.
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

    /// `nonce ‖ ciphertext ‖ tag` of `plaintext`, bound to `context`.
    pub fn seal(&self, random: &mut dyn RandomSource, context: &[u8], plaintext: &[u8]) -> Vec<u8> {
        let mut nonce = [0u8; NONCE_LEN];
        random.fill(&mut nonce);
        let payload = Payload {
            msg: plaintext,
            aad: context,
        };
        // Encryption only fails for messages beyond GCM's 64 GiB bound; entries are ≤ 1 MB.
        let ciphertext = self
            .aead
            .encrypt(Nonce::from_slice(&nonce), payload)
            .unwrap_or_default();
        let mut sealed = Vec::with_capacity(NONCE_LEN + ciphertext.len());
        sealed.extend_from_slice(&nonce);
        sealed.extend_from_slice(&ciphertext);
        sealed
    }

    /// The plaintext of `sealed`, or `None` if the key, context or data do not match.
    pub fn open(&self, context: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
        if sealed.len() < NONCE_LEN {
            return None;
        }
        let (nonce, ciphertext) = sealed.split_at(NONCE_LEN);
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
        let sealed = cipher.seal(&mut random, b"wxrt:app:u:k", b"secret value");
        assert!(!sealed.windows(6).any(|w| w == b"secret"));
        assert_eq!(
            cipher.open(b"wxrt:app:u:k", &sealed).as_deref(),
            Some(&b"secret value"[..])
        );
    }

    #[test]
    fn refuses_other_keys_contexts_and_tampering() {
        let cipher = StorageCipher::new(&[7; KEY_LEN]);
        let mut random = SeededRandom::new(2);
        let mut sealed = cipher.seal(&mut random, b"ctx", b"value");
        assert!(StorageCipher::new(&[8; KEY_LEN])
            .open(b"ctx", &sealed)
            .is_none());
        assert!(cipher.open(b"other", &sealed).is_none());
        let last = sealed.len() - 1;
        sealed[last] ^= 1;
        assert!(cipher.open(b"ctx", &sealed).is_none());
        assert!(cipher.open(b"ctx", &[1, 2, 3]).is_none());
    }

    #[test]
    fn nonces_differ_between_writes() {
        let cipher = StorageCipher::new(&[7; KEY_LEN]);
        let mut random = SeededRandom::new(3);
        let a = cipher.seal(&mut random, b"ctx", b"same");
        let b = cipher.seal(&mut random, b"ctx", b"same");
        assert_ne!(a, b);
    }
}
