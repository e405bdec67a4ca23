//! Background fetch on the server side: `wxrt serve` plays WeChat's server, which fetches
//! a mini-program's business data from the developer's server at cold start (数据预拉取,
//! "prefetch") while the code downloads, and the client's periodic update (周期性更新).
//! Core decides every rule (the URL and its parameters, grey routing, what is cached, the
//! token's limits); this module makes the requests and keeps what WeChat keeps.
//!
//! **Configuration**: the `backgroundFetch` object of the project's `wxrt.config.json`,
//! with `wxrt serve`'s flags over it ([`apply_flags`]):
//!
//! ```json
//! {"backgroundFetch": {
//!   "prefetchUrl": "http://127.0.0.1:3000/prefetch",
//!   "greyPrefetchUrl": "http://127.0.0.1:3000/prefetch-v2", "greyRatio": 20,
//!   "periodicUrl": "http://127.0.0.1:3000/periodic", "periodicIntervalSeconds": 43200
//! }}
//! ```
//!
//! **State** ([`StateStore`]): `<state dir>/background-fetch.json` (default
//! `<project>/.wxrt`) keeps the highest ratio used for each grey URL, which may never go
//! down (a new greyPrefetchUrl starts a new grey release), and each user's token. Both
//! are settled before the server listens ([`Setup::load`]).
//!
//! **The request.** A prefetch GETs the download URL for the user (the grey URL for the
//! grey share of users and for testers, see `POST /__wxrt/wechat/user`) with `appid`,
//! `token` (the user's) or else `code` (a fresh login code, which the developer's server
//! exchanges at `GET /sns/jscode2session` on this same server), `timestamp` (the WeChat
//! stand-in's clock, in ms, so `POST /__wxrt/wechat/clock` moves it), `path`, `query`,
//! `scene` and `customMiniprogramVersion` (`version` of project.config.json). A periodic
//! update GETs the periodic URL with `appid`, `token` and `timestamp`. Each fetch times
//! out after 10 s, reads at most 16 MiB, and prints one line to stderr:
//! `wxrt background fetch pre user=alice GET <url> → HTTP 200, 1234 bytes, cached`.
//!
//! **Routes** (project mode):
//!
//! - `GET /` and `/index.html`: with a prefetch URL configured, the page load starts a
//!   prefetch for the launch its query describes (`user`, default `wxrt-user`; `path`,
//!   default app.json's `entryPagePath` or first page; `query`, the launch query string;
//!   `scene`, default 1001), and `<!-- wxrt:launch -->` in the page becomes
//!   `<link rel="preload" id="wxrt-launch-prefetch" href="/__wxrt/background-fetch/launch/<id>" as="fetch" crossorigin>`;
//!   without one the marker is removed.
//! - `GET /__wxrt/background-fetch/launch/<id>`: waits for that prefetch and answers its
//!   outcome; the last 64 launches can be read, as often as asked; another id is 404.
//! - `POST /__wxrt/background-fetch/prefetch` with `{"user", "path"?, "query"?,
//!   "scene"?}`: a prefetch now (a cold start within the page); its outcome.
//! - `POST /__wxrt/background-fetch/periodic` with `{"user"}`: a periodic update now;
//!   its outcome.
//! - `POST /__wxrt/background-fetch/token` with `{"user", "token"}`: stores the user's
//!   token (`wx.setBackgroundFetchToken`); answers `{}`.
//!
//! An outcome ([`Outcome`]) is `{"fetchType": "pre" | "periodic", "url": string | null,
//! "params": [[name, value], …], "grey": bool, "status": number | null, "bytes": number
//! | null, "cached": bool, "reason": string | null, "fetchedData": string | null,
//! "preview": string | null, "path": string, "query": string, "scene": number}`;
//! `reason` says why nothing was cached (core's reason, `request failed: …`,
//! `no prefetchUrl in wxrt.config.json`, `no periodicUrl in wxrt.config.json`, `token
//! not set, maybe you should setBackgroundFetchToken first`). A body that is not the JSON
//! asked for, or a user name the WeChat stand-in refuses, is 400 `{"error": "…"}`, as is
//! a token core refuses; another method is 405 `{"error": "…"}`.

mod config;
mod fetch;
mod launches;
mod routes;
mod service;
mod setup;
mod state;

pub use config::{apply_flags, FlagError};
pub use fetch::{Outcome, MAX_READ_BYTES, PREVIEW_CHARS, TIMEOUT};
pub use launches::KEPT as KEPT_LAUNCHES;
pub use routes::{LAUNCH_MARKER, PREFIX};
pub use service::{DEFAULT_SCENE, DEFAULT_USER, NO_PERIODIC_URL, NO_PREFETCH_URL};
pub use setup::{Setup, SetupError};
pub use state::{StateError, StateStore, DEFAULT_STATE_DIR, STATE_FILE};

pub(crate) use routes::{find_marker, hide_state_dir, launch_link, replace_marker, routes};
pub(crate) use service::BackgroundFetch;
