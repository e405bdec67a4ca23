//! The page frame: the navigation bar's loading state, the tab bar's badges, dots, items, style and visibility, the background, action sheets, the alert before unload.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
