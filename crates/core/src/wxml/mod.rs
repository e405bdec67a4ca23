//! The WXML template compiler: each `.wxml` file becomes JavaScript source that the
//! page runtime (`www/render/`) evaluates, as WeChat's glass-easel compiles templates in
//! Rust.
//!
//! [`compile`] parses the markup, checks directives and expressions (every error names
//! `file:line:column`), resolves the paths the file depends on, and generates the code.
//! The code is a JavaScript expression: a function of the runtime helpers `R` returning
//! the file's module object:
//!
//! ```js
//! (function (R) {
//!   "use strict";
//!   var T = {};                                 // T["name"] = function (D, W, $C) {…}
//!   var S = {
//!     path: "pages/index/index.wxml",
//!     imports: ["pages/common/tpl.wxml"],       // CompiledWxml::imports
//!     wxs: [{module: "m", src: "utils/tools.wxs"}, {module: "n", code: "…"}],
//!     templates: T,
//!     render: function (D, W, $C) {…}           // pushes the top-level nodes into $C
//!   };
//!   return S;
//! })
//! ```
//!
//! `D` is the data (page or component data, or a template's `data`), `W` the exports of
//! the file's wxs modules by name, `$C` the array that receives the nodes. The helpers it
//! calls: `R.el(tag, attrs, children, key)`, `R.text(value)`, `R.str(value)`,
//! `R.g(object, key)`, `R.call(object, key, args)`, `R.fn(f, args)`,
//! `R.each(list, body)`, `R.key(item, index, spec)`, `R.memo(site, key, deps, build)`
//! (every `wx:for` row; `deps` is what the row reads from outside, `null` when it
//! includes a file), `R.tpl(self, name, data, W, $C)` and `R.include(path, D, $C)`.
//!
//! ```
//! use wxrt_core::wxml::compile;
//!
//! let source = r#"
//! <import src="/common/cells.wxml"/>
//! <wxs module="fmt" src="../../utils/fmt.wxs"/>
//! <view class="list {{theme}}" wx:if="{{items.length}}">
//!   <template is="cell" wx:for="{{items}}" wx:key="id" data="{{...item, price: fmt.money(item.price)}}"/>
//! </view>
//! <view wx:else>Nothing yet ({{1 + 1}} tries)</view>
//! "#;
//! let compiled = compile("pages/cart/cart.wxml", source).unwrap();
//! assert_eq!(compiled.imports, ["common/cells.wxml"]);
//! assert_eq!(compiled.wxs_files, ["utils/fmt.wxs"]);
//! assert!(compiled.code.contains(r#"R.el("view", {"class": "list " + R.str(R.g(D, "theme"))}"#));
//! assert!(compiled.code.contains(r#"R.text("Nothing yet (2 tries)")"#));
//! assert!(compiled.code.contains(
//!     r#"R.tpl(S, "cell", {...v_item, "price": R.call(W.fmt, "money", [R.g(v_item, "price")])}, W, c"#
//! ));
//!
//! let error = compile("pages/cart/cart.wxml", "<view>\n  <text>{{a +}}</text>\n</view>").unwrap_err();
//! assert_eq!(error.to_string(), "pages/cart/cart.wxml:2:14: expected an expression");
//! ```
//!
//! Where wxrt differs from WeChat: text is never entity-decoded by the compiler (the
//! runtime's `<text decode>` does it); a lone UTF-16 surrogate escape in a string literal
//! becomes U+FFFD; arrays and objects in the evaluator have no identity.

mod builtin;
mod codegen;
mod error;
pub mod expr;
mod markup;
mod mustache;
mod path;
mod tags;
mod tree;

pub use error::{WxmlError, WxmlWarning};
pub use tags::undeclared_tags;

/// A compiled `.wxml` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledWxml {
    /// The module code: a JavaScript function expression of `R` (see the module docs).
    pub code: String,
    /// Files whose templates `<import>` makes available, as project paths.
    pub imports: Vec<String>,
    /// Files `<include>`d, as project paths.
    pub includes: Vec<String>,
    /// `.wxs` files the `<wxs src>` modules load, as project paths.
    pub wxs_files: Vec<String>,
    /// What WeChat's compiler accepts but points out, in source order; the code already
    /// does what WeChat does with each (see [`compile`]).
    pub warnings: Vec<WxmlWarning>,
}

/// Compiles the WXML `source` of the file at `path` (relative to the project root, such
/// as `pages/index/index.wxml`) into its module code.
///
/// `src` paths resolve from the project root when they start with `/`, else from the
/// file's folder; `.wxml` (imports, includes) or `.wxs` is appended to a `src` without an
/// extension. Errors carry the line and column of the problem.
///
/// What WeChat's compiler lets through, wxrt lets through too, with a warning and
/// WeChat's behaviour (glass-easel's template compiler is the reference where the
/// documentation is silent):
///
/// - a duplicate attribute: the first value is used;
/// - an unknown `wx:` attribute (`wx:item`), and a directive on `<import>`, `<wxs>` or
///   `<template name>`: ignored;
/// - `wx:elif`/`wx:else` with no `wx:if` before it: ignored, the element always shows;
///   several conditions on one element: `wx:if`, else `wx:elif`, is used; `wx:elif` or
///   `wx:else` beside `wx:for`: ignored;
/// - an empty `{{ }}`: the empty string;
/// - a `<` that starts no tag: text; `<!DOCTYPE …>` and other `<!…>` declarations:
///   dropped.
///
/// Unclosed and mismatched tags stay errors: WeChat's compiler refuses them too
/// (`end tag missing`, `expect end-tag`).
pub fn compile(path: &str, source: &str) -> Result<CompiledWxml, WxmlError> {
    let located = |problem: error::Problem| problem.locate(path, source);
    let mut warnings = Vec::new();
    let nodes = markup::parse(source, &mut warnings).map_err(located)?;
    let file = tree::build(path, source, nodes, &mut warnings).map_err(located)?;
    let code = codegen::generate(path, &file);
    warnings.sort_by_key(|warning| warning.at);
    Ok(CompiledWxml {
        code,
        imports: file.imports,
        includes: file.includes,
        wxs_files: file.wxs_files,
        warnings: warnings
            .into_iter()
            .map(|warning| warning.locate_warning(path, source))
            .collect(),
    })
}
