//! `app.json`'s checks for a runtime without a dev server (the tools build): what the
//! server does for its pages, so the boot build never links them.

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wxrt_core::project::{AppConfig, LaunchConfig};

use crate::config::{config_value, js_value};

/// Checks the parsed `appJson` against the project's file list `files`, as WeChat
/// DevTools does, and returns what the runtime launches from (see `AppLifecycle`).
/// Throws an `Error` listing every problem, each naming the file and the JSON location.
#[wasm_bindgen(js_name = checkApp)]
pub fn check_app(app_json: &JsValue, files: Array) -> Result<JsValue, JsValue> {
    let files: Vec<String> = files.iter().filter_map(|file| file.as_string()).collect();
    let has_file = |path: &str| files.iter().any(|file| file == path);
    let app = AppConfig::from_value(&config_value(app_json), &has_file)
        .map_err(|errors| JsValue::from(js_sys::Error::new(&errors.to_string())))?;
    Ok(js_value(&LaunchConfig::of(&app).to_value()))
}
