//! The option checks WeChat makes before an API does anything: each named field must have
//! one of the allowed types (a required field may not be absent). The failure reads as
//! WeChat's: `parameter error: parameter.itemList should be Array instead of Undefined;`.

use crate::js_type::JsType;

/// What WeChat accepts for one option of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The option's name (`itemList`).
    pub name: &'static str,
    /// The types accepted; the first is the one named in the error.
    pub types: &'static [JsType],
    /// Whether `undefined` is refused.
    pub required: bool,
}

impl Field {
    /// A field that must be present with one of `types`.
    pub const fn required(name: &'static str, types: &'static [JsType]) -> Self {
        Self {
            name,
            types,
            required: true,
        }
    }

    /// A field that may be absent, else must have one of `types`.
    pub const fn optional(name: &'static str, types: &'static [JsType]) -> Self {
        Self {
            name,
            types,
            required: false,
        }
    }
}

/// Strings only.
pub const STRING: &[JsType] = &[JsType::String];
/// Numbers only.
pub const NUMBER: &[JsType] = &[JsType::Number];
/// Booleans only.
pub const BOOLEAN: &[JsType] = &[JsType::Boolean];
/// Arrays only.
pub const ARRAY: &[JsType] = &[JsType::Array];
/// Plain objects only.
pub const OBJECT: &[JsType] = &[JsType::Object];
/// Functions only.
pub const FUNCTION: &[JsType] = &[JsType::Function];

/// One field WeChat refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrongField {
    /// The field.
    pub name: &'static str,
    /// The type WeChat names.
    pub expected: &'static str,
    /// The type found.
    pub actual: &'static str,
}

/// The `errno` WeChat gives parameter errors.
pub const PARAMETER_ERRNO: u32 = 1001;

/// Why the options were refused; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// Fields missing or of a type WeChat does not accept, every one in declaration order,
    /// as WeChat lists them all in one errMsg.
    #[error("parameter error: {}", Listed(.0))]
    Fields(Vec<WrongField>),
    /// The options argument itself is not an object (and the method has required fields).
    #[error("parameter error: parameter should be Object instead of {actual};")]
    NotAnObject {
        /// The type found.
        actual: &'static str,
    },
}

struct Listed<'a>(&'a [WrongField]);

impl std::fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for w in self.0 {
            write!(
                f,
                "parameter.{} should be {} instead of {};",
                w.name, w.expected, w.actual
            )?;
        }
        Ok(())
    }
}

/// Checks `options_type` (the type of the whole argument) and each field's type, as
/// `type_of(field)` reports it, against `fields`.
///
/// # Errors
///
/// Every refused field, in `fields` order.
pub fn check(
    fields: &[Field],
    options_type: JsType,
    type_of: impl Fn(&str) -> JsType,
) -> Result<(), ParamError> {
    match options_type {
        JsType::Object => {}
        JsType::Undefined if !fields.iter().any(|f| f.required) => return Ok(()),
        actual => {
            return Err(ParamError::NotAnObject {
                actual: actual.name(),
            })
        }
    }
    let wrong: Vec<WrongField> = fields
        .iter()
        .filter_map(|field| {
            let actual = type_of(field.name);
            let absent = actual == JsType::Undefined;
            if (absent && !field.required) || field.types.contains(&actual) {
                return None;
            }
            Some(WrongField {
                name: field.name,
                expected: field.types.first().map_or("Undefined", |t| t.name()),
                actual: actual.name(),
            })
        })
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(ParamError::Fields(wrong))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &[Field] = &[
        Field::required("itemList", ARRAY),
        Field::optional("itemColor", STRING),
    ];

    #[test]
    fn a_missing_required_field_is_named_with_its_type() {
        let err = check(SHEET, JsType::Object, |_| JsType::Undefined).unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter error: parameter.itemList should be Array instead of Undefined;"
        );
    }

    #[test]
    fn optional_fields_may_be_absent_but_not_wrong() {
        let types = |name: &str| match name {
            "itemList" => JsType::Array,
            _ => JsType::Undefined,
        };
        assert_eq!(check(SHEET, JsType::Object, types), Ok(()));
        let wrong = |name: &str| match name {
            "itemList" => JsType::Array,
            _ => JsType::Number,
        };
        assert_eq!(
            check(SHEET, JsType::Object, wrong).unwrap_err().to_string(),
            "parameter error: parameter.itemColor should be String instead of Number;"
        );
    }

    #[test]
    fn every_wrong_field_is_listed_in_order() {
        let err = check(SHEET, JsType::Object, |_| JsType::Number).unwrap_err();
        assert_eq!(
            err.to_string(),
            "parameter error: parameter.itemList should be Array instead of Number;parameter.itemColor should be String instead of Number;"
        );
    }

    #[test]
    fn options_must_be_an_object_when_something_is_required() {
        assert_eq!(
            check(SHEET, JsType::Undefined, |_| JsType::Undefined)
                .unwrap_err()
                .to_string(),
            "parameter error: parameter should be Object instead of Undefined;"
        );
        assert_eq!(check(&[], JsType::Undefined, |_| JsType::Undefined), Ok(()));
    }
}
