//! Background fetch in the page: the cached bodies, the token and the periodic schedule of
//! one (app, user), kept by core; the shim performs the fetches (through the dev server,
//! which plays WeChat's server) and persists [`BackgroundFetch::record`] outside the app's
//! storage, so the cache survives reloads without counting against the 10 MB quota.
//!
//! Bodies cross as `{fetchType, fetchedData, timeStamp, path, query, scene}`, which is
//! also what `wx.onBackgroundFetchData` listeners get.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::background_fetch::{
    check_token, BackgroundFetchError, FetchCache, FetchType, FetchedData, PeriodicDecision,
    PeriodicHistory, PeriodicSchedule, MAX_FETCHED_BYTES,
};
use wxrt_core::errmsg;
use wxrt_core::storage::ParameterError;

use crate::convert::js_type;
use crate::error::fail;
use crate::options::{field_of, options_object, set};

/// Millisecond times cross as JavaScript numbers.
fn ms(value: &JsValue) -> Option<u64> {
    value
        .as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .map(|n| n as u64)
}

fn number(value: Option<u64>) -> JsValue {
    value.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64))
}

/// `{fetchType?, fetchedData, timeStamp, path, query, scene}`: listeners are told the
/// fetch type; `getBackgroundFetchData`, asked for one, does not repeat it.
fn data_object(data: &FetchedData, with_type: bool) -> Object {
    let object = Object::new();
    if with_type {
        set(&object, "fetchType", &data.fetch_type.as_str().into());
    }
    set(&object, "fetchedData", &data.fetched_data.as_str().into());
    set(
        &object,
        "timeStamp",
        &JsValue::from_f64(data.time_stamp_ms as f64),
    );
    set(&object, "path", &data.path.as_str().into());
    set(&object, "query", &data.query.as_str().into());
    set(&object, "scene", &JsValue::from_f64(f64::from(data.scene)));
    object
}

/// A body from a stored record or a fetch outcome; anything malformed is no body.
fn data_from(
    value: &JsValue,
    fetch_type: FetchType,
    time_stamp_ms: Option<u64>,
) -> Option<FetchedData> {
    let fetched_data = field_of(value, "fetchedData").as_string()?;
    if fetched_data.len() > MAX_FETCHED_BYTES {
        return None;
    }
    let text = |name| field_of(value, name).as_string().unwrap_or_default();
    Some(FetchedData {
        fetch_type,
        fetched_data,
        time_stamp_ms: time_stamp_ms.or_else(|| ms(&field_of(value, "timeStamp")))?,
        path: text("path"),
        query: text("query"),
        scene: ms(&field_of(value, "scene"))
            .map_or(0, |scene| scene.min(u64::from(u32::MAX)) as u32),
    })
}

fn parameter_error(api: &'static str, error: ParameterError) -> JsValue {
    fail(api, format!("parameter error: {error}"))
}

/// The background-fetch state of one (app, user).
#[wasm_bindgen]
pub struct BackgroundFetch {
    cache: FetchCache,
    token: Option<String>,
    history: PeriodicHistory,
    schedule: PeriodicSchedule,
}

#[wasm_bindgen]
impl BackgroundFetch {
    /// The state in `stored` (what [`record`](Self::record) returned before, or
    /// `undefined`), with periodic updates every `periodic_interval_ms`. A malformed part
    /// of the record is dropped: it is a cache.
    #[wasm_bindgen(constructor)]
    pub fn new(stored: &JsValue, periodic_interval_ms: f64) -> BackgroundFetch {
        let body = |fetch_type: FetchType| {
            data_from(&field_of(stored, fetch_type.as_str()), fetch_type, None)
        };
        let token = field_of(stored, "token")
            .as_string()
            .filter(|token| check_token(token).is_ok());
        Self {
            cache: FetchCache::restored(body(FetchType::Pre), body(FetchType::Periodic)),
            token,
            history: PeriodicHistory {
                last_used_ms: ms(&field_of(stored, "lastUsedMs")),
                last_success_ms: ms(&field_of(stored, "lastSuccessMs")),
                last_failure_ms: ms(&field_of(stored, "lastFailureMs")),
            },
            schedule: PeriodicSchedule {
                interval_ms: ms(&JsValue::from_f64(periodic_interval_ms)).unwrap_or(u64::MAX),
            },
        }
    }

    /// What to persist: `{pre, periodic, token, lastUsedMs, lastSuccessMs, lastFailureMs}`.
    pub fn record(&self) -> Object {
        let record = Object::new();
        for fetch_type in [FetchType::Pre, FetchType::Periodic] {
            let body = self
                .cache
                .latest(fetch_type)
                .map_or(JsValue::NULL, |d| data_object(d, false).into());
            set(&record, fetch_type.as_str(), &body);
        }
        set(
            &record,
            "token",
            &self
                .token
                .as_deref()
                .map_or(JsValue::NULL, JsValue::from_str),
        );
        set(&record, "lastUsedMs", &number(self.history.last_used_ms));
        set(
            &record,
            "lastSuccessMs",
            &number(self.history.last_success_ms),
        );
        set(
            &record,
            "lastFailureMs",
            &number(self.history.last_failure_ms),
        );
        record
    }

