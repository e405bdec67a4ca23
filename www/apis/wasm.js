// The rules of the API families (core's `apis` module) come in a WebAssembly build of their
// own (pkg/wxrt_apis*), fetched with the first family a page uses.

let ready;

/** The families' wasm module, initialised once. */
export function apisWasm() {
  ready ??= import('../../pkg/wxrt_apis.js').then(async (module) => {
    await module.default();
    return module;
  });
  return ready;
}
