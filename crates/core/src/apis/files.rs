//! Images and files: one model of `wxfile://` paths (temporary, user data, saved), the FileSystemManager over IndexedDB, downloads, the image viewer, the simulated photo album.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
