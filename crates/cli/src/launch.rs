//! The bundle's `launch` member: app.json checked here, once, as core's
//! [`LaunchConfig`], so the page launches without linking app.json's checks.

use std::collections::BTreeMap;

use serde_json::{Map, Value};
use wxrt_core::project::{AppConfig, ConfigValue, LaunchConfig, APP_JSON};

use crate::json_file;

/// What the page launches from; `None` when app.json is missing, unreadable or has
/// errors: the page then checks it itself and shows them as it cannot start.
pub fn of_files(files: &BTreeMap<String, String>) -> Option<Value> {
    let app_json = json_file::config_value(files.get(APP_JSON)?.as_bytes())?;
    let app = AppConfig::from_value(&app_json, &|path| files.contains_key(path)).ok()?;
    Some(json_value(&LaunchConfig::of(&app).to_value()))
}

fn json_value(value: &ConfigValue) -> Value {
    match value {
        ConfigValue::Null => Value::Null,
        ConfigValue::Bool(flag) => Value::Bool(*flag),
        // Whole numbers (the timeouts) written as integers, as JSON.stringify would.
        ConfigValue::Number(number) if number.fract() == 0.0 && number.abs() < 2f64.powi(53) => {
            Value::from(*number as i64)
        }
        ConfigValue::Number(number) => {
            serde_json::Number::from_f64(*number).map_or(Value::Null, Value::Number)
        }
        ConfigValue::String(text) => Value::String(text.clone()),
        ConfigValue::Array(items) => Value::Array(items.iter().map(json_value).collect()),
        ConfigValue::Object(members) => Value::Object(
            members
                .iter()
                .map(|(key, member)| (key.clone(), json_value(member)))
                .collect::<Map<_, _>>(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
