//! The options of `wx.showModal`, `wx.showToast` and `wx.showLoading`, checked by core;
//! the shim draws the overlays.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::errmsg::Failure;
use wxrt_core::interaction::{
    check_button, require_text, toast_duration, InteractionError, ToastIcon,
};

use crate::convert::js_type;
use crate::error::js_failure;
use crate::options::{field_of, set};

fn fail(api: &'static str) -> impl Fn(InteractionError) -> JsValue {
    move |reason| js_failure(Failure::new(api, reason))
}

/// Checks `wx.showModal(options)`'s button texts; throws the failure with its `errMsg`.
#[wasm_bindgen(js_name = checkModal)]
pub fn check_modal(options: &JsValue) -> Result<(), JsValue> {
    for name in ["confirmText", "cancelText"] {
        let value = field_of(options, name);
        let text = value.as_string();
        let text = if value.is_undefined() {
            Ok(None)
        } else {
            text.as_deref().map(Some).ok_or_else(|| js_type(&value))
        };
        check_button(name, text).map_err(fail("showModal"))?;
    }
    Ok(())
}

/// Checks `wx.showToast(options)` or `wx.showLoading(options)` (`api`) and returns what
/// to draw: `{title, icon, duration}`.
#[wasm_bindgen(js_name = checkToast)]
pub fn check_toast(api: &str, options: &JsValue) -> Result<Object, JsValue> {
    let api: &'static str = if api == "showLoading" {
        "showLoading"
    } else {
        "showToast"
    };
    let title = field_of(options, "title");
    let title_text = title.as_string();
    require_text(
        "title",
        title_text.as_deref().ok_or_else(|| js_type(&title)),
    )
    .map_err(fail(api))?;
    let icon = if api == "showLoading" {
        ToastIcon::Loading
    } else {
        ToastIcon::parse(field_of(options, "icon").as_string().as_deref()).map_err(fail(api))?
    };
    let result = Object::new();
    set(&result, "title", &title);
    set(&result, "icon", &JsValue::from_str(icon.name()));
    let duration = toast_duration(field_of(options, "duration").as_f64());
    set(&result, "duration", &JsValue::from_f64(duration as f64));
    Ok(result)
}
