//! From markup to what a file means: directives (`wx:if` chains, `wx:for`), templates,
//! imports, includes and wxs modules, with every expression parsed. All the checks a
//! developer can fail live here, each with the position it is about; what WeChat's
//! compiler only warns about becomes a warning, with the behaviour glass-easel gives it.

use super::error::{line_column, Problem};
use super::expr::{
    is_name_char, is_name_start, parse_expression, parse_object_body, Expr, ExprError, Property,
};
use super::markup::{RawAttr, RawElement, RawNode};
use super::mustache::{split, Piece};
use super::path::resolve;

/// A compiled file before code generation.
#[derive(Debug, Default)]
pub(crate) struct File {
    pub(crate) templates: Vec<(String, Vec<Node>)>,
    pub(crate) wxs: Vec<Wxs>,
    pub(crate) imports: Vec<String>,
    pub(crate) includes: Vec<String>,
    pub(crate) wxs_files: Vec<String>,
    /// What `render` outputs: the file without its definitions.
    pub(crate) body: Vec<Node>,
}

#[derive(Debug)]
pub(crate) struct Wxs {
    pub(crate) module: String,
    pub(crate) source: WxsSource,
}

#[derive(Debug)]
pub(crate) enum WxsSource {
    /// The project path of a `.wxs` file.
    File(String),
    /// Inline code.
    Inline(String),
}

/// An attribute value or a text: `true` for an attribute without value, plain text,
/// exactly one mustache (which keeps its value's type), or text mixed with mustaches.
#[derive(Debug)]
pub(crate) enum Content {
    True,
    Text(String),
    Expr(Expr),
    Concat(Vec<Part>),
}

#[derive(Debug)]
pub(crate) enum Part {
    Text(String),
    Expr(Expr),
}

#[derive(Debug)]
pub(crate) enum Node {
    Text(Content),
    Element {
        tag: String,
        attrs: Vec<(String, Content)>,
        children: Vec<Node>,
    },
    /// `<block>`: its children only.
    Block(Vec<Node>),
    /// `wx:if` / `wx:elif` / `wx:else`: conditions (`None` for else) and what each shows.
    If(Vec<(Option<Content>, Node)>),
    For(Box<Loop>),
    /// `<template is data>`.
    Template {
        is: Content,
        data: Data,
    },
    /// `<include src>`, resolved.
    Include(String),
}

#[derive(Debug)]
pub(crate) struct Loop {
    pub(crate) list: Content,
    pub(crate) item: String,
    pub(crate) index: String,
    pub(crate) key: Key,
    /// One iteration; a `wx:if` on the same element is inside it.
    pub(crate) body: Node,
}

/// `wx:key`.
#[derive(Debug)]
pub(crate) enum Key {
    None,
    /// `*this`: the item itself.
    This,
    /// A property name of the item.
    Field(String),
    /// A `{{ }}` value computed in the iteration.
    Expr(Content),
}

/// The `data` of `<template is>`.
#[derive(Debug)]
pub(crate) enum Data {
    Empty,
    /// `{{a: 1, ...item}}`: an object literal without its braces.
    Object(Vec<Property>),
    /// `{{ {a: 1} }}` or another expression that is not a member list.
    Value(Expr),
}

/// What an element leaves in its parent: nothing (a definition), or a node, possibly
/// taking part in an if-chain.
enum Built {
    Nothing,
    Node(Node, Chain),
}

enum Chain {
    None,
    If(Content),
    Elif(Content, usize),
    Else(usize),
}

/// The directives WXML knows; any other `wx:` attribute is ignored with a warning.
const DIRECTIVES: [&str; 8] = [
    "wx:if",
    "wx:elif",
    "wx:else",
    "wx:for",
    "wx:for-items",
    "wx:for-item",
    "wx:for-index",
    "wx:key",
];

/// Builds the meaning of the parsed markup of the file at `path`, adding what it lets
/// through to `warnings`.
pub(crate) fn build(
    path: &str,
    source: &str,
    nodes: Vec<RawNode<'_>>,
    warnings: &mut Vec<Problem>,
) -> Result<File, Problem> {
    let mut builder = Builder {
        path,
        source,
        file: File::default(),
        template_names: Vec::new(),
        warnings,
    };
    builder.file.body = builder.children(nodes)?;
    Ok(builder.file)
}

