//! Background fetch as `wxrt serve` plays it for one project: WeChat's server prefetching
//! at cold start, the periodic update, the users' tokens, and the launches started by
//! page loads. The routes and the preview page call into it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use wxrt_core::background_fetch::{
    check_token, download_url, BackgroundFetchConfig, BackgroundFetchError, Download, FetchRequest,
    FetchType, Identity, LaunchContext,
};
use wxrt_core::login::check_user;

use super::fetch::{self, Outcome};
use super::launches::{LaunchError, Launches};
use super::setup::Setup;
use super::state::{StateError, StateStore};
use crate::bundle::BackgroundFetchSummary;
use crate::json_file;
use crate::project::{Project, APP_JSON};
use crate::wechat::{StandIn, StandInClock};

/// The user of a launch that names none, as the preview page calls its default user.
pub const DEFAULT_USER: &str = "wxrt-user";

/// The scene of a launch that names none: 1001, opened from the chat list's top.
pub const DEFAULT_SCENE: u32 = 1001;

/// The reason of a prefetch asked for without a prefetch URL configured.
pub const NO_PREFETCH_URL: &str = "no prefetchUrl in wxrt.config.json";

/// The reason of a periodic update asked for without a periodic URL configured.
pub const NO_PERIODIC_URL: &str = "no periodicUrl in wxrt.config.json";

/// A launch as asked for by the page; what is left out takes its default.
#[derive(Debug, Clone, Default)]
pub(crate) struct LaunchRequest {
    /// The launch page; default: app.json's `entryPagePath`, else its first page.
    pub path: Option<String>,
    /// The launch query string (`id=7&from=share`); default empty.
    pub query: Option<String>,
    /// The scene; default [`DEFAULT_SCENE`].
    pub scene: Option<u32>,
}

