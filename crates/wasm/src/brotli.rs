//! `readCompressedFile`'s brotli decompression, built alone (`--no-default-features
//! --features brotli`) into pkg/wxrt_brotli*: brotli's dictionary is larger than every API
//! family together, so only a page that reads a compressed file downloads it.

use js_sys::{ArrayBuffer, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wxrt_core::apis::files::archive::inflate_brotli;
use wxrt_core::errmsg::Failure;

use crate::error::js_failure;

/// `bytes` (checked and read by the families' `Files.compressedBytes`) decompressed as
/// brotli; throws `<api>:fail brotli decompress fail` with its errno for other data.
#[wasm_bindgen(js_name = brotliDecompress)]
pub fn brotli_decompress(api: &str, bytes: &[u8]) -> Result<ArrayBuffer, JsValue> {
    let api = if api == "readCompressedFileSync" {
        "readCompressedFileSync"
    } else {
        "readCompressedFile"
    };
    let out = inflate_brotli(bytes).map_err(|reason| {
        let errno = reason.errno();
        let error = js_failure(Failure::new(api, reason));
        let _ = Reflect::set(&error, &"errno".into(), &errno.into());
        error
    })?;
    Ok(Uint8Array::from(out.as_slice()).buffer())
}
