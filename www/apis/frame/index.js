// The page frame: the navigation bar's loading state, the tab bar's badges, dots, items, style and visibility, the background, action sheets, the alert before unload. Core's `apis::frame` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
