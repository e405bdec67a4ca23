//! Tags a page or component uses without declaring them: neither WeChat built-in
//! components nor in its `usingComponents`. WeChat compiles such a file and renders the
//! tag as an element with no behaviour of its own; wxrt's renderer does the same (a
//! `wx-<tag>` element), and this check says so, since it is almost always a missing
//! `usingComponents` entry or a typo.

use super::builtin::is_builtin;
use super::error::Problem;
use super::markup::{self, RawNode};
use super::WxmlWarning;

/// A warning for each tag of the file at `path` (its WXML `source`) that is neither
/// built in nor in `declared` (the `usingComponents` and `componentGenerics` names its
/// page or component can use, `app.json`'s global ones included), once per tag, at its
/// first use. Tags inside `<template name>` definitions are left out: a template renders
/// where it is used, with that file's components. A file that does not parse gets none
/// (its error is reported by [`super::compile`]).
pub fn undeclared_tags(path: &str, source: &str, declared: &[&str]) -> Vec<WxmlWarning> {
    let Ok(nodes) = markup::parse(source, &mut Vec::new()) else {
        return Vec::new();
    };
    let mut found: Vec<Problem> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut stack: Vec<&RawNode<'_>> = nodes.iter().rev().collect();
    while let Some(node) = stack.pop() {
        let RawNode::Element(element) = node else {
            continue;
        };
        if element.tag == "template" && element.attr("name").is_some() {
            continue;
        }
        let tag = element.tag;
        if !is_builtin(tag) && !declared.contains(&tag) && !seen.contains(&tag) {
            seen.push(tag);
            found.push(Problem::new(
                element.at,
                format!(
                    "`<{tag}>` is not a built-in component and not in `usingComponents`: it renders as an element without behaviour"
                ),
            ));
        }
        stack.extend(element.children.iter().rev());
    }
    found
        .into_iter()
        .map(|problem| problem.locate_warning(path, source))
        .collect()
}
