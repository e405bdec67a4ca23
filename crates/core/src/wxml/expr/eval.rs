//! Evaluation with JavaScript's semantics.
//!
//! One walk serves two callers. [`Expr::eval`] never fails: what would throw in
//! JavaScript, and calls (functions are not values here), give `undefined`. The constant
//! folder ([`Expr::fold`]) instead needs to know when it cannot be sure of JavaScript's
//! answer — a name, a call, a member that might come from a prototype (`[].push`), an
//! operation that throws — and then leaves the expression for the page to evaluate.

use super::value::{array_index, to_int32};
use super::{BinaryOp, Expr, Item, Property, UnaryOp, Value};

/// Why an evaluation has no result.
struct Unknown;

type Outcome = Result<Value, Unknown>;

/// Who asks, and so what an unknowable answer becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `Expr::eval`: names from the scope, the rest `undefined`.
    Lenient,
    /// The constant folder: no names, nothing guessed.
    Exact,
}

impl Expr {
    /// Evaluates the expression; `scope` gives the value of a name (`None` is
    /// `undefined`).
    ///
    /// Member access on `null` and `undefined` gives `undefined` instead of throwing (as
    /// WXML does), missing members and calls are `undefined`, and anything JavaScript
    /// would throw on (`'a' in 'b'`, `[...1]`) makes the whole result `undefined`.
    pub fn eval(&self, scope: &dyn Fn(&str) -> Option<Value>) -> Value {
        Evaluator {
            scope,
            mode: Mode::Lenient,
        }
        .eval(self)
        .unwrap_or(Value::Undefined)
    }

    /// The value of an expression made only of literals, if JavaScript would compute
    /// exactly that value without throwing: `1 + 2`, `'a' + 'b'`, `[1, 2].length`.
    pub(crate) fn fold(&self) -> Option<Value> {
        Evaluator {
            scope: &|_| None,
            mode: Mode::Exact,
        }
        .eval(self)
        .ok()
    }
}

struct Evaluator<'a> {
    scope: &'a dyn Fn(&str) -> Option<Value>,
    mode: Mode,
}

