//! The JavaScript a compiled file becomes: a function of the runtime helpers `R` that
//! returns the file's module object (see [`crate::wxml`] for the contract).
//!
//! Render functions push nodes into an output array. Locals the generator makes are
//! `c<n>` (child arrays) and `k<n>` (iteration keys); loop variables are `v_<name>`;
//! `D`, `W`, `$C`, `T` and `S` are fixed. No two of these can meet.

mod deps;
mod expr;
mod js;

use self::expr::{folded_text, write, write_object, Names};
use super::tree::{Content, Data, File, Key, Loop, Node, Part, WxsSource};

/// The module code of `file`, compiled from `path`.
pub(crate) fn generate(path: &str, file: &File) -> String {
    let modules: Vec<String> = file.wxs.iter().map(|w| w.module.clone()).collect();
    let mut gen = Generator {
        out: String::new(),
        path,
        modules: &modules,
        indent: 0,
        temps: 0,
        sites: 0,
    };
    gen.line("(function (R) {");
    gen.indent += 1;
    gen.line("\"use strict\";");
    gen.line("var T = {};");
    for (name, body) in &file.templates {
        let mut head = String::from("T[");
        js::string(&mut head, name);
        head.push_str("] = function (D, W, $C) {");
        gen.line(&head);
        gen.function_body(body);
        gen.line("};");
    }
    gen.line("var S = {");
    gen.indent += 1;
    let mut line = String::from("path: ");
    js::string(&mut line, path);
    line.push(',');
    gen.line(&line);
    gen.line(&format!("imports: {},", string_array(&file.imports)));
    let mut wxs = String::from("wxs: [");
    for (i, module) in file.wxs.iter().enumerate() {
        if i > 0 {
            wxs.push_str(", ");
        }
        wxs.push_str("{module: ");
        js::string(&mut wxs, &module.module);
        match &module.source {
            WxsSource::File(src) => {
                wxs.push_str(", src: ");
                js::string(&mut wxs, src);
            }
            WxsSource::Inline(code) => {
                wxs.push_str(", code: ");
                js::string(&mut wxs, code);
            }
        }
        wxs.push('}');
    }
    wxs.push_str("],");
    gen.line(&wxs);
    gen.line("templates: T,");
    gen.line("render: function (D, W, $C) {");
    gen.function_body(&file.body);
    gen.line("}");
    gen.indent -= 1;
    gen.line("};");
    gen.line("return S;");
    gen.indent -= 1;
    gen.out.push_str("})");
    gen.out
}

fn string_array(items: &[String]) -> String {
    let mut out = String::from("[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        js::string(&mut out, item);
    }
    out.push(']');
    out
}

struct Generator<'a> {
    out: String,
    path: &'a str,
    modules: &'a [String],
    indent: usize,
    /// Counter for `c<n>` / `k<n>` locals.
    temps: u32,
    /// Counter for `R.memo` sites.
    sites: u32,
}

