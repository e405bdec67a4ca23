//! The device: the glue of core's `apis::device`.
