//! Location: the glue of core's `apis::location`.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wxrt_core::apis::location::{
    check_declared, fuzzy, nearby_places, open_scale, CoordType, LocationError, Position,
    UpdateMode, Updates,
};

use crate::error::error_with_errmsg;
use crate::options::{field_of, set};

fn failure(api: &str, reason: LocationError) -> JsValue {
    error_with_errmsg(&format!("{api}:fail {reason}"))
}

fn number(value: &JsValue, name: &str, fallback: f64) -> f64 {
    field_of(value, name).as_f64().unwrap_or(fallback)
}

/// Throws `<api>:fail the api need to be declared in the requiredPrivateInfos field…` when
/// app.json's `requiredPrivateInfos` (`declared`: an array, or anything else when absent)
/// leaves `api` out.
#[wasm_bindgen(js_name = checkPrivateInfo)]
pub fn check_private_info(api: &str, declared: &JsValue) -> Result<(), JsValue> {
    let list: Option<Vec<String>> = Array::is_array(declared).then(|| {
        Array::from(declared)
            .iter()
            .filter_map(|v| v.as_string())
            .collect()
    });
    check_declared(api, list.as_deref()).map_err(|e| failure(api, e))
}

/// Throws `<api>:fail <reason>` for `reason` `'unavailable'` (no fix) or `'cancel'`.
#[wasm_bindgen(js_name = locationFailure)]
pub fn location_failure(api: &str, reason: &str) -> JsValue {
    failure(
        api,
        if reason == "cancel" {
            LocationError::Cancel
        } else {
            LocationError::Unavailable
        },
    )
}

/// `getLocation`'s result (without errMsg) for the WGS-84 `position`
/// (`{latitude, longitude, altitude?, accuracy?, speed?}`), `type` and `altitude` as asked.
#[wasm_bindgen(js_name = locationReport)]
pub fn location_report(position: &JsValue, coord_type: Option<String>, altitude: bool) -> Object {
    let here = Position {
        latitude: number(position, "latitude", 0.0),
        longitude: number(position, "longitude", 0.0),
        altitude: number(position, "altitude", 0.0),
        accuracy: number(position, "accuracy", 65.0),
        speed: number(position, "speed", -1.0),
    };
    let r = here.report(CoordType::parse(coord_type.as_deref()), altitude);
    let out = Object::new();
    for (name, value) in [
        ("latitude", r.latitude),
        ("longitude", r.longitude),
        ("speed", r.speed),
        ("accuracy", r.accuracy),
        ("altitude", r.altitude),
        ("verticalAccuracy", r.vertical_accuracy),
        ("horizontalAccuracy", r.horizontal_accuracy),
    ] {
        set(&out, name, &value.into());
    }
    out
}

/// `getFuzzyLocation`'s `{latitude, longitude}` for the WGS-84 position.
#[wasm_bindgen(js_name = fuzzyLocation)]
pub fn fuzzy_location(latitude: f64, longitude: f64, coord_type: Option<String>) -> Object {
    let (lat, lng) = CoordType::parse(coord_type.as_deref()).convert(latitude, longitude);
    let (lat, lng) = fuzzy(lat, lng);
    let out = Object::new();
    set(&out, "latitude", &lat.into());
    set(&out, "longitude", &lng.into());
    out
}

/// `chooseLocation`'s places around the WGS-84 centre: `[{name, address, latitude, longitude}]`.
#[wasm_bindgen(js_name = nearbyPlaces)]
pub fn nearby(latitude: f64, longitude: f64) -> Array {
    nearby_places(latitude, longitude)
        .into_iter()
        .map(|p| {
            let out = Object::new();
            set(&out, "name", &p.name.into());
            set(&out, "address", &p.address.into());
            set(&out, "latitude", &p.latitude.into());
            set(&out, "longitude", &p.longitude.into());
            JsValue::from(out)
        })
        .collect()
}

/// `openLocation`'s scale, brought into 5–18 (default 18).
#[wasm_bindgen(js_name = openLocationScale)]
pub fn open_location_scale(scale: Option<f64>) -> u8 {
    open_scale(scale)
}

/// Whether position changes reach `onLocationChange` listeners (core's `Updates`).
#[wasm_bindgen]
#[derive(Default)]
pub struct LocationUpdates {
    updates: Updates,
}

#[wasm_bindgen]
impl LocationUpdates {
    /// No updates running.
    #[wasm_bindgen(constructor)]
    pub fn new() -> LocationUpdates {
        LocationUpdates::default()
    }

    /// `startLocationUpdate` (`background: false`) or `startLocationUpdateBackground`.
    pub fn start(&mut self, background: bool) {
        self.updates.start(background);
    }

    /// `stopLocationUpdate`.
    pub fn stop(&mut self) {
        self.updates.stop();
    }

    /// Whether any updates run.
    pub fn running(&self) -> bool {
        self.updates.mode() != UpdateMode::Off
    }

    /// Whether a change reaches listeners now (`shown`: in the foreground).
    pub fn delivers(&self, shown: bool) -> bool {
        self.updates.delivers(shown)
    }
}
