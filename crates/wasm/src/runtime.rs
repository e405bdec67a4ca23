//! The runtime object JavaScript holds: one (appid, user)'s `wx` storage API. Method
//! names are WeChat's. Sync forms return or throw; async forms return the success object
//! or throw the failure, and the JS shim delivers it to callbacks or a Promise.

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::prelude::*;
use wxrt_core::api;
use wxrt_core::errmsg;
use wxrt_core::storage::limits::LIMIT_SIZE_KB;
use wxrt_core::storage::{
    EncodedValue, HeldValue, Namespace, ParameterError, Storage, StorageBackend as _, StorageError,
    Stored, ValueKind, WriteOptions, COUNT_LATER_MIN_UNITS,
};

use crate::backend::{BrowserBackend, JsText, StorageArea};
use crate::convert::{encode_value, parse_payload, stored_value, value_to_store, ToStore};
use crate::error::{error_with_errmsg, fail};
use crate::lent_cipher::LentCipher;
use crate::options::{array_arg, field, flag, options_object, set, string_arg};
use crate::random::CryptoRandom;
use crate::utf8::Utf8Counter;

/// One (appid, user)'s runtime. Created by the `wxrt` package's `createRuntime`.
#[wasm_bindgen]
pub struct Runtime {
    storage: Storage<BrowserBackend>,
    /// `getStorageInfo().keys` as a JavaScript array, with the keys version it reflects:
    /// apps poll storage info far more often than they add or remove keys.
    keys_cache: Option<(u64, Array)>,
    /// The last `getStorageSync` read of a string or JSON entry (see [`Runtime::take_read`]).
    last_read: Option<LastRead>,
    /// Sizes values to store without copying them into wasm.
    utf8: Utf8Counter,
}

/// A read of a string or JSON entry: the entry's full text as stored, and its payload,
/// either where it starts in that text (a plain entry core passed through) or the text
/// core decoded (a compacted one). Core decides from the entry's text alone, so an
/// identical text reads identically.
struct LastRead {
    backend_key: String,
    text: JsString,
    payload: Payload,
    json: bool,
}

enum Payload {
    At(usize),
    Decoded(JsString),
}

type Outcome<T> = Result<T, StorageError>;

/// Runs `op` and turns its failure into `api`'s JavaScript error.
fn under<T>(api: &'static str, op: impl FnOnce() -> Outcome<T>) -> Result<T, JsValue> {
    op().map_err(|reason| fail(api, reason))
}

/// `{ errMsg: '<api>:ok', ...fields }`
fn success(api: &str, fields: &[(&str, &JsValue)]) -> JsValue {
    let result = Object::new();
    for (name, value) in fields {
        let _ = Reflect::set(&result, &JsValue::from_str(name), value);
    }
    let _ = Reflect::set(&result, &"errMsg".into(), &errmsg::ok(api).into());
    result.into()
}

fn required_options(options: &JsValue) -> Outcome<Object> {
    options_object(options, false)?.ok_or_else(|| {
        ParameterError::NotAnObject {
            actual: "Undefined".to_owned(),
        }
        .into()
    })
}

fn key_path() -> String {
    "key".to_owned()
}

#[wasm_bindgen]
impl Runtime {
    /// Opens the storage of `user` in the mini-program `appid` on `storage` (usually
    /// `localStorage`). Both ids are 1 to 64 of `[A-Za-z0-9_-]`.
    #[wasm_bindgen(constructor)]
    pub fn new(appid: &str, user: &str, storage: StorageArea) -> Result<Runtime, JsValue> {
        let namespace = Namespace::new(appid, user).map_err(|error| {
            JsValue::from(js_sys::Error::new(&format!("createRuntime: {error}")))
        })?;
        let backend = BrowserBackend::new(storage);
        Ok(Self {
            storage: Storage::open(backend, namespace, Box::new(CryptoRandom)),
            keys_cache: None,
            last_read: None,
            utf8: Utf8Counter::new(),
        })
    }

    /// Lends the cipher `encrypt: true` uses: `seal(nonce, context, plaintext)` and
    /// `open(nonce, context, ciphertext)` of the API families' `StorageCipher`.
    #[wasm_bindgen(js_name = lendCipher)]
    pub fn lend_cipher(&mut self, seal: js_sys::Function, open: js_sys::Function) {
        self.storage.set_cipher(Box::new(LentCipher { seal, open }));
    }

