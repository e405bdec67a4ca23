//! Parsed JSON (from the browser's `JSON.parse`) as core's [`ConfigValue`] tree, so project
//! files are validated by core without a JSON library in the wasm.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::project::ConfigValue;

/// Converts a value `JSON.parse` produced. Anything JSON cannot hold (functions,
/// `undefined`) becomes `Null`, which validation then reports as a wrong type.
pub fn config_value(value: &JsValue) -> ConfigValue {
    if let Some(text) = value.as_string() {
        ConfigValue::String(text)
    } else if let Some(number) = value.as_f64() {
        ConfigValue::Number(number)
    } else if let Some(flag) = value.as_bool() {
        ConfigValue::Bool(flag)
    } else if Array::is_array(value) {
        ConfigValue::Array(
            Array::from(value)
                .iter()
                .map(|item| config_value(&item))
                .collect(),
        )
    } else if value.is_object() && !value.is_function() {
        let members = Object::entries(&Object::from(value.clone()))
            .iter()
            .filter_map(|entry| {
                let entry = Array::from(&entry);
                Some((entry.get(0).as_string()?, config_value(&entry.get(1))))
            })
            .collect();
        ConfigValue::Object(members)
    } else {
        ConfigValue::Null
    }
}
