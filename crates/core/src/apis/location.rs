//! Location: the simulated position (or the browser's), getLocation and its kin, choosing and opening a place.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
