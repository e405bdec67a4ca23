//! Randomness from the platform's `crypto.getRandomValues`.

use wasm_bindgen::prelude::*;
use wxrt_core::random::RandomSource;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues)]
    fn get_random_values(buf: &mut [u8]);
}

/// `crypto.getRandomValues`, available in pages, workers and Node 19+.
pub struct CryptoRandom;

impl RandomSource for CryptoRandom {
    fn fill(&mut self, buf: &mut [u8]) {
        // getRandomValues fills at most 65536 bytes per call.
        for chunk in buf.chunks_mut(65536) {
            get_random_values(chunk);
        }
    }
}
