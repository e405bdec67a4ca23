// IndexedDB behind the local files: one database for the page, records keyed by
// [appid, user, path] (user and saved files) and [appid, user, id] (the simulated album),
// so each (appid, user) sees only its own, as WeChat isolates files per user and app.

const DB = 'wxrt-files';
let opening;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function database() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('files');
      req.result.createObjectStore('album');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

const range = (appid, user) => IDBKeyRange.bound([appid, user, ''], [appid, user, '\uffff']);

/** The records of `store` for (appid, user): `[[key, value]]`, key the path or id. */
export async function loadAll(store, appid, user) {
  const db = await database();
  const tx = db.transaction(store, 'readonly');
  const [keys, values] = await Promise.all([
    request(tx.objectStore(store).getAllKeys(range(appid, user))),
    request(tx.objectStore(store).getAll(range(appid, user))),
  ]);
  return keys.map((key, i) => [key[2], values[i]]);
}

/**
 * Writes `changes` (`[[key, value | undefined]]`, undefined deletes) in one transaction;
 * resolves when it is committed. Transactions run in the order they were made, so a
 * later load (a new runtime, a reload) sees every earlier write.
 */
export async function writeAll(store, appid, user, changes) {
  const db = await database();
  const tx = db.transaction(store, 'readwrite');
  const records = tx.objectStore(store);
  for (const [key, value] of changes) {
    if (value === undefined) records.delete([appid, user, key]);
    else records.put(value, [appid, user, key]);
  }
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
