//! The device: clipboard, phone calls, vibration, screen, network type, theme, keyboard, battery, the scanner.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
