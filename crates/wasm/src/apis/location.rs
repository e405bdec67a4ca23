//! Location: the glue of core's `apis::location`.
