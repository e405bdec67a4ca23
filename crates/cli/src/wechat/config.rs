//! Where the stand-in's apps come from: a project's `wxrt.config.json` and `--app-secret`
//! for `wxrt serve`, and `--app` / `--config` for `wxrt wechat-server`.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Map, Value};
use wxrt_core::background_fetch::BackgroundFetchConfig;
use wxrt_core::login::{AppRegistration, StandInConfig, WeChatStandIn};
use wxrt_core::project::{ConfigErrors, ConfigValue};
use wxrt_core::random::RandomSource as _;

use super::stand_in::OsRandom;
use crate::json_file::{self, JsonFileError};
use crate::project::{self, Project};

/// wxrt's own project file, in the project folder beside `project.config.json`:
/// `{"appSecret": "…", "unionid": true, "backgroundFetch": {…}}`. It holds a secret, so
/// it is never served and never part of the page's bundle; keep it out of version
/// control too.
pub const LOCAL_CONFIG_FILE: &str = "wxrt.config.json";

/// What a valid [`LOCAL_CONFIG_FILE`] says. Keys it does not know are ignored, so
/// later versions can add some.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct LocalConfig {
    /// `appSecret`: the AppSecret the developer's backend sends to `jscode2session`.
    pub app_secret: Option<String>,
    /// `unionid`: whether `jscode2session` also answers the user's unionid.
    pub unionid: bool,
    /// `backgroundFetch`: what WeChat's admin console holds for background fetch
    /// (`prefetchUrl`, `greyPrefetchUrl`, `greyRatio`, `periodicUrl`,
    /// `periodicIntervalSeconds`), read by core; all off without it.
    pub background_fetch: BackgroundFetchConfig,
}

impl fmt::Debug for LocalConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Debug output ends up in logs and panics; the secret must not.
        f.debug_struct("LocalConfig")
            .field("app_secret", &self.app_secret.as_ref().map(|_| "<hidden>"))
            .field("unionid", &self.unionid)
            .field("background_fetch", &self.background_fetch)
            .finish()
    }
}

/// Why a [`LOCAL_CONFIG_FILE`] cannot be used. Each message starts with the file's name.
#[derive(Debug, thiserror::Error)]
pub enum LocalConfigError {
    /// The file exists but could not be read.
    #[error("wxrt.config.json: cannot read: {0}")]
    Unreadable(#[source] io::Error),
    /// The file is not UTF-8.
    #[error("wxrt.config.json: not UTF-8 text")]
    NotUtf8,
    /// The file is not JSON.
    #[error("wxrt.config.json: bad JSON at line {line}, column {column}: {message}")]
    BadJson {
        /// 1-based line of the problem.
        line: usize,
        /// Column of the problem, as serde_json counts it.
        column: usize,
        /// serde_json's description, without its own position suffix.
        message: String,
    },
    /// The file is JSON but not an object.
    #[error("wxrt.config.json: should be an Object")]
    NotAnObject,
    /// `appSecret` is not a string.
    #[error("wxrt.config.json: appSecret should be a String")]
    SecretNotAString,
    /// `appSecret` is the empty string, which WeChat treats as no secret (41004).
    #[error("wxrt.config.json: appSecret should not be empty")]
    SecretEmpty,
    /// `unionid` is not a boolean.
    #[error("wxrt.config.json: unionid should be a Boolean")]
    UnionidNotABool,
    /// `backgroundFetch` is not what core accepts; one line per problem, each starting
    /// with the file's name.
    #[error(transparent)]
    BackgroundFetch(ConfigErrors),
}

/// Reads `<dir>/wxrt.config.json`; `Ok(None)` when there is none.
///
/// # Errors
///
/// A [`LocalConfigError`] when the file is unreadable, not a JSON object, or has
/// `appSecret` other than a non-empty string, `unionid` other than a boolean or a
/// `backgroundFetch` that core refuses (`null` counts as absent for all three).
pub fn load_local_config(dir: &Path) -> Result<Option<LocalConfig>, LocalConfigError> {
    let bytes = match std::fs::read(dir.join(LOCAL_CONFIG_FILE)) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(LocalConfigError::Unreadable(err)),
    };
    parse_local_config(&bytes).map(Some)
}

