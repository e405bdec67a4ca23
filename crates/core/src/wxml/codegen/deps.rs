//! What a `wx:for` iteration reads from outside itself: the `deps` of `R.memo`, which
//! let the runtime reuse a row whose inputs have not changed. A read is a name with the
//! static member keys after it (`rows.length` is `("rows", ["length"])`), so a row that
//! shows `{{rows.length}}` is not re-rendered when another row of `rows` changes.

use crate::wxml::expr::Value;
use crate::wxml::expr::{Expr, Item, Property};
use crate::wxml::tree::{Content, Data, Key, Node, Part};

/// A free name and the static keys read from it.
pub(crate) type Read = (String, Vec<String>);

/// The reads of `node` from names it does not define itself, in first-use order; `None`
/// when it includes another file, which reads all of the data.
pub(crate) fn free_names(node: &Node) -> Option<Vec<Read>> {
    let mut walk = Walk {
        locals: Vec::new(),
        names: Vec::new(),
    };
    walk.node(node).then_some(walk.names)
}

struct Walk {
    /// Loop variables defined inside the walked node, innermost last.
    locals: Vec<String>,
    names: Vec<Read>,
}

/// `expr` as a name followed by static keys, if it is one.
fn chain(expr: &Expr) -> Option<Read> {
    match expr {
        Expr::Ident(name) => Some((name.clone(), Vec::new())),
        Expr::Member(object, key) => {
            let key = match key.as_ref() {
                Expr::Literal(Value::String(key)) => key.clone(),
                // Integer indexes print as JS prints them; others are not static keys.
                Expr::Literal(Value::Number(n)) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => {
                    Value::Number(*n).to_string()
                }
                _ => return None,
            };
            let (name, mut keys) = chain(object)?;
            keys.push(key);
            Some((name, keys))
        }
        _ => None,
    }
}

impl Walk {
    /// Returns false on an include.
    fn node(&mut self, node: &Node) -> bool {
        match node {
            Node::Text(content) => {
                self.content(content);
                true
            }
            Node::Element {
                attrs, children, ..
            } => {
                for (_, value) in attrs {
                    self.content(value);
                }
                self.nodes(children)
            }
            Node::Block(children) => self.nodes(children),
            Node::If(branches) => branches.iter().all(|(condition, node)| {
                if let Some(condition) = condition {
                    self.content(condition);
                }
                self.node(node)
            }),
            Node::For(looped) => {
                self.content(&looped.list);
                self.locals.push(looped.item.clone());
                self.locals.push(looped.index.clone());
                if let Key::Expr(key) = &looped.key {
                    self.content(key);
                }
                let ok = self.node(&looped.body);
                self.locals.truncate(self.locals.len() - 2);
                ok
            }
            Node::Template { is, data } => {
                self.content(is);
                match data {
                    Data::Empty => {}
                    Data::Object(properties) => self.properties(properties),
                    Data::Value(expr) => self.expr(expr),
                }
                true
            }
            Node::Include(_) => false,
        }
    }

    fn nodes(&mut self, nodes: &[Node]) -> bool {
        nodes.iter().all(|node| self.node(node))
    }

    fn content(&mut self, content: &Content) {
        match content {
            Content::True | Content::Text(_) => {}
            Content::Expr(expr) => self.expr(expr),
            Content::Concat(parts) => {
                for part in parts {
                    if let Part::Expr(expr) = part {
                        self.expr(expr);
                    }
                }
            }
        }
    }

    fn properties(&mut self, properties: &[Property]) {
        for property in properties {
            match property {
                Property::Field(_, expr) | Property::Spread(expr) => self.expr(expr),
            }
        }
    }

    fn expr(&mut self, expr: &Expr) {
        if let Some(read) = chain(expr) {
            if !self.locals.contains(&read.0) && !self.names.contains(&read) {
                self.names.push(read);
            }
            return;
        }
        match expr {
            Expr::Literal(_) | Expr::Ident(_) => {}
            Expr::Member(object, key) => {
                self.expr(object);
                self.expr(key);
            }
            Expr::Call(callee, args) => {
                self.expr(callee);
                for arg in args {
                    self.expr(arg);
                }
            }
            Expr::Unary(_, operand) => self.expr(operand),
            Expr::Binary(_, left, right) => {
                self.expr(left);
                self.expr(right);
            }
            Expr::Conditional(test, consequent, alternate) => {
                self.expr(test);
                self.expr(consequent);
                self.expr(alternate);
            }
            Expr::Array(items) => {
                for item in items {
                    match item {
                        Item::Value(expr) | Item::Spread(expr) => self.expr(expr),
                    }
                }
            }
            Expr::Object(properties) => self.properties(properties),
        }
    }
}
