//! A parsed JSON value, as the host's JSON parser hands it over.
//!
//! The text is parsed outside core (by `JSON.parse` in the browser, serde_json in the
//! CLI) so core carries no JSON parser in its wasm build; each host converts its own
//! tree into this one.

use crate::js_type::JsType;

/// A JSON value from a configuration file.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum ConfigValue {
    /// `null`
    #[default]
    Null,
    /// `true` / `false`
    Bool(bool),
    /// any number
    Number(f64),
    /// a string
    String(String),
    /// an array
    Array(Vec<ConfigValue>),
    /// an object, its members in file order
    Object(Vec<(String, ConfigValue)>),
}

impl ConfigValue {
    /// An object from `(key, value)` pairs, in order.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, ConfigValue)>) -> Self {
        Self::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// The JavaScript type of this value.
    pub fn js_type(&self) -> JsType {
        match self {
            Self::Null => JsType::Null,
            Self::Bool(_) => JsType::Boolean,
            Self::Number(_) => JsType::Number,
            Self::String(_) => JsType::String,
            Self::Array(_) => JsType::Array,
            Self::Object(_) => JsType::Object,
        }
    }

    /// The type's name as error messages print it: `Null`, `Boolean`, `Number`, `String`,
    /// `Array`, `Object`.
    pub fn type_name(&self) -> &'static str {
        self.js_type().name()
    }

    /// The member `key` of an object; `None` for a missing key or a non-object.
    ///
    /// A key written twice yields its last value, as `JSON.parse` does.
    pub fn get(&self, key: &str) -> Option<&ConfigValue> {
        match self {
            Self::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[ConfigValue]> {
        match self {
            Self::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The members in file order, if this is an object.
    pub fn as_object(&self) -> Option<&[(String, ConfigValue)]> {
        match self {
            Self::Object(members) => Some(members),
            _ => None,
        }
    }
}

impl From<bool> for ConfigValue {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<f64> for ConfigValue {
    fn from(value: f64) -> Self {
        Self::Number(value)
    }
}

impl From<i32> for ConfigValue {
    fn from(value: i32) -> Self {
        Self::Number(value.into())
    }
}

impl From<&str> for ConfigValue {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for ConfigValue {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl<T: Into<ConfigValue>> From<Vec<T>> for ConfigValue {
    fn from(items: Vec<T>) -> Self {
        Self::Array(items.into_iter().map(Into::into).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_types_like_javascript() {
        let names: Vec<_> = [
            ConfigValue::Null,
            true.into(),
            1.5.into(),
            "a".into(),
            ConfigValue::Array(vec![]),
            ConfigValue::Object(vec![]),
        ]
        .iter()
        .map(ConfigValue::type_name)
        .collect();
        assert_eq!(
            names,
            ["Null", "Boolean", "Number", "String", "Array", "Object"]
        );
    }

    #[test]
    fn get_takes_the_last_of_a_repeated_key() {
        let value = ConfigValue::object([("a", 1.into()), ("b", 2.into()), ("a", 3.into())]);
        assert_eq!(value.get("a"), Some(&ConfigValue::Number(3.0)));
        assert_eq!(value.get("c"), None);
        assert_eq!(ConfigValue::from("a").get("a"), None);
    }

    #[test]
    fn builds_arrays_from_vectors() {
        let value = ConfigValue::from(vec!["a", "b"]);
        assert_eq!(value.as_array().map(<[_]>::len), Some(2));
        assert_eq!(value.as_array().and_then(|a| a[1].as_str()), Some("b"));
    }
}
