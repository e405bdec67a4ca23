// `wx.getFileSystemManager()`: the one FileSystemManager of the runtime, every method in
// its asynchronous (options, callbacks or Promise) and Sync (arguments, throws) forms, and
// the legacy `wx.saveFile`/`getSavedFileList`/`getSavedFileInfo`/`removeSavedFile`/
// `getFileInfo` on the same files. Core's `Files` decides and words every failure.

import { asyncApi } from '../../async-api.js';
import { brotliNow, loadBrotli } from './brotli.js';

/** A `Stats` as WeChat's: plain fields and the two methods. */
class Stats {
  constructor({ mode, size, lastAccessedTime, lastModifiedTime, directory }) {
    Object.assign(this, { mode, size, lastAccessedTime, lastModifiedTime });
    Object.defineProperty(this, 'directory', { value: directory });
  }

  isDirectory() {
    return this.directory;
  }

  isFile() {
    return !this.directory;
  }
}

const statsOf = (raw) => (Array.isArray(raw)
  ? raw.map(({ path, stats }) => ({ path, stats: new Stats(stats) }))
  : new Stats(raw));

// A random token for saved files' names (`wxfile://store_<token>.<ext>`).
const token = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Each method: the Sync form's argument names (`args`; `null` when the Sync form takes the
 * options object as WeChat's truncateSync does), `run(api, options)` returning the result
 * fields, and `sync(result)` what the Sync form returns.
 */
function table(local) {
  const { files, dropMovedTemp } = local;
  const now = () => Date.now();
  return {
    access: { args: ['path'], run: (api, o) => { files.access(api, o.path); return {}; } },
    readFile: {
      args: ['filePath', 'encoding', 'position', 'length'],
      run: (api, o) => ({ data: files.readFile(api, o.filePath, o.encoding, o.position, o.length) }),
      sync: (r) => r.data,
    },
    writeFile: {
      args: ['filePath', 'data', 'encoding'],
      run: (api, o) => { files.writeFile(api, o.filePath, o.data, o.encoding, false, now()); return {}; },
    },
    appendFile: {
      args: ['filePath', 'data', 'encoding'],
      run: (api, o) => { files.writeFile(api, o.filePath, o.data, o.encoding, true, now()); return {}; },
    },
    copyFile: { args: ['srcPath', 'destPath'], run: (api, o) => { files.copyFile(api, o.srcPath, o.destPath, now()); return {}; } },
    rename: {
      args: ['oldPath', 'newPath'],
      run: (api, o) => { files.rename(api, o.oldPath, o.newPath, now()); dropMovedTemp(o.oldPath); return {}; },
    },
    unlink: { args: ['filePath'], run: (api, o) => { files.unlink(api, o.filePath); return {}; } },
    mkdir: { args: ['dirPath', 'recursive'], run: (api, o) => { files.mkdir(api, o.dirPath, Boolean(o.recursive), now()); return {}; } },
    rmdir: { args: ['dirPath', 'recursive'], run: (api, o) => { files.rmdir(api, o.dirPath, Boolean(o.recursive)); return {}; } },
    readdir: { args: ['dirPath'], run: (api, o) => ({ files: files.readdir(api, o.dirPath) }), sync: (r) => r.files },
    stat: {
      args: ['path', 'recursive'],
      run: (api, o) => ({ stats: statsOf(files.stat(api, o.path, Boolean(o.recursive))) }),
      sync: (r) => r.stats,
    },
    truncate: { args: null, run: (api, o) => { files.truncate(api, o.filePath, o.length ?? 0, now()); return {}; } },
    saveFile: {
      args: ['tempFilePath', 'filePath'],
      run: (api, o) => {
        const savedFilePath = files.saveFile(api, o.tempFilePath, o.filePath, token(), false, now());
        dropMovedTemp(o.tempFilePath);
        return { savedFilePath };
      },
      sync: (r) => r.savedFilePath,
    },
    getFileInfo: { run: (api, o) => files.fileInfo(api, o.filePath, o.digestAlgorithm) },
    getSavedFileList: { run: () => ({ fileList: files.savedFiles() }) },
    removeSavedFile: { run: (api, o) => { files.removeSaved(api, o.filePath); return {}; } },
    // The descriptor methods: their Sync forms take the options object too.
    open: { args: null, run: (api, o) => ({ fd: files.open(api, o.filePath, o.flag, now()) }), sync: (r) => r.fd },
    close: { args: null, run: (api, o) => { files.close(api, o.fd); return {}; } },
    read: {
      args: null,
      run: (api, o) => ({ bytesRead: files.read(api, o.fd, o.arrayBuffer, o.offset, o.length, o.position), arrayBuffer: o.arrayBuffer }),
      sync: (r) => r,
    },
    write: {
      args: null,
      run: (api, o) => ({ bytesWritten: files.write(api, o.fd, o.data, o.offset, o.length, o.encoding, o.position, now()) }),
      sync: (r) => r,
    },
    fstat: { args: null, run: (api, o) => ({ stats: new Stats(files.fstat(api, o.fd)) }), sync: (r) => r.stats },
    ftruncate: { args: null, run: (api, o) => { files.ftruncate(api, o.fd, o.length, now()); return {}; } },
    // The compressed files: WeChat gives unzip and readZipEntry no Sync form.
    unzip: { run: (api, o) => { files.unzip(api, o.zipFilePath, o.targetPath, now()); return {}; } },
    readZipEntry: { run: (api, o) => ({ entries: files.readZipEntry(api, o.filePath, o.entries, o.encoding) }) },
    readCompressedFile: {
      args: null,
      load: loadBrotli,
      run: (api, o) => {
        const bytes = files.compressedBytes(api, o.filePath, o.compressionAlgorithm);
        return { data: brotliNow(api).brotliDecompress(api, bytes) };
      },
      sync: (r) => r.data,
    },
  };
}

