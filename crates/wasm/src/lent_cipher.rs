//! `encrypt: true`'s cipher, borrowed: the API families' build exports core's AES-GCM
//! cipher (`StorageCipher`, see `cipher.rs`) and the shim hands its two methods over
//! when a page first encrypts, so a page that never encrypts never downloads AES.

use js_sys::{Function, Uint8Array};
use wasm_bindgen::prelude::*;
use wxrt_core::storage::{Sealer, NONCE_LEN};

/// The cipher of the API families' build, reached through JavaScript's
/// `seal(nonce, context, plaintext)` and `open(nonce, context, ciphertext)`, each taking
/// and giving `Uint8Array`s (`open` gives `undefined` when the data does not open).
pub struct LentCipher {
    pub seal: Function,
    pub open: Function,
}

fn call(function: &Function, nonce: &[u8], context: &[u8], data: &[u8]) -> Option<Vec<u8>> {
    let bytes = |slice: &[u8]| JsValue::from(Uint8Array::from(slice));
    let result = function
        .call3(&JsValue::NULL, &bytes(nonce), &bytes(context), &bytes(data))
        .ok()?;
    result
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|array| array.to_vec())
}

impl Sealer for LentCipher {
    fn seal(&self, nonce: &[u8; NONCE_LEN], context: &[u8], plaintext: &[u8]) -> Option<Vec<u8>> {
        call(&self.seal, nonce, context, plaintext)
    }

    fn open(&self, nonce: &[u8; NONCE_LEN], context: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>> {
        call(&self.open, nonce, context, ciphertext)
    }
}
