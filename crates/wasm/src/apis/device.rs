//! The device: the glue of core's `apis::device` (the simulated phone's values as WeChat
//! reports them).

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::apis::device::{self as rules, sensors, theme, DeviceError};

use crate::error::fail;
use crate::options::set;

/// `[ms, kind]` of a vibration: `vibrateLong` when `long`, else `vibrateShort` of `kind`.
#[wasm_bindgen]
pub fn vibration(long: bool, kind: Option<String>) -> js_sys::Array {
    let (ms, kind) = rules::vibration(long, kind.as_deref());
    js_sys::Array::of2(&ms.into(), &kind.into())
}

/// The network type the phone setting `value` stands for.
#[wasm_bindgen(js_name = networkType)]
pub fn network_type(value: &str) -> String {
    rules::network_type(value).to_owned()
}

/// Whether requests go out on `network_type`.
#[wasm_bindgen(js_name = isConnected)]
pub fn is_connected(network_type: &str) -> bool {
    rules::is_connected(network_type)
}

/// `setScreenBrightness`'s value, or throws `setScreenBrightness:fail …`.
#[wasm_bindgen]
pub fn brightness(value: f64) -> Result<f64, JsValue> {
    rules::brightness(value).map_err(|reason| fail("setScreenBrightness", reason))
}

/// The battery percentage reported for the setting `value`.
#[wasm_bindgen(js_name = batteryLevel)]
pub fn battery_level(value: f64) -> u32 {
    rules::battery_level(value)
}

/// The text of `makePhoneCall`'s sheet for `number`.
#[wasm_bindgen(js_name = callSheet)]
pub fn call_sheet(number: &str) -> String {
    rules::call_sheet(number)
}

/// `api`'s cancel failure (`makePhoneCall` or `scanCode`).
#[wasm_bindgen]
pub fn cancelled(api: &str) -> JsValue {
    let api = if api == "makePhoneCall" {
        "makePhoneCall"
    } else {
        "scanCode"
    };
    fail(api, DeviceError::Cancel)
}

/// `scanCode`'s result for the simulated code: `{result, scanType, charSet, path, rawData,
/// errMsg}`.
#[wasm_bindgen]
pub fn scan(result: &str, scan_type: Option<String>, path: Option<String>) -> Object {
    let s = rules::scan(result, scan_type.as_deref(), path.as_deref());
    let out = Object::new();
    set(&out, "result", &s.result.into());
    set(&out, "scanType", &s.scan_type.into());
    set(&out, "charSet", &s.char_set.into());
    set(&out, "path", &s.path.into());
    set(&out, "rawData", &s.raw_data.into());
    set(&out, "errMsg", &"scanCode:ok".into());
    out
}

/// The accelerometer's sampling period (ms) for `interval`.
#[wasm_bindgen(js_name = accelerometerPeriod)]
pub fn accelerometer_period(interval: Option<String>) -> u32 {
    sensors::accelerometer_period(interval.as_deref())
}

/// `getAppAuthorizeSetting()` from the phone's `settings` (`{cameraAuthorized: 'denied'…}`).
#[wasm_bindgen(js_name = appAuthorizeSetting)]
pub fn app_authorize_setting(settings: &JsValue) -> Object {
    let out = Object::new();
    for name in rules::APP_PERMISSIONS {
        let value = crate::options::field_of(settings, name).as_string();
        set(&out, name, &rules::authorization(value.as_deref()).into());
    }
    out
}

/// `getSystemSetting()` from the phone's `settings` (`{wifiEnabled: false…}`; each switch is
/// on unless set off), with the orientation.
#[wasm_bindgen(js_name = systemSetting)]
pub fn system_setting(settings: &JsValue, landscape: bool) -> Object {
    let out = Object::new();
    for name in rules::SYSTEM_SWITCHES {
        let on = crate::options::field_of(settings, name).as_bool() != Some(false);
        set(&out, name, &on.into());
    }
    let orientation = if landscape { "landscape" } else { "portrait" };
    set(&out, "deviceOrientation", &orientation.into());
    out
}

/// The theme variable `value` refers to (`@navBgColor` → `navBgColor`), if any.
#[wasm_bindgen(js_name = themeVariable)]
pub fn theme_variable(value: &str) -> Option<String> {
    theme::variable(value).map(str::to_owned)
}

/// The project file of the theme tables for app.json's `themeLocation`.
#[wasm_bindgen(js_name = themeFile)]
pub fn theme_file(location: Option<String>) -> String {
    theme::theme_file(location.as_deref())
}
