//! Core's compilers for project files, for the shim: WXML to the JavaScript the renderer
//! runs, WXSS to scoped CSS, and ES module syntax to CommonJS. Each throws a JavaScript
//! `Error` whose message is core's `file:line:column: message`.

use js_sys::{Array, Function, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::{esm, wxml, wxss};

use crate::options::set;

/// `path`'s WXML compiled: `{code, imports, includes, wxsFiles}`.
#[wasm_bindgen(js_name = compileWxml)]
pub fn compile_wxml(path: &str, source: &str) -> Result<Object, JsValue> {
    let compiled = wxml::compile(path, source).map_err(|e| js_sys::Error::new(&e.to_string()))?;
    let result = Object::new();
    set(&result, "code", &JsValue::from_str(&compiled.code));
    let list = |items: &[String]| {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<Array>()
    };
    set(&result, "imports", &list(&compiled.imports));
    set(&result, "includes", &list(&compiled.includes));
    set(&result, "wxsFiles", &list(&compiled.wxs_files));
    Ok(result)
}

/// `path`'s WXSS as CSS for `kind` (`'global'`, `'page'` or `'component'`) with the class
/// scope `scope`; `load(path)` returns an imported file's text (or `undefined`).
#[wasm_bindgen(js_name = compileWxss)]
pub fn compile_wxss(
    path: &str,
    source: &str,
    kind: &str,
    scope: &str,
    load: &Function,
) -> Result<String, JsValue> {
    let scope = match kind {
        "page" => wxss::Scope::Page(scope),
        "component" => wxss::Scope::Component(scope),
        _ => wxss::Scope::Global,
    };
    let read = |file: &str| {
        load.call1(&JsValue::UNDEFINED, &JsValue::from_str(file))
            .ok()
            .and_then(|text| text.as_string())
    };
    wxss::compile(path, source, scope, &read).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// A module's source with `import`/`export` rewritten to CommonJS (unchanged without them).
#[wasm_bindgen(js_name = toCommonJs)]
pub fn to_common_js(source: &str) -> Result<String, JsValue> {
    esm::to_commonjs(source).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}
