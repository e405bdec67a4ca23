//! The JavaScript type of an argument, named the way WeChat's parameter errors name it
//! (`parameter.key should be String instead of Number;`).

/// The type of a JavaScript value as WeChat reports it (`Object.prototype.toString` style).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsType {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Boolean,
    /// any number, including `NaN` and `Infinity`
    Number,
    /// a string
    String,
    /// a symbol
    Symbol,
    /// a BigInt
    BigInt,
    /// a function
    Function,
    /// an array
    Array,
    /// a `Date` instance
    Date,
    /// any other object
    Object,
}

impl JsType {
    /// The name WeChat prints in parameter errors.
    pub fn name(self) -> &'static str {
        match self {
            JsType::Undefined => "Undefined",
            JsType::Null => "Null",
            JsType::Boolean => "Boolean",
            JsType::Number => "Number",
            JsType::String => "String",
            JsType::Symbol => "Symbol",
            JsType::BigInt => "BigInt",
            JsType::Function => "Function",
            JsType::Array => "Array",
            JsType::Date => "Date",
            JsType::Object => "Object",
        }
    }
}
