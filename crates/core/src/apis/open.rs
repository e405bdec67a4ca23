//! Open capabilities: account info, other mini-programs, payment, subscription messages, sharing, addresses, invoices, analytics, ads: simulated, each outcome chosen on the simulated phone.

use super::params::Field;

/// The options WeChat checks for this family's methods.
pub const SCHEMAS: &[(&str, &[Field])] = &[];
