// The local files of one runtime: core's `Files` (every rule and the bytes, so the Sync
// forms answer at once), loaded from IndexedDB before the app's code runs and written
// through after each change; temporary files (www/files.js TempFiles) mirrored into it,
// and user and saved files shown to `<image src>` and `uploadFile` through TempFiles.

import { loadAll, writeAll } from './store.js';

const MIME = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
  svg: 'image/svg+xml', bmp: 'image/bmp', mp4: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime',
  mp3: 'audio/mpeg', pdf: 'application/pdf', txt: 'text/plain', json: 'application/json', html: 'text/html',
};

/** The MIME type a path's extension suggests ('' when unknown). */
export const mimeOf = (path) => MIME[/\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase()] ?? '';

/** Resolves with the runtime's local files once IndexedDB has given them back. */
export async function localFiles(host, rules) {
  const { appid, user, temp } = host;
  const files = new rules.Files();
  // Without IndexedDB (a private window that refuses it, a worker without it) the files
  // live for this run only: the app keeps working, as it would with a full phone disk.
  const unkept = (error) => {
    if (!unkept.said) console.warn(`wxrt: the user's files are not kept across reloads here (IndexedDB: ${error?.message ?? error})`);
    unkept.said = true;
  };
  const records = await loadAll('files', appid, user).catch((error) => {
    unkept(error);
    return [];
  });
  for (const [path, record] of records) {
    files.restore(path, record.bytes, record.modified, record.created);
  }
  // Temporary files are read into core as they are made; a read of one still arriving waits.
  const arriving = new Map();
  const mirror = (path, blob) => {
    const read = blob.arrayBuffer().then((buffer) => {
      // Saved or renamed away while it was read: gone.
      if (temp.files.has(path)) files.addTemp(path, new Uint8Array(buffer));
      arriving.delete(path);
    });
    arriving.set(path, read);
    return read;
  };
  for (const [path, blob] of temp.files) mirror(path, blob);
  temp.added = mirror;
  temp.settle = () => Promise.all(arriving.values());
  // User and saved files for `<image src>`, uploadFile and the viewer.
  temp.lookup = (path) => {
    if (!/^(wxfile|http):\/\/(usr|store_)/.test(path)) return undefined;
    const bytes = files.bytes(path);
    return bytes && new Blob([bytes], { type: mimeOf(path) });
  };

  let writing = Promise.resolve();
  /** Writes what changed through to IndexedDB; resolves when it is committed. */
  const persist = () => {
    const changed = files.takeChanges();
    if (!changed.length) return writing;
    for (const path of changed) temp.forget(path);
    const records = changed.map((path) => [path, files.entry(path)]);
    writing = writeAll('files', appid, user, records).catch(unkept);
    return writing;
  };
  /** A temporary file core moved away (saveFile, rename) leaves TempFiles too. */
  const dropMovedTemp = (path) => {
    if (temp.files.has(path) && !files.hasTemp(path)) temp.delete(path);
  };
  /** Adds a temporary file of `bytes` (a download, a compressed image); returns its path. */
  const addTemp = (bytes, ext, type = '') => {
    const blob = new File([bytes], `f.${ext || 'bin'}`, { type: type || mimeOf(`.${ext}`) });
    temp.added = undefined;
    const path = temp.add(blob);
    temp.added = mirror;
    files.addTemp(path, bytes);
    return path;
  };
  /** Waits for the temporary file `path` if it is still being read in. */
  const ready = (path) => arriving.get(path) ?? Promise.resolve();
  /** The Blob of any local path (temporary, user, saved), or undefined. */
  const blobOf = (path) => temp.get(path);
  return { files, persist, dropMovedTemp, addTemp, ready, blobOf };
}
