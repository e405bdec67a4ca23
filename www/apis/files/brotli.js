// readCompressedFile's brotli decoder comes in a wasm of its own (pkg/wxrt_brotli*): its
// dictionary outweighs every family together. It is fetched at the first read of a
// compressed file, or with the family when the project's text names readCompressedFile,
// so that the Sync form can answer at once.

let ready;
let decoder;

/** Loads the decoder once; resolves with its module. */
export function loadBrotli() {
  ready ??= import('../../../pkg/wxrt_brotli.js').then(async (module) => {
    await module.default();
    decoder = module;
    return module;
  });
  return ready;
}

/** The decoder's module for the Sync form `api`; throws saying why when it is not in yet. */
export function brotliNow(api) {
  if (decoder) return decoder;
  loadBrotli().catch(() => {});
  throw new Error(`wxrt: ${api} needs the brotli decoder, loaded before the app's code when a file names readCompressedFile; here it was not named, so it is loading now: call again`);
}
