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

/// `value` as JavaScript's: [`config_value`]'s way back (the tools build sends what it
/// checked).
#[cfg(feature = "tools")]
pub fn js_value(value: &ConfigValue) -> JsValue {
    match value {
        ConfigValue::Null => JsValue::NULL,
        ConfigValue::Bool(flag) => JsValue::from_bool(*flag),
        ConfigValue::Number(number) => JsValue::from_f64(*number),
        ConfigValue::String(text) => JsValue::from_str(text),
        ConfigValue::Array(items) => items.iter().map(js_value).collect::<Array>().into(),
        ConfigValue::Object(members) => {
            let object = Object::new();
            for (key, member) in members {
                crate::options::set(&object, key, &js_value(member));
            }
            object.into()
        }
    }
}
