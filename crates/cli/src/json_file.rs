//! A project's JSON configuration files (`project.config.json`, `wxrt.config.json`) read
//! the same way: UTF-8, a leading byte order mark tolerated (some Windows editors write
//! one; JSON parsers reject it), an object at the top, and a bad-JSON position reported
//! once in our own words.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use wxrt_core::project::ConfigValue;

/// The byte order mark some Windows editors start a UTF-8 file with.
pub(crate) const BOM: char = '\u{feff}';

/// Why a configuration file's bytes are not a JSON object. Each file's own error type
/// names the file.
pub(crate) enum JsonFileError {
    NotUtf8,
    BadJson {
        line: usize,
        column: usize,
        message: String,
    },
    NotAnObject,
}

/// The top-level object of a configuration file.
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, JsonFileError> {
    let text = std::str::from_utf8(bytes).map_err(|_| JsonFileError::NotUtf8)?;
    let value: Value =
        serde_json::from_str(text.strip_prefix(BOM).unwrap_or(text)).map_err(|err| {
            let message = message_of(&err);
            JsonFileError::BadJson {
                line: err.line(),
                column: err.column(),
                message,
            }
        })?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(JsonFileError::NotAnObject),
    }
}

/// serde_json's description of `err` without the ` at line L column C` it appends, for
/// messages that report the position in their own words.
pub(crate) fn message_of(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// The JSON text `bytes` as core's [`ConfigValue`], object members in file order (core
/// reports problems in that order; serde_json's own `Value` sorts them). `None` when the
/// bytes are not a JSON document, which [`parse_object`] reports in its own words.
pub(crate) fn config_value(bytes: &[u8]) -> Option<ConfigValue> {
    let text = std::str::from_utf8(bytes).ok()?;
    serde_json::from_str::<Ordered>(text.strip_prefix(BOM).unwrap_or(text))
        .ok()
        .map(|ordered| ordered.0)
}

/// `value` as serde_json's, to send: [`config_value`]'s way back. Whole numbers are
/// written as integers, as `JSON.stringify` writes them.
pub(crate) fn json_value(value: &ConfigValue) -> Value {
    match value {
        ConfigValue::Null => Value::Null,
        ConfigValue::Bool(flag) => Value::Bool(*flag),
        ConfigValue::Number(number) if number.fract() == 0.0 && number.abs() < 2f64.powi(53) => {
            Value::from(*number as i64)
        }
        ConfigValue::Number(number) => {
            serde_json::Number::from_f64(*number).map_or(Value::Null, Value::Number)
        }
        ConfigValue::String(text) => Value::String(text.clone()),
        ConfigValue::Array(items) => Value::Array(items.iter().map(json_value).collect()),
        ConfigValue::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, member)| (key.clone(), json_value(member)))
                .collect(),
        ),
    }
}

/// A [`ConfigValue`] read straight from the parser, so objects keep their order.
struct Ordered(ConfigValue);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrderedVisitor).map(Ordered)
    }
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = ConfigValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<ConfigValue, E> {
        Ok(ConfigValue::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<ConfigValue, E> {
        Ok(ConfigValue::Bool(value))
    }

    // JSON numbers are JavaScript numbers: doubles, as the page would read them.
    #[allow(clippy::cast_precision_loss)]
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<ConfigValue, E> {
        Ok(ConfigValue::Number(value as f64))
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<ConfigValue, E> {
        Ok(ConfigValue::Number(value as f64))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<ConfigValue, E> {
        Ok(ConfigValue::Number(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<ConfigValue, E> {
        Ok(ConfigValue::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<ConfigValue, E> {
        Ok(ConfigValue::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ConfigValue, A::Error> {
        let mut items = Vec::new();
        while let Some(Ordered(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(ConfigValue::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ConfigValue, A::Error> {
        let mut members = Vec::new();
        while let Some((key, Ordered(value))) = map.next_entry::<String, Ordered>()? {
            members.push((key, value));
        }
        Ok(ConfigValue::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::{config_value, ConfigValue};

    #[test]
    fn objects_keep_file_order() {
        let value = config_value(
            "\u{feff}{\"b\": [1, 2.5, null], \"a\": {\"z\": true, \"y\": \"s\"}}".as_bytes(),
        );
        assert_eq!(
            value,
            Some(ConfigValue::object([
                (
                    "b",
                    ConfigValue::Array(vec![1.0.into(), 2.5.into(), ConfigValue::Null])
                ),
                (
                    "a",
                    ConfigValue::object([("z", true.into()), ("y", "s".into())])
                ),
            ]))
        );
        assert_eq!(config_value(b"{"), None);
    }
}
