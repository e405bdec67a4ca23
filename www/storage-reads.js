// `wx.getStorageSync` without crossing into wasm on a hit. Core decides how an entry
// reads from its text alone, so once it has passed a plain entry through (a string or
// JSON payload, its length as its header says), a later read finding the very same text
// under the same localStorage key reads the same way: `JSON.parse` of the payload, as
// core's answer was. Anything else (another text, a missing key, a compressed or
// encrypted entry) goes to core, so writes here or in other tabs need no invalidation:
// a changed entry simply no longer matches.

// A memo holds a second copy of each text it remembers: small entries only, and a few
// megabytes in all (then it starts over).
const MAX_TEXT = 16 * 1024;
const MAX_CHARS = 2 * 1024 * 1024;

/** `getStorageSync` for `runtime` over `storage` (the area core reads). */
export function fastStorageReads(runtime, storage) {
  const memo = new Map(); // key → [backendKey, text, payloadStart, isJson]
  let chars = 0;
  return function getStorageSync(key) {
    const known = typeof key === 'string' ? memo.get(key) : undefined;
    if (known) {
      const text = storage.getItem(known[0]);
      if (text === known[1]) return known[3] ? JSON.parse(text.slice(known[2])) : text.slice(known[2]);
    }
    const value = runtime.getStorageSync(key);
    const read = runtime.takePlainRead();
    if (known) chars -= known[1].length;
    if (read && read[1].length <= MAX_TEXT) {
      chars += read[1].length;
      if (chars > MAX_CHARS) {
        memo.clear();
        chars = read[1].length;
      }
      memo.set(key, read);
    } else if (known) {
      memo.delete(key);
    }
    return value;
  };
}
