//! Location: the simulated position (or the browser's), getLocation and its kin, choosing and
//! opening a place. The position itself comes from the shim (the simulated phone or the
//! browser's geolocation); the rules here decide what a mini-program is told about it.

mod coords;
mod places;
mod updates;

pub use coords::{fuzzy, gcj02_from_wgs84, CoordType};
pub use places::{nearby_places, Place};
pub use updates::{UpdateMode, Updates};

use super::params::{Field, BOOLEAN, NUMBER, STRING};

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    (
        "getLocation",
        &[
            Field::optional("type", STRING),
            Field::optional("altitude", BOOLEAN),
            Field::optional("isHighAccuracy", BOOLEAN),
            Field::optional("highAccuracyExpireTime", NUMBER),
        ],
    ),
    ("getFuzzyLocation", &[Field::optional("type", STRING)]),
    (
        "chooseLocation",
        &[
            Field::optional("latitude", NUMBER),
            Field::optional("longitude", NUMBER),
        ],
    ),
    (
        "openLocation",
        &[
            Field::required("latitude", NUMBER),
            Field::required("longitude", NUMBER),
            Field::optional("scale", NUMBER),
            Field::optional("name", STRING),
            Field::optional("address", STRING),
        ],
    ),
    ("startLocationUpdate", &[Field::optional("type", STRING)]),
    (
        "startLocationUpdateBackground",
        &[Field::optional("type", STRING)],
    ),
    ("stopLocationUpdate", &[]),
];

/// Why a location call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocationError {
    /// app.json declares `requiredPrivateInfos` without this API.
    #[error("the api need to be declared in the requiredPrivateInfos field in app.json/ext.json")]
    NotDeclared,
    /// The phone cannot tell where it is (location switched off, no fix).
    #[error("system permission denied")]
    Unavailable,
    /// The user closed the place picker.
    #[error("cancel")]
    Cancel,
}

/// The APIs WeChat wants listed in app.json `requiredPrivateInfos` (since 2022-07-14).
pub const PRIVATE_INFOS: &[&str] = &[
    "getLocation",
    "getFuzzyLocation",
    "onLocationChange",
    "startLocationUpdate",
    "startLocationUpdateBackground",
    "chooseLocation",
    "choosePoi",
    "chooseAddress",
];

/// Checks `api` against app.json `requiredPrivateInfos` (`declared`, `None` when app.json has
/// no such field).
///
/// WeChat refuses an undeclared API only in versions published after 2022-07-14; a project
/// whose app.json has no `requiredPrivateInfos` at all is taken as one of the older ones
/// (which keep working on phones), so only a project that declares some and forgets this
/// one is refused.
///
/// # Errors
///
/// [`LocationError::NotDeclared`].
pub fn check_declared(api: &str, declared: Option<&[String]>) -> Result<(), LocationError> {
    match declared {
        Some(list) if PRIVATE_INFOS.contains(&api) && !list.iter().any(|d| d == api) => {
            Err(LocationError::NotDeclared)
        }
        _ => Ok(()),
    }
}

/// Where the phone is, as the shim read it (the simulated phone or the browser), in WGS-84.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
    /// Metres above sea level.
    pub altitude: f64,
    /// Radius of uncertainty in metres.
    pub accuracy: f64,
    /// Metres per second, `-1` when unknown (WeChat's value for a still phone).
    pub speed: f64,
}

/// What `getLocation` (and `onLocationChange`) reports.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Report {
    /// Degrees north in the asked coordinate system.
    pub latitude: f64,
    /// Degrees east in the asked coordinate system.
    pub longitude: f64,
    /// Metres per second.
    pub speed: f64,
    /// Metres.
    pub accuracy: f64,
    /// Metres; `0` unless `altitude: true` was asked for.
    pub altitude: f64,
    /// Metres.
    pub vertical_accuracy: f64,
    /// Metres.
    pub horizontal_accuracy: f64,
}

impl Position {
    /// The report for a call asking `coords` and (`with_altitude`) the height: WeChat gives
    /// `altitude` 0 unless asked, and the same accuracy horizontally and vertically.
    pub fn report(&self, coords: CoordType, with_altitude: bool) -> Report {
        let (latitude, longitude) = coords.convert(self.latitude, self.longitude);
        Report {
            latitude,
            longitude,
            speed: self.speed,
            accuracy: self.accuracy,
            altitude: if with_altitude { self.altitude } else { 0.0 },
            vertical_accuracy: if with_altitude { self.accuracy } else { 0.0 },
            horizontal_accuracy: self.accuracy,
        }
    }
}

/// `openLocation`'s map scale: WeChat's range is 5–18, default 18; out-of-range values are
/// brought into it rather than refused.
pub fn open_scale(scale: Option<f64>) -> u8 {
    match scale {
        Some(s) if s.is_finite() => s.round().clamp(5.0, 18.0) as u8,
        _ => 18,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undeclared_apis_fail_only_when_the_project_declares_some() {
        assert_eq!(check_declared("getLocation", None), Ok(()));
        let list = vec!["chooseLocation".to_owned()];
        assert_eq!(
            check_declared("getLocation", Some(&list)),
            Err(LocationError::NotDeclared)
        );
        assert_eq!(check_declared("chooseLocation", Some(&list)), Ok(()));
        assert_eq!(check_declared("openLocation", Some(&list)), Ok(()));
        assert_eq!(
            LocationError::NotDeclared.to_string(),
            "the api need to be declared in the requiredPrivateInfos field in app.json/ext.json"
        );
    }

    #[test]
    fn reports_leave_altitude_out_unless_asked() {
        let here = Position {
            latitude: 39.9042,
            longitude: 116.4074,
            altitude: 43.5,
            accuracy: 65.0,
            speed: -1.0,
        };
        let plain = here.report(CoordType::Wgs84, false);
        assert_eq!((plain.latitude, plain.longitude), (39.9042, 116.4074));
        assert_eq!((plain.altitude, plain.vertical_accuracy), (0.0, 0.0));
        assert_eq!(plain.horizontal_accuracy, 65.0);
        let high = here.report(CoordType::Gcj02, true);
        assert_eq!(high.altitude, 43.5);
        assert!(
            (high.latitude - 39.905_605).abs() < 1e-4,
            "{}",
            high.latitude
        );
        assert!(
            (high.longitude - 116.413_641).abs() < 1e-4,
            "{}",
            high.longitude
        );
    }

    #[test]
    fn open_scale_stays_in_range() {
        assert_eq!(open_scale(None), 18);
        assert_eq!(open_scale(Some(3.0)), 5);
        assert_eq!(open_scale(Some(12.4)), 12);
        assert_eq!(open_scale(Some(40.0)), 18);
        assert_eq!(open_scale(Some(f64::NAN)), 18);
    }
}
