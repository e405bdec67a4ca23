// Images and files: one model of `wxfile://` paths (temporary, user data, saved), the
// FileSystemManager over IndexedDB, downloads, the image viewer, the simulated photo album.
// Core's `apis::files` decides; this family only performs. Its install is asynchronous:
// the user's files are read back from IndexedDB first, so a project that names
// getFileSystemManager finds them in memory from its first line.

import { loadBrotli } from './brotli.js';
import { localFiles } from './local-files.js';
import { fileSystemManager, legacyFileApis } from './fs-manager.js';
import { downloadApi } from './download.js';
import { photoAlbum } from './album.js';
import { imageApis } from './images.js';
import { openViewer, viewerMenu } from './viewer.js';
import { tempFileUrl } from '../../files.js';
import { environment } from '../../render/elements/common.js';

/** A URL the browser can show for `src` (network, local, or package path from the page `route`). */
const viewable = (src, route) => (src.startsWith('wxfile://') || src.startsWith('http://usr')
  ? tempFileUrl(src) ?? src
  : environment.assetUrl(route, src));

export async function install(host, rules) {
  const local = await localFiles(host, rules);
  // Its Sync form answers at once only with the decoder in: loaded now when the code names it.
  if (host.projectNames?.('readCompressedFile')) await loadBrotli();
  const album = photoAlbum(host, rules, local);
  let manager;
  const route = () => host.program()?.currentPages?.().at(-1)?.route ?? '';

  // The viewer's 保存图片 goes where saveImageToPhotosAlbum goes; a network or package image
  // is first fetched to a temporary file, as the phone downloads it.
  const saveFromViewer = async (slide) => {
    let path = slide.src;
    if (!/^(wxfile|http):\/\/(usr|tmp_|store_)/.test(path)) {
      const response = await fetch(slide.url);
      path = local.addTemp(new Uint8Array(await response.arrayBuffer()), rules.downloadExtension(path, response.headers.get('content-type') ?? ''));
    }
    await album.save('saveImageToPhotosAlbum', path, slide.type === 'video');
  };
  const menuFor = (showmenu) => (showmenu === false ? undefined : async (slide) => {
    if (await viewerMenu() === 'save') saveFromViewer(slide).catch(() => {});
  });

  return {
    ...legacyFileApis(local),
    ...imageApis(host, rules, local),
    getFileSystemManager: () => {
      manager ??= fileSystemManager(local, rules.Files);
      return manager;
    },
    arrayBufferToBase64: (buffer) => rules.arrayBufferToBase64(buffer),
    base64ToArrayBuffer: (text) => rules.base64ToArrayBuffer(String(text)),
    downloadFile: downloadApi(host, rules, local),
    previewImage: ({ urls, current, showmenu }) => {
      const sources = urls.map(String);
      const index = typeof current === 'number' ? current : Math.max(0, sources.indexOf(current ?? sources[0]));
      openViewer({
        slides: sources.map((src) => ({ src, url: viewable(src, route()), type: 'image' })),
        index,
        menu: menuFor(showmenu),
      });
      return { errMsg: 'previewImage:ok' };
    },
    previewMedia: ({ sources, current, showmenu }) => {
      openViewer({
        slides: sources.map((s) => ({ src: String(s.url), url: viewable(String(s.url), route()), type: s.type === 'video' ? 'video' : 'image', poster: s.poster })),
        index: current ?? 0,
        menu: menuFor(showmenu),
      });
      return { errMsg: 'previewMedia:ok' };
    },
    saveImageToPhotosAlbum: async ({ filePath }) => {
      await album.save('saveImageToPhotosAlbum', filePath, false);
      return { errMsg: 'saveImageToPhotosAlbum:ok' };
    },
    saveVideoToPhotosAlbum: async ({ filePath }) => {
      await album.save('saveVideoToPhotosAlbum', filePath, true);
      return { errMsg: 'saveVideoToPhotosAlbum:ok' };
    },
    // The handle and the workbench.
    album: () => album.list(),
    albumBlob: (id) => album.blob(id),
    clearAlbum: () => album.clear(),
    userFiles: () => ({ used: local.files.used(), saved: local.files.savedFiles() }),
  };
}
