//! Compiled output kept between builds, so a project with a large npm package compiles
//! each file once: a live reload compiles only the files that changed, and a request
//! for the bundle under `--no-watch` compiles nothing that did not.
//!
//! A `.wxml` or `.js` file compiles on its own (its path and text say everything), so
//! each is kept under its path with the text it was compiled from. `.wxss` files are
//! compiled together, because each page's and component's scope name depends on the
//! project's page and component lists, a file may `@import` any other and a component's
//! json may set its style isolation: that part is kept whole and reused while every
//! `.wxss` and `.json` text and both lists are the same.
//!
//! The cache is shared by the whole process; an entry is only ever reused for the same
//! path and text, so projects served side by side never see each other's output.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, PoisonError};

use crate::compiled::{compile_uncached, CompiledProject};

/// What one process keeps.
#[derive(Default)]
struct Cache {
    /// Path → the text last compiled for it and the output.
    files: HashMap<String, (String, CompiledProject)>,
    /// The style inputs last compiled (every `.wxss` and `.json` text, pages,
    /// components) and the output.
    styles: Option<(StyleInputs, CompiledProject)>,
}

#[derive(PartialEq, Eq)]
struct StyleInputs {
    files: BTreeMap<String, String>,
    pages: Vec<String>,
    components: Vec<String>,
}

/// Files a cache holds at most before it is emptied: enough for several large projects,
/// small enough that a long-running server does not grow without end.
const MAX_FILES: usize = 50_000;

static CACHE: Mutex<Option<Cache>> = Mutex::new(None);

/// [`compile_uncached`] with the cache: the same result, computed only for what is new.
pub(crate) fn compile(
    files: &BTreeMap<String, String>,
    pages: &[String],
    components: &[String],
) -> CompiledProject {
    let mut guard = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    let cache = guard.get_or_insert_with(Cache::default);
    if cache.files.len() > MAX_FILES {
        cache.files.clear();
    }
    let mut compiled = CompiledProject::default();
    for (path, text) in files {
        if !(path.ends_with(".wxml") || path.ends_with(".js")) {
            continue;
        }
        match cache.files.get(path) {
            Some((cached_text, part)) if cached_text == text => compiled.merge(part),
            _ => {
                let one = BTreeMap::from([(path.clone(), text.clone())]);
                let part = compile_uncached(&one, &[], &[]);
                compiled.merge(&part);
                cache.files.insert(path.clone(), (text.clone(), part));
            }
        }
    }
    let inputs = StyleInputs {
        files: files
            .iter()
            // A component's json may say how its styles compile (`styleIsolation`).
            .filter(|(path, _)| path.ends_with(".wxss") || path.ends_with(".json"))
            .map(|(path, text)| (path.clone(), text.clone()))
            .collect(),
        pages: pages.to_vec(),
        components: components.to_vec(),
    };
    match &cache.styles {
        Some((cached, part)) if *cached == inputs => compiled.merge(part),
        _ => {
            let part = compile_uncached(&inputs.files, pages, components);
            compiled.merge(&part);
            cache.styles = Some((inputs, part));
        }
    }
    compiled
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(page_wxml: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            (
                "app.json".to_owned(),
                r#"{"pages":["pages/a/a"]}"#.to_owned(),
            ),
            ("pages/a/a.wxml".to_owned(), page_wxml.to_owned()),
            (
                "pages/a/a.wxss".to_owned(),
                ".x { width: 10rpx }".to_owned(),
            ),
            (
                "pages/a/a.js".to_owned(),
                "import b from './b'\nPage({})".to_owned(),
            ),
            ("pages/a/b.js".to_owned(), "export default 1".to_owned()),
        ])
    }

    #[test]
    fn cached_output_equals_a_fresh_compile() {
        let pages = ["pages/a/a".to_owned()];
        for wxml in [
            "<view>{{a}}</view>",
            "<view>{{b}}</view>",
            "<view>{{ a + }}</view>",
            "<view>{{a}}</view>",
        ] {
            let files = project(wxml);
            assert_eq!(
                compile(&files, &pages, &[]),
                compile_uncached(&files, &pages, &[]),
                "{wxml}"
            );
        }
        // The scope names depend on the page list, so a new list recompiles the styles.
        let files = project("<view/>");
        let more = ["pages/a/a".to_owned(), "pages/0/0".to_owned()];
        assert_eq!(
            compile(&files, &more, &[]),
            compile_uncached(&files, &more, &[])
        );
    }
}
