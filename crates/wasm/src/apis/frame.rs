//! The page frame: the glue of core's `apis::frame`.
