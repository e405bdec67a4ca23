// Files a mini-program picks (`wx.chooseImage`, `wx.chooseMedia`) through the browser's
// file dialog, kept as temporary paths (`wxfile://tmp_…`) that `wx.uploadFile` reads.

import { asyncApi } from './async-api.js';

/** The temporary files of every runtime in this page, for the renderer's `<image>`. */
const everyRuntime = new Set();

/** A URL the browser loads for the temporary path `path` (`wxfile://tmp_…`), if a runtime has it. */
export function tempFileUrl(path) {
  for (const temp of everyRuntime) {
    const blob = temp.get(path);
    if (!blob) continue;
    if (!temp.urls.has(path)) temp.urls.set(path, URL.createObjectURL(blob));
    return temp.urls.get(path);
  }
  return undefined;
}

/** Temporary files of one runtime: path → Blob. */
export class TempFiles {
  constructor() {
    this.files = new Map();
    this.urls = new Map();
    this.next = 1;
    everyRuntime.add(this);
  }

  add(blob) {
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(blob.name ?? '')?.[1]?.toLowerCase() ?? 'bin';
    const path = `wxfile://tmp_${this.next}.${ext}`;
    this.next += 1;
    this.files.set(path, blob);
    this.added?.(path, blob);
    return path;
  }

  // `added`, `lookup` and `settle` are set by the files family (www/apis/files/): it mirrors
  // temporary files into its model and shows user and saved files (`wxfile://usr/…`) here.
  get(path) {
    return this.files.get(path) ?? this.lookup?.(path);
  }

  delete(path) {
    this.files.delete(path);
    this.forget(path);
  }

  /** Drops the URL made for `path` (its content changed). */
  forget(path) {
    if (this.urls.has(path)) URL.revokeObjectURL(this.urls.get(path));
    this.urls.delete(path);
  }
}

// The browser's file dialog. Resolves with the chosen files, or rejects with 'cancel'.
export function pickFiles({ accept, multiple }) {
  return new Promise((resolve, reject) => {
    if (typeof document === 'undefined') {
      reject(new Error('no page to show a file dialog on'));
      return;
    }
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.addEventListener('change', () => resolve([...input.files]));
    input.addEventListener('cancel', () => reject(new Error('cancel')));
    input.click();
  });
}

const countOf = (options) => {
  const count = Number(options?.count);
  return Number.isInteger(count) && count > 0 ? count : 9;
};

/** `wx.chooseImage` and `wx.chooseMedia` over `temp`. */
export function fileApis({ temp, failure }) {
  const choose = (api, accept, options) => pickFiles({ accept, multiple: countOf(options) > 1 })
    .catch((error) => { throw failure(api, error.message); })
    .then((files) => files.slice(0, countOf(options)));
  return {
    chooseImage: asyncApi(async (options) => {
      const files = await choose('chooseImage', 'image/*', options);
      const tempFiles = files.map((file) => ({ path: temp.add(file), size: file.size }));
      await temp.settle?.();
      return { tempFilePaths: tempFiles.map((f) => f.path), tempFiles, errMsg: 'chooseImage:ok' };
    }),
    chooseMedia: asyncApi(async (options) => {
      const types = Array.isArray(options?.mediaType) ? options.mediaType : ['image', 'video'];
      const accept = types.map((t) => (t === 'mix' ? 'image/*,video/*' : `${t}/*`)).join(',');
      const files = await choose('chooseMedia', accept, options);
      const tempFiles = files.map((file) => ({
        tempFilePath: temp.add(file),
        size: file.size,
        fileType: file.type.startsWith('video/') ? 'video' : 'image',
      }));
      await temp.settle?.();
      const kinds = new Set(tempFiles.map((f) => f.fileType));
      return { tempFiles, type: kinds.size > 1 ? 'mix' : [...kinds][0] ?? 'image', errMsg: 'chooseMedia:ok' };
    }),
  };
}
