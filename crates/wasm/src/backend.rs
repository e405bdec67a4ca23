//! The browser's Web Storage as a `wxrt-core` storage backend.

use std::cell::{Cell, RefCell};

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wxrt_core::storage::{BackendError, StorageBackend, StoredText};

#[wasm_bindgen]
extern "C" {
    /// Anything shaped like the Web Storage API: `localStorage`, `sessionStorage`, or a
    /// test double. Methods are looked up on the object itself, so doubles work.
    pub type StorageArea;

    #[wasm_bindgen(method, js_name = getItem)]
    fn get_item_text(this: &StorageArea, key: &JsString) -> Option<JsString>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item(this: &StorageArea, key: &JsString, value: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = setItem)]
    fn set_item_text(this: &StorageArea, key: &JsString, value: &JsString) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = removeItem)]
    fn remove_item(this: &StorageArea, key: &JsString);

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

/// How many recent keys' JavaScript strings are kept: a page writes a few keys over and
/// over, and a search among this few is cheaper than hashing (and smaller in the wasm).
const KEPT_KEYS: usize = 16;

/// A `wxrt-core` backend over a [`StorageArea`].
pub struct BrowserBackend {
    area: StorageArea,
    /// Recent backend keys, each as one JavaScript string made once: the browser converts
    /// a key string it has seen before for free, as it does a page's own literal keys,
    /// where a string decoded out of wasm on every call is decoded and copied each time.
    keys: RefCell<Vec<(String, JsString)>>,
    next: Cell<usize>,
}

impl BrowserBackend {
    /// Wraps `area`.
    pub fn new(area: StorageArea) -> Self {
        Self {
            area,
            keys: RefCell::new(Vec::with_capacity(KEPT_KEYS)),
            next: Cell::new(0),
        }
    }

    fn key(&self, key: &str) -> JsString {
        let mut keys = self.keys.borrow_mut();
        if let Some((_, found)) = keys.iter().find(|(kept, _)| kept == key) {
            return found.clone();
        }
        let made = JsString::from(key);
        let entry = (key.to_owned(), made.clone());
        if keys.len() < KEPT_KEYS {
            keys.push(entry);
        } else {
            let slot = self.next.get();
            keys[slot] = entry;
            self.next.set((slot + 1) % KEPT_KEYS);
        }
        made
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
        self.area.get_item_text(&self.key(key)).map(JsText)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.area
            .set_item(&self.key(key), value)
            .map_err(write_error)
    }

    fn set_joined(&mut self, key: &str, head: &str, tail: &JsText) -> Result<(), BackendError> {
        let value = JsString::from(head).concat(&tail.0);
        self.area
            .set_item_text(&self.key(key), &value)
            .map_err(write_error)
    }

    fn remove(&mut self, key: &str) {
        self.area.remove_item(&self.key(key));
    }

    fn keys(&self) -> Vec<String> {
        (0..self.area.length())
            .filter_map(|i| self.area.key(i))
            .collect()
    }
}
