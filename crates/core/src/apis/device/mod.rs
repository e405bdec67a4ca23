//! The device: clipboard, phone calls, vibration, screen, network type, theme, keyboard,
//! battery, the scanner, the accelerometer, the system's switches and the app's
//! permissions. Where the browser cannot know (the network type, the battery, what the
//! camera scans), the simulated phone's settings are the device, read through these rules.

pub mod sensors;
pub mod theme;

use base64ct::{Base64, Encoding};

use super::params::{Field, ARRAY, BOOLEAN, NUMBER, STRING};

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[
    ("setClipboardData", &[Field::required("data", STRING)]),
    ("getClipboardData", &[]),
    ("makePhoneCall", &[Field::required("phoneNumber", STRING)]),
    ("vibrateShort", &[Field::optional("type", STRING)]),
    ("vibrateLong", &[]),
    (
        "setKeepScreenOn",
        &[Field::required("keepScreenOn", BOOLEAN)],
    ),
    ("getNetworkType", &[]),
    ("hideKeyboard", &[]),
    ("getScreenBrightness", &[]),
    ("setScreenBrightness", &[Field::required("value", NUMBER)]),
    (
        "scanCode",
        &[
            Field::optional("onlyFromCamera", BOOLEAN),
            Field::optional("scanType", ARRAY),
        ],
    ),
    ("getBatteryInfo", &[]),
    ("startAccelerometer", &[Field::optional("interval", STRING)]),
    ("stopAccelerometer", &[]),
];

/// Why a device call failed; `Display` is the part after `<api>:fail `.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
    /// The user cancelled (the call sheet, the scanner).
    #[error("cancel")]
    Cancel,
    /// `setScreenBrightness` outside 0–1.
    #[error("invalid value: it should be between 0 and 1")]
    Brightness,
}

/// How long `vibrateShort` (of `kind` heavy, medium or light) and `vibrateLong` vibrate,
/// in ms. WeChat's short vibration is 15 ms whatever the kind on Android, which ignores
/// `type`; the kind is kept so what was asked can be seen. Old code omits `type`, which
/// WeChat still accepts.
pub fn vibration(long: bool, kind: Option<&str>) -> (u32, &'static str) {
    if long {
        return (400, "long");
    }
    let kind = match kind {
        Some("heavy") => "heavy",
        Some("light") => "light",
        _ => "medium",
    };
    (15, kind)
}

/// The network types WeChat reports.
pub const NETWORK_TYPES: &[&str] = &["wifi", "2g", "3g", "4g", "5g", "unknown", "none"];

/// The network type of the phone setting `value` (unknown for anything else).
pub fn network_type(value: &str) -> &'static str {
    NETWORK_TYPES
        .iter()
        .find(|t| **t == value)
        .copied()
        .unwrap_or("unknown")
}

/// Whether requests can go out on `network_type`: `none` is offline, and requests fail.
pub fn is_connected(network_type: &str) -> bool {
    network_type != "none"
}

/// `setScreenBrightness`'s value, 0 (dark) to 1 (bright).
///
/// # Errors
///
/// [`DeviceError::Brightness`] outside that range.
pub fn brightness(value: f64) -> Result<f64, DeviceError> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(DeviceError::Brightness)
    }
}

/// The battery as `getBatteryInfo` reports it: a whole percentage 0–100.
pub fn battery_level(value: f64) -> u32 {
    if value.is_nan() {
        return 100;
    }
    // Clamped to 0–100 first, so the cast cannot truncate.
    value.round().clamp(0.0, 100.0) as u32
}

/// `makePhoneCall`'s confirmation sheet: the number and what the button says.
pub fn call_sheet(number: &str) -> String {
    format!("呼叫 {number}")
}

/// What `scanCode` answers for the simulated code `result` of `scan_type` (WeChat's
/// names: `QR_CODE`, `EAN_13`, `CODE_128`…), with the mini-program `path` a WeChat code
/// carries (empty otherwise).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    /// The code's content.
    pub result: String,
    /// The kind of code.
    pub scan_type: String,
    /// Always `utf-8` for text WeChat decoded.
    pub char_set: &'static str,
    /// The page path of a mini-program code.
    pub path: String,
    /// The content, base64.
    pub raw_data: String,
}

/// The scan WeChat reports for `result`; `scan_type` defaults to `QR_CODE`.
pub fn scan(result: &str, scan_type: Option<&str>, path: Option<&str>) -> Scan {
    Scan {
        result: result.to_owned(),
        scan_type: scan_type
            .filter(|t| !t.is_empty())
            .unwrap_or("QR_CODE")
            .to_owned(),
        char_set: "utf-8",
        path: path.unwrap_or("").to_owned(),
        raw_data: Base64::encode_string(result.as_bytes()),
    }
}

/// `getAppAuthorizeSetting`'s value for one permission of the simulated phone:
/// `authorized`, `denied` or `not determined`.
pub fn authorization(value: Option<&str>) -> &'static str {
    match value {
        Some("denied") => "denied",
        Some("not determined") => "not determined",
        _ => "authorized",
    }
}

/// The permissions `getAppAuthorizeSetting` lists (WeChat's own app on the phone).
pub const APP_PERMISSIONS: &[&str] = &[
    "albumAuthorized",
    "bluetoothAuthorized",
    "cameraAuthorized",
    "locationAuthorized",
    "microphoneAuthorized",
    "notificationAuthorized",
    "phoneCalendarAuthorized",
];

/// The switches `getSystemSetting` lists.
pub const SYSTEM_SWITCHES: &[&str] = &["bluetoothEnabled", "locationEnabled", "wifiEnabled"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vibration_kinds_default_to_medium() {
        assert_eq!(vibration(false, None), (15, "medium"));
        assert_eq!(vibration(false, Some("heavy")), (15, "heavy"));
        assert_eq!(vibration(true, Some("light")), (400, "long"));
    }

    #[test]
    fn network_types_and_connection() {
        assert_eq!(network_type("4g"), "4g");
        assert_eq!(network_type("6g"), "unknown");
        assert!(!is_connected("none"));
        assert!(is_connected("2g"));
    }

    #[test]
    fn brightness_is_zero_to_one() {
        assert_eq!(brightness(0.5), Ok(0.5));
        assert_eq!(
            brightness(1.5).unwrap_err().to_string(),
            "invalid value: it should be between 0 and 1"
        );
        assert_eq!(brightness(f64::NAN), Err(DeviceError::Brightness));
    }

    #[test]
    fn battery_level_is_a_whole_percentage() {
        assert_eq!(battery_level(42.4), 42);
        assert_eq!(battery_level(140.0), 100);
    }

    #[test]
    fn a_scan_carries_its_raw_data_in_base64() {
        let s = scan("hello", None, None);
        assert_eq!(s.scan_type, "QR_CODE");
        assert_eq!(s.raw_data, "aGVsbG8=");
        assert_eq!(scan("ab", Some("EAN_13"), Some("pages/a")).raw_data, "YWI=");
        assert_eq!(authorization(Some("denied")), "denied");
        assert_eq!(authorization(None), "authorized");
        assert_eq!(call_sheet("10086"), "呼叫 10086");
    }
}