// Reads of a temporary file still being read in wait for it (only the async forms can).
const pathsOf = (o) => [o?.filePath, o?.srcPath, o?.oldPath, o?.path, o?.tempFilePath, o?.zipFilePath].filter((p) => typeof p === 'string');

/** The FileSystemManager over `local` (local-files.js); `Files` is core's class. */
export function fileSystemManager(local, Files) {
  const manager = {};
  for (const [name, method] of Object.entries(table(local))) {
    manager[name] = asyncApi(async (options) => {
      Files.checkOptions(name, options);
      await Promise.all([...pathsOf(options).map(local.ready), method.load?.()]);
      const result = method.run(name, options ?? {});
      await local.persist();
      return { ...result, errMsg: `${name}:ok` };
    });
    if (!('args' in method)) continue;
    manager[`${name}Sync`] = (...values) => {
      const options = method.args ? Object.fromEntries(method.args.map((arg, i) => [arg, values[i]])) : values[0];
      Files.checkOptions(`${name}Sync`, options);
      const result = method.run(`${name}Sync`, options ?? {});
      // Written through in the background: the Sync form answers from memory at once.
      local.persist().catch(() => {});
      return method.sync ? method.sync(result) : undefined;
    };
  }
  return manager;
}

/** `wx.saveFile` and the other legacy file methods (family `later` methods). */
export function legacyFileApis(local) {
  const { files, dropMovedTemp } = local;
  return {
    saveFile: async ({ tempFilePath }) => {
      await local.ready(tempFilePath);
      const savedFilePath = files.saveFile('saveFile', tempFilePath, undefined, token(), true, Date.now());
      dropMovedTemp(tempFilePath);
      await local.persist();
      return { savedFilePath, errMsg: 'saveFile:ok' };
    },
    getSavedFileList: () => ({ fileList: files.savedFiles(), errMsg: 'getSavedFileList:ok' }),
    getSavedFileInfo: ({ filePath }) => ({ ...files.savedFile('getSavedFileInfo', filePath), errMsg: 'getSavedFileInfo:ok' }),
    removeSavedFile: async ({ filePath }) => {
      files.removeSaved('removeSavedFile', filePath);
      await local.persist();
      return { errMsg: 'removeSavedFile:ok' };
    },
    getFileInfo: async ({ filePath, digestAlgorithm }) => {
      await local.ready(filePath);
      return { ...files.fileInfo('getFileInfo', filePath, digestAlgorithm), errMsg: 'getFileInfo:ok' };
    },
  };
}
