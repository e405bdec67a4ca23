//! Recursive-descent parser for WXML expressions, JavaScript's precedence and
//! associativity.
//!
//! Nesting is bounded ([`MAX_DEPTH`]) so that hostile input cannot overflow the stack,
//! here or in the recursive walks over the tree later (evaluation, code generation,
//! dropping).

use super::lexer::{tokenize, Tok, Token};
use super::number::number_to_string;
use super::{BinaryOp, Expr, ExprError, Item, Property, UnaryOp, Value};

/// The deepest expression tree accepted; real templates stay far below.
const MAX_DEPTH: u32 = 100;

/// An expression and the depth of its tree.
type Parsed = Result<(Expr, u32), ExprError>;

/// Parses one expression, the text of a `{{ }}` without the braces.
///
/// ```
/// use wxrt_core::wxml::expr::{parse_expression, BinaryOp, Expr, Value};
///
/// let expr = parse_expression("1 + 2 * 3").unwrap();
/// let Expr::Binary(BinaryOp::Add, _, right) = expr else { panic!() };
/// assert!(matches!(*right, Expr::Binary(BinaryOp::Mul, ..)));
/// assert_eq!(parse_expression("'a' 'b'").unwrap_err().message, "unexpected string");
/// ```
pub fn parse_expression(text: &str) -> Result<Expr, ExprError> {
    let mut parser = Parser::new(text)?;
    let (expr, _) = parser.conditional()?;
    parser.expect_end()?;
    Ok(expr)
}

/// Parses the members of an object literal written without its braces, as in the
/// `data` of `<template is>`: `a: 1, ...item, c`.
pub(crate) fn parse_object_body(text: &str) -> Result<Vec<Property>, ExprError> {
    let mut parser = Parser::new(text)?;
    let mut properties = Vec::new();
    while parser.peek() != &Tok::End {
        properties.push(parser.property()?.0);
        if !parser.eat_punct(",") {
            break;
        }
    }
    parser.expect_end()?;
    Ok(properties)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    nesting: u32,
}

/// Precedence as glass-easel's template compiler has it: `??` shares `||`'s level (and
/// mixes with it freely, left to right), `in` and `instanceof` are relational.
fn binary_op(token: &Tok) -> Option<(BinaryOp, u8)> {
    use BinaryOp::*;
    let op = match token {
        Tok::Punct(p) => match *p {
            "||" => (Or, 1),
            "??" => (Nullish, 1),
            "&&" => (And, 2),
            "|" => (BitOr, 3),
            "^" => (BitXor, 4),
            "&" => (BitAnd, 5),
            "==" => (Eq, 6),
            "!=" => (Ne, 6),
            "===" => (StrictEq, 6),
            "!==" => (StrictNe, 6),
            "<" => (Lt, 7),
            ">" => (Gt, 7),
            "<=" => (Le, 7),
            ">=" => (Ge, 7),
            "+" => (Add, 8),
            "-" => (Sub, 8),
            "*" => (Mul, 9),
            "/" => (Div, 9),
            "%" => (Rem, 9),
            _ => return None,
        },
        Tok::Name(name) if name == "in" => (In, 7),
        Tok::Name(name) if name == "instanceof" => (InstanceOf, 7),
        _ => return None,
    };
    Some(op)
}

/// The value of a name that is a literal in WXML, or `None` for an ordinary name.
fn literal_name(name: &str) -> Option<Value> {
    Some(match name {
        "true" => Value::Bool(true),
        "false" => Value::Bool(false),
        "null" => Value::Null,
        "undefined" => Value::Undefined,
        "NaN" => Value::Number(f64::NAN),
        "Infinity" => Value::Number(f64::INFINITY),
        _ => return None,
    })
}

impl Parser {
    fn new(text: &str) -> Result<Parser, ExprError> {
        Ok(Parser {
            tokens: tokenize(text)?,
            pos: 0,
            nesting: 0,
        })
    }

    fn peek(&self) -> &Tok {
        // `tokenize` always ends with `End`, and `advance` never passes it.
        self.tokens.get(self.pos).map_or(&Tok::End, |t| &t.kind)
    }

