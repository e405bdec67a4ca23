// Media: audio, video, canvas contexts and images beyond the renderer's own. Core's `apis::media` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
