//! JavaScript values to stored payloads and back. Numbers go through JavaScript's own
//! `String(n)` and JSON through the browser's `JSON`, so text matches what mini-program
//! code would see and no JSON library ships in the wasm.

use js_sys::{Array, Date, JsString, Number, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wxrt_core::js_type::JsType;
use wxrt_core::storage::{
    Corruption, EncodedValue, ParameterError, StorageError, Stored, ValueKind,
};

use crate::backend::JsText;

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JavaScript string: js-sys's takes `&str`, which would copy the
    /// text into JavaScript again.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &JsString) -> Result<JsValue, JsValue>;

    /// JavaScript's `Number(text)`: the inverse of `String(n)`, without shipping Rust's
    /// float parser in the wasm.
    #[wasm_bindgen(js_name = Number)]
    fn number_from_text(text: &str) -> f64;
}

/// The type WeChat's parameter errors would name for `value`. Each check is a call into
/// JavaScript, so the common cases (objects, strings) are tested first.
pub fn js_type(value: &JsValue) -> JsType {
    if value.is_object() {
        return if Array::is_array(value) {
            JsType::Array
        } else if value.is_instance_of::<Date>() {
            JsType::Date
        } else {
            JsType::Object
        };
    }
    if value.is_string() {
        JsType::String
    } else if value.is_undefined() {
        JsType::Undefined
    } else if value.is_null() {
        JsType::Null
    } else if value.as_bool().is_some() {
        JsType::Boolean
    } else if value.as_f64().is_some() {
        JsType::Number
    } else if value.is_symbol() {
        JsType::Symbol
    } else if value.is_bigint() {
        JsType::BigInt
    } else if value.is_function() {
        JsType::Function
    } else {
        JsType::Object
    }
}

fn number_text(n: f64) -> String {
    Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

fn unencodable(path: &dyn Fn() -> String, reason: String) -> ParameterError {
    ParameterError::Unencodable {
        path: path(),
        reason,
    }
}

/// A value to store: scalars encoded in Rust; strings and JSON left as the JavaScript
/// string they are, so a plain entry is written without the text entering wasm.
pub enum ToStore {
    /// A number, boolean, date, `undefined` or `null`, encoded.
    Encoded(EncodedValue),
    /// A string, or an array or object as `JSON.stringify` wrote it.
    Held {
        /// Which of those it is.
        kind: ValueKind,
        /// The payload.
        text: JsText,
    },
}

/// `value` as it will be stored; `path` names it in a parameter error (`data`).
pub fn value_to_store(
    path: &dyn Fn() -> String,
    value: &JsValue,
) -> Result<ToStore, ParameterError> {
    let js_type = js_type(value);
    let kind = ValueKind::of(js_type).map_err(|reason| unencodable(path, reason.to_owned()))?;
    let scalar = |payload: String| Ok(ToStore::Encoded(EncodedValue { kind, payload }));
    match kind {
        ValueKind::String => Ok(ToStore::Held {
            kind,
            text: JsText(value.clone().unchecked_into()),
        }),
        ValueKind::Number => scalar(number_text(value.as_f64().unwrap_or(f64::NAN))),
        ValueKind::Boolean => Ok(ToStore::Encoded(EncodedValue::boolean(
            value.as_bool() == Some(true),
        ))),
        ValueKind::Date => scalar(number_text(value.unchecked_ref::<Date>().get_time())),
        ValueKind::Undefined | ValueKind::Null => Ok(ToStore::Encoded(EncodedValue::empty(kind))),
        ValueKind::Array | ValueKind::Object => {
            let json = JSON::stringify(value).map_err(|error| {
                // V8's circular-structure message spans lines; the first one says it all.
                let message = js_sys::Error::from(error).message().as_string();
                let reason = message
                    .as_deref()
                    .and_then(|m| m.lines().next())
                    .unwrap_or("JSON.stringify failed")
                    .to_owned();
                unencodable(path, reason)
            })?;
            // `JSON.stringify` gives undefined for what JSON cannot hold.
            if !JsValue::from(&json).is_string() {
                return Err(unencodable(
                    path,
                    "JSON.stringify produced no text".to_owned(),
                ));
            }
            Ok(ToStore::Held {
                kind,
                text: JsText(json),
            })
        }
    }
}

/// Encodes `value` for storage, the payload copied into Rust; `path` names it in a
/// parameter error (`data`). Strings and JSON also come back as the JavaScript string
/// they were read from, so a plain entry can be written without copying the text back
/// out of wasm.
pub fn encode_value(
    path: &dyn Fn() -> String,
    value: &JsValue,
) -> Result<(EncodedValue, Option<JsText>), ParameterError> {
    match value_to_store(path, value)? {
        ToStore::Encoded(value) => Ok((value, None)),
        ToStore::Held { kind, text } => {
            let payload = JsValue::from(&text.0).as_string().unwrap_or_default();
            Ok((EncodedValue { kind, payload }, Some(text)))
        }
    }
}

fn json_corruption(kind: ValueKind) -> Corruption {
    Corruption::Payload(if kind == ValueKind::Array {
        "Array"
    } else {
        "Object"
    })
}

/// The JavaScript value of a stored payload; a fresh object on every call.
pub fn decode_value(value: &EncodedValue) -> Result<JsValue, StorageError> {
    let number = || number_from_text(&value.payload);
    Ok(match value.kind {
        ValueKind::String => JsValue::from_str(&value.payload),
        ValueKind::Number => JsValue::from_f64(number()),
        ValueKind::Boolean => JsValue::from_bool(value.as_bool() == Some(true)),
        ValueKind::Date => Date::new(&JsValue::from_f64(number())).into(),
        ValueKind::Undefined => JsValue::UNDEFINED,
        ValueKind::Null => JsValue::NULL,
        ValueKind::Array | ValueKind::Object => {
            JSON::parse(&value.payload).map_err(|_| json_corruption(value.kind))?
        }
    })
}

/// A string or JSON payload held as a JavaScript string, as the value it stands for.
pub fn parse_payload(kind: ValueKind, payload: &JsString) -> Result<JsValue, StorageError> {
    if kind.is_json() {
        parse_json(payload).map_err(|_| json_corruption(kind).into())
    } else {
        Ok(payload.clone().into())
    }
}

/// The JavaScript value of a read. Plain payloads are sliced and parsed in JavaScript,
/// never copied through wasm memory.
pub fn stored_value(stored: Stored<JsText>) -> Result<JsValue, StorageError> {
    match stored {
        Stored::Decoded(value) => decode_value(&value),
        Stored::Plain {
            kind,
            text: JsText(text),
            payload_start,
        } => parse_payload(kind, &text.slice(payload_start as u32, text.length())),
    }
}
