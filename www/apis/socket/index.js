// Sockets: SocketTask and the legacy single-socket API, at most five open at once. Core's `apis::socket` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
