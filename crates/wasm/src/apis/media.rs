//! Media: the glue of core's `apis::media`.

use js_sys::Object;
use wasm_bindgen::prelude::*;
use wxrt_core::apis::media::{audio, canvas, video};

use crate::error::fail;
use crate::options::{field_of, set};

/// An audio context's `volume` after setting `value` (out of 0–1: unchanged).
#[wasm_bindgen(js_name = audioVolume)]
pub fn audio_volume(value: f64, previous: f64) -> f64 {
    audio::volume(value, previous)
}

/// An audio context's `playbackRate` after setting `value` (clamped to 0.5–2.0).
#[wasm_bindgen(js_name = audioPlaybackRate)]
pub fn audio_playback_rate(value: f64, previous: f64) -> f64 {
    audio::playback_rate(value, previous)
}

/// `onError`'s `{errCode, errMsg}` for the browser's `MediaError.code`.
#[wasm_bindgen(js_name = audioError)]
pub fn audio_error(media_error: u16) -> Object {
    let code = audio::error_code(media_error);
    let out = Object::new();
    set(&out, "errCode", &code.into());
    set(&out, "errMsg", &audio::error_message(code).into());
    out
}

/// `getBackgroundAudioPlayerState`'s `status` and `downloadPercent`.
#[wasm_bindgen(js_name = playerState)]
pub fn player_state(has_source: bool, paused: bool, buffered: f64, duration: f64) -> Object {
    let out = Object::new();
    set(
        &out,
        "status",
        &audio::player_status(has_source, paused).into(),
    );
    set(
        &out,
        "downloadPercent",
        &audio::download_percent(buffered, duration).into(),
    );
    out
}

/// Whether `VideoContext.playbackRate(rate)` takes `rate`.
#[wasm_bindgen(js_name = videoAcceptsRate)]
pub fn video_accepts_rate(rate: f64) -> bool {
    video::accepts_rate(rate)
}

/// `requestFullScreen`'s direction: true landscape, false portrait, undefined auto.
#[wasm_bindgen(js_name = videoLandscape)]
pub fn video_landscape(direction: Option<f64>) -> Option<bool> {
    video::landscape(direction)
}

fn number(options: &JsValue, name: &str) -> Option<f64> {
    field_of(options, name).as_f64()
}

/// `canvasToTempFilePath`'s plan for `options` on a canvas `width`×`height` in its
/// coordinates with `ratio` backing pixels per unit: `{source: [x, y, w, h], destWidth,
/// destHeight, type, quality}`; throws `canvasToTempFilePath:fail …`.
#[wasm_bindgen(js_name = canvasExport)]
pub fn canvas_export(
    options: &JsValue,
    width: f64,
    height: f64,
    ratio: f64,
) -> Result<Object, JsValue> {
    let file_type = field_of(options, "fileType").as_string();
    let input = canvas::ExportInput {
        x: number(options, "x"),
        y: number(options, "y"),
        width: number(options, "width"),
        height: number(options, "height"),
        dest_width: number(options, "destWidth"),
        dest_height: number(options, "destHeight"),
        file_type: file_type.as_deref(),
        quality: number(options, "quality"),
    };
    let plan = canvas::export(&input, (width, height), ratio)
        .map_err(|e| fail("canvasToTempFilePath", e))?;
    let out = Object::new();
    let source: js_sys::Array = plan.source.iter().map(|v| JsValue::from(*v)).collect();
    set(&out, "source", &source);
    set(&out, "destWidth", &plan.dest_width.into());
    set(&out, "destHeight", &plan.dest_height.into());
    let kind = if plan.jpeg { "image/jpeg" } else { "image/png" };
    set(&out, "type", &kind.into());
    set(&out, "quality", &plan.quality.into());
    Ok(out)
}

/// `canvasToTempFilePath`'s failure when no canvas was found.
#[wasm_bindgen(js_name = canvasEmpty)]
pub fn canvas_empty(api: &str) -> JsValue {
    let api = if api == "canvasGetImageData" {
        "canvasGetImageData"
    } else if api == "canvasPutImageData" {
        "canvasPutImageData"
    } else {
        "canvasToTempFilePath"
    };
    fail(api, canvas::CanvasError::Empty)
}

/// `canvasGetImageData`'s `[width, height]`; throws `canvasGetImageData:fail …`.
#[wasm_bindgen(js_name = canvasGetRegion)]
pub fn canvas_get_region(width: f64, height: f64) -> Result<Vec<u32>, JsValue> {
    let (w, h) = canvas::get_region(width, height).map_err(|e| fail("canvasGetImageData", e))?;
    Ok(vec![w, h])
}

/// `canvasPutImageData`'s `[width, height]` for `length` bytes of data; throws
/// `canvasPutImageData:fail …`.
#[wasm_bindgen(js_name = canvasPutRegion)]
pub fn canvas_put_region(
    length: usize,
    width: f64,
    height: Option<f64>,
) -> Result<Vec<u32>, JsValue> {
    let (w, h) =
        canvas::put_region(length, width, height).map_err(|e| fail("canvasPutImageData", e))?;
    Ok(vec![w, h])
}
