//! Stored values keep their JavaScript type, as WeChat's own runtime tags them: the
//! payload is text and the kind says how to turn it back into a value.

use super::error::Corruption;
use crate::js_type::JsType;

/// The type a stored value comes back as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// Payload is the string itself.
    String,
    /// Payload is JavaScript's `String(n)`, so `NaN` and `Infinity` survive.
    Number,
    /// Payload is `true` or `false`.
    Boolean,
    /// Payload is `String(date.getTime())`; comes back as a `Date`.
    Date,
    /// Empty payload.
    Undefined,
    /// Empty payload.
    Null,
    /// Payload is `JSON.stringify(value)`.
    Array,
    /// Payload is `JSON.stringify(value)`.
    Object,
}

impl ValueKind {
    /// How a value of JavaScript type `js_type` is stored, or why it cannot be.
    pub fn of(js_type: JsType) -> Result<Self, &'static str> {
        Ok(match js_type {
            JsType::String => Self::String,
            JsType::Number => Self::Number,
            JsType::Boolean => Self::Boolean,
            JsType::Date => Self::Date,
            JsType::Undefined => Self::Undefined,
            JsType::Null => Self::Null,
            JsType::Array => Self::Array,
            JsType::Object => Self::Object,
            JsType::Function => return Err("a Function cannot be stored"),
            JsType::Symbol => return Err("a Symbol cannot be stored"),
            JsType::BigInt => return Err("a BigInt cannot be stored"),
        })
    }

    pub(crate) fn tag(self) -> u8 {
        match self {
            Self::String => b's',
            Self::Number => b'n',
            Self::Boolean => b'b',
            Self::Date => b'd',
            Self::Undefined => b'u',
            Self::Null => b'l',
            Self::Array => b'a',
            Self::Object => b'o',
        }
    }

    pub(crate) fn from_tag(tag: u8) -> Option<Self> {
        Some(match tag {
            b's' => Self::String,
            b'n' => Self::Number,
            b'b' => Self::Boolean,
            b'd' => Self::Date,
            b'u' => Self::Undefined,
            b'l' => Self::Null,
            b'a' => Self::Array,
            b'o' => Self::Object,
            _ => return None,
        })
    }

    /// The type's name as JavaScript code would say it (`typeof`, with `array`, `null`
    /// and `date` told apart).
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Number => "number",
            Self::Boolean => "boolean",
            Self::Date => "date",
            Self::Undefined => "undefined",
            Self::Null => "null",
            Self::Array => "array",
            Self::Object => "object",
        }
    }

    /// Whether the payload is JSON text that the browser parses back.
    pub fn is_json(self) -> bool {
        matches!(self, Self::Array | Self::Object)
    }
}

/// A value ready to store: its kind and its payload text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodedValue {
    /// How to decode `payload`.
    pub kind: ValueKind,
    /// The value as text (see [`ValueKind`]).
    pub payload: String,
}

impl EncodedValue {
    /// A string value.
    pub fn string(text: impl Into<String>) -> Self {
        Self {
            kind: ValueKind::String,
            payload: text.into(),
        }
    }

    /// A value with an empty payload (`undefined`, `null`).
    pub fn empty(kind: ValueKind) -> Self {
        Self {
            kind,
            payload: String::new(),
        }
    }

    /// A boolean value.
    pub fn boolean(value: bool) -> Self {
        Self {
            kind: ValueKind::Boolean,
            payload: if value { "true" } else { "false" }.to_owned(),
        }
    }

    /// The boolean a `Boolean` payload holds.
    pub fn as_bool(&self) -> Option<bool> {
        match self.payload.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// Checks that the payload is well-formed for its kind (JSON is checked by the
    /// browser when it parses it back).
    pub fn validate(&self) -> Result<(), Corruption> {
        let valid = match self.kind {
            ValueKind::String | ValueKind::Array | ValueKind::Object => true,
            ValueKind::Number | ValueKind::Date => is_js_number_text(&self.payload),
            ValueKind::Boolean => self.as_bool().is_some(),
            ValueKind::Undefined | ValueKind::Null => self.payload.is_empty(),
        };
        if valid {
            Ok(())
        } else {
            Err(Corruption::Payload(kind_name(self.kind)))
        }
    }
}

fn kind_name(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::String => "String",
        ValueKind::Number => "Number",
        ValueKind::Boolean => "Boolean",
        ValueKind::Date => "Date",
        ValueKind::Undefined => "Undefined",
        ValueKind::Null => "Null",
        ValueKind::Array => "Array",
        ValueKind::Object => "Object",
    }
}

/// Whether `text` is something JavaScript's `String(n)` prints: `NaN`, `Infinity`,
/// `-Infinity`, or `-?digits[.digits][e(+|-)digits]`. Only checked here; the browser's
/// `Number()` turns it back into a number, so no float parser ships in the wasm.
pub fn is_js_number_text(text: &str) -> bool {
    if matches!(text, "NaN" | "Infinity" | "-Infinity") {
        return true;
    }
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        e.strip_prefix('+')
            .or_else(|| e.strip_prefix('-'))
            .is_some_and(digits)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_round_trips() {
        for kind in [
            ValueKind::String,
            ValueKind::Number,
            ValueKind::Boolean,
            ValueKind::Date,
            ValueKind::Undefined,
            ValueKind::Null,
            ValueKind::Array,
            ValueKind::Object,
        ] {
            assert_eq!(ValueKind::from_tag(kind.tag()), Some(kind));
        }
        assert_eq!(ValueKind::from_tag(b'x'), None);
    }

    #[test]
    fn refuses_unstorable_types() {
        assert!(ValueKind::of(JsType::Function).is_err());
        assert!(ValueKind::of(JsType::Symbol).is_err());
        assert!(ValueKind::of(JsType::BigInt).is_err());
        assert_eq!(ValueKind::of(JsType::Date), Ok(ValueKind::Date));
    }

    #[test]
    fn accepts_what_js_string_of_a_number_prints() {
        for text in [
            "0",
            "-0.5",
            "1e+21",
            "5e-324",
            "123456789.125",
            "NaN",
            "Infinity",
            "-Infinity",
            "1.7976931348623157e+308",
        ] {
            assert!(is_js_number_text(text), "{text}");
        }
        for bad in [
            "", "inf", "nan", "+1", "1,5", "0x10", "abc", "1e5", "1.", ".5", "-", "1e+", "--1",
            "1.2.3",
        ] {
            assert!(!is_js_number_text(bad), "{bad}");
        }
    }

    #[test]
    fn validate_catches_payloads_that_do_not_fit_their_kind() {
        let bad_number = EncodedValue {
            kind: ValueKind::Number,
            payload: "twelve".into(),
        };
        assert_eq!(bad_number.validate(), Err(Corruption::Payload("Number")));
        let bad_null = EncodedValue {
            kind: ValueKind::Null,
            payload: "x".into(),
        };
        assert!(bad_null.validate().is_err());
        assert!(EncodedValue::boolean(true).validate().is_ok());
    }
}