    /// Whether a cipher has been lent.
    #[wasm_bindgen(js_name = hasCipher)]
    pub fn has_cipher(&self) -> bool {
        self.storage.has_cipher()
    }

    /// Another tab changed `key` of the storage area (a `storage` event); `null` means
    /// it was cleared.
    #[wasm_bindgen(js_name = storageChanged)]
    pub fn storage_changed(&mut self, key: Option<String>) {
        self.storage.refresh(key.as_deref());
    }

    /// `wx.canIUse`
    #[wasm_bindgen(js_name = canIUse)]
    pub fn can_i_use(&self, schema: &JsValue) -> bool {
        schema.as_string().is_some_and(|s| api::can_i_use(&s))
    }

    fn set(&mut self, key: &JsValue, data: &JsValue, encrypt: bool) -> Outcome<()> {
        let key = string_arg(&key_path, key)?;
        let options = WriteOptions { encrypt };
        match value_to_store(&|| "data".to_owned(), data)? {
            ToStore::Encoded(value) => self.storage.set_with_text(&key, &value, None, options),
            ToStore::Held { kind, text } => {
                // A long payload is stored uncounted: core counts it when a limit needs it.
                let long = text.0.length() as usize >= COUNT_LATER_MIN_UNITS;
                let bytes = (!long).then(|| self.utf8.bytes(&text.0));
                let held = HeldValue {
                    kind,
                    bytes,
                    text: &text,
                };
                self.storage.set_held(&key, held, options)
            }
        }
    }

    fn get(&mut self, key: &JsValue, encrypt: bool) -> Outcome<Option<JsValue>> {
        let key = string_arg(&key_path, key)?;
        self.last_read = None;
        let Some(stored) = self.storage.get_stored(&key, encrypt)? else {
            return Ok(None);
        };
        match stored {
            Stored::Plain {
                kind,
                text: JsText(text),
                payload_start,
            } => {
                let value = parse_payload(kind, &text.slice(payload_start as u32, text.length()))?;
                self.last_read = Some(LastRead {
                    backend_key: self.storage.backend_key(&key),
                    text,
                    payload: Payload::At(payload_start),
                    json: kind.is_json(),
                });
                Ok(Some(value))
            }
            Stored::Decoded(value)
                if !encrypt
                    && matches!(
                        value.kind,
                        ValueKind::String | ValueKind::Array | ValueKind::Object
                    ) =>
            {
                let payload = JsString::from(value.payload.as_str());
                let decoded = parse_payload(value.kind, &payload)?;
                let backend_key = self.storage.backend_key(&key);
                if let Some(JsText(text)) = self.storage.backend().get(&backend_key) {
                    self.last_read = Some(LastRead {
                        backend_key,
                        text,
                        payload: Payload::Decoded(payload),
                        json: value.kind.is_json(),
                    });
                }
                Ok(Some(decoded))
            }
            decoded => stored_value(decoded).map(Some),
        }
    }

    fn remove(&mut self, key: &JsValue) -> Outcome<()> {
        let key = string_arg(&key_path, key)?;
        self.storage.remove(&key)
    }

    fn keys(&mut self) -> Array {
        let version = self.storage.keys_version();
        let cached = match &self.keys_cache {
            Some((cached_version, keys)) if *cached_version == version => keys.clone(),
            _ => {
                let keys: Array = self
                    .storage
                    .info()
                    .keys
                    .iter()
                    .map(|k| JsValue::from_str(k))
                    .collect();
                self.keys_cache = Some((version, keys.clone()));
                keys
            }
        };
        // A copy: mini-program code may mutate what it gets.
        cached.slice(0, cached.length())
    }

    fn info(&mut self) -> JsValue {
        let keys = self.keys();
        let current_size_kb = self.storage.current_size_kb() as f64;
        let result = Object::new();
        let _ = Reflect::set(&result, &"keys".into(), &keys);
        let _ = Reflect::set(&result, &"currentSize".into(), &current_size_kb.into());
        let _ = Reflect::set(&result, &"limitSize".into(), &(LIMIT_SIZE_KB as f64).into());
        result.into()
    }

