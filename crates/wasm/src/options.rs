//! Reading WeChat's single options-object argument and its fields.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wxrt_core::storage::ParameterError;

use crate::convert::js_type;

/// `options` as an object, or WeChat's "parameter should be Object" error. Absent
/// options are allowed where the API takes none (`clearStorage()`).
pub fn options_object(options: &JsValue, optional: bool) -> Result<Option<Object>, ParameterError> {
    if optional && options.is_undefined() {
        return Ok(None);
    }
    if options.is_object() && !js_sys::Array::is_array(options) && !options.is_function() {
        return Ok(Some(options.clone().unchecked_into()));
    }
    Err(ParameterError::NotAnObject {
        actual: js_type(options).name().to_owned(),
    })
}

/// `value[name]` on any JavaScript value: `undefined` when it is not an object or has no
/// such field.
pub fn field_of(value: &JsValue, name: &str) -> JsValue {
    if value.is_object() {
        Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `object[name] = value` on an object the glue built; only a frozen object refuses.
pub fn set(object: &Object, name: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(name), value);
}

/// `options[name]`, `undefined` when missing.
pub fn field(options: &Object, name: &str) -> JsValue {
    Reflect::get(options, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A string argument at `path`, or WeChat's "should be String" error.
pub fn string_arg(path: &dyn Fn() -> String, value: &JsValue) -> Result<String, ParameterError> {
    value
        .as_string()
        .ok_or_else(|| ParameterError::wrong_type(path(), "String", js_type(value).name()))
}

/// An array argument at `path`, or WeChat's "should be Array" error.
pub fn array_arg(path: &str, value: &JsValue) -> Result<js_sys::Array, ParameterError> {
    if js_sys::Array::is_array(value) {
        Ok(value.clone().unchecked_into())
    } else {
        Err(ParameterError::wrong_type(
            path,
            "Array",
            js_type(value).name(),
        ))
    }
}

/// Whether the optional boolean `options[name]` is truthy, as WeChat reads flags.
pub fn flag(options: &Object, name: &str) -> bool {
    field(options, name).is_truthy()
}
