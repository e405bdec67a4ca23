//! The accelerometer: listeners hear nothing until `startAccelerometer`, which samples at
//! the interval named (`game` 20 ms, `ui` 60 ms, `normal` 200 ms, the default).

/// Sampling period in ms for `startAccelerometer`'s `interval`; anything else is `normal`.
pub fn accelerometer_period(interval: Option<&str>) -> u32 {
    match interval {
        Some("game") => 20,
        Some("ui") => 60,
        _ => 200,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(accelerometer_period(Some("game")), 20);
        assert_eq!(accelerometer_period(Some("ui")), 60);
        assert_eq!(accelerometer_period(None), 200);
        assert_eq!(accelerometer_period(Some("fast")), 200);
    }
}
