//! Media: audio, video, canvas contexts and images beyond the renderer's own.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
