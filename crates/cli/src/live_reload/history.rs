//! The builds a watched project went through, and what each new one means for the page:
//! nothing when it sees what it already has, a reload when the new build is clean, the
//! problems otherwise. Kept apart from the watching and the serving so the decision can
//! be tested without a file system.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use serde::Serialize;

use crate::bundle::{Bundle, BundleError};
use crate::problems::Problem;

/// One build of the project, as `/__wxrt/project` serves it.
#[derive(Debug)]
pub(crate) struct Build {
    /// Counts the builds the page could tell apart: 1 for the first, one more for each
    /// that differs from the one before.
    pub(crate) generation: u64,
    pub(crate) outcome: Outcome,
}

/// What reading and compiling the project gave.
#[derive(Debug)]
pub(crate) enum Outcome {
    /// The bundle, with its problems (still served).
    Bundle(Bundle),
    /// The project could not be read: `/__wxrt/project` answers 422 with `error`.
    Failed {
        /// The [`BundleError`]'s message, file first.
        error: String,
        /// The same as the one problem the page lists.
        problem: Problem,
    },
}

impl Outcome {
    /// The outcome of [`crate::bundle::collect`].
    pub(crate) fn of(result: Result<Bundle, BundleError>) -> Self {
        match result {
            Ok(bundle) => Self::Bundle(bundle),
            Err(error) => Self::Failed {
                problem: Problem::from_bundle_error(&error),
                error: error.to_string(),
            },
        }
    }

    /// The problems the page lists for this outcome.
    pub(crate) fn problems(&self) -> &[Problem] {
        match self {
            Self::Bundle(bundle) => &bundle.problems,
            Self::Failed { problem, .. } => std::slice::from_ref(problem),
        }
    }

    /// Whether the page would see the same thing from both: the same bundle JSON, or
    /// the same error.
    fn same_as(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Bundle(a), Self::Bundle(b)) => a == b,
            (Self::Failed { error: a, .. }, Self::Failed { error: b, .. }) => a == b,
            _ => false,
        }
    }

    fn files(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            Self::Bundle(bundle) => Some(&bundle.files),
            Self::Failed { .. } => None,
        }
    }
}

/// What a new build means for the page, sent as a server-sent event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Notice {
    /// `event: reload`: the new build is clean, or has only warnings (the reloaded page
    /// lists those from its bundle).
    Reload(ReloadData),
    /// `event: problems`: the new build has errors, or the project cannot be read.
    Problems(ProblemsData),
}

/// `{"generation": n, "changed": ["pages/a/a.wxml", …], "compileMs": 12}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ReloadData {
    pub(crate) generation: u64,
    pub(crate) changed: Vec<String>,
    #[serde(rename = "compileMs")]
    pub(crate) compile_ms: u64,
}

/// `{"generation": n, "changed": [...], "problems": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ProblemsData {
    pub(crate) generation: u64,
    pub(crate) changed: Vec<String>,
    pub(crate) problems: Vec<Problem>,
}

/// `{"generation": n, "problems": [...]}`: what a page is told when it connects.
#[derive(Debug, Serialize)]
pub(crate) struct HelloData<'a> {
    pub(crate) generation: u64,
    pub(crate) problems: &'a [Problem],
}

impl Notice {
    /// The generation of the build it announces.
    pub(crate) fn generation(&self) -> u64 {
        match self {
            Self::Reload(data) => data.generation,
            Self::Problems(data) => data.generation,
        }
    }
}

/// The current build and the last one that had files, which changes are counted from.
pub(crate) struct History {
    current: Arc<Build>,
    /// The newest build with a bundle: after a build that failed, the change that fixes
    /// it is counted from here, not from nothing.
    last_bundle: Option<Arc<Build>>,
}

impl History {
    /// The history of a project whose first build gave `outcome`: generation 1.
    pub(crate) fn new(outcome: Outcome) -> Self {
        let current = Arc::new(Build {
            generation: 1,
            outcome,
        });
        let last_bundle = current.outcome.files().is_some().then(|| current.clone());
        Self {
            current,
            last_bundle,
        }
    }

