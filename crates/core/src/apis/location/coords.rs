//! Coordinate systems: WGS-84 (what a GPS reads) and GCJ-02, the obfuscated system Chinese
//! law requires of maps in China, which `type: 'gcj02'` asks for. The shift is the
//! published GCJ-02 formula (Krasovsky ellipsoid and the sine series every open
//! implementation uses); outside China's bounding box positions are not shifted, as there.

use std::f64::consts::PI;

/// The coordinate system a location call asks for (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoordType {
    /// GPS coordinates, WeChat's default.
    Wgs84,
    /// China's map coordinates, what `openLocation`, `<map>` and Tencent Maps expect.
    Gcj02,
}

impl CoordType {
    /// `type` as given: `'gcj02'` asks for GCJ-02; absent or anything else is WeChat's default,
    /// WGS-84 (WeChat does not refuse an unknown `type`).
    pub fn parse(value: Option<&str>) -> Self {
        match value {
            Some(t) if t.eq_ignore_ascii_case("gcj02") => Self::Gcj02,
            _ => Self::Wgs84,
        }
    }

    /// WGS-84 `(latitude, longitude)` in this system.
    pub fn convert(self, latitude: f64, longitude: f64) -> (f64, f64) {
        match self {
            Self::Wgs84 => (latitude, longitude),
            Self::Gcj02 => gcj02_from_wgs84(latitude, longitude),
        }
    }
}

const SEMI_MAJOR: f64 = 6_378_245.0;
const ECCENTRICITY_SQ: f64 = 0.006_693_421_622_965_943;

fn outside_china(latitude: f64, longitude: f64) -> bool {
    !(72.004..=137.8347).contains(&longitude) || !(0.8293..=55.8271).contains(&latitude)
}

fn shift_latitude(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn shift_longitude(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// The GCJ-02 `(latitude, longitude)` of a WGS-84 position.
pub fn gcj02_from_wgs84(latitude: f64, longitude: f64) -> (f64, f64) {
    if outside_china(latitude, longitude) {
        return (latitude, longitude);
    }
    let x = longitude - 105.0;
    let y = latitude - 35.0;
    let rad = latitude / 180.0 * PI;
    let magic = 1.0 - ECCENTRICITY_SQ * rad.sin() * rad.sin();
    let sqrt_magic = magic.sqrt();
    let d_lat = shift_latitude(x, y) * 180.0
        / ((SEMI_MAJOR * (1.0 - ECCENTRICITY_SQ)) / (magic * sqrt_magic) * PI);
    let d_lng = shift_longitude(x, y) * 180.0 / (SEMI_MAJOR / sqrt_magic * rad.cos() * PI);
    (latitude + d_lat, longitude + d_lng)
}

/// `getFuzzyLocation`'s answer: the position blurred to about a kilometre (0.01°), as
/// WeChat's fuzzy location is city-district precise, not street precise.
pub fn fuzzy(latitude: f64, longitude: f64) -> (f64, f64) {
    let blur = |v: f64| (v * 100.0).round() / 100.0;
    (blur(latitude), blur(longitude))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcj02_shifts_inside_china_only() {
        // Tiananmen: the shift in Beijing is about 130 m north and 540 m east.
        let (lat, lng) = gcj02_from_wgs84(39.9087, 116.3975);
        assert!((lat - 39.9087 - 0.0014).abs() < 0.0003, "{lat}");
        assert!((lng - 116.3975 - 0.0062).abs() < 0.0003, "{lng}");
        assert_eq!(gcj02_from_wgs84(48.8584, 2.2945), (48.8584, 2.2945));
        assert_eq!(gcj02_from_wgs84(-33.86, 151.21), (-33.86, 151.21));
    }

    #[test]
    fn type_defaults_to_wgs84() {
        assert_eq!(CoordType::parse(None), CoordType::Wgs84);
        assert_eq!(CoordType::parse(Some("gcj02")), CoordType::Gcj02);
        assert_eq!(CoordType::parse(Some("bd09")), CoordType::Wgs84);
    }

    #[test]
    fn fuzzy_rounds_to_a_hundredth_of_a_degree() {
        assert_eq!(fuzzy(39.9042, 116.4074), (39.9, 116.41));
    }
}
