// The simulated photo album: what `saveImageToPhotosAlbum`, `saveVideoToPhotosAlbum` and the
// viewer's 保存图片 keep, per (appid, user) in IndexedDB, for the handle (`rt.album()`) and
// the workbench to list and download. Saving needs scope.writePhotosAlbum; the phone
// setting `album` chooses whether the user completes the system's save (`'save'`) or
// backs out of it (`'cancel'`: `<api>:fail cancel`).

import { loadAll, writeAll } from './store.js';
import { mimeOf } from './local-files.js';

export function photoAlbum(host, rules, local) {
  const { appid, user, phone } = host;
  let next = Date.now();

  /** Saves the local file `filePath` for `api`; resolves with the album entry. */
  const save = async (api, filePath, video) => {
    await host.requireScope('scope.writePhotosAlbum', api);
    await local.ready(filePath);
    const blob = /^https?:\/\//.test(filePath) && !filePath.startsWith('http://usr') ? undefined : local.blobOf(filePath);
    rules.albumAccepts(api, filePath, blob ? blob.type || mimeOf(filePath) : undefined, video);
    if (phone.get('album', 'save') === 'cancel') throw rules.pickFailure(api, 'cancel');
    next = Math.max(next + 1, Date.now());
    const id = String(next);
    const entry = {
      id,
      name: filePath.replace(/^.*[/:]/, ''),
      type: blob.type || mimeOf(filePath) || (video ? 'video/mp4' : 'image/png'),
      size: blob.size,
      time: Date.now(),
      bytes: new Uint8Array(await blob.arrayBuffer()),
    };
    await writeAll('album', appid, user, [[id, entry]]).catch((error) => {
      throw host.failure(api, `the album cannot be written (${error?.message ?? error})`);
    });
    return entry;
  };

  const list = async () => (await loadAll('album', appid, user))
    .map(([, { id, name, type, size, time }]) => ({ id, name, type, size, time }));

  return {
    save,
    /** Every saved photo and video, oldest first: `[{id, name, type, size, time}]`. */
    list,
    /** The Blob of the album entry `id` (for a download link), or undefined. */
    blob: async (id) => {
      const found = (await loadAll('album', appid, user)).find(([key]) => key === id)?.[1];
      return found && new Blob([found.bytes], { type: found.type });
    },
    /** Empties this user's album. */
    clear: async () => writeAll('album', appid, user, (await list()).map(({ id }) => [id, undefined])),
  };
}
