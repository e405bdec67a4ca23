//! The browser's Web Storage as a `wxrt-core` storage backend.

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wxrt_core::storage::{BackendError, StorageBackend, StoredText};

#[wasm_bindgen]
extern "C" {
    /// Anything shaped like the Web Storage API: `localStorage`, `sessionStorage`, or a
    /// test double. Methods are looked up on the object itself, so doubles work.
    pub type StorageArea;

    #[wasm_bindgen(method, js_name = getItem)]
    fn get_item_text(this: &StorageArea, key: &str) -> Option<JsString>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &StorageArea, key: &str, value: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_text(this: &StorageArea, key: &str, value: &JsString) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = removeItem)]
    fn remove_item(this: &StorageArea, key: &str);

    #[wasm_bindgen(method)]
    fn key(this: &StorageArea, index: u32) -> Option<String>;

    #[wasm_bindgen(method, getter)]
    fn length(this: &StorageArea) -> u32;
}

/// A stored value, left on the JavaScript side: core copies only what it inspects.
pub struct JsText(pub JsString);

impl StoredText for JsText {
    fn utf16_len(&self) -> usize {
        self.0.length() as usize
    }

    fn head(&self, max_chars: usize) -> String {
        let end = u32::try_from(max_chars).unwrap_or(u32::MAX);
        self.0.slice(0, end).into()
    }

    fn to_text(&self) -> String {
        self.0.clone().into()
    }
}

/// A `wxrt-core` backend over a [`StorageArea`].
pub struct BrowserBackend {
    area: StorageArea,
}

impl BrowserBackend {
    /// Wraps `area`.
    pub fn new(area: StorageArea) -> Self {
        Self { area }
    }
}

fn write_error(error: JsValue) -> BackendError {
    if is_quota_error(&error) {
        BackendError::QuotaExceeded
    } else {
        let message = Reflect::get(&error, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_else(|| "unknown error".to_owned());
        BackendError::Other(message)
    }
}

fn is_quota_error(error: &JsValue) -> bool {
    Reflect::get(error, &JsValue::from_str("name"))
        .ok()
        .and_then(|name| name.as_string())
        .is_some_and(|name| name.contains("Quota") || name == "NS_ERROR_DOM_QUOTA_REACHED")
}

impl StorageBackend for BrowserBackend {
    type Text = JsText;

    fn get(&self, key: &str) -> Option<JsText> {
        self.area.get_item_text(key).map(JsText)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.area.set_item(key, value).map_err(write_error)
    }

    fn set_joined(&mut self, key: &str, head: &str, tail: &JsText) -> Result<(), BackendError> {
        let value = JsString::from(head).concat(&tail.0);
        self.area.set_item_text(key, &value).map_err(write_error)
    }

    fn remove(&mut self, key: &str) {
        self.area.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        (0..self.area.length())
            .filter_map(|i| self.area.key(i))
            .collect()
    }
}