    fn batch_set(&mut self, kv_list: &JsValue) -> Outcome<()> {
        let list = array_arg("kvList", kv_list)?;
        let mut items: Vec<(String, EncodedValue)> = Vec::with_capacity(list.length() as usize);
        for (i, item) in list.iter().enumerate() {
            let item = options_object(&item, false).ok().flatten().ok_or_else(|| {
                ParameterError::wrong_type(
                    format!("kvList[{i}]"),
                    "Object",
                    crate::convert::js_type(&item).name(),
                )
            })?;
            let key = string_arg(&|| format!("kvList[{i}].key"), &field(&item, "key"))?;
            let (value, _) =
                encode_value(&|| format!("kvList[{i}].value"), &field(&item, "value"))?;
            items.push((key, value));
        }
        self.storage.batch_set(&items)
    }

    fn batch_get(&mut self, key_list: &JsValue) -> Outcome<Array> {
        let list = array_arg("keyList", key_list)?;
        let keys = list
            .iter()
            .enumerate()
            .map(|(i, key)| string_arg(&|| format!("keyList[{i}]"), &key))
            .collect::<Result<Vec<_>, _>>()?;
        let values = self.storage.batch_get_stored(&keys)?;
        values
            .into_iter()
            .map(|value| match value {
                Some(stored) => stored_value(stored),
                None => Ok(JsValue::from_str("")),
            })
            .collect()
    }

    /// `wx.setStorageSync(key, data)`
    #[wasm_bindgen(js_name = setStorageSync)]
    pub fn set_storage_sync(&mut self, key: &JsValue, data: &JsValue) -> Result<(), JsValue> {
        under("setStorageSync", || self.set(key, data, false))
    }

    /// `wx.getStorageSync(key)`: `''` for a missing key, as in WeChat.
    #[wasm_bindgen(js_name = getStorageSync)]
    pub fn get_storage_sync(&mut self, key: &JsValue) -> Result<JsValue, JsValue> {
        under("getStorageSync", || {
            Ok(self
                .get(key, false)?
                .unwrap_or_else(|| JsValue::from_str("")))
        })
    }

    /// What the last `getStorageSync` read of a string or JSON entry was:
    /// `[backendKey, entryText, payload, isJson]`, `payload` being where it starts in
    /// `entryText` (a plain entry) or the decoded text (a compacted one); else
    /// `undefined`. Taken once. Core decides from the entry's text alone, so the shim may
    /// answer a later read whose text is identical the same way, without wasm.
    #[wasm_bindgen(js_name = takeRead)]
    pub fn take_read(&mut self) -> JsValue {
        match self.last_read.take() {
            Some(read) => {
                let payload = match read.payload {
                    Payload::At(start) => JsValue::from(start as f64),
                    Payload::Decoded(text) => text.into(),
                };
                Array::of4(
                    &JsValue::from_str(&read.backend_key),
                    &read.text,
                    &payload,
                    &read.json.into(),
                )
                .into()
            }
            None => JsValue::UNDEFINED,
        }
    }

    /// `wx.removeStorageSync(key)`
    #[wasm_bindgen(js_name = removeStorageSync)]
    pub fn remove_storage_sync(&mut self, key: &JsValue) -> Result<(), JsValue> {
        under("removeStorageSync", || self.remove(key))
    }

    /// `wx.clearStorageSync()`
    #[wasm_bindgen(js_name = clearStorageSync)]
    pub fn clear_storage_sync(&mut self) {
        self.storage.clear();
    }

    /// Every key of this (appid, user) for a storage inspector, in `getStorageInfo`
    /// order: `[{key, type, format, bytes}]`, where `type` is the value's (`'string'`,
    /// `'number'`, `'boolean'`, `'date'`, `'undefined'`, `'null'`, `'array'`, `'object'`)
    /// and `format` `'plain'`, `'compressed'` or `'encrypted'`; both are `'corrupt'` for an
    /// entry that cannot be read. `bytes` is what the entry counts towards the 10 MB.
    #[wasm_bindgen(js_name = storageEntries)]
    pub fn storage_entries(&mut self) -> Array {
        self.storage
            .entries()
            .into_iter()
            .map(|entry| {
                let object = Object::new();
                set(&object, "key", &JsValue::from_str(&entry.key));
                let kind = entry.kind.map_or("corrupt", |kind| kind.name());
                let format = entry.format.map_or("corrupt", |format| format.name());
                set(&object, "type", &JsValue::from_str(kind));
                set(&object, "format", &JsValue::from_str(format));
                set(&object, "bytes", &(entry.bytes as f64).into());
                JsValue::from(object)
            })
            .collect()
    }

