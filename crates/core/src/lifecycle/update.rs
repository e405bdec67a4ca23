//! `wx.getUpdateManager()`'s check, made once per cold start: has the project changed since
//! the version this browser last ran? A simulated outcome (as WeChat DevTools' "simulate
//! update on next compile") can be planned for the next cold start.

use std::hash::Hasher as _;

/// What the next cold start's check reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UpdatePlan {
    /// Compare the running version with the last one this browser ran.
    #[default]
    Detect,
    /// Report a new version, downloaded successfully (`onUpdateReady`).
    Ready,
    /// Report a new version whose download failed (`onUpdateFailed`).
    Failed,
}

impl UpdatePlan {
    /// Reads `'ready'` or `'failed'`, the names the automation handle takes.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "ready" => Some(Self::Ready),
            "failed" => Some(Self::Failed),
            "detect" => Some(Self::Detect),
            _ => None,
        }
    }

    /// The name [`UpdatePlan::parse`] reads.
    pub fn name(self) -> &'static str {
        match self {
            Self::Detect => "detect",
            Self::Ready => "ready",
            Self::Failed => "failed",
        }
    }
}

/// The result of one check: `onCheckForUpdate({hasUpdate})`, then `onUpdateReady` when
/// `ready` is `Some(true)` or `onUpdateFailed` when `Some(false)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateCheck {
    /// `hasUpdate`.
    pub has_update: bool,
    /// Whether the new version's download succeeded; `None` without an update.
    pub ready: Option<bool>,
}

/// Checks `current` against the version this browser ran last (`None` on its first
/// run, which is never an update). Afterwards `current` is the version to remember.
pub fn check(last_seen: Option<&str>, current: &str, plan: UpdatePlan) -> UpdateCheck {
    let has_update = match plan {
        UpdatePlan::Detect => last_seen.is_some_and(|last| last != current),
        UpdatePlan::Ready | UpdatePlan::Failed => true,
    };
    UpdateCheck {
        has_update,
        ready: has_update.then_some(plan != UpdatePlan::Failed),
    }
}

/// A version for a project without one of its own: a hash of every file's path and
/// content, independent of the order they are given in.
pub fn content_version<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    // Sorted by insertion: a project has tens of files, and std's sort is kilobytes of
    // wasm. Equal pairs are identical, so their order cannot change the hash.
    let mut sorted: Vec<(&str, &str)> = Vec::new();
    for file in files {
        let at = sorted.binary_search(&file).unwrap_or_else(|at| at);
        sorted.insert(at, file);
    }
    let mut hasher = fnv::FnvHasher::default();
    for (path, content) in sorted {
        // Lengths first, so moving text between a path and a file cannot collide.
        hasher.write_usize(path.len());
        hasher.write(path.as_bytes());
        hasher.write_usize(content.len());
        hasher.write(content.as_bytes());
    }
    format!("content-{:016x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_run_and_same_version_are_not_updates() {
        let none = UpdateCheck {
            has_update: false,
            ready: None,
        };
        assert_eq!(check(None, "1.0.0", UpdatePlan::Detect), none);
        assert_eq!(check(Some("1.0.0"), "1.0.0", UpdatePlan::Detect), none);
    }

    #[test]
    fn a_changed_version_is_an_update_that_is_ready() {
        let check = check(Some("1.0.0"), "1.0.1", UpdatePlan::Detect);
        assert_eq!(
            check,
            UpdateCheck {
                has_update: true,
                ready: Some(true)
            }
        );
    }

    #[test]
    fn planned_outcomes_apply_whatever_the_versions() {
        assert_eq!(check(None, "v", UpdatePlan::Ready).ready, Some(true));
        assert_eq!(check(Some("v"), "v", UpdatePlan::Failed).ready, Some(false));
        assert_eq!(UpdatePlan::parse("failed"), Some(UpdatePlan::Failed));
        assert_eq!(UpdatePlan::parse("soon"), None);
        assert_eq!(
            UpdatePlan::parse(UpdatePlan::Ready.name()),
            Some(UpdatePlan::Ready)
        );
    }

    #[test]
    fn content_version_follows_content_not_order() {
        let a = content_version([("app.js", "App({})"), ("app.json", "{}")]);
        let b = content_version([("app.json", "{}"), ("app.js", "App({})")]);
        let c = content_version([("app.json", "{}"), ("app.js", "App({ })")]);
        let d = content_version([("app.jsA", "pp({})"), ("app.json", "{}")]);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert!(a.starts_with("content-"));
    }
}