/// Why a token was not stored.
#[derive(Debug, thiserror::Error)]
pub(crate) enum TokenError {
    /// Core refused the token (empty, too long).
    #[error(transparent)]
    Refused(BackgroundFetchError),
    /// The state file could not be written.
    #[error(transparent)]
    State(#[from] StateError),
    /// The blocking write could not run.
    #[error("storing the token failed: {0}")]
    Task(String),
}

/// The project's background fetch; clones share it.
#[derive(Clone)]
pub(crate) struct BackgroundFetch {
    inner: Arc<Inner>,
}

struct Inner {
    config: BackgroundFetchConfig,
    state: StateStore,
    stand_in: StandIn,
    clock: StandInClock,
    client: Result<reqwest::Client, String>,
    appid: String,
    /// Read again at each prefetch for `version`, so an edit applies on the next one.
    project_dir: PathBuf,
    /// Where app.json is, for the default launch path.
    code_root: PathBuf,
    launches: Launches,
}

impl BackgroundFetch {
    /// Background fetch for the app `appid` whose project is `project_dir` (code in
    /// `code_root`), with login codes from `stand_in` and the time from `clock`.
    pub(crate) fn new(
        setup: Setup,
        stand_in: StandIn,
        clock: StandInClock,
        appid: String,
        project_dir: &Path,
        code_root: &Path,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                config: setup.config,
                state: setup.state,
                stand_in,
                clock,
                client: fetch::client(),
                appid,
                project_dir: project_dir.to_path_buf(),
                code_root: code_root.to_path_buf(),
                launches: Launches::default(),
            }),
        }
    }

    /// What the page is told is configured.
    pub(crate) fn summary(&self) -> BackgroundFetchSummary {
        let config = &self.inner.config;
        BackgroundFetchSummary {
            prefetch: config.prefetch.is_some(),
            periodic: config.periodic_url.is_some(),
            periodic_interval_ms: config.periodic_interval_ms,
        }
    }

    /// Whether page loads start a prefetch.
    pub(crate) fn prefetches(&self) -> bool {
        self.inner.config.prefetch.is_some()
    }

    /// `request` with its defaults filled in. The default path comes from app.json,
    /// read now so an edit applies on the next launch.
    pub(crate) async fn launch_context(&self, request: LaunchRequest) -> LaunchContext {
        let path = match request.path {
            Some(path) => path,
            None => {
                let code_root = self.inner.code_root.clone();
                tokio::task::spawn_blocking(move || entry_page(&code_root))
                    .await
                    .unwrap_or_default()
            }
        };
        LaunchContext {
            // WeChat passes the path without its leading slash.
            path: path.trim_start_matches('/').to_owned(),
            query: request.query.unwrap_or_default(),
            scene: request.scene.unwrap_or(DEFAULT_SCENE),
        }
    }

    /// Starts the prefetch of a page load in the background and returns its launch id,
    /// under which [`BackgroundFetch::launch_outcome`] answers.
    ///
    /// # Errors
    ///
    /// The operating system's random generator failed, so there is no id.
    pub(crate) fn start_launch(
        &self,
        user: String,
        request: LaunchRequest,
    ) -> Result<String, getrandom::Error> {
        let id = launch_id()?;
        let done = self.inner.launches.start(id.clone());
        // The launch's time is the page request's: the prefetch belongs to that moment
        // however late a busy machine gets round to sending it.
        let at = self.inner.clock.now_ms();
        let service = self.clone();
        tokio::spawn(async move {
            let launch = service.launch_context(request).await;
            done.finish(service.prefetch_at(&user, launch, Some(at)).await);
        });
        Ok(id)
    }

    /// The outcome of the launch `id`, once its prefetch has ended.
    pub(crate) async fn launch_outcome(&self, id: &str) -> Result<Arc<Outcome>, LaunchError> {
        self.inner.launches.outcome(id).await
    }

    /// The prefetch of `user`'s cold start `launch`, now: the download URL for this user
    /// (grey or not), the user's token or else a fresh login code, and the GET.
    pub(crate) async fn prefetch(&self, user: &str, launch: LaunchContext) -> Outcome {
        self.prefetch_at(user, launch, None).await
    }

    /// [`Self::prefetch`] with its `timestamp` (and login code) of the time `at` (ms), when
    /// given, instead of now.
    async fn prefetch_at(&self, user: &str, launch: LaunchContext, at: Option<u64>) -> Outcome {
        let outcome = self.try_prefetch(user, &launch, at).await;
        eprintln!("{}", outcome.log_line(user));
        outcome
    }

    async fn try_prefetch(&self, user: &str, launch: &LaunchContext, at: Option<u64>) -> Outcome {
        let inner = &self.inner;
        let not_sent = |reason: String| Outcome::not_sent(FetchType::Pre, launch, reason);
        let Some(source) = &inner.config.prefetch else {
            return not_sent(NO_PREFETCH_URL.to_owned());
        };
        if let Err(err) = check_user(user) {
            return not_sent(err.to_string());
        }
        let now = at.unwrap_or_else(|| inner.clock.now_ms());
        let appid = inner.appid.clone();
        let token = inner.state.token(user);
        let owned_user = user.to_owned();
        let found = inner
            .stand_in
            .with(move |stand_in| {
                let tester = stand_in.user_flags(&appid, &owned_user).tester;
                let identity = match token {
                    Some(token) => Ok(Identity::Token(token)),
                    // The code WeChat's server makes for the developer's server, which
                    // exchanges it at jscode2session like a wx.login code.
                    None => stand_in
                        .login(&appid, &owned_user, now)
                        .map(|grant| Identity::Code(grant.code)),
                };
                (tester, identity)
            })
            .await;
        let (tester, identity) = match found {
            Ok((tester, Ok(identity))) => (tester, identity),
            Ok((_, Err(err))) => return not_sent(format!("no login code: {err}")),
            Err(err) => return not_sent(format!("no login code: {err}")),
        };
        let download = download_url(source, &inner.appid, user, tester);
        let version = self.version().await;
        let request = FetchRequest::prefetch(
            download.url(),
            &inner.appid,
            &identity,
            now,
            launch,
            &version,
        );
        let grey = matches!(download, Download::Grey(_));
        fetch::perform(&inner.client, &request, grey, launch).await
    }

    /// A periodic update for `user`, now, with the user's token.
    pub(crate) async fn periodic(&self, user: &str) -> Outcome {
        let outcome = self.try_periodic(user).await;
        eprintln!("{}", outcome.log_line(user));
        outcome
    }

    async fn try_periodic(&self, user: &str) -> Outcome {
        let inner = &self.inner;
        let launch = LaunchContext {
            path: String::new(),
            query: String::new(),
            scene: 0,
        };
        let not_sent = |reason: String| Outcome::not_sent(FetchType::Periodic, &launch, reason);
        let Some(url) = &inner.config.periodic_url else {
            return not_sent(NO_PERIODIC_URL.to_owned());
        };
        let Some(token) = inner.state.token(user) else {
            return not_sent(BackgroundFetchError::TokenNotSet.to_string());
        };
        let request = FetchRequest::periodic(url, &inner.appid, &token, inner.clock.now_ms());
        fetch::perform(&inner.client, &request, false, &launch).await
    }

    /// `wx.setBackgroundFetchToken` reaching WeChat's server: checks `token` and stores
    /// it as `user`'s for the next fetches.
    pub(crate) async fn set_token(&self, user: &str, token: String) -> Result<(), TokenError> {
        check_token(&token).map_err(TokenError::Refused)?;
        let service = self.clone();
        let user = user.to_owned();
        tokio::task::spawn_blocking(move || service.inner.state.set_token(&user, &token))
            .await
            .map_err(|err| TokenError::Task(err.to_string()))??;
        Ok(())
    }

    /// `version` from project.config.json, read now; empty without one.
    async fn version(&self) -> String {
        let dir = self.inner.project_dir.clone();
        tokio::task::spawn_blocking(move || Project::load(&dir).ok().and_then(|p| p.version))
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }
}

/// 16 random bytes as hex.
fn launch_id() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// app.json's `entryPagePath`, else its first page; empty when app.json cannot be read
/// (the page reports that).
fn entry_page(code_root: &Path) -> String {
    let Ok(bytes) = std::fs::read(code_root.join(APP_JSON)) else {
        return String::new();
    };
    let Ok(app) = json_file::parse_object(&bytes) else {
        return String::new();
    };
    let entry = app
        .get("entryPagePath")
        .and_then(serde_json::Value::as_str)
        .filter(|entry| !entry.is_empty());
    let first = || {
        app.get("pages")
            .and_then(serde_json::Value::as_array)
            .and_then(|pages| pages.first())
            .and_then(serde_json::Value::as_str)
    };
    entry.or_else(first).unwrap_or_default().to_owned()
}