    fn offset(&self) -> usize {
        self.tokens
            .get(self.pos)
            .or(self.tokens.last())
            .map_or(0, |t| t.at)
    }

    fn advance(&mut self) -> Tok {
        let token = self.peek().clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        token
    }

    fn eat_punct(&mut self, punct: &str) -> bool {
        if matches!(self.peek(), Tok::Punct(p) if *p == punct) {
            self.advance();
            true
        } else {
            false
        }
    }

    fn expect_punct(&mut self, punct: &str) -> Result<(), ExprError> {
        if self.eat_punct(punct) {
            Ok(())
        } else {
            Err(ExprError::new(self.offset(), format!("expected `{punct}`")))
        }
    }

    fn expect_end(&self) -> Result<(), ExprError> {
        match self.peek() {
            Tok::End => Ok(()),
            _ => Err(self.unexpected()),
        }
    }

    fn unexpected(&self) -> ExprError {
        let message = match self.peek() {
            Tok::End => "expected an expression".to_string(),
            Tok::Number(_) => "unexpected number".to_string(),
            Tok::Str(_) => "unexpected string".to_string(),
            Tok::Name(name) => format!("unexpected `{name}`"),
            Tok::Punct(p) => format!("unexpected `{p}`"),
        };
        ExprError::new(self.offset(), message)
    }

    fn enter(&mut self) -> Result<(), ExprError> {
        self.nesting += 1;
        if self.nesting > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.nesting -= 1;
    }

    fn too_deep(&self) -> ExprError {
        ExprError::new(self.offset(), "expression is nested too deeply")
    }

    fn deeper(&self, depth: u32) -> Result<u32, ExprError> {
        if depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(depth + 1)
    }

    /// `test ? a : b` (right-associative), or a binary expression.
    fn conditional(&mut self) -> Parsed {
        self.enter()?;
        let (test, depth) = self.binary(1)?;
        let result = if self.eat_punct("?") {
            let (consequent, d1) = self.conditional()?;
            self.expect_punct(":")?;
            let (alternate, d2) = self.conditional()?;
            let depth = self.deeper(depth.max(d1).max(d2))?;
            let expr = Expr::Conditional(Box::new(test), Box::new(consequent), Box::new(alternate));
            (expr, depth)
        } else {
            (test, depth)
        };
        self.leave();
        Ok(result)
    }

    /// Binary operators of precedence `min` and above, left-associative.
    fn binary(&mut self, min: u8) -> Parsed {
        let (mut left, mut depth) = self.unary()?;
        while let Some((op, precedence)) = binary_op(self.peek()) {
            if precedence < min {
                break;
            }
            self.advance();
            let (right, right_depth) = self.binary(precedence + 1)?;
            depth = self.deeper(depth.max(right_depth))?;
            left = Expr::Binary(op, Box::new(left), Box::new(right));
        }
        Ok((left, depth))
    }

    fn unary(&mut self) -> Parsed {
        let op = match self.peek() {
            Tok::Punct("!") => UnaryOp::Not,
            Tok::Punct("-") => UnaryOp::Negate,
            Tok::Punct("+") => UnaryOp::Plus,
            Tok::Punct("~") => UnaryOp::BitNot,
            Tok::Name(name) if name == "typeof" => UnaryOp::TypeOf,
            Tok::Name(name) if name == "void" => UnaryOp::Void,
            _ => return self.postfix(),
        };
        self.advance();
        self.enter()?;
        let (operand, depth) = self.unary()?;
        self.leave();
        Ok((Expr::Unary(op, Box::new(operand)), self.deeper(depth)?))
    }