struct Builder<'p, 'w> {
    path: &'p str,
    source: &'p str,
    file: File,
    /// Each defined template and where, for duplicate errors.
    template_names: Vec<(String, usize)>,
    warnings: &'w mut Vec<Problem>,
}

fn is_space(text: &str) -> bool {
    text.chars().all(super::expr::number::is_js_space)
}

/// A JavaScript name as WXML accepts one: for loop variables and wxs modules.
fn is_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(is_name_start)
        && chars.all(is_name_char)
        && !matches!(
            text,
            "true" | "false" | "null" | "undefined" | "NaN" | "Infinity" | "typeof" | "in"
        )
}

fn expr_at(text: &str, at: usize) -> Result<Expr, Problem> {
    parse_expression(text).map_err(|e| located(e, at))
}

fn located(error: ExprError, at: usize) -> Problem {
    Problem::new(at + error.offset, error.message)
}

impl Builder<'_, '_> {
    fn children(&mut self, nodes: Vec<RawNode<'_>>) -> Result<Vec<Node>, Problem> {
        let mut out: Vec<Node> = Vec::new();
        // The if-chain that a following `wx:elif`/`wx:else` extends: its index in `out`.
        // Only whitespace text may stand between.
        let mut chain: Option<usize> = None;
        for node in nodes {
            match node {
                RawNode::Text(text, at) => {
                    if is_space(text) {
                        // Indentation between tags is not content.
                        if !text.contains('\n') {
                            out.push(Node::Text(Content::Text(text.into())));
                        }
                    } else {
                        out.push(Node::Text(content(text, at, false, self.warnings)?));
                        chain = None;
                    }
                }
                RawNode::Element(element) => {
                    let (node, link) = match self.element(element)? {
                        Built::Nothing => continue,
                        Built::Node(node, link) => (node, link),
                    };
                    match link {
                        Chain::None => {
                            out.push(node);
                            chain = None;
                        }
                        Chain::If(condition) => {
                            out.push(Node::If(vec![(Some(condition), node)]));
                            chain = Some(out.len() - 1);
                        }
                        Chain::Elif(_, at) | Chain::Else(at) => {
                            let Some(index) = chain else {
                                // glass-easel: `InvalidAttribute`, the element stays.
                                self.warnings.push(Problem::new(
                                    at,
                                    "`wx:elif` and `wx:else` must follow an element with `wx:if` or `wx:elif`: ignored, the element always shows",
                                ));
                                out.push(node);
                                continue;
                            };
                            // Drop the whitespace between the branches.
                            out.truncate(index + 1);
                            let condition = match link {
                                Chain::Elif(condition, _) => Some(condition),
                                _ => {
                                    chain = None;
                                    None
                                }
                            };
                            if let Some(Node::If(branches)) = out.last_mut() {
                                branches.push((condition, node));
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    fn element(&mut self, mut element: RawElement<'_>) -> Result<Built, Problem> {
        let children = std::mem::take(&mut element.children);
        let warnings = &mut *self.warnings;
        element.attrs.retain(|attr| {
            let unknown = attr.name.starts_with("wx:") && !DIRECTIVES.contains(&attr.name);
            if unknown {
                // glass-easel: `InvalidAttributePrefix`, and the attribute is dropped.
                warnings.push(Problem::new(
                    attr.at,
                    format!("unknown directive `{}` is ignored", attr.name),
                ));
            }
            !unknown
        });
        let node = match element.tag {
            "template" => {
                if element.attr("name").is_some() {
                    self.drop_directives(&mut element);
                    self.define_template(&element, children)?;
                    return Ok(Built::Nothing);
                }
                let Some(is) = element.attr("is") else {
                    return Err(Problem::new(
                        element.at,
                        "`<template>` needs `name` (to define one) or `is` (to use one)",
                    ));
                };
                Node::Template {
                    is: attr_content(is, self.warnings)?,
                    data: template_data(element.attr("data"), self.warnings)?,
                }
            }
            "import" => {
                self.drop_directives(&mut element);
                let path = self.src(&element, ".wxml")?;
                push_once(&mut self.file.imports, path);
                return Ok(Built::Nothing);
            }
            "include" => {
                let path = self.src(&element, ".wxml")?;
                push_once(&mut self.file.includes, path.clone());
                Node::Include(path)
            }
            "wxs" => {
                self.drop_directives(&mut element);
                self.define_wxs(&element, &children)?;
                return Ok(Built::Nothing);
            }
            _ => {
                let mut attrs = Vec::new();
                for attr in &element.attrs {
                    if !attr.name.starts_with("wx:") {
                        attrs.push((attr.name.to_string(), attr_content(attr, self.warnings)?));
                    }
                }
                let children = self.children(children)?;
                if element.tag == "block" {
                    // A block's own attributes render nowhere.
                    Node::Block(children)
                } else {
                    Node::Element {
                        tag: element.tag.into(),
                        attrs,
                        children,
                    }
                }
            }
        };
        directives(&element, node, self.warnings)
    }

    /// Definitions (`<template name>`, `<import>`, `<wxs>`) render nowhere, so directives
    /// on them mean nothing: glass-easel warns (`InvalidAttribute`) and ignores them.
    fn drop_directives(&mut self, element: &mut RawElement<'_>) {
        let tag = element.tag;
        let warnings = &mut *self.warnings;
        element.attrs.retain(|attr| {
            let directive = attr.name.starts_with("wx:");
            if directive {
                warnings.push(Problem::new(
                    attr.at,
                    format!("`{}` means nothing on `<{tag}>` and is ignored", attr.name),
                ));
            }
            !directive
        });
    }

    fn define_template(
        &mut self,
        element: &RawElement<'_>,
        children: Vec<RawNode<'_>>,
    ) -> Result<(), Problem> {
        let Some(name) = element.attr("name") else {
            return Ok(());
        };
        if let Some(is) = element.attr("is") {
            return Err(Problem::new(
                is.at,
                "`<template>` cannot have both `name` and `is`",
            ));
        }
        let (text, at) = static_value(name, "the template name")?;
        let text = text.trim();
        if text.is_empty() {
            return Err(Problem::new(at, "the template name is empty"));
        }
        if let Some((_, first)) = self.template_names.iter().find(|(n, _)| n == text) {
            let (line, column) = line_column(self.source, *first);
            return Err(Problem::new(
                name.at,
                format!("template `{text}` is already defined at {line}:{column}"),
            ));
        }
        self.template_names.push((text.into(), name.at));
        let body = self.children(children)?;
        self.file.templates.push((text.into(), body));
        Ok(())
    }

    fn define_wxs(
        &mut self,
        element: &RawElement<'_>,
        children: &[RawNode<'_>],
    ) -> Result<(), Problem> {
        let Some(module) = element.attr("module") else {
            return Err(Problem::new(element.at, "`<wxs>` needs a `module` name"));
        };
        let (name, at) = static_value(module, "`module`")?;
        let name = name.trim();
        if !is_name(name) || !name.is_ascii() {
            return Err(Problem::new(
                at,
                format!("wxs module name `{name}` is not a valid name (letters, digits, `_`, `$`)"),
            ));
        }
        if self.file.wxs.iter().any(|w| w.module == name) {
            return Err(Problem::new(
                at,
                format!("wxs module `{name}` is already defined in this file"),
            ));
        }
        let code = match children.first() {
            Some(RawNode::Text(code, _)) => *code,
            _ => "",
        };
        let source = if element.attr("src").is_some() {
            if !is_space(code) {
                return Err(Problem::new(
                    element.at,
                    "`<wxs>` has both `src` and inline code",
                ));
            }
            let path = self.src(element, ".wxs")?;
            push_once(&mut self.file.wxs_files, path.clone());
            WxsSource::File(path)
        } else {
            WxsSource::Inline(code.into())
        };
        self.file.wxs.push(Wxs {
            module: name.into(),
            source,
        });
        Ok(())
    }

    /// The resolved `src` of an import, include or wxs.
    fn src(&self, element: &RawElement<'_>, extension: &str) -> Result<String, Problem> {
        let Some(src) = element.attr("src") else {
            return Err(Problem::new(
                element.at,
                format!("`<{}>` needs a `src`", element.tag),
            ));
        };
        let (text, at) = static_value(src, "`src`")?;
        resolve(self.path, text, extension).map_err(|message| Problem::new(at, message))
    }
}

fn push_once(list: &mut Vec<String>, path: String) {
    if !list.contains(&path) {
        list.push(path);
    }
}

/// The text of an attribute that must be written out, not computed.
fn static_value<'a>(attr: &RawAttr<'a>, what: &str) -> Result<(&'a str, usize), Problem> {
    match attr.value {
        None => Err(Problem::new(attr.at, format!("{what} needs a value"))),
        Some((text, at)) if text.contains("{{") => Err(Problem::new(
            at,
            format!("{what} must be plain text, not `{{{{ }}}}`"),
        )),
        Some(value) => Ok(value),
    }
}

fn attr_content(attr: &RawAttr<'_>, warnings: &mut Vec<Problem>) -> Result<Content, Problem> {
    match attr.value {
        None => Ok(Content::True),
        Some((text, at)) => content(text, at, true, warnings),
    }
}

/// The pieces of `text` (at byte `at`), an empty `{{ }}` turned into empty text with a
/// warning, as glass-easel does (`EmptyExpression`).
fn pieces<'t>(
    text: &'t str,
    at: usize,
    warnings: &mut Vec<Problem>,
) -> Result<Vec<Piece<'t>>, Problem> {
    let mut pieces = split(text, at)?;
    for piece in &mut pieces {
        if let Piece::Mustache { inner, at } = piece {
            if is_space(inner) {
                warnings.push(Problem::new(
                    *at - 2,
                    "empty `{{ }}`: it stands for the empty string",
                ));
                *piece = Piece::Text("");
            }
        }
    }
    Ok(pieces)
}

/// The content of `text` (at byte `at`). With `trim`, a lone mustache surrounded by
/// spaces keeps its value's type, as attribute values do; text nodes keep the spaces.
fn content(
    text: &str,
    at: usize,
    trim: bool,
    warnings: &mut Vec<Problem>,
) -> Result<Content, Problem> {
    let pieces = pieces(text, at, warnings)?;
    let significant: Vec<&Piece<'_>> = pieces
        .iter()
        .filter(|p| !(trim && matches!(p, Piece::Text(t) if is_space(t))))
        .collect();
    if let [Piece::Mustache { inner, at }] = significant.as_slice() {
        return Ok(Content::Expr(expr_at(inner, *at)?));
    }
    if !pieces.iter().any(|p| matches!(p, Piece::Mustache { .. })) {
        let text: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(text) => *text,
                Piece::Mustache { .. } => "",
            })
            .collect();
        return Ok(Content::Text(text));
    }
    let mut parts = Vec::new();
    for piece in pieces {
        parts.push(match piece {
            Piece::Text(text) => Part::Text(text.into()),
            Piece::Mustache { inner, at } => Part::Expr(expr_at(inner, at)?),
        });
    }
    Ok(Content::Concat(parts))
}

/// `data="{{a: 1, ...item}}"`: members of an object literal without braces. A lone name
/// is shorthand (`{{item}}` is `{item: item}`); anything else that is an expression
/// (`{{ {a: 1} }}`) is taken as the data object itself.
fn template_data(attr: Option<&RawAttr<'_>>, warnings: &mut Vec<Problem>) -> Result<Data, Problem> {
    let Some(attr) = attr else {
        return Ok(Data::Empty);
    };
    let must = |at| Problem::new(at, "`data` must be written `{{ … }}`");
    let Some((text, at)) = attr.value else {
        return Err(must(attr.at));
    };
    let pieces = pieces(text, at, warnings)?;
    if pieces
        .iter()
        .all(|p| matches!(p, Piece::Text(t) if is_space(t)))
        && text.contains("{{")
    {
        // `data="{{ }}"`: the empty string, which gives the template no data.
        return Ok(Data::Empty);
    }
    let mut mustaches = pieces.iter().filter_map(|p| match p {
        Piece::Mustache { inner, at } => Some((*inner, *at)),
        Piece::Text(_) => None,
    });
    let only_spaces = pieces
        .iter()
        .all(|p| !matches!(p, Piece::Text(t) if !is_space(t)));
    let (Some((inner, inner_at)), None, true) = (mustaches.next(), mustaches.next(), only_spaces)
    else {
        return Err(must(at));
    };
    match parse_object_body(inner) {
        Ok(properties) => Ok(Data::Object(properties)),
        Err(error) => match parse_expression(inner) {
            Ok(expr) => Ok(Data::Value(expr)),
            Err(_) => Err(located(error, inner_at)),
        },
    }
}

/// Wraps `node` in the `wx:for` and `wx:if` of its element; `wx:elif`/`wx:else` are left
/// for the parent to chain.
///
/// Conflicting directives are resolved as glass-easel does, each loser with a warning
/// (`InvalidAttribute`): of several conditions, `wx:if`, else `wx:elif`, counts; beside
/// `wx:for`, `wx:elif` and `wx:else` are ignored.
fn directives(
    element: &RawElement<'_>,
    node: Node,
    warnings: &mut Vec<Problem>,
) -> Result<Built, Problem> {
    let for_attr = element
        .attrs
        .iter()
        .find(|a| a.name == "wx:for" || a.name == "wx:for-items");
    let rank = |name: &str| match name {
        "wx:if" => Some(0),
        "wx:elif" if for_attr.is_none() => Some(1),
        "wx:else" if for_attr.is_none() => Some(2),
        _ => None,
    };
    let used = element
        .attrs
        .iter()
        .filter(|a| rank(a.name).is_some())
        .min_by_key(|a| rank(a.name));
    for attr in &element.attrs {
        if matches!(attr.name, "wx:if" | "wx:elif" | "wx:else")
            && !used.is_some_and(|u| std::ptr::eq(u, attr))
        {
            let reason = match (used, for_attr) {
                (Some(used), _) => format!("`{}` is used", used.name),
                (None, Some(for_attr)) => format!("it cannot go with `{}`", for_attr.name),
                (None, None) => String::new(),
            };
            warnings.push(Problem::new(
                attr.at,
                format!("`{}` is ignored: {reason}", attr.name),
            ));
        }
    }
    let chain = match used {
        None => Chain::None,
        Some(attr) if attr.name == "wx:else" => Chain::Else(attr.at),
        Some(attr) if attr.name == "wx:if" => Chain::If(attr_content(attr, warnings)?),
        Some(attr) => match attr.value {
            Some(_) => Chain::Elif(attr_content(attr, warnings)?, attr.at),
            None => return Err(Problem::new(attr.at, "`wx:elif` needs a condition")),
        },
    };
    let Some(for_attr) = for_attr else {
        return Ok(Built::Node(node, chain));
    };
    let body = match chain {
        Chain::If(condition) => Node::If(vec![(Some(condition), node)]),
        // `rank` leaves out `wx:elif` and `wx:else` beside `wx:for`.
        Chain::None | Chain::Elif(..) | Chain::Else(_) => node,
    };
    let item = loop_name(element.attr("wx:for-item"), "item", warnings)?;
    let index = loop_name(element.attr("wx:for-index"), "index", warnings)?;
    if item == index {
        let at = element.attr("wx:for-index").map_or(for_attr.at, |a| a.at);
        return Err(Problem::new(
            at,
            format!("`wx:for-item` and `wx:for-index` are both `{item}`"),
        ));
    }
    let key = match element.attr("wx:key") {
        None => Key::None,
        Some(attr) => match attr_content(attr, warnings)? {
            Content::Text(text) if text.trim() == "*this" => Key::This,
            Content::Text(text) if text.trim().is_empty() => Key::None,
            Content::Text(text) => Key::Field(text.trim().into()),
            // A bare `wx:key` is an empty one in glass-easel: no key (a real blog app's lists).
            Content::True => {
                warnings.push(Problem::new(
                    attr.at,
                    "`wx:key` without a value: the rows are not keyed",
                ));
                Key::None
            }
            computed => Key::Expr(computed),
        },
    };
    let list = attr_content(for_attr, warnings)?;
    let looped = Node::For(Box::new(Loop {
        list,
        item,
        index,
        key,
        body,
    }));
    Ok(Built::Node(looped, Chain::None))
}

/// `wx:for-item` / `wx:for-index`: a plain name, or the default. As glass-easel does, a
/// computed value (`{{ }}`) is ignored with a warning, and a value that is not a name is
/// kept with a warning: no expression can reach it (a real timetable page writes
/// `wx:for-item="{{day_lesson}}"` and never uses it).
fn loop_name(
    attr: Option<&RawAttr<'_>>,
    default: &str,
    warnings: &mut Vec<Problem>,
) -> Result<String, Problem> {
    let Some(attr) = attr else {
        return Ok(default.into());
    };
    if let Some((_, at)) = attr.value.filter(|(text, _)| text.contains("{{")) {
        warnings.push(Problem::new(
            at,
            format!(
                "`{}` cannot be computed (`{{{{ }}}}`): it is ignored, and the loop's name is `{default}`",
                attr.name
            ),
        ));
        return Ok(default.into());
    }
    let (text, at) = static_value(attr, &format!("`{}`", attr.name))?;
    let name = text.trim();
    if !is_name(name) {
        warnings.push(Problem::new(
            at,
            format!(
                "`{}` should be a name, like `{default}`: no expression can use `{name}`",
                attr.name
            ),
        ));
    }
    Ok(name.into())
}
