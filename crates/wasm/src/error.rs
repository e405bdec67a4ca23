//! WeChat failures as JavaScript `Error`s that also carry `errMsg`.

use js_sys::Reflect;
use std::fmt::Display;
use wasm_bindgen::prelude::*;
use wxrt_core::errmsg::Failure;

/// A JavaScript `Error` whose `message` and `errMsg` are `<api>:fail <reason>`.
pub fn js_failure<E: Display>(failure: Failure<E>) -> JsValue {
    error_with_errmsg(&failure.to_string())
}

/// A JavaScript `Error` whose `message` and `errMsg` are `err_msg`.
pub fn error_with_errmsg(err_msg: &str) -> JsValue {
    let error = js_sys::Error::new(err_msg);
    let _ = Reflect::set(&error, &"errMsg".into(), &err_msg.into());
    error.into()
}

/// Shorthand for failing `api` with `reason`.
pub fn fail<E: Display>(api: &'static str, reason: E) -> JsValue {
    js_failure(Failure::new(api, reason))
}
