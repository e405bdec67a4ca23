//! The `typescript` plugin: each `.ts` file of the code root (not a declaration file,
//! `.d.ts`) becomes the `.js` file beside it, as DevTools' plugin makes it; a `.js`
//! written beside it wins. Types are blanked out rather than removed
//! ([swc_ts_fast_strip]), so every line and column stays where it was written and stacks
//! and problems point into the `.ts` file. The result is JavaScript with `import` and
//! `export`, which core's module step compiles as any other. TypeScript that means
//! something at run time (`enum`, `namespace`, constructor parameter properties) is
//! compiled instead, and its lines may move.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use swc_common::errors::{DiagnosticBuilder, Emitter, Handler, HANDLER};
use swc_common::sync::Lrc;
use swc_common::{BytePos, Globals, SourceMap, GLOBALS};
use swc_ts_fast_strip::{operate, ErrorCode, Mode, Options};

use super::{Kept, Outcome};
use crate::problems::Problem;

/// Whether `name` is a file the plugin compiles.
pub(super) fn is_source(name: &str) -> bool {
    name.ends_with(".ts") && !name.ends_with(".d.ts")
}

/// Each file's output, kept with the text it was made from while that is the same.
static KEPT: Kept<String> = Kept::new();

/// The JavaScript of the file `key` (on disk at `path`).
pub(super) fn compile(key: &str, path: &Path) -> Outcome {
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            return Err(vec![Problem::from_compile_error(
                key,
                &format!("{key}: not UTF-8 text"),
            )])
        }
        Err(error) => {
            return Err(vec![Problem::from_compile_error(
                key,
                &format!("{key}: cannot read: {error}"),
            )])
        }
    };
    KEPT.outcome(
        path,
        |kept| *kept == text,
        || {
            let outcome = strip(key, &text);
            (text.clone(), outcome)
        },
    )
}

/// `text` (the file `key`) as JavaScript, or what is wrong with it, each at its line.
fn strip(key: &str, text: &str) -> Outcome {
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
