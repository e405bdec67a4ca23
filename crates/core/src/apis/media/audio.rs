//! Audio: the ranges WeChat keeps an audio context's settings in, the `errCode` its
//! `onError` gives, and the legacy background player's state.

/// `volume` is kept in 0–1 (WeChat: "范围 0~1"); a value out of range or not a number
/// leaves the previous one.
pub fn volume(value: f64, previous: f64) -> f64 {
    if (0.0..=1.0).contains(&value) {
        value
    } else {
        previous
    }
}

/// `playbackRate` is kept in 0.5–2.0 (WeChat: "范围 0.5-2.0"), clamped; not a number
/// leaves the previous one.
pub fn playback_rate(value: f64, previous: f64) -> f64 {
    if value.is_nan() {
        previous
    } else {
        value.clamp(0.5, 2.0)
    }
}

/// `onError`'s `errCode` for the browser's `MediaError.code`: 10001 系统错误,
/// 10002 网络错误, 10003 文件错误, 10004 格式错误, -1 未知错误.
pub fn error_code(media_error: u16) -> i32 {
    match media_error {
        // MEDIA_ERR_ABORTED: the fetch was stopped by the system, not the app.
        1 => 10001,
        // MEDIA_ERR_NETWORK
        2 => 10002,
        // MEDIA_ERR_DECODE: the file is there but broken.
        3 => 10003,
        // MEDIA_ERR_SRC_NOT_SUPPORTED: not a format the player reads (or no such file).
        4 => 10004,
        _ => -1,
    }
}

/// The `errMsg` beside [`error_code`]'s code.
pub fn error_message(code: i32) -> &'static str {
    match code {
        10001 => "系统错误",
        10002 => "网络错误",
        10003 => "文件错误",
        10004 => "格式错误",
        _ => "未知错误",
    }
}

/// `getBackgroundAudioPlayerState`'s `status`: 2 when nothing is loaded, else 1 playing,
/// 0 paused.
pub fn player_status(has_source: bool, paused: bool) -> u8 {
    match (has_source, paused) {
        (false, _) => 2,
        (true, false) => 1,
        (true, true) => 0,
    }
}

/// `downloadPercent`: how much of `duration` seconds the player has buffered, 0–100.
pub fn download_percent(buffered: f64, duration: f64) -> u8 {
    if duration.is_finite() && duration > 0.0 {
        // Clamped to 0–100 first, so the cast is exact.
        ((buffered / duration) * 100.0).clamp(0.0, 100.0).round() as u8
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_stay_in_wechat_ranges() {
        assert_eq!(volume(0.3, 1.0), 0.3);
        assert_eq!(volume(1.5, 0.4), 0.4);
        assert_eq!(volume(f64::NAN, 0.4), 0.4);
        assert_eq!(playback_rate(3.0, 1.0), 2.0);
        assert_eq!(playback_rate(0.1, 1.0), 0.5);
        assert_eq!(playback_rate(f64::NAN, 1.25), 1.25);
    }

    #[test]
    fn media_errors_map_to_wechat_codes() {
        assert_eq!(error_code(2), 10002);
        assert_eq!(error_code(4), 10004);
        assert_eq!(error_code(9), -1);
        assert_eq!(error_message(10004), "格式错误");
    }

    #[test]
    fn the_legacy_player_state() {
        assert_eq!(player_status(false, true), 2);
        assert_eq!(player_status(true, false), 1);
        assert_eq!(player_status(true, true), 0);
        assert_eq!(download_percent(5.0, 10.0), 50);
        assert_eq!(download_percent(5.0, f64::NAN), 0);
        assert_eq!(download_percent(50.0, 10.0), 100);
    }
}