fn parse_local_config(bytes: &[u8]) -> Result<LocalConfig, LocalConfigError> {
    let map = json_file::parse_object(bytes).map_err(|error| match error {
        JsonFileError::NotUtf8 => LocalConfigError::NotUtf8,
        JsonFileError::BadJson {
            line,
            column,
            message,
        } => LocalConfigError::BadJson {
            line,
            column,
            message,
        },
        JsonFileError::NotAnObject => LocalConfigError::NotAnObject,
    })?;
    let background_fetch = match map.get("backgroundFetch") {
        None | Some(Value::Null) => BackgroundFetchConfig::default(),
        // Read again as core's value, whose objects keep the file's order (serde_json's
        // map sorts its keys, and a repeated key must resolve as the page would).
        Some(_) => {
            let value = json_file::config_value(bytes)
                .and_then(|file| file.get("backgroundFetch").cloned())
                .unwrap_or(ConfigValue::Null);
            BackgroundFetchConfig::from_value(&value, LOCAL_CONFIG_FILE)
                .map_err(LocalConfigError::BackgroundFetch)?
        }
    };
    Ok(LocalConfig {
        background_fetch,
        ..local_config(&map)?
    })
}

fn local_config(map: &Map<String, Value>) -> Result<LocalConfig, LocalConfigError> {
    let app_secret = match map.get("appSecret") {
        None | Some(Value::Null) => None,
        Some(Value::String(secret)) if secret.is_empty() => {
            return Err(LocalConfigError::SecretEmpty)
        }
        Some(Value::String(secret)) => Some(secret.clone()),
        Some(_) => return Err(LocalConfigError::SecretNotAString),
    };
    let unionid = match map.get("unionid") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(unionid)) => *unionid,
        Some(_) => return Err(LocalConfigError::UnionidNotABool),
    };
    Ok(LocalConfig {
        app_secret,
        unionid,
        background_fetch: BackgroundFetchConfig::default(),
    })
}

/// How `wxrt serve` sets up the stand-in for a project: the app to register, and what
/// to tell the developer about it at startup.
#[derive(Debug, Default)]
pub struct ProjectSetup {
    /// The project's app (none when `project.config.json` or `wxrt.config.json` is
    /// unusable). Its secret is `--app-secret`, else `appSecret` from
    /// `wxrt.config.json`, else random (see [`ProjectSetup::new`]).
    pub apps: Vec<AppRegistration>,
    /// Messages for stderr, each printed once after `wxrt: `.
    pub notices: Vec<String>,
}

impl ProjectSetup {
    /// Decides the registration of `project`'s appid, with `app_secret` from the
    /// command line.
    ///
    /// - The secret is `app_secret`, else `appSecret` from `<project dir>/wxrt.config.json`.
    /// - Without either the app is registered with 32 random hex characters that
    ///   nobody is told, so `jscode2session` answers 40125 (invalid appsecret) as
    ///   WeChat does for a wrong secret, while `wx.login` in the page still works;
    ///   a notice says how to set one.
    /// - An unusable `wxrt.config.json` is a notice naming the file, and the app is
    ///   not registered at all (`jscode2session` answers 40013, invalid appid), so a
    ///   half-read file never passes for a configured one; `wx.login` still works.
    /// - Without a usable project (`None`) nothing is registered and nothing said:
    ///   the project's own error has been reported already.
    #[must_use]
    pub fn new(project: Option<&Project>, app_secret: Option<&str>) -> Self {
        let Some(project) = project else {
            return Self::default();
        };
        let appid = project.appid.clone();
        let config = match load_local_config(&project.dir) {
            Ok(config) => config.unwrap_or_default(),
            Err(err) => {
                return Self {
                    apps: Vec::new(),
                    notices: vec![format!(
                        "{err}; the file is ignored and jscode2session will answer \
                         40013 for {appid} until it is fixed"
                    )],
                }
            }
        };
        let mut notices = Vec::new();
        let secret = match app_secret.map(str::to_owned).or(config.app_secret) {
            Some(secret) => secret,
            None => {
                notices.push(format!(
                    "no app secret for {appid}: jscode2session will answer 40125 until you \
                     pass --app-secret or set appSecret in {LOCAL_CONFIG_FILE}"
                ));
                unguessable_secret()
            }
        };
        let app = AppRegistration {
            appid: appid.clone(),
            secret,
            unionid: config.unionid,
        };
        // Core's rule for appids, asked of a throwaway stand-in so it is stated once.
        let mut probe = WeChatStandIn::new(StandInConfig::default(), Box::new(OsRandom));
        if let Err(err) = probe.register_app(app.clone()) {
            notices.push(format!(
                "{}: {err}; wx.login and jscode2session will fail for it",
                project::CONFIG_FILE
            ));
            return Self {
                apps: Vec::new(),
                notices,
            };
        }
        Self {
            apps: vec![app],
            notices,
        }
    }
}

