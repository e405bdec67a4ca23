// `encrypt: true`'s cipher. AES-GCM is core's, built into the API families' wasm
// (pkg/wxrt_apis*) rather than the boot wasm: it is lent to the runtime when a page first
// encrypts, so a page that never does never downloads it.

import { apisWasm } from '../apis/wasm.js';

/** Lends `runtime` the cipher of `key` (16 bytes). */
export async function lendCipher(runtime, key) {
  const { StorageCipher } = await apisWasm();
  const cipher = new StorageCipher(key);
  runtime.lendCipher(
    (nonce, context, plaintext) => cipher.seal(nonce, context, plaintext),
    (nonce, context, ciphertext) => cipher.open(nonce, context, ciphertext),
  );
}