    /// `wx.getStorageInfoSync()`: `{ keys, currentSize, limitSize }` (sizes in KB).
    #[wasm_bindgen(js_name = getStorageInfoSync)]
    pub fn get_storage_info_sync(&mut self) -> JsValue {
        self.info()
    }

    /// `wx.batchSetStorageSync(kvList)`: all or nothing.
    #[wasm_bindgen(js_name = batchSetStorageSync)]
    pub fn batch_set_storage_sync(&mut self, kv_list: &JsValue) -> Result<(), JsValue> {
        under("batchSetStorageSync", || self.batch_set(kv_list))
    }

    /// `wx.batchGetStorageSync(keyList)`: values in `keyList` order, `''` when missing.
    #[wasm_bindgen(js_name = batchGetStorageSync)]
    pub fn batch_get_storage_sync(&mut self, key_list: &JsValue) -> Result<Array, JsValue> {
        under("batchGetStorageSync", || self.batch_get(key_list))
    }

    /// `wx.setStorage({ key, data, encrypt })`: the success object, or throws the failure.
    #[wasm_bindgen(js_name = setStorage)]
    pub fn set_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "setStorage";
        under(API, || {
            let options = required_options(options)?;
            let encrypt = flag(&options, "encrypt");
            self.set(&field(&options, "key"), &field(&options, "data"), encrypt)?;
            Ok(success(API, &[]))
        })
    }

    /// `wx.getStorage({ key, encrypt })`: `{ data, errMsg }`.
    #[wasm_bindgen(js_name = getStorage)]
    pub fn get_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "getStorage";
        under(API, || {
            let options = required_options(options)?;
            let encrypt = flag(&options, "encrypt");
            let data = self
                .get(&field(&options, "key"), encrypt)?
                .ok_or(StorageError::NotFound)?;
            Ok(success(API, &[("data", &data)]))
        })
    }

    /// `wx.removeStorage({ key })`
    #[wasm_bindgen(js_name = removeStorage)]
    pub fn remove_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "removeStorage";
        under(API, || {
            let options = required_options(options)?;
            self.remove(&field(&options, "key"))?;
            Ok(success(API, &[]))
        })
    }

    /// `wx.clearStorage()`
    #[wasm_bindgen(js_name = clearStorage)]
    pub fn clear_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "clearStorage";
        under(API, || {
            options_object(options, true)?;
            self.storage.clear();
            Ok(success(API, &[]))
        })
    }

    /// `wx.getStorageInfo()`: `{ keys, currentSize, limitSize, errMsg }`.
    #[wasm_bindgen(js_name = getStorageInfo)]
    pub fn get_storage_info(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "getStorageInfo";
        under(API, || {
            options_object(options, true)?;
            let info = self.info();
            let _ = Reflect::set(&info, &"errMsg".into(), &errmsg::ok(API).into());
            Ok(info)
        })
    }

    /// `wx.batchSetStorage({ kvList })`
    #[wasm_bindgen(js_name = batchSetStorage)]
    pub fn batch_set_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "batchSetStorage";
        under(API, || {
            let options = required_options(options)?;
            self.batch_set(&field(&options, "kvList"))?;
            Ok(success(API, &[]))
        })
    }

    /// `wx.batchGetStorage({ keyList })`: `{ dataList, errMsg }`.
    #[wasm_bindgen(js_name = batchGetStorage)]
    pub fn batch_get_storage(&mut self, options: &JsValue) -> Result<JsValue, JsValue> {
        const API: &str = "batchGetStorage";
        under(API, || {
            let options = required_options(options)?;
            let data_list = self.batch_get(&field(&options, "keyList"))?;
            Ok(success(API, &[("dataList", &data_list)]))
        })
    }

    /// A failure object for `api` with `reason`, for failures the shim detects itself
    /// (an encryption key that could not be loaded).
    #[wasm_bindgen(js_name = failure)]
    pub fn failure(api: &str, reason: &str) -> JsValue {
        error_with_errmsg(&format!("{api}:fail {reason}"))
    }
}