impl Generator<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn temp(&mut self, prefix: char) -> String {
        self.temps += 1;
        format!("{prefix}{}", self.temps)
    }

    /// The statements of a render function (`D`, `W`, `$C` in scope), then its close.
    fn function_body(&mut self, nodes: &[Node]) {
        self.indent += 1;
        let mut loops = Vec::new();
        for node in nodes {
            self.node(node, &mut loops, "$C", None);
        }
        self.indent -= 1;
    }

    fn names<'n>(&'n self, loops: &'n [String]) -> Names<'n> {
        Names {
            loops,
            modules: self.modules,
        }
    }

    /// The JavaScript value of an attribute value or text.
    fn content(&self, content: &Content, loops: &[String]) -> String {
        let names = self.names(loops);
        let mut out = String::new();
        match content {
            Content::True => out.push_str("true"),
            Content::Text(text) => js::string(&mut out, text),
            Content::Expr(expr) => write(&mut out, expr, &names),
            Content::Concat(parts) => {
                // Literal text, and mustaches known at compile time, merge into one
                // string literal; the rest go through R.str.
                let mut pending = String::new();
                let mut first = true;
                let flush = |out: &mut String, pending: &mut String, first: &mut bool| {
                    if !pending.is_empty() {
                        if !*first {
                            out.push_str(" + ");
                        }
                        js::string(out, pending);
                        pending.clear();
                        *first = false;
                    }
                };
                for part in parts {
                    match part {
                        Part::Text(text) => pending.push_str(text),
                        Part::Expr(expr) => {
                            if let Some(text) = folded_text(expr) {
                                pending.push_str(&text);
                                continue;
                            }
                            flush(&mut out, &mut pending, &mut first);
                            if !first {
                                out.push_str(" + ");
                            }
                            out.push_str("R.str(");
                            write(&mut out, expr, &names);
                            out.push(')');
                            first = false;
                        }
                    }
                }
                flush(&mut out, &mut pending, &mut first);
                if first {
                    out.push_str("\"\"");
                }
            }
        }
        out
    }

    /// Statements that push what `node` renders into the array `target`. `key` is the
    /// JavaScript of the iteration key its elements carry, inside a `wx:for`.
    fn node(&mut self, node: &Node, loops: &mut Vec<String>, target: &str, key: Option<&str>) {
        match node {
            Node::Text(content) => {
                let value = self.content(content, loops);
                self.line(&format!("{target}.push(R.text({value}));"));
            }
            Node::Element {
                tag,
                attrs,
                children,
            } => {
                let mut attrs_js = String::from("{");
                for (i, (name, value)) in attrs.iter().enumerate() {
                    if i > 0 {
                        attrs_js.push_str(", ");
                    }
                    js::string(&mut attrs_js, name);
                    attrs_js.push_str(": ");
                    attrs_js.push_str(&self.content(value, loops));
                }
                attrs_js.push('}');
                let children_js = if children.is_empty() {
                    "[]".to_string()
                } else {
                    let array = self.temp('c');
                    self.line(&format!("var {array} = [];"));
                    for child in children {
                        self.node(child, loops, &array, None);
                    }
                    array
                };
                let mut tag_js = String::new();
                js::string(&mut tag_js, tag);
                let key_js = key.map(|k| format!(", {k}")).unwrap_or_default();
                self.line(&format!(
                    "{target}.push(R.el({tag_js}, {attrs_js}, {children_js}{key_js}));"
                ));
            }
            Node::Block(children) => {
                // Each element a block gives an iteration gets the key and its position.
                for (i, child) in children.iter().enumerate() {
                    let child_key = key.map(|k| format!("{k} + \"#{i}\""));
                    self.node(child, loops, target, child_key.as_deref());
                }
            }
            Node::If(branches) => {
                for (i, (condition, branch)) in branches.iter().enumerate() {
                    let head = match condition {
                        Some(condition) => {
                            let test = self.content(condition, loops);
                            if i == 0 {
                                format!("if ({test}) {{")
                            } else {
                                format!("}} else if ({test}) {{")
                            }
                        }
                        None => "} else {".to_string(),
                    };
                    self.line(&head);
                    self.indent += 1;
                    self.node(branch, loops, target, key);
                    self.indent -= 1;
                }
                self.line("}");
            }
            Node::For(looped) => self.for_loop(looped, loops, target),
            Node::Template { is, data } => {
                let name = self.content(is, loops);
                let data = match data {
                    Data::Empty => "{}".to_string(),
                    Data::Object(properties) => {
                        let mut out = String::new();
                        write_object(&mut out, properties, &self.names(loops));
                        out
                    }
                    Data::Value(expr) => {
                        let mut out = String::new();
                        write(&mut out, expr, &self.names(loops));
                        out
                    }
                };
                self.line(&format!("R.tpl(S, {name}, {data}, W, {target});"));
            }
            Node::Include(path) => {
                let mut path_js = String::new();
                js::string(&mut path_js, path);
                self.line(&format!("R.include({path_js}, D, {target});"));
            }
        }
    }

    /// `R.each` over the list; each iteration computes its key and renders through
    /// `R.memo`, with what the body reads from outside as the deps.
    fn for_loop(&mut self, looped: &Loop, loops: &mut Vec<String>, target: &str) {
        let list = self.content(&looped.list, loops);
        let (item, index) = (js::local(&looped.item), js::local(&looped.index));
        self.line(&format!("R.each({list}, function ({item}, {index}) {{"));
        self.indent += 1;
        loops.push(looped.item.clone());
        loops.push(looped.index.clone());

        let key = self.temp('k');
        let spec = match &looped.key {
            Key::None => "undefined".to_string(),
            Key::This => "\"*this\"".to_string(),
            Key::Field(name) => {
                let mut out = String::new();
                js::string(&mut out, name);
                out
            }
            Key::Expr(content) => format!("{{value: {}}}", self.content(content, loops)),
        };
        self.line(&format!("var {key} = R.key({item}, {index}, {spec});"));

        let deps = match deps::free_names(&looped.body) {
            None => "null".to_string(),
            Some(free) => {
                let names = self.names(loops);
                let mut deps = vec![item.clone(), index.clone()];
                for (name, keys) in free {
                    // The row's own item and index are deps already, whole.
                    if names.is_module(&name) || name == looped.item || name == looped.index {
                        continue;
                    }
                    let mut read = names.resolve(&name);
                    for key in keys {
                        let mut quoted = String::new();
                        js::string(&mut quoted, &key);
                        read = format!("R.g({read}, {quoted})");
                    }
                    if !deps.contains(&read) {
                        deps.push(read);
                    }
                }
                format!("[{}]", deps.join(", "))
            }
        };
        self.sites += 1;
        let mut site = String::new();
        js::string(&mut site, &format!("{}#for{}", self.path, self.sites));
        self.line(&format!(
            "{target}.push.apply({target}, R.memo({site}, {key}, {deps}, function () {{"
        ));
        self.indent += 1;
        let rows = self.temp('c');
        self.line(&format!("var {rows} = [];"));
        self.node(&looped.body, loops, &rows, Some(&key));
        self.line(&format!("return {rows};"));
        self.indent -= 1;
        self.line("}));");

        loops.truncate(loops.len() - 2);
        self.indent -= 1;
        self.line("});");
    }
}
