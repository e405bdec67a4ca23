//! Open capabilities: the glue of core's `apis::open`.
