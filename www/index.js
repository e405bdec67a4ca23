// The `wxrt` package: WeChat's `wx` API for mini-program code running in a browser.
// This file only installs the wasm runtime as WeChat-shaped functions; behaviour lives
// in the Rust core.

import initWasm, { Runtime } from '../pkg/wxrt_wasm.js';
import { asyncApi } from './async-api.js';
import { loadEncryptionKey } from './key-store.js';

/** The simulated user when `createRuntime` is given none. */
export const DEFAULT_USER = 'wxrt-user';

const SYNC_APIS = [
  'setStorageSync', 'getStorageSync', 'removeStorageSync', 'clearStorageSync',
  'getStorageInfoSync', 'batchSetStorageSync', 'batchGetStorageSync',
];
const ASYNC_APIS = [
  'removeStorage', 'clearStorage', 'getStorageInfo', 'batchSetStorage', 'batchGetStorage',
];
// Only these take `encrypt`, and only they may need to load the key first.
const ENCRYPTABLE_APIS = ['setStorage', 'getStorage'];

let wasmReady;

/**
 * Loads the WebAssembly module once; later calls reuse it. `module` is optional:
 * anything wasm-bindgen's init accepts (URL, Response, bytes, WebAssembly.Module).
 */
export function init(module) {
  wasmReady ??= initWasm(module === undefined ? undefined : { module_or_path: module });
  return wasmReady;
}

function wantsEncryption(options) {
  return options !== null && typeof options === 'object' && Boolean(options.encrypt);
}

function buildWx(runtime, ensureKey) {
  const wx = { canIUse: (schema) => runtime.canIUse(schema) };
  for (const name of SYNC_APIS) wx[name] = runtime[name].bind(runtime);
  for (const name of ASYNC_APIS) wx[name] = asyncApi((options) => runtime[name](options));
  for (const name of ENCRYPTABLE_APIS) {
    wx[name] = asyncApi((options) => (wantsEncryption(options) && !runtime.hasEncryptionKey()
      ? ensureKey(name).then(() => runtime[name](options))
      : runtime[name](options)));
  }
  return Object.freeze(wx);
}

// The runtime of one mini-program for one simulated user; options are documented in
// index.d.ts, which ships beside this file.
export async function createRuntime(options = {}) {
  const {
    appid, user = DEFAULT_USER, storage = globalThis.localStorage, encryptionKey, module,
  } = options;
  if (typeof appid !== 'string') {
    throw new TypeError(`createRuntime: appid should be a String, got ${typeof appid}`);
  }
  if (!storage) {
    throw new TypeError('createRuntime: no localStorage here; pass options.storage');
  }
  await init(module);
  const runtime = new Runtime(appid, String(user), storage);
  if (encryptionKey !== undefined) {
    // wasm-bindgen would coerce a string or array-like into zero bytes: a silent weak key.
    if (!(encryptionKey instanceof Uint8Array) || encryptionKey.length !== 16) {
      runtime.free();
      throw new TypeError('createRuntime: encryptionKey should be a Uint8Array of 16 bytes');
    }
    runtime.setEncryptionKey(encryptionKey);
  }

  let keyLoading;
  const ensureKey = (api) => {
    keyLoading ??= loadEncryptionKey(appid, user).then((key) => runtime.setEncryptionKey(key));
    return keyLoading.catch((error) => {
      keyLoading = undefined;
      throw Runtime.failure(api, `encrypt is unavailable: ${error.message}`);
    });
  };

  // Another tab's writes arrive as `storage` events; the index must follow them.
  const onStorage = (event) => {
    if (event.storageArea === storage) runtime.storageChanged(event.key);
  };
  globalThis.addEventListener?.('storage', onStorage);

  return {
    appid,
    user,
    wx: buildWx(runtime, ensureKey),
    dispose() {
      globalThis.removeEventListener?.('storage', onStorage);
      runtime.free();
    },
  };
}
