//! Images and files: the glue of core's `apis::files`.
