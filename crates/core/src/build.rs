//! A project compiled for the renderer, as WeChat DevTools compiles before the phone runs
//! it: every `.wxml` to the renderer's JavaScript, each page's and component's `.wxss` (and
//! `app.wxss`) to scoped CSS, and each `.js` written with `import`/`export` to CommonJS.
//! The dev server does this once per bundle, so the page never downloads the compilers;
//! a runtime given only sources compiles in the page with the same function.
//!
//! ```
//! use std::collections::BTreeMap;
//! use wxrt_core::build::compile_project;
//!
//! let mut files = BTreeMap::new();
//! files.insert("pages/a/a.wxml".to_owned(), "<view class=\"x\">{{n}}</view>".to_owned());
//! files.insert("pages/a/a.wxss".to_owned(), ".x { width: 10rpx }".to_owned());
//! files.insert("app.js".to_owned(), "import a from './a'".to_owned());
//! let build = compile_project(&files, &["pages/a/a".to_owned()], &[]);
//! assert!(build.wxml["pages/a/a.wxml"].is_ok());
//! let (css, scope) = build.wxss["pages/a/a.wxss"].as_ref().unwrap();
//! assert_eq!(scope, "p1");
//! assert!(css.contains(".p1--x"));
//! assert!(build.js["app.js"].as_ref().unwrap().contains("require('./a')"));
//! ```

use std::collections::BTreeMap;

use crate::{esm, wxml, wxss};

/// A file's compiled form, or the error (`file:line:column: message`) to show for it.
pub type Compiled<T> = Result<T, String>;

/// What [`compile_project`] made, by project path.
#[derive(Debug, Default)]
pub struct ProjectBuild {
    /// Every `.wxml`: the renderer's JavaScript.
    pub wxml: BTreeMap<String, Compiled<String>>,
    /// `app.wxss` and each page's and component's `.wxss`: the CSS and the class scope
    /// its page or component renders with (`""` for `app.wxss`).
    pub wxss: BTreeMap<String, Compiled<(String, String)>>,
    /// Each `.js` that uses `import`/`export`: its CommonJS text. Others are left out.
    pub js: BTreeMap<String, Compiled<String>>,
}

/// Compiles `files` (project path → text). `pages` are the app's page routes (from
/// app.json, subpackages included), `components` the paths (without extension) whose
/// `.json` says `"component": true`. Scopes are numbered in path order, pages `p1…`,
/// components `c1…`, so the same project gets the same names every time. `.wxss` files
/// that are neither (partials reached by `@import`) are compiled only where imported.
pub fn compile_project(
    files: &BTreeMap<String, String>,
    pages: &[String],
    components: &[String],
) -> ProjectBuild {
    let mut build = ProjectBuild::default();
    for (path, source) in files {
        if path.ends_with(".wxml") {
            let compiled = wxml::compile(path, source)
                .map(|c| c.code)
                .map_err(|e| e.to_string());
            build.wxml.insert(path.clone(), compiled);
        } else if path.ends_with(".js") && !path.starts_with("miniprogram_npm/") {
            match esm::to_commonjs(source) {
                Ok(code) if code == *source => {}
                Ok(code) => {
                    build.js.insert(path.clone(), Ok(code));
                }
                Err(error) => {
                    build
                        .js
                        .insert(path.clone(), Err(format!("{path}:{error}")));
                }
            }
        }
    }
    let load = |path: &str| files.get(path).cloned();
    let mut style = |path: String, scope: wxss::Scope<'_>, name: String| {
        if let Some(source) = files.get(&path) {
            let css = wxss::compile(&path, source, scope, &load).map_err(|e| e.to_string());
            build.wxss.insert(path, css.map(|css| (css, name)));
        }
    };
    style("app.wxss".to_owned(), wxss::Scope::Global, String::new());
    let mut pages: Vec<&String> = pages.iter().collect();
    pages.sort();
    pages.dedup();
    for (i, page) in pages.into_iter().enumerate() {
        let name = format!("p{}", i + 1);
        style(
            format!("{page}.wxss"),
            wxss::Scope::Page(&name),
            name.clone(),
        );
    }
    let mut components: Vec<&String> = components.iter().collect();
    components.sort();
    components.dedup();
    for (i, component) in components.into_iter().enumerate() {
        let name = format!("c{}", i + 1);
        style(
            format!("{component}.wxss"),
            wxss::Scope::Component(&name),
            name.clone(),
        );
    }
    build
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_kept_per_file_and_scopes_are_stable() {
        let mut files = BTreeMap::new();
        files.insert(
            "pages/b/b.wxml".to_owned(),
            "<view>{{ a + }}</view>".to_owned(),
        );
        files.insert("pages/b/b.wxss".to_owned(), ".y{}".to_owned());
        files.insert("pages/a/a.wxss".to_owned(), ".x{}".to_owned());
        files.insert("components/c/c.wxss".to_owned(), ".z{}".to_owned());
        files.insert("plain.js".to_owned(), "module.exports = 1".to_owned());
        let pages = ["pages/b/b".to_owned(), "pages/a/a".to_owned()];
        let build = compile_project(&files, &pages, &["components/c/c".to_owned()]);
        assert!(build.wxml["pages/b/b.wxml"]
            .as_ref()
            .unwrap_err()
            .starts_with("pages/b/b.wxml:1:"));
        assert_eq!(build.wxss["pages/a/a.wxss"].as_ref().unwrap().1, "p1");
        assert_eq!(build.wxss["pages/b/b.wxss"].as_ref().unwrap().1, "p2");
        assert_eq!(build.wxss["components/c/c.wxss"].as_ref().unwrap().1, "c1");
        assert!(build.js.is_empty(), "CommonJS files are used as they are");
    }
}