    /// The newest build.
    pub(crate) fn current(&self) -> &Arc<Build> {
        &self.current
    }

    /// Takes in the build made after a change to `touched` (names from the code root, or
    /// `project.config.json`): `None` when the page would see nothing new, else the
    /// build becomes current, with the next generation, and the notice says what changed.
    ///
    /// `changed` lists the code files added, removed or edited since the last bundle,
    /// and `project.config.json` when it was touched; when that is empty (a failed build,
    /// a first bundle after failures, or one that undoes the change that made a build
    /// fail) it lists what was touched.
    pub(crate) fn record(
        &mut self,
        outcome: Outcome,
        touched: &BTreeSet<String>,
        compile_ms: u64,
    ) -> Option<Notice> {
        if outcome.same_as(&self.current.outcome) {
            return None;
        }
        let last_files = self
            .last_bundle
            .as_ref()
            .and_then(|build| build.outcome.files());
        let mut changed = match (last_files, outcome.files()) {
            (Some(old), Some(new)) => changed_files(old, new),
            _ => BTreeSet::new(),
        };
        changed.extend(
            touched
                .iter()
                .filter(|name| *name == crate::project::CONFIG_FILE)
                .cloned(),
        );
        if changed.is_empty() {
            changed.clone_from(touched);
        }
        let changed: Vec<String> = changed.into_iter().collect();

        let generation = self.current.generation + 1;
        // Warnings alone do not stop a reload: WeChat runs such code too.
        let notice = if !outcome.problems().iter().any(Problem::is_error) {
            Notice::Reload(ReloadData {
                generation,
                changed,
                compile_ms,
            })
        } else {
            Notice::Problems(ProblemsData {
                generation,
                changed,
                problems: outcome.problems().to_vec(),
            })
        };
        self.current = Arc::new(Build {
            generation,
            outcome,
        });
        if self.current.outcome.files().is_some() {
            self.last_bundle = Some(self.current.clone());
        }
        Some(notice)
    }
}

