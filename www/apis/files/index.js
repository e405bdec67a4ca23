// Images and files: one model of `wxfile://` paths (temporary, user data, saved), the FileSystemManager over IndexedDB, downloads, the image viewer, the simulated photo album. Core's `apis::files` decides; this family only performs.

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  return {};
}
