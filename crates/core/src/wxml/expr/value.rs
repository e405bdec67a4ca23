//! The values WXML expressions compute with, and JavaScript's conversions between them
//! (ToBoolean, ToNumber, ToString, ToPrimitive, `==` and `===`).

use std::cmp::Ordering;
use std::fmt;

use super::number::{number_to_string, string_to_number};

/// A JavaScript value as far as template data goes: no functions, no symbols.
///
/// Arrays and objects are plain data without identity, so two of them are never `==`
/// or `===` (as two literals would not be in JavaScript).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// a number, including `NaN`, the infinities and `-0`
    Number(f64),
    /// a string
    String(String),
    /// an array
    Array(Vec<Value>),
    /// an object: its own properties, each key once, in JavaScript's order (integer
    /// keys ascending, then the others in insertion order)
    Object(Vec<(String, Value)>),
}

impl From<f64> for Value {
    fn from(value: f64) -> Value {
        Value::Number(value)
    }
}

impl From<bool> for Value {
    fn from(value: bool) -> Value {
        Value::Bool(value)
    }
}

impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::String(value.into())
    }
}

impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::String(value)
    }
}

impl From<Vec<Value>> for Value {
    fn from(value: Vec<Value>) -> Value {
        Value::Array(value)
    }
}

/// `String(value)`: `1`, `0.5`, `true`, `null`, `1,2` for `[1, 2]`, `[object Object]`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Undefined => f.write_str("undefined"),
            Value::Null => f.write_str("null"),
            Value::Bool(b) => f.write_str(if *b { "true" } else { "false" }),
            Value::Number(n) => f.write_str(&number_to_string(*n)),
            Value::String(s) => f.write_str(s),
            Value::Array(items) => {
                // Array.prototype.join: holes, null and undefined print as nothing.
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    if !matches!(item, Value::Undefined | Value::Null) {
                        write!(f, "{item}")?;
                    }
                }
                Ok(())
            }
            Value::Object(_) => f.write_str("[object Object]"),
        }
    }
}

impl Value {
    /// `Boolean(value)`: false for `undefined`, `null`, `false`, `0`, `-0`, `NaN`, `""`.
    pub fn to_boolean(&self) -> bool {
        match self {
            Value::Undefined | Value::Null => false,
            Value::Bool(b) => *b,
            Value::Number(n) => !(*n == 0.0 || n.is_nan()),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) => true,
        }
    }

    /// `Number(value)`: `undefined` is `NaN`, `null` is `0`, strings as JavaScript parses
    /// them, arrays and objects through their string form (`[5]` is 5).
    pub fn to_number(&self) -> f64 {
        match self {
            Value::Undefined => f64::NAN,
            Value::Null => 0.0,
            Value::Bool(b) => f64::from(u8::from(*b)),
            Value::Number(n) => *n,
            Value::String(s) => string_to_number(s),
            Value::Array(_) | Value::Object(_) => string_to_number(&self.to_string()),
        }
    }

    /// `typeof value`.
    pub fn type_of(&self) -> &'static str {
        match self {
            Value::Undefined => "undefined",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Null | Value::Array(_) | Value::Object(_) => "object",
        }
    }

    fn is_object(&self) -> bool {
        matches!(self, Value::Array(_) | Value::Object(_))
    }

    /// ToPrimitive: arrays and objects become their string; primitives stay.
    pub(crate) fn to_primitive(&self) -> Value {
        if self.is_object() {
            Value::String(self.to_string())
        } else {
            self.clone()
        }
    }

    /// `a === b`.
    pub fn strict_equals(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // IEEE equality is JavaScript's: NaN is unequal to itself, 0 equals -0.
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            _ => false,
        }
    }

    /// `a == b` (IsLooselyEqual).
    pub fn loose_equals(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Undefined | Null, Undefined | Null) => true,
            (Undefined | Null, _) | (_, Undefined | Null) => false,
            (Number(a), String(_)) => *a == other.to_number(),
            (String(_), Number(b)) => self.to_number() == *b,
            (Bool(_), _) => Number(self.to_number()).loose_equals(other),
            (_, Bool(_)) => self.loose_equals(&Number(other.to_number())),
            (Array(_) | Object(_), Array(_) | Object(_)) => false,
            (Array(_) | Object(_), _) => self.to_primitive().loose_equals(other),
            (_, Array(_) | Object(_)) => self.loose_equals(&other.to_primitive()),
            _ => self.strict_equals(other),
        }
    }

    /// `a < b` (IsLessThan): `None` when a `NaN` makes every comparison false.
    pub(crate) fn less_than(&self, other: &Value) -> Option<bool> {
        let (a, b) = (self.to_primitive(), other.to_primitive());
        if let (Value::String(a), Value::String(b)) = (&a, &b) {
            // Strings compare by UTF-16 code units, not by code points.
            return Some(a.encode_utf16().cmp(b.encode_utf16()) == Ordering::Less);
        }
        let (a, b) = (a.to_number(), b.to_number());
        if a.is_nan() || b.is_nan() {
            None
        } else {
            Some(a < b)
        }
    }

    /// The property `key` (already a string) of this value, if it has it as its own:
    /// object fields, array indexes and `length`, string characters and `length`.
    pub(crate) fn own_property(&self, key: &str) -> Option<Value> {
        match self {
            Value::Object(fields) => fields
                .iter()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value.clone()),
            Value::Array(items) => {
                if key == "length" {
                    return Some(Value::Number(items.len() as f64));
                }
                array_index(key).and_then(|i| items.get(i).cloned())
            }
            Value::String(s) => {
                if key == "length" {
                    return Some(Value::Number(s.encode_utf16().count() as f64));
                }
                let i = array_index(key)?;
                s.encode_utf16().nth(i).map(|unit| {
                    // A lone surrogate has no Rust string; U+FFFD stands in for it.
                    Value::String(
                        char::from_u32(u32::from(unit))
                            .unwrap_or('\u{fffd}')
                            .to_string(),
                    )
                })
            }
            _ => None,
        }
    }
}

/// The array index a property key names (`"0"`, `"12"`, not `"01"` or `"1.0"`).
pub(crate) fn array_index(key: &str) -> Option<usize> {
    let bytes = key.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 || (bytes.len() > 1 && bytes[0] == b'0') {
        return None;
    }
    let mut index: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        index = index * 10 + u64::from(b - b'0');
    }
    // 2^32 - 1 is not an index.
    if index >= u64::from(u32::MAX) {
        return None;
    }
    usize::try_from(index).ok()
}

/// ToInt32, for `~`.
pub(crate) fn to_int32(number: f64) -> i32 {
    if !number.is_finite() {
        return 0;
    }
    let wrapped = number.trunc().rem_euclid(4_294_967_296.0);
    if wrapped >= 2_147_483_648.0 {
        (wrapped - 4_294_967_296.0) as i32
    } else {
        wrapped as i32
    }
}
