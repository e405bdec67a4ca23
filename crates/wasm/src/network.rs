//! `wx.request`'s rules for JavaScript: the shim converts values and runs `fetch`; every
//! decision (validation, encoding, domain list, the queue of ten, the background rule)
//! is core's.

use js_sys::{Array, ArrayBuffer, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wxrt_core::errmsg::Failure;
use wxrt_core::network::{
    self, encode_pairs, plan_upload, Admission, BodyEncoding, DataKind, DomainList, NetworkConfig,
    NetworkState, RequestError, RequestInput, RequestQueue, ResponseType, UploadInput,
};

use crate::convert::js_type;
use crate::error::js_failure;
use crate::options::{field_of, set};

/// One runtime's network: its configuration, queue and background state.
#[wasm_bindgen]
pub struct Network {
    config: NetworkConfig,
    queue: RequestQueue,
    state: NetworkState,
}

fn fail(reason: RequestError) -> JsValue {
    fail_in("request", reason)
}

fn fail_in(api: &'static str, reason: RequestError) -> JsValue {
    let errno = reason.errno();
    let error = js_failure(Failure::new(api, reason));
    if let Some(errno) = errno {
        let _ = Reflect::set(
            &error,
            &"errno".into(),
            &JsValue::from_f64(f64::from(errno)),
        );
    }
    error
}

/// What `data` is, as core's encoding rules see it. Numbers and booleans travel as text.
fn data_kind(data: &JsValue) -> DataKind {
    if data.is_undefined() || data.is_null() {
        DataKind::Absent
    } else if data.is_instance_of::<ArrayBuffer>() || ArrayBuffer::is_view(data) {
        DataKind::Binary
    } else if data.is_object() {
        DataKind::Object
    } else {
        DataKind::Text
    }
}

/// `header` as name/value pairs (values through `String()`). An `undefined` value is
/// dropped, as WeChat's bridge passes options as JSON, where it does not exist (SDKs such as
/// wafer's send `{'X-WX-Code': undefined}` before login).
fn header_pairs(header: &JsValue) -> Vec<(String, String)> {
    if !header.is_object() {
        return Vec::new();
    }
    Object::entries(&Object::from(header.clone()))
        .iter()
        .filter_map(|entry| {
            let entry = Array::from(&entry);
            let value = entry.get(1);
            if value.is_undefined() {
                return None;
            }
            // `[value].join('')` is `String(value)` for every value but null (empty).
            let text = value
                .as_string()
                .unwrap_or_else(|| String::from(Array::of1(&value).join("")));
            Some((entry.get(0).as_string()?, text))
        })
        .collect()
}

/// `[[name, value], …]` for `fetch` and `XMLHttpRequest`.
fn header_array(headers: &[(String, String)]) -> Array {
    let array = Array::new();
    for (name, value) in headers {
        array.push(&Array::of2(
            &JsValue::from_str(name),
            &JsValue::from_str(value),
        ));
    }
    array
}

fn ids(ids: Vec<u64>) -> Array {
    let array = Array::new();
    for id in ids {
        array.push(&JsValue::from_f64(id as f64));
    }
    array
}

#[wasm_bindgen]
impl Network {
    /// A network with WeChat's 60 s default timeout and `domains` as the allow-list
    /// (empty: every domain). Throws for a malformed domain entry.
    #[wasm_bindgen(constructor)]
    pub fn new(domains: Vec<String>) -> Result<Network, JsValue> {
        let domains = DomainList::parse(&domains)
            .map_err(|error| JsValue::from(js_sys::Error::new(&error.to_string())))?;
        Ok(Self {
            config: NetworkConfig::new(None, domains),
            queue: RequestQueue::new(),
            state: NetworkState::new(),
        })
    }

    /// app.json's `networkTimeout.request` and `.uploadFile` (ms), where it gives them.
    #[wasm_bindgen(js_name = setAppTimeouts)]
    pub fn set_app_timeouts(&mut self, request_ms: Option<f64>, upload_ms: Option<f64>) {
        self.config.default_timeout_ms =
            network::timeout_or(request_ms, network::DEFAULT_TIMEOUT_MS);
        self.config.upload_timeout_ms = network::timeout_or(upload_ms, network::DEFAULT_TIMEOUT_MS);
    }

    /// Plans one `wx.uploadFile(options)`: `{url, filePath, name, headers, timeout}`, or
    /// throws the failure with its `errMsg` (`uploadFile:fail …`).
    #[wasm_bindgen(js_name = planUpload)]
    pub fn plan_upload(&self, options: &JsValue) -> Result<Object, JsValue> {
        let text = |name| {
            let value = field_of(options, name);
            value.as_string().ok_or_else(|| js_type(&value))
        };
        let (url, file_path, name) = (text("url"), text("filePath"), text("name"));
        let input = UploadInput {
            url: url.as_deref().map_err(|t| *t),
            file_path: file_path.as_deref().map_err(|t| *t),
            name: name.as_deref().map_err(|t| *t),
            headers: header_pairs(&field_of(options, "header")),
            timeout_ms: field_of(options, "timeout").as_f64(),
        };
        let plan =
            plan_upload(input, &self.config).map_err(|reason| fail_in("uploadFile", reason))?;
        let result = Object::new();
        set(&result, "url", &JsValue::from_str(&plan.url));
        set(&result, "filePath", &JsValue::from_str(&plan.file_path));
        set(&result, "name", &JsValue::from_str(&plan.name));
        set(&result, "headers", &header_array(&plan.headers));
        set(
            &result,
            "timeout",
            &JsValue::from_f64(plan.timeout_ms as f64),
        );
        Ok(result)
    }

    /// `<api>:fail <reason>` for `api` `request` or `uploadFile`, as an Error with
    /// `errMsg` (and `errno` where WeChat has one).
    #[wasm_bindgen(js_name = failureOf)]
    pub fn failure_of(api: &str, reason: &str) -> JsValue {
        let api: &'static str = match api {
            "uploadFile" => "uploadFile",
            "downloadFile" => "downloadFile",
            _ => "request",
        };
        match reason {
            "timeout" => fail_in(api, RequestError::Timeout),
            "abort" => fail_in(api, RequestError::Abort),
            "interrupted" => fail_in(api, RequestError::Interrupted),
            "offline" => fail_in(api, RequestError::Offline),
            other => js_failure(Failure::new(api, other.to_owned())),
        }
    }

    /// Throws `request:fail interrupted` while the app is in the background.
    pub fn accepts(&self) -> Result<(), JsValue> {
        self.state.accepts().map_err(fail)
    }

    /// Plans one `wx.request(options)`: `{url, method, headers, encoding, dataKind,
    /// timeout, parseJson, responseType}`, or throws the failure with its `errMsg`.
    pub fn plan(&self, options: &JsValue) -> Result<Object, JsValue> {
        let url = field_of(options, "url");
        let url_text = url.as_string();
        let method = field_of(options, "method").as_string();
        let data_type = field_of(options, "dataType").as_string();
        let response_type = field_of(options, "responseType").as_string();
        let data = field_of(options, "data");
        let kind = data_kind(&data);
        let input = RequestInput {
            url: url_text.as_deref().ok_or_else(|| js_type(&url)),
            method: method.as_deref(),
            headers: header_pairs(&field_of(options, "header")),
            data_kind: kind,
            timeout_ms: field_of(options, "timeout").as_f64(),
            data_type: data_type.as_deref(),
            response_type: response_type.as_deref(),
        };
        let plan = network::plan(input, &self.config).map_err(fail)?;
        let result = Object::new();
        set(&result, "url", &JsValue::from_str(&plan.url));
        set(&result, "method", &JsValue::from_str(plan.method.as_str()));
        set(&result, "headers", &header_array(&plan.headers));
        let encoding = match plan.body_encoding {
            BodyEncoding::None => "none",
            BodyEncoding::QueryString => "query",
            BodyEncoding::FormUrlEncoded => "form",
            BodyEncoding::Json => "json",
            BodyEncoding::Raw => "raw",
        };
        set(&result, "encoding", &JsValue::from_str(encoding));
        let kind = match kind {
            DataKind::Absent => "absent",
            DataKind::Text => "text",
            DataKind::Object => "object",
            DataKind::Binary => "binary",
        };
        set(&result, "dataKind", &JsValue::from_str(kind));
        set(
            &result,
            "timeout",
            &JsValue::from_f64(plan.timeout_ms as f64),
        );
        set(&result, "parseJson", &JsValue::from_bool(plan.parse_json));
        let response_type = match plan.response_type {
            ResponseType::Text => "text",
            ResponseType::ArrayBuffer => "arraybuffer",
        };
        set(&result, "responseType", &JsValue::from_str(response_type));
        Ok(result)
    }

    /// `k=v&…` with `encodeURIComponent` on both sides, from `[[k, v], …]`.
    #[wasm_bindgen(js_name = encodePairs)]
    pub fn encode_pairs(pairs: Array) -> String {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .filter_map(|pair| {
                let pair = Array::from(&pair);
                Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
            })
            .collect();
        encode_pairs(&pairs)
    }

    /// `url` with `query` appended (`?` or `&`, before any `#fragment`).
    #[wasm_bindgen(js_name = appendQuery)]
    pub fn append_query(url: &str, query: &str) -> String {
        network::append_query(url, query)
    }

    /// Request `id` wants to start: `true` to start now, `false` when it is queued.
    pub fn submit(&mut self, id: f64) -> bool {
        self.queue.submit(id as u64) == Admission::Start
    }

    /// Request `id` ended (or was aborted): the ids to start now.
    pub fn finish(&mut self, id: f64) -> Array {
        ids(self.queue.finish(id as u64))
    }

    /// The app went to the background at `now`: returns when requests get interrupted.
    pub fn hide(&mut self, now: f64) -> f64 {
        self.state.hide(now as u64) as f64
    }

    /// The app came back at `now`: the ids to fail with `interrupted` (when the grace ran
    /// out while timers were throttled), else an empty array.
    pub fn show(&mut self, now: f64) -> Array {
        if self.state.show(now as u64) {
            ids(self.queue.drain())
        } else {
            Array::new()
        }
    }

    /// Time `now` while hidden: the ids to fail with `interrupted` once the grace is over.
    pub fn interrupt(&mut self, now: f64) -> Array {
        if self.state.interrupt_due(now as u64) {
            ids(self.queue.drain())
        } else {
            Array::new()
        }
    }

    /// `request:fail <reason>` as an Error with `errMsg` (and `errno` where WeChat has
    /// one), for `timeout`, `abort` and `interrupted`.
    pub fn failure(reason: &str) -> JsValue {
        Self::failure_of("request", reason)
    }
}