/// 128 random bits as hex: a secret the stand-in checks but nobody knows.
fn unguessable_secret() -> String {
    let mut bytes = [0u8; 16];
    OsRandom.fill(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// One `--app APPID:SECRET[:unionid]` of `wxrt wechat-server`.
#[derive(Clone, PartialEq, Eq)]
pub struct AppSpec {
    /// The appid.
    pub appid: String,
    /// The AppSecret `jscode2session` must present.
    pub secret: String,
    /// Whether `jscode2session` also answers the unionid.
    pub unionid: bool,
}

impl fmt::Debug for AppSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppSpec")
            .field("appid", &self.appid)
            .field("secret", &"<hidden>")
            .field("unionid", &self.unionid)
            .finish()
    }
}

impl From<AppSpec> for AppRegistration {
    fn from(spec: AppSpec) -> Self {
        Self {
            appid: spec.appid,
            secret: spec.secret,
            unionid: spec.unionid,
        }
    }
}

/// Why an `--app` value cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppSpecError {
    /// Not `APPID:SECRET` or `APPID:SECRET:unionid`.
    #[error("expected APPID:SECRET or APPID:SECRET:unionid")]
    Shape,
    /// The appid part is empty.
    #[error("the appid is empty")]
    EmptyAppid,
    /// The secret part is empty.
    #[error("the secret is empty")]
    EmptySecret,
    /// The third part is something other than `unionid`.
    #[error("the third part may only be `unionid`, not {0:?}")]
    Flag(String),
}

impl std::str::FromStr for AppSpec {
    type Err = AppSpecError;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let mut parts = value.split(':');
        let (Some(appid), Some(secret)) = (parts.next(), parts.next()) else {
            return Err(AppSpecError::Shape);
        };
        let unionid = match parts.next() {
            None => false,
            Some("unionid") => true,
            Some(other) => return Err(AppSpecError::Flag(other.to_owned())),
        };
        if parts.next().is_some() {
            return Err(AppSpecError::Shape);
        }
        if appid.is_empty() {
            return Err(AppSpecError::EmptyAppid);
        }
        if secret.is_empty() {
            return Err(AppSpecError::EmptySecret);
        }
        Ok(Self {
            appid: appid.to_owned(),
            secret: secret.to_owned(),
            unionid,
        })
    }
}

/// The `--config FILE` of `wxrt wechat-server`:
/// `{"apps": [{"appid": "…", "secret": "…", "unionid": true}]}`, `unionid` optional.
/// Unknown keys are refused, so a misspelt `unionId` is not silently ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerConfig {
    apps: Vec<ServerApp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerApp {
    appid: String,
    secret: String,
    #[serde(default)]
    unionid: bool,
}

/// Why a `wxrt wechat-server --config` file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ServerConfigError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Unreadable {
        /// The file as given.
        file: PathBuf,
        /// What the file system reported.
        source: io::Error,
    },
    /// The file is not the expected JSON.
    #[error("{}: {source}", file.display())]
    Invalid {
        /// The file as given.
        file: PathBuf,
        /// What serde_json reported, with the position.
        source: serde_json::Error,
    },
    /// An app has an empty appid or secret.
    #[error("{}: apps[{index}] has an empty {field}", file.display())]
    Empty {
        /// The file as given.
        file: PathBuf,
        /// Position of the app in `apps`.
        index: usize,
        /// `appid` or `secret`.
        field: &'static str,
    },
}

