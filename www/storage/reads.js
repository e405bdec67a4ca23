// `wx.getStorageSync` without crossing into wasm on a hit. Core decides how an entry
// reads from its text alone, so once it has read a string or JSON entry (passed a plain
// one through, or decoded a compacted one), a later read finding the very same text
// under the same localStorage key reads the same way: `JSON.parse` of the same payload,
// as core's answer was. Anything else (another text, a missing key, an encrypted entry,
// a number) goes to core, so writes here or in other tabs need no invalidation: a
// changed entry simply no longer matches.

// What the memo holds is bounded: entries up to half a million characters (with their
// decoded payload), two million in all (then it starts over).
const MAX_TEXT = 512 * 1024;
const MAX_CHARS = 2 * 1024 * 1024;

/** `getStorageSync` for `runtime` over `storage` (the area core reads). */
export function fastStorageReads(runtime, storage) {
  // key → [backendKey, entryText, payload (its start in entryText, or the decoded text), isJson]
  const memo = new Map();
  const size = (read) => read[1].length + (typeof read[2] === 'string' ? read[2].length : 0);
  let chars = 0;
  return function getStorageSync(key) {
    const known = typeof key === 'string' ? memo.get(key) : undefined;
    if (known) {
      const text = storage.getItem(known[0]);
      if (text === known[1]) {
        const payload = typeof known[2] === 'string' ? known[2] : text.slice(known[2]);
        return known[3] ? JSON.parse(payload) : payload;
      }
    }
    const value = runtime.getStorageSync(key);
    const read = runtime.takeRead();
    if (known) chars -= size(known);
    if (read && size(read) <= MAX_TEXT) {
      chars += size(read);
      if (chars > MAX_CHARS) {
        memo.clear();
        chars = size(read);
      }
      memo.set(key, read);
    } else if (known) {
      memo.delete(key);
    }
    return value;
  };
}
