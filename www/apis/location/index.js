// Location: the simulated position (or the browser's), getLocation and its kin, choosing and opening a place. Core's `apis::location` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
