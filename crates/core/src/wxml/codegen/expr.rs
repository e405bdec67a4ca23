//! WXML expressions as JavaScript for the page runtime: names resolved to loop
//! variables, wxs modules or data fields; member access and calls through the `R`
//! helpers that tolerate `null`; constant parts folded.

use super::js;
use crate::wxml::expr::{Expr, Item, Property, Value};

/// What a name can mean at one place in the file.
pub(crate) struct Names<'a> {
    /// Loop variables in scope, outermost first.
    pub(crate) loops: &'a [String],
    /// The wxs modules of the file.
    pub(crate) modules: &'a [String],
}

impl Names<'_> {
    /// The JavaScript for the name: a loop local, `W.module`, or `R.g(D, "name")`.
    pub(crate) fn resolve(&self, name: &str) -> String {
        if self.loops.iter().any(|n| n == name) {
            js::local(name)
        } else if self.modules.iter().any(|m| m == name) {
            // Module names are checked to be ASCII JavaScript names.
            format!("W.{name}")
        } else {
            let mut out = String::from("R.g(D, ");
            js::string(&mut out, name);
            out.push(')');
            out
        }
    }

    pub(crate) fn is_module(&self, name: &str) -> bool {
        !self.loops.iter().any(|n| n == name) && self.modules.iter().any(|m| m == name)
    }
}

/// Appends the JavaScript of `expr`.
pub(crate) fn write(out: &mut String, expr: &Expr, names: &Names<'_>) {
    if let Some(value) = expr.fold() {
        if js::primitive(out, &value).is_some() {
            return;
        }
    }
    match expr {
        Expr::Literal(value) => {
            // Literals are primitives, which the fold above has written.
            js::primitive(out, value);
        }
        Expr::Ident(name) => out.push_str(&names.resolve(name)),
        Expr::Member(object, key) => {
            out.push_str("R.g(");
            write(out, object, names);
            out.push_str(", ");
            write(out, key, names);
            out.push(')');
        }
        Expr::Call(callee, args) => {
            if let Expr::Member(object, key) = &**callee {
                out.push_str("R.call(");
                write(out, object, names);
                out.push_str(", ");
                write(out, key, names);
            } else {
                out.push_str("R.fn(");
                write(out, callee, names);
            }
            out.push_str(", [");
            for (i, arg) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(out, arg, names);
            }
            out.push_str("])");
        }
        Expr::Unary(op, operand) => {
            out.push('(');
            out.push_str(op.text());
            write(out, operand, names);
            out.push(')');
        }
        Expr::Binary(op, left, right) => {
            out.push('(');
            write(out, left, names);
            out.push(' ');
            out.push_str(op.text());
            out.push(' ');
            write(out, right, names);
            out.push(')');
        }
        Expr::Conditional(test, consequent, alternate) => {
            out.push('(');
            write(out, test, names);
            out.push_str(" ? ");
            write(out, consequent, names);
            out.push_str(" : ");
            write(out, alternate, names);
            out.push(')');
        }
        Expr::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match item {
                    Item::Value(expr) => write(out, expr, names),
                    Item::Spread(expr) => {
                        out.push_str("...");
                        write(out, expr, names);
                    }
                }
            }
            out.push(']');
        }
        Expr::Object(properties) => write_object(out, properties, names),
    }
}

/// Appends an object literal with these members.
pub(crate) fn write_object(out: &mut String, properties: &[Property], names: &Names<'_>) {
    out.push('{');
    for (i, property) in properties.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match property {
            Property::Field(key, value) => {
                js::string(out, key);
                out.push_str(": ");
                write(out, value, names);
            }
            Property::Spread(expr) => {
                out.push_str("...");
                write(out, expr, names);
            }
        }
    }
    out.push('}');
}

/// The string a mustache adds to surrounding text, when it is known at compile time:
/// strings and numbers (whose text is JavaScript's `String()` in every runtime).
pub(crate) fn folded_text(expr: &Expr) -> Option<String> {
    match expr.fold()? {
        value @ (Value::String(_) | Value::Number(_)) => Some(value.to_string()),
        _ => None,
    }
}
