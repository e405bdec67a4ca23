// Where the `encrypt: true` key of each (appid, user) lives: IndexedDB, apart from the
// localStorage entries it protects.

const DATABASE = 'wxrt';
const STORE = 'encryption-keys';
const KEY_BYTES = 16;

function settle(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function openDatabase() {
  const request = indexedDB.open(DATABASE, 1);
  request.onupgradeneeded = () => request.result.createObjectStore(STORE);
  return settle(request);
}

/** The AES key of (appid, user), created on first use. */
export async function loadEncryptionKey(appid, user) {
  if (typeof indexedDB === 'undefined') {
    throw new Error('IndexedDB is unavailable here; pass createRuntime({ encryptionKey })');
  }
  const db = await openDatabase();
  try {
    const id = `${appid}:${user}`;
    const existing = await settle(db.transaction(STORE).objectStore(STORE).get(id));
    if (existing) return new Uint8Array(existing);
    const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    try {
      await settle(db.transaction(STORE, 'readwrite').objectStore(STORE).add(key, id));
      return key;
    } catch {
      // Another tab created the key first: use theirs, or their ciphertexts won't open.
      return new Uint8Array(await settle(db.transaction(STORE).objectStore(STORE).get(id)));
    }
  } finally {
    db.close();
  }
}
