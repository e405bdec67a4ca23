//! The bundle's `launch` member: app.json checked here, once, as core's
//! [`LaunchConfig`], so the page launches without linking app.json's checks.

use std::collections::BTreeMap;

use serde_json::Value;
use wxrt_core::project::{AppConfig, LaunchConfig, APP_JSON};

use crate::json_file;

/// app.json as core checks it, for the bundle's problems and its `launch`; `None` when
/// app.json is missing, unreadable or has errors: the page then checks it itself and
/// shows them as it cannot start.
pub fn checked_app(files: &BTreeMap<String, String>) -> Option<AppConfig> {
    let app_json = json_file::config_value(files.get(APP_JSON)?.as_bytes())?;
    AppConfig::from_value(&app_json, &|path| files.contains_key(path)).ok()
}

/// What the page launches from: `app` as core's [`LaunchConfig`] writes it.
pub fn launch_json(app: &AppConfig) -> Value {
    json_file::json_value(&LaunchConfig::of(app).to_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of_files(files: &BTreeMap<String, String>) -> Option<Value> {
        checked_app(files).as_ref().map(launch_json)
    }

    fn files(app_json: &str) -> BTreeMap<String, String> {
        BTreeMap::from([
            ("app.json".to_owned(), app_json.to_owned()),
            ("pages/a/a.js".to_owned(), String::new()),
        ])
    }

    #[test]
    fn a_checked_app_json_launches_from_core_s_config() {
        let launch = of_files(&files(
            r#"{"pages": ["pages/a/a"], "networkTimeout": {"request": 900}}"#,
        ))
        .unwrap();
        assert_eq!(launch["pages"], serde_json::json!(["pages/a/a"]));
        assert_eq!(launch["entry"], "pages/a/a");
        assert_eq!(launch["networkTimeout"]["request"], 900);
        assert_eq!(launch["networkTimeout"]["uploadFile"], 60000);
    }

    #[test]
    fn an_app_json_with_errors_is_left_to_the_page() {
        assert_eq!(
            of_files(&files(r#"{"pages": ["pages/missing/missing"]}"#)),
            None
        );
        assert_eq!(of_files(&files("{")), None);
        assert_eq!(of_files(&BTreeMap::new()), None);
    }
}