/// Paths in one map and not the other, or in both with different text.
fn changed_files(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> BTreeSet<String> {
    let edited_or_removed = old
        .iter()
        .filter(|(path, text)| new.get(*path) != Some(text))
        .map(|(path, _)| path.clone());
    let added = new.keys().filter(|path| !old.contains_key(*path)).cloned();
    edited_or_removed.chain(added).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::{History, Notice, Outcome, ProblemsData, ReloadData};
    use crate::bundle::{BackgroundFetchSummary, Bundle};
    use crate::compiled;
    use crate::problems::{self, Problem, Severity};

    fn bundle(entries: &[(&str, &str)]) -> Outcome {
        let files: BTreeMap<String, String> = entries
            .iter()
            .map(|(path, text)| ((*path).to_owned(), (*text).to_owned()))
            .collect();
        let compiled = compiled::compile(&files);
        Outcome::Bundle(Bundle {
            appid: "wx1".to_owned(),
            project_name: None,
            version: "1.0.0".to_owned(),
            background_fetch: BackgroundFetchSummary::default(),
            problems: problems::of_files(
                &files,
                &compiled,
                crate::launch::checked_app(&files).as_ref(),
            ),
            compiled,
            launch: None,
            files,
            written_as: BTreeMap::new(),
        })
    }

    fn failed(error: &str) -> Outcome {
        Outcome::Failed {
            error: format!("pages/a/a.js: {error}"),
            problem: Problem {
                file: "pages/a/a.js".to_owned(),
                line: None,
                column: None,
                message: error.to_owned(),
                severity: Severity::Error,
            },
        }
    }

    fn names(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    const APP: (&str, &str) = ("app.json", "{\"pages\": [\"pages/a/a\"]}");

    #[test]
    fn a_build_the_page_cannot_tell_apart_sends_nothing() {
        let mut history = History::new(bundle(&[APP, ("pages/a/a.wxml", "<view/>")]));
        assert_eq!(history.current().generation, 1);
        let notice = history.record(
            bundle(&[APP, ("pages/a/a.wxml", "<view/>")]),
            &names(&["pages/a/a.wxml"]),
            3,
        );
        assert_eq!(notice, None);
        assert_eq!(history.current().generation, 1);
    }

    #[test]
    fn a_clean_build_reloads_naming_what_changed() {
        let mut history = History::new(bundle(&[
            APP,
            ("pages/a/a.wxml", "<view/>"),
            ("old.js", "1"),
        ]));
        let notice = history.record(
            bundle(&[APP, ("pages/a/a.wxml", "<text/>"), ("new.js", "2")]),
            // project.config.json counts; other touched names come from the files.
            &names(&["pages/a/a.wxml", "project.config.json", "ignored.js"]),
            12,
        );
        assert_eq!(
            notice,
            Some(Notice::Reload(ReloadData {
                generation: 2,
                changed: vec![
                    "new.js".to_owned(),
                    "old.js".to_owned(),
                    "pages/a/a.wxml".to_owned(),
                    "project.config.json".to_owned()
                ],
                compile_ms: 12,
            }))
        );
        assert_eq!(history.current().generation, 2);
    }

    #[test]
    fn a_build_with_only_warnings_reloads() {
        let mut history = History::new(bundle(&[APP, ("pages/a/a.wxml", "<view/>")]));
        let warned = bundle(&[APP, ("pages/a/a.wxml", "<view a=\"1\" a=\"2\"/>")]);
        assert!(
            matches!(warned.problems(), [p] if p.severity == Severity::Warning),
            "{:?}",
            warned.problems()
        );
        let notice = history.record(warned, &names(&["pages/a/a.wxml"]), 5);
        assert!(
            matches!(&notice, Some(Notice::Reload(data)) if data.generation == 2),
            "{notice:?}"
        );
    }

    #[test]
    fn problems_then_fix_then_failure_then_recovery() {
        let mut history = History::new(bundle(&[APP, ("pages/a/a.wxml", "<view/>")]));
        let Some(Notice::Problems(ProblemsData {
            generation,
            changed,
            problems,
        })) = history.record(
            bundle(&[APP, ("pages/a/a.wxml", "<view>{{ a + }}</view>")]),
            &names(&["pages/a/a.wxml"]),
            5,
        )
        else {
            panic!("a broken WXML file is a problem");
        };
        assert_eq!(
            (generation, changed),
            (2, vec!["pages/a/a.wxml".to_owned()])
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].file, "pages/a/a.wxml");

        let notice = history.record(
            bundle(&[APP, ("pages/a/a.wxml", "<view/>")]),
            &names(&["pages/a/a.wxml"]),
            5,
        );
        assert!(
            matches!(&notice, Some(Notice::Reload(data)) if data.generation == 3),
            "{notice:?}"
        );

        let notice = history.record(failed("not UTF-8 text"), &names(&["pages/a/a.js"]), 1);
        assert_eq!(
            notice,
            Some(Notice::Problems(ProblemsData {
                generation: 4,
                changed: vec!["pages/a/a.js".to_owned()],
                problems: vec![Problem {
                    file: "pages/a/a.js".to_owned(),
                    line: None,
                    column: None,
                    message: "not UTF-8 text".to_owned(),
                    severity: Severity::Error,
                }],
            }))
        );
        // The same failure again is nothing new.
        assert_eq!(
            history.record(failed("not UTF-8 text"), &names(&["pages/a/a.js"]), 1),
            None
        );

        // Removing the bad file gives back the last bundle: counted from it, nothing
        // changed, so what was touched is named.
        let notice = history.record(
            bundle(&[APP, ("pages/a/a.wxml", "<view/>")]),
            &names(&["pages/a/a.js"]),
            2,
        );
        assert_eq!(
            notice,
            Some(Notice::Reload(ReloadData {
                generation: 5,
                changed: vec!["pages/a/a.js".to_owned()],
                compile_ms: 2,
            }))
        );
    }
}
