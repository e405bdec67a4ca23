//! A mini-program project's configuration files (`app.json`, page `.json`): reading and
//! validating them.
//!
//! The JSON text is parsed by the host (`JSON.parse` in the browser, serde_json in the
//! CLI) and handed over as a [`ConfigValue`]. Validation follows WeChat DevTools and
//! reports every problem at once, each naming the file and the JSON location.
//!
//! ```
//! use wxrt_core::project::{AppConfig, ConfigValue, PageConfig};
//!
//! let app_json = ConfigValue::object([
//!     ("pages", vec!["pages/index/index", "pages/logs/logs"].into()),
//!     ("window", ConfigValue::object([("navigationBarTitleText", "Weixin".into())])),
//! ]);
//! let files = ["pages/index/index.js", "pages/logs/logs.js"];
//! let has_file = |path: &str| files.contains(&path);
//! let app = AppConfig::from_value(&app_json, &has_file).unwrap();
//! assert_eq!(app.entry_page(), "pages/index/index");
//!
//! let logs_json = ConfigValue::object([("navigationBarTitleText", "Logs".into())]);
//! let logs = PageConfig::from_value(&logs_json, "pages/logs/logs.json").unwrap();
//! assert_eq!(app.window_for(&logs).navigation_bar_title_text, "Logs");
//!
//! let broken = ConfigValue::object([
//!     ("pages", vec![ConfigValue::from("pages/index/index"), 3.into()].into()),
//!     ("tabBar", ConfigValue::object([("list", ConfigValue::Array(vec![]))])),
//! ]);
//! let errors = AppConfig::from_value(&broken, &has_file).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     [
//!         r#"app.json: ["pages"][1] should be String, got Number"#,
//!         r#"app.json: ["tabBar"]["list"] should have 2 to 5 items, got 0"#,
//!     ]
//!     .join("\n")
//! );
//! ```

mod app_json;
pub(crate) mod check;
mod error;
mod launch;
mod network_timeout;
mod page_json;
mod resolve_alias;
mod route;
mod subpackage;
mod tab_bar;
mod value;
mod window;

pub use app_json::{app_window, AppConfig, CodeLoading, APP_JSON};
pub use error::{ConfigError, ConfigErrorKind, ConfigErrors, PathProblem};
pub use launch::LaunchConfig;
pub use network_timeout::{NetworkTimeout, DEFAULT_TIMEOUT_MS};
pub use page_json::PageConfig;
pub use resolve_alias::{ResolveAlias, RESOLVE_ALIAS};
pub use subpackage::Subpackage;
pub use tab_bar::{BorderStyle, TabBarConfig, TabBarPosition, TabItem, MAX_TABS, MIN_TABS};
pub use value::ConfigValue;
pub use window::{
    BackgroundTextStyle, NavigationBarTextStyle, NavigationStyle, WindowConfig, WindowOverrides,
};
