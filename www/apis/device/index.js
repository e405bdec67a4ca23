// The device: clipboard, phone calls, vibration, screen, network type, theme, keyboard, battery, the scanner. Core's `apis::device` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