    /// `wx.getBackgroundFetchData({fetchType})`: the latest body, never waiting for a
    /// fetch under way; throws the failure.
    #[wasm_bindgen(js_name = getData)]
    pub fn get_data(&self, options: &JsValue) -> Result<Object, JsValue> {
        const API: &str = "getBackgroundFetchData";
        options_object(options, false).map_err(|e| parameter_error(API, e))?;
        let value = field_of(options, "fetchType");
        let name = value.as_string().ok_or_else(|| {
            parameter_error(
                API,
                ParameterError::wrong_type("fetchType", "String", js_type(&value).name()),
            )
        })?;
        let fetch_type = FetchType::from_name(&name)
            .ok_or_else(|| fail(API, BackgroundFetchError::UnknownFetchType(name)))?;
        let data = self.cache.get(fetch_type).map_err(|e| fail(API, e))?;
        let result = data_object(data, false);
        set(&result, "errMsg", &errmsg::ok(API).into());
        Ok(result)
    }

    /// `wx.setBackgroundFetchToken({token})`: keeps the token and returns it, for the shim
    /// to hand to the server; throws the failure.
    #[wasm_bindgen(js_name = setToken)]
    pub fn set_token(&mut self, options: &JsValue) -> Result<String, JsValue> {
        const API: &str = "setBackgroundFetchToken";
        options_object(options, false).map_err(|e| parameter_error(API, e))?;
        let value = field_of(options, "token");
        let token = value.as_string().ok_or_else(|| {
            parameter_error(
                API,
                ParameterError::wrong_type("token", "String", js_type(&value).name()),
            )
        })?;
        check_token(&token).map_err(|e| fail(API, e))?;
        self.token = Some(token.clone());
        Ok(token)
    }

    /// `wx.getBackgroundFetchToken()`: `{token, errMsg}`; throws when none was set.
    #[wasm_bindgen(js_name = getToken)]
    pub fn get_token(&self) -> Result<Object, JsValue> {
        const API: &str = "getBackgroundFetchToken";
        let token = self
            .token
            .as_deref()
            .ok_or_else(|| fail(API, BackgroundFetchError::TokenNotSet))?;
        let result = Object::new();
        set(&result, "token", &token.into());
        set(&result, "errMsg", &errmsg::ok(API).into());
        Ok(result)
    }

    /// A fetch of `fetch_type` (`'pre'` / `'periodic'`) started.
    pub fn begin(&mut self, fetch_type: &str) {
        if let Some(fetch_type) = FetchType::from_name(fetch_type) {
            self.cache.begin(fetch_type);
        }
    }

    /// A fetch's outcome arrived at `now`: a cached body becomes the latest (and, for a
    /// periodic update, a success of the schedule) and is returned for the listeners;
    /// anything else leaves the previous body (and a periodic request that was sent counts
    /// as a failure, retried later) and returns `undefined`.
    pub fn arrived(&mut self, outcome: &JsValue, now: f64) -> JsValue {
        let Some(fetch_type) = field_of(outcome, "fetchType")
            .as_string()
            .and_then(|t| FetchType::from_name(&t))
        else {
            return JsValue::UNDEFINED;
        };
        let now = ms(&JsValue::from_f64(now)).unwrap_or(0);
        let data = field_of(outcome, "cached")
            .is_truthy()
            .then(|| data_from(outcome, fetch_type, Some(now)))
            .flatten();
        // Only a request actually sent counts for the schedule: one refused before it left
        // (no token) does not delay the first real attempt.
        let sent = field_of(outcome, "url").is_string();
        if fetch_type == FetchType::Periodic && sent {
            if data.is_some() {
                self.history.last_success_ms = Some(now);
                self.history.last_failure_ms = None;
            } else {
                self.history.last_failure_ms = Some(now);
            }
        }
        match data {
            Some(data) => {
                let payload = data_object(&data, true);
                self.cache.complete(data);
                payload.into()
            }
            None => {
                self.cache.abandon(fetch_type);
                JsValue::UNDEFINED
            }
        }
    }

    /// The app is in use (launched, shown, or in the foreground) at `now`.
    pub fn used(&mut self, now: f64) {
        self.history.last_used_ms = ms(&JsValue::from_f64(now)).or(self.history.last_used_ms);
    }

    /// Whether a periodic update is due at `now`: `{due, dueAt?, reason?}`.
    #[wasm_bindgen(js_name = periodicDue)]
    pub fn periodic_due(&self, now: f64) -> Object {
        let result = Object::new();
        let now = ms(&JsValue::from_f64(now)).unwrap_or(0);
        let (due, reason) = if self.token.is_none() {
            (false, Some(BackgroundFetchError::TokenNotSet.to_string()))
        } else {
            match self.schedule.decide(now, &self.history) {
                PeriodicDecision::Due => (true, None),
                PeriodicDecision::NotYet { due_at_ms } => {
                    set(&result, "dueAt", &JsValue::from_f64(due_at_ms as f64));
                    (false, None)
                }
                PeriodicDecision::NotUsedRecently => (
                    false,
                    Some("the app was not used within the last 7 days".to_owned()),
                ),
            }
        };
        set(&result, "due", &due.into());
        if let Some(reason) = reason {
            set(&result, "reason", &reason.into());
        }
        result
    }
}
