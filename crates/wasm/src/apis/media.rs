//! Media: the glue of core's `apis::media`.
