//! WXML expressions, the text inside `{{ }}`: the JavaScript subset WeChat allows
//! (literals, names, member access, calls, unary, binary and conditional operators,
//! array and object literals with spread), parsed into an [`Expr`], and evaluated with
//! JavaScript's semantics by [`Expr::eval`].
//!
//! The compiler turns an [`Expr`] into JavaScript for the page runtime; the evaluator is
//! what folds constant expressions at compile time, and what host tests check the
//! semantics against.
//!
//! ```
//! use wxrt_core::wxml::expr::{parse_expression, Value};
//!
//! let expr = parse_expression("user.age >= 18 ? 'adult' : 'minor: ' + user.age").unwrap();
//! let scope = |name: &str| {
//!     (name == "user").then(|| Value::Object(vec![("age".into(), Value::Number(9.0))]))
//! };
//! assert_eq!(expr.eval(&scope), Value::String("minor: 9".into()));
//!
//! // JavaScript's conversions, number printing included.
//! let sum = parse_expression("0.1 + 0.2 + '' + [1, [2, 3]] + null").unwrap();
//! assert_eq!(sum.eval(&|_| None).to_string(), "0.300000000000000041,2,3null");
//!
//! let error = parse_expression("a +").unwrap_err();
//! assert_eq!((error.offset, error.message.as_str()), (3, "expected an expression"));
//! ```

mod eval;
mod lexer;
pub(crate) mod number;
mod parser;
mod value;

pub use parser::parse_expression;
pub(crate) use parser::parse_object_body;
pub use value::Value;

pub(crate) use lexer::{is_name_char, is_name_start};

/// A parsed WXML expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A literal primitive: a number, a string, `true`, `false`, `null`, `undefined`,
    /// `NaN` or `Infinity`.
    Literal(Value),
    /// A name: a loop variable, a wxs module or a data field, resolved by the compiler.
    Ident(String),
    /// `object.key` or `object[key]` (the key of `.key` is a string literal).
    Member(Box<Expr>, Box<Expr>),
    /// `callee(args)`; a [`Expr::Member`] callee is a method call.
    Call(Box<Expr>, Vec<Expr>),
    /// A prefix operator applied to its operand.
    Unary(UnaryOp, Box<Expr>),
    /// A binary operator, `&&` and `||` included, with its left and right operands.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `test ? consequent : alternate`.
    Conditional(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `[a, ...b]`.
    Array(Vec<Item>),
    /// `{a: 1, 'b': 2, c, ...d}`; shorthand `c` is stored as `c: c`.
    Object(Vec<Property>),
}

/// An element of an array literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// One value.
    Value(Expr),
    /// `...expr`: the elements of an iterable.
    Spread(Expr),
}

/// A member of an object literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Property {
    /// `key: value` (a number key is stored as JavaScript prints it).
    Field(String, Expr),
    /// `...expr`: the own properties of an object.
    Spread(Expr),
}

/// A prefix operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `!`
    Not,
    /// `-`
    Negate,
    /// `+`
    Plus,
    /// `~`
    BitNot,
    /// `typeof`
    TypeOf,
    /// `void`
    Void,
}

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `>=`
    Ge,
    /// `in`
    In,
    /// `instanceof`
    InstanceOf,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `===`
    StrictEq,
    /// `!==`
    StrictNe,
    /// `&&`
    And,
    /// `||`
    Or,
    /// `??`
    Nullish,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
}

impl UnaryOp {
    /// The operator as JavaScript writes it.
    pub fn text(self) -> &'static str {
        match self {
            UnaryOp::Not => "!",
            UnaryOp::Negate => "-",
            UnaryOp::Plus => "+",
            UnaryOp::BitNot => "~",
            UnaryOp::TypeOf => "typeof ",
            UnaryOp::Void => "void ",
        }
    }
}

impl BinaryOp {
    /// The operator as JavaScript writes it.
    pub fn text(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Mul => "*",
            Div => "/",
            Rem => "%",
            Add => "+",
            Sub => "-",
            Lt => "<",
            Gt => ">",
            Le => "<=",
            Ge => ">=",
            In => "in",
            InstanceOf => "instanceof",
            Eq => "==",
            Ne => "!=",
            StrictEq => "===",
            StrictNe => "!==",
            And => "&&",
            Or => "||",
            Nullish => "??",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
        }
    }
}

/// A syntax error in an expression.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    /// Byte offset in the expression text where the problem is.
    pub offset: usize,
    /// What is wrong (`expected an expression`, `unterminated string`).
    pub message: String,
}

impl ExprError {
    pub(crate) fn new(offset: usize, message: impl Into<String>) -> ExprError {
        ExprError {
            offset,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests;
