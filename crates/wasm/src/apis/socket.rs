//! Sockets: the glue of core's `apis::socket`.