impl Evaluator<'_> {
    fn eval(&self, expr: &Expr) -> Outcome {
        match expr {
            Expr::Literal(value) => Ok(value.clone()),
            Expr::Ident(name) => match self.mode {
                Mode::Lenient => Ok((self.scope)(name).unwrap_or(Value::Undefined)),
                Mode::Exact => Err(Unknown),
            },
            Expr::Member(object, key) => {
                let object = self.eval(object)?;
                let key = self.eval(key)?.to_string();
                self.member(&object, &key)
            }
            // Functions are not values here: a call is `undefined`.
            Expr::Call(..) => self.unknowable(Value::Undefined),
            Expr::Unary(op, operand) => {
                let value = self.eval(operand)?;
                Ok(match op {
                    UnaryOp::Not => Value::Bool(!value.to_boolean()),
                    UnaryOp::Negate => Value::Number(-value.to_number()),
                    UnaryOp::Plus => Value::Number(value.to_number()),
                    UnaryOp::BitNot => Value::Number(f64::from(!to_int32(value.to_number()))),
                    UnaryOp::TypeOf => Value::String(value.type_of().into()),
                    UnaryOp::Void => Value::Undefined,
                })
            }
            Expr::Binary(BinaryOp::And, left, right) => {
                let left = self.eval(left)?;
                if left.to_boolean() {
                    self.eval(right)
                } else {
                    Ok(left)
                }
            }
            Expr::Binary(BinaryOp::Or, left, right) => {
                let left = self.eval(left)?;
                if left.to_boolean() {
                    Ok(left)
                } else {
                    self.eval(right)
                }
            }
            Expr::Binary(BinaryOp::Nullish, left, right) => match self.eval(left)? {
                Value::Undefined | Value::Null => self.eval(right),
                left => Ok(left),
            },
            Expr::Binary(op, left, right) => {
                let left = self.eval(left)?;
                let right = self.eval(right)?;
                self.binary(*op, &left, &right)
            }
            Expr::Conditional(test, consequent, alternate) => {
                if self.eval(test)?.to_boolean() {
                    self.eval(consequent)
                } else {
                    self.eval(alternate)
                }
            }
            Expr::Array(items) => {
                let mut values = Vec::new();
                for item in items {
                    match item {
                        Item::Value(expr) => values.push(self.eval(expr)?),
                        Item::Spread(expr) => match self.eval(expr)? {
                            Value::Array(inner) => values.extend(inner),
                            // Strings iterate by code point.
                            Value::String(s) => {
                                values.extend(s.chars().map(|c| Value::String(c.to_string())))
                            }
                            // Anything else is not iterable: a TypeError.
                            _ => return Err(Unknown),
                        },
                    }
                }
                Ok(Value::Array(values))
            }
            Expr::Object(properties) => {
                let mut fields = Vec::new();
                for property in properties {
                    match property {
                        Property::Field(key, expr) => {
                            let value = self.eval(expr)?;
                            set_field(&mut fields, key.clone(), value);
                        }
                        Property::Spread(expr) => {
                            self.spread_into(&mut fields, self.eval(expr)?)?
                        }
                    }
                }
                Ok(Value::Object(fields))
            }
        }
    }

    /// `object[key]` as WXML reads it (`R.g`): `undefined` on `null`/`undefined`.
    fn member(&self, object: &Value, key: &str) -> Outcome {
        if let Some(value) = object.own_property(key) {
            return Ok(value);
        }
        match object {
            Value::Undefined | Value::Null => Ok(Value::Undefined),
            // Past the end of an array or string there is nothing, prototype or not.
            Value::Array(_) | Value::String(_) if array_index(key).is_some() => {
                Ok(Value::Undefined)
            }
            // Elsewhere a prototype may answer (`toString`, `push`, `toFixed`).
            _ => self.unknowable(Value::Undefined),
        }
    }

    /// What the lenient mode answers where the exact one cannot know.
    fn unknowable(&self, lenient: Value) -> Outcome {
        match self.mode {
            Mode::Lenient => Ok(lenient),
            Mode::Exact => Err(Unknown),
        }
    }

    fn spread_into(&self, fields: &mut Vec<(String, Value)>, value: Value) -> Result<(), Unknown> {
        match value {
            Value::Object(source) => {
                for (key, value) in source {
                    set_field(fields, key, value);
                }
            }
            Value::Array(items) => {
                for (i, value) in items.into_iter().enumerate() {
                    set_field(fields, i.to_string(), value);
                }
            }
            Value::String(s) => {
                for (i, unit) in s.encode_utf16().enumerate() {
                    let Some(c) = char::from_u32(u32::from(unit)) else {
                        // Half of a surrogate pair: not representable here.
                        self.unknowable(Value::Undefined)?;
                        set_field(fields, i.to_string(), Value::String("\u{fffd}".into()));
                        continue;
                    };
                    set_field(fields, i.to_string(), Value::String(c.to_string()));
                }
            }
            // Primitives without own enumerable properties spread nothing.
            _ => {}
        }
        Ok(())
    }

    fn binary(&self, op: BinaryOp, left: &Value, right: &Value) -> Outcome {
        use BinaryOp::*;
        let number = |f: fn(f64, f64) -> f64| Value::Number(f(left.to_number(), right.to_number()));
        let int32 = |f: fn(i32, i32) -> i32| {
            let (a, b) = (to_int32(left.to_number()), to_int32(right.to_number()));
            Value::Number(f64::from(f(a, b)))
        };
        Ok(match op {
            Mul => number(|a, b| a * b),
            Div => number(|a, b| a / b),
            // Rust's float remainder is C's fmod, which is JavaScript's `%`.
            Rem => number(|a, b| a % b),
            Sub => number(|a, b| a - b),
            Add => {
                let (a, b) = (left.to_primitive(), right.to_primitive());
                if matches!(a, Value::String(_)) || matches!(b, Value::String(_)) {
                    Value::String(format!("{a}{b}"))
                } else {
                    Value::Number(a.to_number() + b.to_number())
                }
            }
            Lt => Value::Bool(left.less_than(right) == Some(true)),
            Gt => Value::Bool(right.less_than(left) == Some(true)),
            Le => Value::Bool(right.less_than(left) == Some(false)),
            Ge => Value::Bool(left.less_than(right) == Some(false)),
            Eq => Value::Bool(left.loose_equals(right)),
            Ne => Value::Bool(!left.loose_equals(right)),
            StrictEq => Value::Bool(left.strict_equals(right)),
            StrictNe => Value::Bool(!left.strict_equals(right)),
            In => {
                // `in` throws on a primitive right side.
                if !matches!(right, Value::Array(_) | Value::Object(_)) {
                    return Err(Unknown);
                }
                if right.own_property(&left.to_string()).is_some() {
                    Value::Bool(true)
                } else {
                    // Not an own property; the prototype may still have it.
                    return self.unknowable(Value::Bool(false));
                }
            }
            BitAnd => int32(|a, b| a & b),
            BitOr => int32(|a, b| a | b),
            BitXor => int32(|a, b| a ^ b),
            // Data holds no functions, so the right side of `instanceof` is never one:
            // JavaScript throws, which only the page can report.
            InstanceOf => return Err(Unknown),
            // Short-circuiting, `&&`, `||` and `??` are evaluated in `eval`, never here.
            And | Or | Nullish => return Err(Unknown),
        })
    }
}

/// Sets `key` as an object literal does: a repeated key keeps its first position, and
/// integer keys (array indexes) come first in ascending order, as JavaScript orders them.
fn set_field(fields: &mut Vec<(String, Value)>, key: String, value: Value) {
    if let Some(slot) = fields.iter_mut().find(|(name, _)| *name == key) {
        slot.1 = value;
        return;
    }
    let position = match array_index(&key) {
        Some(index) => fields
            .iter()
            .position(|(name, _)| array_index(name).is_none_or(|other| other > index))
            .unwrap_or(fields.len()),
        None => fields.len(),
    };
    fields.insert(position, (key, value));
}
