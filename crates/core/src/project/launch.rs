//! What a runtime needs of a checked `app.json` to launch (its routes, network timeouts
//! and module path aliases) as a small JSON object, made where `app.json` is checked: by
//! the dev server, or by the tools build in a page without one. A page launches from it
//! without linking `app.json`'s checks, a twentieth of what it downloads before its first
//! page. The window
//! is not in it: darkmode's `@` values resolve in the page, which reads app.json's
//! `window` itself ([`super::app_window`]).
//!
//! ```
//! use wxrt_core::project::{AppConfig, ConfigValue, LaunchConfig};
//!
//! let app_json = ConfigValue::object([("pages", vec!["pages/a/a", "pages/b/b"].into())]);
//! let app = AppConfig::from_value(&app_json, &|_| true).unwrap();
//! let sent = LaunchConfig::of(&app).to_value();
//! let launch = LaunchConfig::from_value(&sent).unwrap();
//! assert_eq!(launch.routes.entry, "pages/a/a");
//! assert_eq!(launch, LaunchConfig::of(&app));
//! ```

use super::app_json::AppConfig;
use super::network_timeout::NetworkTimeout;
use super::resolve_alias::{ResolveAlias, RESOLVE_ALIAS};
use super::value::ConfigValue;
use crate::lifecycle::RouteTable;

/// A checked `app.json`, as a launch needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchConfig {
    /// The pages, tab pages, entry page and whether page code loads lazily.
    pub routes: RouteTable,
    /// `networkTimeout`, WeChat's defaults filled in.
    pub network_timeout: NetworkTimeout,
    /// `resolveAlias`, for the module loader.
    pub resolve_alias: ResolveAlias,
}

const TIMEOUTS: [&str; 4] = ["request", "connectSocket", "uploadFile", "downloadFile"];

impl LaunchConfig {
    /// What launching `app` needs.
    pub fn of(app: &AppConfig) -> Self {
        Self {
            routes: RouteTable {
                tab_pages: app.tab_pages().into_iter().map(str::to_owned).collect(),
                entry: app.entry_page().to_owned(),
                lazy_pages: app.lazy_code_loading.is_some(),
                pages: app.pages.clone(),
            },
            network_timeout: app.network_timeout,
            resolve_alias: app.resolve_alias.clone(),
        }
    }

    /// `{"pages": […], "tabPages": […], "entry": "…", "lazyPages": bool,
    /// "networkTimeout": {"request": ms, "connectSocket": ms, "uploadFile": ms,
    /// "downloadFile": ms}, "resolveAlias": {"@/*": "/*"}}`.
    pub fn to_value(&self) -> ConfigValue {
        let RouteTable {
            pages,
            tab_pages,
            entry,
            lazy_pages,
        } = &self.routes;
        let timeouts = self.timeouts().map(|ms| f64::from(ms).into());
        ConfigValue::object([
            ("pages", pages.clone().into()),
            ("tabPages", tab_pages.clone().into()),
            ("entry", entry.clone().into()),
            ("lazyPages", (*lazy_pages).into()),
            (
                "networkTimeout",
                ConfigValue::object(TIMEOUTS.into_iter().zip(timeouts)),
            ),
            (
                RESOLVE_ALIAS,
                ConfigValue::object(
                    self.resolve_alias
                        .entries()
                        .map(|(key, value)| (key, value.into())),
                ),
            ),
        ])
    }

    /// Reads what [`LaunchConfig::to_value`] made; `None` for anything else (a bundle of
    /// another wxrt version), which the runtime then checks `app.json` for itself.
    pub fn from_value(value: &ConfigValue) -> Option<Self> {
        let strings = |key: &str| -> Option<Vec<String>> {
            value
                .get(key)?
                .as_array()?
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect()
        };
        let timeouts = value.get("networkTimeout")?;
        let aliases = value.get(RESOLVE_ALIAS)?.as_object()?;
        let ms = |key: &str| match timeouts.get(key)? {
            // Checked already: a whole number of ms within u32.
            ConfigValue::Number(ms)
                if ms.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(ms) =>
            {
                Some(*ms as u32)
            }
            _ => None,
        };
        let [request, connect_socket, upload_file, download_file] = TIMEOUTS.map(ms);
        Some(Self {
            routes: RouteTable {
                pages: strings("pages")?,
                tab_pages: strings("tabPages")?,
                entry: value.get("entry")?.as_str()?.to_owned(),
                lazy_pages: matches!(value.get("lazyPages")?, ConfigValue::Bool(true)),
            },
            network_timeout: NetworkTimeout {
                request: request?,
                connect_socket: connect_socket?,
                upload_file: upload_file?,
                download_file: download_file?,
            },
            resolve_alias: ResolveAlias::of_members(aliases),
        })
    }

    fn timeouts(&self) -> [u32; 4] {
        let t = &self.network_timeout;
        [t.request, t.connect_socket, t.upload_file, t.download_file]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(json: ConfigValue) -> AppConfig {
        AppConfig::from_value(&json, &|_| true).unwrap()
    }

    #[test]
    fn round_trips_what_a_launch_needs() {
        let tab =
            |page: &str| ConfigValue::object([("pagePath", page.into()), ("text", "t".into())]);
        let app = app(ConfigValue::object([
            ("pages", vec!["pages/a/a", "pages/b/b"].into()),
            ("entryPagePath", "pages/b/b".into()),
            (
                "subpackages",
                vec![ConfigValue::object([
                    ("root", "pkg".into()),
                    ("pages", vec!["c/c"].into()),
                ])]
                .into(),
            ),
            (
                "tabBar",
                ConfigValue::object([("list", vec![tab("pages/a/a"), tab("pages/b/b")].into())]),
            ),
            (
                "networkTimeout",
                ConfigValue::object([("request", 1500.into())]),
            ),
            ("lazyCodeLoading", "requiredComponents".into()),
            (
                "resolveAlias",
                ConfigValue::object([("@/*", "/*".into()), ("@u/*", "utils/*".into())]),
            ),
        ]));
        let launch = LaunchConfig::of(&app);
        assert_eq!(launch.routes.pages, ["pages/a/a", "pages/b/b", "pkg/c/c"]);
        assert_eq!(launch.routes.tab_pages, ["pages/a/a", "pages/b/b"]);
        assert_eq!(launch.routes.entry, "pages/b/b");
        assert!(launch.routes.lazy_pages);
        assert_eq!(launch.network_timeout.request, 1500);
        assert_eq!(launch.network_timeout.upload_file, 60_000);
        assert_eq!(launch.resolve_alias.map("@u/a").as_deref(), Some("utils/a"));
        assert_eq!(LaunchConfig::from_value(&launch.to_value()), Some(launch));
    }

    #[test]
    fn refuses_what_it_did_not_make() {
        let made = LaunchConfig::of(&app(ConfigValue::object([(
            "pages",
            vec!["pages/a/a"].into(),
        )])))
        .to_value();
        assert!(LaunchConfig::from_value(&made).is_some());
        let ConfigValue::Object(members) = made else {
            unreachable!()
        };
        for (i, (key, _)) in members.iter().enumerate() {
            let mut without = members.clone();
            without.remove(i);
            assert_eq!(
                LaunchConfig::from_value(&ConfigValue::Object(without)),
                None,
                "{key}"
            );
        }
        let mut bad_timeout = members.clone();
        bad_timeout[4].1 = ConfigValue::object([("request", (-1).into())]);
        assert_eq!(
            LaunchConfig::from_value(&ConfigValue::Object(bad_timeout)),
            None
        );
        assert_eq!(LaunchConfig::from_value(&ConfigValue::Null), None);
    }
}
