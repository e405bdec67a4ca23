//! Sockets: SocketTask and the legacy single-socket API, at most five open at once.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
