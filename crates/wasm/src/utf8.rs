//! UTF-8 lengths of JavaScript strings, counted by the browser's `TextEncoder.encodeInto`
//! into a reused buffer: a value about to be stored never has to be copied into wasm
//! memory to learn its size.

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

/// Past this many UTF-16 units a string is counted by copying it instead: the buffer
/// (three bytes per unit) would be larger than any value WeChat lets one key hold.
const MAX_COUNTED_UNITS: u32 = 1 << 20;

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
    /// copied into Rust), or `None` for a string too long to count this way.
    pub fn bytes(&mut self, text: &JsString) -> Option<usize> {
        let units = text.length();
        if units > MAX_COUNTED_UNITS {
            return None;
        }
        // A UTF-16 unit is at most three UTF-8 bytes (a surrogate pair: two units, four).
        let needed = units * 3;
        if self.buffer.length() < needed {
            self.buffer = Uint8Array::new_with_length(needed.next_power_of_two());
        }
        Some(self.encoder.encode_into(text, &self.buffer).written() as usize)
    }
}