/// Reads a `wxrt wechat-server --config` file.
///
/// # Errors
///
/// A [`ServerConfigError`] naming `file` when it is unreadable, not
/// `{"apps": [{"appid": String, "secret": String, "unionid"?: Boolean}]}`, or an app
/// has an empty appid or secret.
pub fn load_server_config(file: &Path) -> Result<Vec<AppSpec>, ServerConfigError> {
    let text = std::fs::read_to_string(file).map_err(|source| ServerConfigError::Unreadable {
        file: file.to_path_buf(),
        source,
    })?;
    let config: ServerConfig = serde_json::from_str(
        text.strip_prefix(json_file::BOM).unwrap_or(&text),
    )
    .map_err(|source| ServerConfigError::Invalid {
        file: file.to_path_buf(),
        source,
    })?;
    config
        .apps
        .into_iter()
        .enumerate()
        .map(|(index, app)| {
            let empty = |field| ServerConfigError::Empty {
                file: file.to_path_buf(),
                index,
                field,
            };
            if app.appid.is_empty() {
                return Err(empty("appid"));
            }
            if app.secret.is_empty() {
                return Err(empty("secret"));
            }
            Ok(AppSpec {
                appid: app.appid,
                secret: app.secret,
                unionid: app.unionid,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{parse_local_config, AppSpec, AppSpecError, LocalConfigError};

    #[test]
    fn app_specs() {
        let spec: AppSpec = "wx1:s3cret".parse().expect("valid");
        assert_eq!(
            (spec.appid.as_str(), spec.secret.as_str(), spec.unionid),
            ("wx1", "s3cret", false)
        );
        let spec: AppSpec = "wx1:s3cret:unionid".parse().expect("valid");
        assert!(spec.unionid);
        assert_eq!("wx1".parse::<AppSpec>(), Err(AppSpecError::Shape));
        assert_eq!(
            "wx1:s:unionid:x".parse::<AppSpec>(),
            Err(AppSpecError::Shape)
        );
        assert_eq!(":s".parse::<AppSpec>(), Err(AppSpecError::EmptyAppid));
        assert_eq!("wx1:".parse::<AppSpec>(), Err(AppSpecError::EmptySecret));
        assert_eq!(
            "wx1:s:union".parse::<AppSpec>(),
            Err(AppSpecError::Flag("union".to_owned()))
        );
        assert!(!format!("{spec:?}").contains("s3cret"));
    }

    #[test]
    fn local_config_types_are_checked() {
        let config = parse_local_config(br#"{"appSecret": "abc", "unionid": true, "other": 1}"#)
            .expect("valid");
        assert_eq!(config.app_secret.as_deref(), Some("abc"));
        assert!(config.unionid);
        assert!(!format!("{config:?}").contains("abc"));
        let empty = parse_local_config(b"{}").expect("valid");
        assert_eq!(empty.app_secret, None);
        assert!(!empty.unionid);
        assert!(matches!(
            parse_local_config(br#"{"appSecret": 1}"#),
            Err(LocalConfigError::SecretNotAString)
        ));
        assert!(matches!(
            parse_local_config(br#"{"appSecret": ""}"#),
            Err(LocalConfigError::SecretEmpty)
        ));
        assert!(matches!(
            parse_local_config(br#"{"unionid": "yes"}"#),
            Err(LocalConfigError::UnionidNotABool)
        ));
        assert!(matches!(
            parse_local_config(b"[]"),
            Err(LocalConfigError::NotAnObject)
        ));
        assert!(matches!(
            parse_local_config(b"\xff"),
            Err(LocalConfigError::NotUtf8)
        ));
        let Err(LocalConfigError::BackgroundFetch(errors)) = parse_local_config(
            br#"{"backgroundFetch": {"periodicUrl": "ftp://x", "greyRatio": 120}}"#,
        ) else {
            panic!("backgroundFetch is checked");
        };
        // Every problem, in core's order.
        assert_eq!(
            errors.messages(),
            [
                r#"wxrt.config.json: ["backgroundFetch"]["greyRatio"] should be a whole number from 0 to 100, got 120"#,
                r#"wxrt.config.json: ["backgroundFetch"]["greyPrefetchUrl"] is required"#,
                r#"wxrt.config.json: ["backgroundFetch"]["periodicUrl"] "ftp://x" should be an http:// or https:// URL"#,
            ]
        );
        let config =
            parse_local_config(br#"{"backgroundFetch": {"prefetchUrl": "http://127.0.0.1:9/p"}}"#)
                .expect("valid");
        assert_eq!(
            config.background_fetch.prefetch.map(|source| source.url),
            Some("http://127.0.0.1:9/p".to_owned())
        );
        let bad = parse_local_config(b"{\"appSecret\": ").expect_err("bad JSON");
        assert!(
            bad.to_string()
                .starts_with("wxrt.config.json: bad JSON at line 1, column 14: "),
            "{bad}"
        );
    }
}
