//! What `wxrt serve` settles about background fetch before it listens: the
//! configuration (file and flags), the state file, and the grey ratio rule. Any problem
//! stops the server with a message, so a preview never runs on a half-read setting.

use std::path::Path;

use wxrt_core::background_fetch::BackgroundFetchConfig;
use wxrt_core::project::ConfigErrors;

use super::config::{apply_flags, FlagError};
use super::state::{StateError, StateStore, DEFAULT_STATE_DIR};
use crate::args::BackgroundFetchArgs;
use crate::wechat::{load_local_config, LocalConfigError};

/// Background fetch as settled at startup.
#[derive(Debug)]
pub struct Setup {
    /// The configuration: `wxrt.config.json` with the flags over it.
    pub config: BackgroundFetchConfig,
    /// The state file, already checked.
    pub state: StateStore,
}

/// Why background fetch cannot start.
#[derive(Debug, thiserror::Error)]
pub enum SetupError {
    /// The `backgroundFetch` object of `wxrt.config.json` is not valid; one line per
    /// problem, each naming the file.
    #[error(transparent)]
    Config(ConfigErrors),
    /// The flags leave a gap.
    #[error(transparent)]
    Flags(#[from] FlagError),
    /// The state file is unusable, or the grey ratio went down.
    #[error(transparent)]
    State(#[from] StateError),
}

impl SetupError {
    /// The exit code: 2 for a bad setting, 1 for a state file that cannot be read or
    /// written.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Config(_) | Self::Flags(_) | Self::State(StateError::RatioLowered { .. }) => 2,
            Self::State(_) => 1,
        }
    }
}

impl Setup {
    /// Settles background fetch for the project in `project_dir`: the `backgroundFetch`
    /// object of its `wxrt.config.json` with `flags` over it, the state in `state_dir`
    /// (default `<project_dir>/.wxrt`), and, when a grey release is configured, its ratio
    /// checked against the highest used for that grey URL and recorded.
    ///
    /// A `wxrt.config.json` that is unusable for another reason (not JSON, a bad
    /// `appSecret`) is reported by the WeChat stand-in's setup; here only the flags
    /// apply then.
    ///
    /// This reads and may write files: call it before serving, or from a blocking task.
    ///
    /// # Errors
    ///
    /// A [`SetupError`] whose message names the file or flag at fault.
    pub fn load(
        project_dir: &Path,
        flags: &BackgroundFetchArgs,
        state_dir: Option<&Path>,
    ) -> Result<Self, SetupError> {
        let file = match load_local_config(project_dir) {
            Ok(config) => config.unwrap_or_default().background_fetch,
            Err(LocalConfigError::BackgroundFetch(errors)) => {
                return Err(SetupError::Config(errors))
            }
            Err(_) => BackgroundFetchConfig::default(),
        };
        let config = apply_flags(file, flags)?;
        let state_dir =
            state_dir.map_or_else(|| project_dir.join(DEFAULT_STATE_DIR), Path::to_path_buf);
        let state = StateStore::open(&state_dir)?;
        if let Some(grey) = config
            .prefetch
            .as_ref()
            .and_then(|source| source.grey.as_ref())
        {
            state.record_grey_ratio(grey)?;
        }
        Ok(Self { config, state })
    }
}
