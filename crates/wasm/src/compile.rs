//! The project compiler for runtimes given only sources (the `tools` feature: a second
//! build, `pkg/tools/`, loaded by the shim only when it needs it; the dev server compiles
//! natively and its pages never download this). See [`wxrt_core::build`].

use std::collections::BTreeMap;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::build::{compile_project as compile, Compiled};

use crate::options::set;

fn entry<T>(compiled: &Compiled<T>, fill: impl Fn(&Object, &T)) -> Object {
    let object = Object::new();
    match compiled {
        Ok(value) => fill(&object, value),
        Err(error) => set(&object, "error", &JsValue::from_str(error)),
    }
    object
}

/// `files` (`{path: text}`), the page routes and the component paths, compiled:
/// `{wxml: {path: {code} | {error}}, wxss: {path: {css, scope} | {error}}, js: {path:
/// {code} | {error}}}` — the `compiled` member of the dev server's project bundle.
#[wasm_bindgen(js_name = compileProject)]
pub fn compile_project(files: &Object, pages: &Array, components: &Array) -> Object {
    let mut sources = BTreeMap::new();
    for pair in Object::entries(files).iter() {
        let pair = Array::from(&pair);
        if let (Some(path), Some(text)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            sources.insert(path, text);
        }
    }
    let strings = |list: &Array| {
        list.iter()
            .filter_map(|v| v.as_string())
            .collect::<Vec<_>>()
    };
    let build = compile(&sources, &strings(pages), &strings(components));
    let result = Object::new();
    let code = |object: &Object, code: &String| set(object, "code", &JsValue::from_str(code));
    let wxml = Object::new();
    for (path, compiled) in &build.wxml {
        set(&wxml, path, &entry(compiled, code));
    }
    let wxss = Object::new();
    for (path, compiled) in &build.wxss {
        set(
            &wxss,
            path,
            &entry(compiled, |object, (css, scope)| {
                set(object, "css", &JsValue::from_str(css));
                set(object, "scope", &JsValue::from_str(scope));
            }),
        );
    }
    let js = Object::new();
    for (path, compiled) in &build.js {
        set(&js, path, &entry(compiled, code));
    }
    set(&result, "wxml", &wxml);
    set(&result, "wxss", &wxss);
    set(&result, "js", &js);
    result
}
