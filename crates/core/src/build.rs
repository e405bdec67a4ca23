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
//! // A page's classes are in the shared scope, its rules confined to its root.
//! assert!(css.starts_with(":where(wx-page[wxrt-sheets~=\"p1\"]) .x{"));
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
    /// its page or component renders with (`""` for `app.wxss`), in the form of its
    /// default `styleIsolation` (see [`wxss::Scope`]): a page's classes shared, a
    /// component's its own; and the other form, under `<path>#isolated` (a page's own
    /// classes) or `<path>#shared` (a component's shared ones).
    pub wxss: BTreeMap<String, Compiled<(String, String)>>,
    /// Each `.js` that uses `import`/`export`: its CommonJS text. Others are left out.
    pub js: BTreeMap<String, Compiled<String>>,
    /// Each file that compiled with warnings (what WeChat's compiler accepts but points
    /// out, [`wxml::compile`]): `file:line:column: message`, in source order.
    pub warnings: BTreeMap<String, Vec<String>>,
}

/// Records the warnings a file compiled with, if any, as `file:line:column: message`.
fn keep_warnings(
    kept: &mut BTreeMap<String, Vec<String>>,
    path: &str,
    warnings: &[impl std::fmt::Display],
) {
    if !warnings.is_empty() {
        kept.insert(
            path.to_owned(),
            warnings.iter().map(ToString::to_string).collect(),
        );
    }
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
            let compiled = wxml::compile(path, source).map_err(|e| e.to_string());
            let compiled = compiled.map(|c| {
                keep_warnings(&mut build.warnings, path, &c.warnings);
                c.code
            });
            build.wxml.insert(path.clone(), compiled);
        } else if path.ends_with(".js") {
            // Packages too: npm libraries (TDesign's miniprogram_dist) ship ES modules,
            // which DevTools' "ES6 to ES5" compiles like the project's own files.
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
            let css = wxss::compile_with_warnings(&path, source, scope, &load);
            let css = css.map_err(|e| e.to_string()).map(|(css, warnings)| {
                keep_warnings(&mut build.warnings, &path, &warnings);
                css
            });
            build.wxss.insert(path, css.map(|css| (css, name)));
        }
    };
    let mut alternates = Vec::new();
    // The other form of each page's and component's classes, for a `styleIsolation`
    // that picks it (page-isolated pages, shared components). Only the runtime, which
    // runs `Component()`, knows the options; it puts in the form it needs, so a file is
    // parsed by the browser once. An error is reported once, above.
    let mut alternate = |base: &str, suffix: &str, scope: wxss::Scope<'_>, name: &str| {
        let path = format!("{base}.wxss");
        if let Some(source) = files.get(&path) {
            if let Ok(css) = wxss::compile(&path, source, scope, &load) {
                alternates.push((format!("{path}{suffix}"), (css, name.to_owned())));
            }
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
        alternate(page, "#isolated", wxss::Scope::IsolatedPage(&name), &name);
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
        alternate(
            component,
            "#shared",
            wxss::Scope::SharedComponent(&name),
            &name,
        );
    }
    for (key, css) in alternates {
        build.wxss.insert(key, Ok(css));
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
        assert!(build.wxss.contains_key("components/c/c.wxss#shared"));
        assert!(build.wxss.contains_key("pages/b/b.wxss#isolated"));
        assert!(build.warnings.is_empty());
    }

    #[test]
    fn pages_and_components_get_both_forms_of_their_classes() {
        let mut files = BTreeMap::new();
        files.insert("c/c.wxss".to_owned(), ".a{}".to_owned());
        files.insert(
            "c/c.js".to_owned(),
            "Component({options:{styleIsolation:'shared'}})".to_owned(),
        );
        files.insert("p/p.wxss".to_owned(), ".b{}".to_owned());
        files.insert(
            "p/p.json".to_owned(),
            r#"{"styleIsolation":"page-isolated"}"#.to_owned(),
        );
        let build = compile_project(&files, &["p/p".to_owned()], &["c/c".to_owned()]);
        let css = |key: &str| build.wxss[key].as_ref().unwrap().clone();
        assert_eq!(css("c/c.wxss").0, ".c1--a{}\n");
        assert_eq!(
            css("c/c.wxss#shared"),
            (
                ":where(wx-page[wxrt-sheets~=\"c1\"]) .a{}\n".to_owned(),
                "c1".to_owned()
            )
        );
        assert_eq!(
            css("p/p.wxss").0,
            ":where(wx-page[wxrt-sheets~=\"p1\"]) .b{}\n"
        );
        assert_eq!(
            css("p/p.wxss#isolated").0,
            ":where(wx-page[wxrt-sheets~=\"p1\"]) .p1--b{}\n"
        );
    }

    #[test]
    fn warnings_are_kept_per_file_beside_the_code() {
        let mut files = BTreeMap::new();
        files.insert(
            "pages/a/a.wxml".to_owned(),
            "<view a=\"1\"\n a=\"2\"/>".to_owned(),
        );
        files.insert("pages/b/b.wxml".to_owned(), "<view/>".to_owned());
        let build = compile_project(&files, &[], &[]);
        assert!(build.wxml["pages/a/a.wxml"].is_ok());
        assert_eq!(
            build.warnings["pages/a/a.wxml"],
            ["pages/a/a.wxml:2:2: duplicate attribute `a`: the first value is used"]
        );
        assert_eq!(build.warnings.len(), 1);
    }
}
