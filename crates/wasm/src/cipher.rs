//! Core's AES-128-GCM cipher for `encrypt: true`, exported from the API families' build:
//! the boot build borrows it (`lent_cipher.rs`) when a page first encrypts.

use wasm_bindgen::prelude::*;
use wxrt_core::storage::{Sealer as _, StorageCipher, KEY_LEN};

/// One (appid, user)'s cipher.
#[wasm_bindgen(js_name = StorageCipher)]
pub struct ExportedCipher(StorageCipher);

#[wasm_bindgen(js_class = StorageCipher)]
impl ExportedCipher {
    /// A cipher using the 16-byte `key`.
    #[wasm_bindgen(constructor)]
    pub fn new(key: &[u8]) -> Result<ExportedCipher, JsValue> {
        let key: &[u8; KEY_LEN] = key.try_into().map_err(|_| {
            JsValue::from(js_sys::Error::new(&format!(
                "createRuntime: encryptionKey should be {KEY_LEN} bytes, got {}",
                key.len()
            )))
        })?;
        Ok(Self(StorageCipher::new(key)))
    }

    /// `ciphertext ‖ tag` of `plaintext` under the 12-byte `nonce`, bound to `context`.
    pub fn seal(&self, nonce: &[u8], context: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
        self.0.seal(nonce.try_into().ok()?, context, plaintext)
    }

    /// The plaintext of `ciphertext ‖ tag`, or `undefined` if it does not open.
    pub fn open(&self, nonce: &[u8], context: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
        self.0.open(nonce.try_into().ok()?, context, ciphertext)
    }
}
