//! The `typescript` plugin: each `.ts` file of the code root (not a declaration file,
//! `.d.ts`) becomes the `.js` file beside it, as DevTools' plugin makes it; a `.js`
//! written beside it wins. Types are blanked out rather than removed
//! ([swc_ts_fast_strip]), so every line and column stays where it was written and stacks
//! and problems point into the `.ts` file. The result is JavaScript with `import` and
//! `export`, which core's module step compiles as any other. TypeScript that means
//! something at run time (`enum`, `namespace`, constructor parameter properties) is
//! compiled instead, and its lines may move.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use swc_common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_common::sync::Lrc;
use swc_common::{BytePos, Globals, SourceMap, GLOBALS};
use swc_ts_fast_strip::{operate, ErrorCode, Mode, Options};

use crate::problems::Problem;

/// Whether `name` is a file the plugin compiles.
pub(super) fn is_source(name: &str) -> bool {
    name.ends_with(".ts") && !name.ends_with(".d.ts")
}

/// A file's text and what it compiled to, kept for as long as the text is the same.
type Kept = (String, Result<String, Vec<Problem>>);

static KEPT: Mutex<Option<HashMap<PathBuf, Kept>>> = Mutex::new(None);

/// Files kept at most before the cache starts over.
const MAX_KEPT: usize = 10_000;

/// Compiles `sources` (bundle key → the file on disk) into `files` as the `.js` beside
/// each, where none was written.
pub(super) fn compile(
    sources: &[(String, PathBuf)],
    files: &mut BTreeMap<String, String>,
) -> Vec<Problem> {
    let mut guard = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let kept = guard.get_or_insert_with(HashMap::new);
    if kept.len() > MAX_KEPT {
        kept.clear();
    }
    let mut problems = Vec::new();
    for (key, path) in sources {
        let Some(target) = super::beside(key, "js") else {
            continue;
        };
        if files.contains_key(&target) {
            continue;
        }
        let text = match std::fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                problems.push(Problem::from_compile_error(
                    key,
                    &format!("{key}: not UTF-8 text"),
                ));
                continue;
            }
            Err(error) => {
                problems.push(Problem::from_compile_error(
                    key,
                    &format!("{key}: cannot read: {error}"),
                ));
                continue;
            }
        };
        let outcome = match kept.get(path) {
            Some((kept_text, outcome)) if *kept_text == text => outcome.clone(),
            _ => {
                let outcome = strip(key, &text);
                kept.insert(path.clone(), (text, outcome.clone()));
                outcome
            }
        };
        match outcome {
            Ok(js) => {
                files.insert(target, js);
            }
            Err(found) => problems.extend(found),
        }
    }
    problems
}

/// `text` (the file `key`) as JavaScript, or what is wrong with it, each at its line.
fn strip(key: &str, text: &str) -> Result<String, Vec<Problem>> {
    match run(key, text, Mode::StripOnly) {
        Ok(js) => Ok(js),
        Err((ErrorCode::UnsupportedSyntax, _)) => {
            run(key, text, Mode::Transform).map_err(|(_, problems)| problems)
        }
        Err((_, problems)) => Err(problems),
    }
}

fn run(key: &str, text: &str, mode: Mode) -> Result<String, (ErrorCode, Vec<Problem>)> {
    let source_map: Lrc<SourceMap> = Lrc::default();
    let found: Found = Arc::default();
    let handler = Handler::with_emitter(
        true,
        false,
        Box::new(Collect {
            found: Arc::clone(&found),
        }),
    );
    let options = Options {
        filename: Some(key.to_owned()),
        mode,
        ..Options::default()
    };
    // The transform names its scopes through swc's globals, and reports through its
    // handler, both scoped to the thread.
    let outcome = GLOBALS.set(&Globals::new(), || {
        HANDLER.set(&handler, || {
            operate(&source_map, &handler, text.to_owned(), options)
        })
    });
    drop(handler);
    match outcome {
        Ok(output) => Ok(output.code),
        Err(error) => {
            let found = std::mem::take(&mut *found.lock().unwrap_or_else(PoisonError::into_inner));
            let mut problems: Vec<Problem> = found
                .into_iter()
                .map(|(message, at)| {
                    let place = at.map_or_else(String::new, |at| {
                        let loc = source_map.lookup_char_pos(at);
                        format!("{}:{}", loc.line, loc.col.0 + 1)
                    });
                    let text = if place.is_empty() {
                        format!("{key}: {message}")
                    } else {
                        format!("{key}:{place}: {message}")
                    };
                    Problem::from_compile_error(key, &text)
                })
                .collect();
            if problems.is_empty() {
                problems.push(Problem::from_compile_error(
                    key,
                    &format!("{key}: {}", error.message),
                ));
            }
            Err((error.code, problems))
        }
    }
}

/// swc's diagnostics: each message and where it points.
type Found = Arc<Mutex<Vec<(String, Option<BytePos>)>>>;

/// The emitter that keeps swc's diagnostics in [`Found`].
struct Collect {
    found: Found,
}

impl Emitter for Collect {
    fn emit(&mut self, diagnostic: &mut DiagnosticBuilder<'_>) {
        let at = diagnostic.span.primary_span().map(|span| span.lo);
        self.found
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((diagnostic.message(), at));
    }
}