    /// Member access and calls after a primary expression.
    fn postfix(&mut self) -> Parsed {
        let (mut expr, mut depth) = self.primary()?;
        loop {
            if self.eat_punct(".") {
                let Tok::Name(name) = self.peek().clone() else {
                    return Err(ExprError::new(self.offset(), "expected a property name"));
                };
                self.advance();
                depth = self.deeper(depth)?;
                let key = Expr::Literal(Value::String(name));
                expr = Expr::Member(Box::new(expr), Box::new(key));
            } else if self.eat_punct("[") {
                let (key, key_depth) = self.conditional()?;
                self.expect_punct("]")?;
                depth = self.deeper(depth.max(key_depth))?;
                expr = Expr::Member(Box::new(expr), Box::new(key));
            } else if self.eat_punct("(") {
                let mut args = Vec::new();
                while !self.eat_punct(")") {
                    let (arg, arg_depth) = self.conditional()?;
                    depth = depth.max(arg_depth);
                    args.push(arg);
                    if !self.eat_punct(",") {
                        self.expect_punct(")")?;
                        break;
                    }
                }
                depth = self.deeper(depth)?;
                expr = Expr::Call(Box::new(expr), args);
            } else {
                return Ok((expr, depth));
            }
        }
    }

    fn primary(&mut self) -> Parsed {
        let expr = match self.peek().clone() {
            Tok::Number(n) => Expr::Literal(Value::Number(n)),
            Tok::Str(s) => Expr::Literal(Value::String(s)),
            Tok::Name(name) if name != "in" && name != "typeof" => {
                literal_name(&name).map_or(Expr::Ident(name), Expr::Literal)
            }
            Tok::Punct("(") => {
                self.advance();
                let inner = self.conditional()?;
                self.expect_punct(")")?;
                return Ok(inner);
            }
            Tok::Punct("[") => {
                self.advance();
                return self.array();
            }
            Tok::Punct("{") => {
                self.advance();
                return self.object();
            }
            _ => return Err(self.unexpected()),
        };
        self.advance();
        Ok((expr, 1))
    }

    /// After `[`: elements up to `]`, a trailing comma allowed.
    fn array(&mut self) -> Parsed {
        let mut items = Vec::new();
        let mut depth = 0;
        while !self.eat_punct("]") {
            let spread = self.eat_punct("...");
            let (value, value_depth) = self.conditional()?;
            depth = depth.max(value_depth);
            items.push(if spread {
                Item::Spread(value)
            } else {
                Item::Value(value)
            });
            if !self.eat_punct(",") {
                self.expect_punct("]")?;
                break;
            }
        }
        Ok((Expr::Array(items), self.deeper(depth)?))
    }

    /// After `{`: members up to `}`, a trailing comma allowed.
    fn object(&mut self) -> Parsed {
        let mut properties = Vec::new();
        let mut depth = 0;
        while !self.eat_punct("}") {
            let (property, property_depth) = self.property()?;
            depth = depth.max(property_depth);
            properties.push(property);
            if !self.eat_punct(",") {
                self.expect_punct("}")?;
                break;
            }
        }
        Ok((Expr::Object(properties), self.deeper(depth)?))
    }

    /// `key: value`, shorthand `name`, or `...spread`.
    fn property(&mut self) -> Result<(Property, u32), ExprError> {
        if self.eat_punct("...") {
            let (value, depth) = self.conditional()?;
            return Ok((Property::Spread(value), depth));
        }
        let at = self.offset();
        let (key, shorthand) = match self.advance() {
            Tok::Name(name) => {
                let shorthand = match literal_name(&name) {
                    Some(Value::Bool(_) | Value::Null) => None,
                    Some(value) => Some(Expr::Literal(value)),
                    None if name == "in" || name == "typeof" => None,
                    None => Some(Expr::Ident(name.clone())),
                };
                (name, shorthand)
            }
            Tok::Str(s) => (s, None),
            Tok::Number(n) => (number_to_string(n), None),
            _ => return Err(ExprError::new(at, "expected a property name")),
        };
        if self.eat_punct(":") {
            let (value, depth) = self.conditional()?;
            return Ok((Property::Field(key, value), depth));
        }
        match shorthand {
            Some(value) if matches!(self.peek(), Tok::Punct(",") | Tok::Punct("}") | Tok::End) => {
                Ok((Property::Field(key, value), 1))
            }
            _ => Err(ExprError::new(self.offset(), "expected `:`")),
        }
    }
}
