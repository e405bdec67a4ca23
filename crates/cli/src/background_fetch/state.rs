//! What WeChat's servers remember between runs, kept in `<state dir>/background-fetch.json`:
//! the highest grey ratio used for each grey URL (a ratio is never lowered), and each
//! user's background fetch token.
//!
//! ```json
//! {"greyRatios": {"https://api.example.com/prefetch-v2": 20}, "tokens": {"alice": "t0k"}}
//! ```
//!
//! The file is wxrt's: a file it cannot read is an error naming it, never silently
//! replaced, and each write goes to a temporary file renamed over it, so a crash leaves
//! the old or the new state, not half of one.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wxrt_core::background_fetch::{raise_grey_ratio, GreyRatioLowered, GreyRelease};

/// The state file's name in the state folder.
pub const STATE_FILE: &str = "background-fetch.json";

/// The state folder inside the project folder when `--state-dir` is not given.
pub const DEFAULT_STATE_DIR: &str = ".wxrt";

/// Why the state file cannot be used. Each message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file exists but could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Unreadable {
        /// The state file.
        file: PathBuf,
        /// What the file system reported.
        source: io::Error,
    },
    /// The file is not the state wxrt writes.
    #[error(
        "{}: not a wxrt background fetch state file ({reason}); fix it or move it away \
         (wxrt keeps grey ratios and tokens there and will not overwrite it)",
        file.display()
    )]
    Corrupt {
        /// The state file.
        file: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// The file (or its folder) could not be written.
    #[error("{}: cannot write: {source}", file.display())]
    Unwritable {
        /// The state file.
        file: PathBuf,
        /// What the file system reported.
        source: io::Error,
    },
    /// The configured grey ratio is below one already used for the same grey URL.
    #[error(
        "{source} (greyPrefetchUrl {url}, highest ratio recorded in {}); a new \
         greyPrefetchUrl starts a new grey release at any ratio",
        file.display()
    )]
    RatioLowered {
        /// The state file.
        file: PathBuf,
        /// The grey URL.
        url: String,
        /// Core's refusal.
        source: GreyRatioLowered,
    },
    /// An earlier write panicked while holding the state.
    #[error("{}: the background fetch state is unusable after an earlier failure", file.display())]
    Poisoned {
        /// The state file.
        file: PathBuf,
    },
}

/// The file's contents. Members wxrt does not know are kept as they are, so an older
/// wxrt never drops what a newer one wrote.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StateData {
    #[serde(default)]
    grey_ratios: BTreeMap<String, u8>,
    #[serde(default)]
    tokens: BTreeMap<String, String>,
    #[serde(flatten)]
    other: Map<String, Value>,
}

/// The state file and what it holds; every change is written through at once.
#[derive(Debug)]
pub struct StateStore {
    file: PathBuf,
    data: Mutex<StateData>,
}

impl StateStore {
    /// The state kept in `dir`: empty when there is no file yet (nothing is created
    /// until something is stored).
    ///
    /// # Errors
    ///
    /// [`StateError::Unreadable`] or [`StateError::Corrupt`] naming the file.
    pub fn open(dir: &Path) -> Result<Self, StateError> {
        let file = dir.join(STATE_FILE);
        let data = match fs::read(&file) {
            Ok(bytes) => parse(&bytes).map_err(|reason| StateError::Corrupt {
                file: file.clone(),
                reason,
            })?,
            Err(err) if err.kind() == io::ErrorKind::NotFound => StateData::default(),
            Err(source) => return Err(StateError::Unreadable { file, source }),
        };
        Ok(Self {
            file,
            data: Mutex::new(data),
        })
    }

    /// The state file's path.
    #[must_use]
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The token `user` set last, if any.
    #[must_use]
    pub fn token(&self, user: &str) -> Option<String> {
        self.data
            .lock()
            .ok()
            .and_then(|data| data.tokens.get(user).cloned())
    }

    /// Stores `token` as `user`'s and writes the file; on failure nothing changes.
    /// This writes to disk: call it from a blocking task.
    ///
    /// # Errors
    ///
    /// [`StateError::Unwritable`] or [`StateError::Poisoned`].
    pub fn set_token(&self, user: &str, token: &str) -> Result<(), StateError> {
        self.update(|data| {
            data.tokens.insert(user.to_owned(), token.to_owned());
            Ok(true)
        })
    }

    /// The highest ratio used so far for the grey URL `url`, if any.
    #[must_use]
    pub fn grey_ratio(&self, url: &str) -> Option<u8> {
        self.data
            .lock()
            .ok()
            .and_then(|data| data.grey_ratios.get(url).copied())
    }

