//! UTF-8 lengths of short JavaScript strings, learnt without copying the string into wasm
//! memory: `TextEncoder.encodeInto` into a reused buffer counts them, a lone surrogate as
//! U+FFFD, as copying the text into Rust does. Long payloads are not counted at the write
//! at all (core's `COUNT_LATER_MIN_UNITS`): core counts them when a limit needs it.

use js_sys::{JsString, Uint8Array};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(
        this: &TextEncoder,
        source: &JsString,
        destination: &Uint8Array,
    ) -> EncodeIntoResult;

    type EncodeIntoResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeIntoResult) -> f64;
}

/// Counts UTF-8 bytes of JavaScript strings.
pub struct Utf8Counter {
    encoder: TextEncoder,
    buffer: Uint8Array,
}

impl Utf8Counter {
    /// A counter with a small buffer, grown as longer strings come.
    pub fn new() -> Self {
        Self {
            encoder: TextEncoder::new(),
            buffer: Uint8Array::new_with_length(1024),
        }
    }

    /// The UTF-8 length of `text` (lone surrogates count as U+FFFD, as when the text is
    /// copied into Rust).
    pub fn bytes(&mut self, text: &JsString) -> usize {
        // A UTF-16 unit is at most three UTF-8 bytes (a surrogate pair: two units, four).
        let needed = text.length() * 3;
        if self.buffer.length() < needed {
            self.buffer = Uint8Array::new_with_length(needed.next_power_of_two());
        }
        self.encoder.encode_into(text, &self.buffer).written() as usize
    }
}
