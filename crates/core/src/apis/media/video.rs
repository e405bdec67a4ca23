//! The `<video>` context: the rates `VideoContext.playbackRate` takes and the fullscreen
//! directions.

/// The rates WeChat's `playbackRate(rate)` accepts ("支持倍率 0.5/0.8/1.0/1.25/1.5",
/// 2.0 since 2.6.3).
pub const RATES: &[f64] = &[0.5, 0.8, 1.0, 1.25, 1.5, 2.0];

/// Whether `rate` is one of [`RATES`]; others are ignored, as WeChat's player ignores them.
pub fn accepts_rate(rate: f64) -> bool {
    RATES.contains(&rate)
}

/// `requestFullScreen({direction})`: 0 portrait, 90 and -90 landscape; anything else is
/// WeChat's "auto", which follows the video's shape. `Some(true)` landscape,
/// `Some(false)` portrait, `None` auto.
pub fn landscape(direction: Option<f64>) -> Option<bool> {
    let d = direction?;
    if d == 0.0 {
        Some(false)
    } else if d.abs() == 90.0 {
        Some(true)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_wechat_rates_and_directions() {
        assert!(accepts_rate(1.25));
        assert!(!accepts_rate(3.0));
        assert_eq!(landscape(Some(90.0)), Some(true));
        assert_eq!(landscape(Some(0.0)), Some(false));
        assert_eq!(landscape(Some(45.0)), None);
        assert_eq!(landscape(None), None);
    }
}