    /// Checks `grey`'s ratio against the highest used for its URL (core's
    /// `raise_grey_ratio`) and records it when it is higher or new.
    ///
    /// # Errors
    ///
    /// [`StateError::RatioLowered`] for a lowered ratio (nothing is written),
    /// [`StateError::Unwritable`] or [`StateError::Poisoned`].
    pub fn record_grey_ratio(&self, grey: &GreyRelease) -> Result<(), StateError> {
        self.update(|data| {
            let highest = data.grey_ratios.get(&grey.url).copied();
            let raised = raise_grey_ratio(highest, grey.ratio).map_err(|source| {
                StateError::RatioLowered {
                    file: self.file.clone(),
                    url: grey.url.clone(),
                    source,
                }
            })?;
            if highest == Some(raised) {
                return Ok(false);
            }
            data.grey_ratios.insert(grey.url.clone(), raised);
            Ok(true)
        })
    }

    /// Applies `change` to a copy of the state; when it says something changed, writes
    /// the copy and only then keeps it. The lock is held throughout, so writes never
    /// interleave.
    fn update(
        &self,
        change: impl FnOnce(&mut StateData) -> Result<bool, StateError>,
    ) -> Result<(), StateError> {
        let mut data = self
            .data
            .lock()
            .map_err(|_: PoisonError<_>| StateError::Poisoned {
                file: self.file.clone(),
            })?;
        let mut next = data.clone();
        if change(&mut next)? {
            write_atomically(&self.file, &next)?;
            *data = next;
        }
        Ok(())
    }
}

fn parse(bytes: &[u8]) -> Result<StateData, String> {
    let data: StateData = serde_json::from_slice(bytes).map_err(|err| err.to_string())?;
    if let Some((url, ratio)) = data.grey_ratios.iter().find(|(_, ratio)| **ratio > 100) {
        return Err(format!("the grey ratio of {url} is {ratio}, over 100"));
    }
    Ok(data)
}

/// Writes `data` beside `file` and renames it over `file`, creating the folder first.
fn write_atomically(file: &Path, data: &StateData) -> Result<(), StateError> {
    let unwritable = |source| StateError::Unwritable {
        file: file.to_path_buf(),
        source,
    };
    let mut json =
        serde_json::to_vec_pretty(data).map_err(|err| unwritable(io::Error::other(err)))?;
    json.push(b'\n');
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir).map_err(unwritable)?;
    }
    // One writer per process at a time (the lock); the pid keeps two wxrt processes on
    // one folder from sharing a temporary file.
    let temporary = file.with_extension(format!("json.{}.tmp", std::process::id()));
    let written = fs::write(&temporary, &json).and_then(|()| fs::rename(&temporary, file));
    if let Err(source) = written {
        let _ = fs::remove_file(&temporary);
        return Err(unwritable(source));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grey(url: &str, ratio: u8) -> GreyRelease {
        GreyRelease {
            url: url.to_owned(),
            ratio,
        }
    }

    #[test]
    fn ratios_and_tokens_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let state_dir = dir.path().join("nested/.wxrt");
        let store = StateStore::open(&state_dir).unwrap();
        assert!(!store.file().exists(), "nothing written before a change");
        store
            .record_grey_ratio(&grey("https://g.example", 20))
            .unwrap();
        store.set_token("alice", "t0k").unwrap();

        let again = StateStore::open(&state_dir).unwrap();
        assert_eq!(again.grey_ratio("https://g.example"), Some(20));
        assert_eq!(again.token("alice").as_deref(), Some("t0k"));
        let lowered = again
            .record_grey_ratio(&grey("https://g.example", 10))
            .unwrap_err();
        assert!(
            matches!(lowered, StateError::RatioLowered { .. }),
            "{lowered}"
        );
        // A new grey URL starts again at any ratio.
        again
            .record_grey_ratio(&grey("https://g2.example", 0))
            .unwrap();
        assert_eq!(again.grey_ratio("https://g.example"), Some(20));
        let leftovers: Vec<_> = fs::read_dir(&state_dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, [STATE_FILE], "no temporary file is left behind");
    }

    #[test]
    fn unknown_members_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(STATE_FILE),
            r#"{"tokens": {}, "future": [1]}"#,
        )
        .unwrap();
        StateStore::open(dir.path())
            .unwrap()
            .set_token("bob", "x")
            .unwrap();
        let written: Value =
            serde_json::from_slice(&fs::read(dir.path().join(STATE_FILE)).unwrap()).unwrap();
        assert_eq!(
            written,
            serde_json::json!({"greyRatios": {}, "tokens": {"bob": "x"}, "future": [1]})
        );
    }

    #[test]
    fn a_corrupt_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        for contents in [
            "{",
            "[]",
            r#"{"greyRatios": {"u": 150}}"#,
            r#"{"tokens": 1}"#,
        ] {
            fs::write(dir.path().join(STATE_FILE), contents).unwrap();
            let error = StateStore::open(dir.path()).unwrap_err();
            let message = error.to_string();
            assert!(message.contains(STATE_FILE), "{message}");
            assert!(message.contains("will not overwrite it"), "{message}");
            assert_eq!(
                fs::read_to_string(dir.path().join(STATE_FILE)).unwrap(),
                contents
            );
        }
    }
}
