// Images and documents the browser can handle itself: `getImageInfo` (decoded by an Image,
// type and orientation read by core), `compressImage` (a canvas re-encode), `openDocument`
// (a new browser tab), and the file dialogs `chooseVideo` and `chooseMessageFile`.

import { pickFiles } from '../../files.js';
import { environment } from '../../render/elements/common.js';
import { throughProxy } from '../../request.js';

const isNetwork = (src) => /^https?:\/\//.test(src) && !src.startsWith('http://usr');

function decode(blob) {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const image = new Image();
    image.onload = () => resolve({ image, url });
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image'));
    };
    image.src = url;
  });
}

function videoFacts(blob) {
  return new Promise((resolve) => {
    const url = URL.createObjectURL(blob);
    const video = document.createElement('video');
    video.preload = 'metadata';
    const done = () => {
      URL.revokeObjectURL(url);
      resolve({ duration: Number.isFinite(video.duration) ? video.duration : 0, width: video.videoWidth, height: video.videoHeight });
    };
    video.onloadedmetadata = done;
    video.onerror = done;
    video.src = url;
  });
}

export function imageApis(host, rules, local) {
  const { failure } = host;
  const proxy = host.net?.proxy;

  /** The bytes of `src` (network, local or package path) and the local path they are at. */
  const source = async (api, src) => {
    if (isNetwork(src) || !src.includes('://')) {
      // A package path is relative to the current page, as in WXML (or from the root with `/`).
      const route = host.program()?.currentPages?.().at(-1)?.route ?? '';
      const url = isNetwork(src) ? throughProxy(proxy, src) : environment.assetUrl(route, src);
      let response;
      try {
        response = await fetch(url);
      } catch {
        response = undefined;
      }
      if (!response?.ok) throw rules.pickFailure(api, isNetwork(src) ? 'download' : 'notFound');
      const bytes = new Uint8Array(await response.arrayBuffer());
      // Network images are downloaded to a temporary file, whose path WeChat returns.
      const path = isNetwork(src) ? local.addTemp(bytes, rules.downloadExtension(src, response.headers.get('content-type') ?? '')) : src;
      return { bytes, path };
    }
    await local.ready(src);
    const bytes = local.files.bytes(src);
    if (!bytes) throw rules.pickFailure(api, 'notFound');
    return { bytes, path: src };
  };

  const choose = async (api, accept, multiple) => {
    try {
      return await pickFiles({ accept, multiple });
    } catch (error) {
      // The dialog closed with nothing chosen is WeChat's cancel; anything else is the page's.
      throw error.message === 'cancel' ? rules.pickFailure(api, 'cancel') : failure(api, error.message);
    }
  };

  return {
    getImageInfo: async ({ src }) => {
      const { bytes, path } = await source('getImageInfo', src);
      const facts = rules.imageFacts(bytes);
      let decoded;
      try {
        decoded = await decode(new Blob([bytes]));
      } catch {
        throw rules.pickFailure('getImageInfo', 'invalid');
      }
      URL.revokeObjectURL(decoded.url);
      return {
        width: decoded.image.naturalWidth,
        height: decoded.image.naturalHeight,
        path,
        orientation: facts.orientation,
        type: facts.type,
        errMsg: 'getImageInfo:ok',
      };
    },
    compressImage: async ({ src, quality, compressedWidth, compressedHeight }) => {
      const { bytes } = await source('compressImage', src);
      let decoded;
      try {
        decoded = await decode(new Blob([bytes]));
      } catch {
        throw rules.pickFailure('compressImage', 'invalid');
      }
      const { naturalWidth: w, naturalHeight: h } = decoded.image;
      // One of the two given keeps the ratio (2.26.0).
      const width = compressedWidth ?? (compressedHeight ? Math.round((w * compressedHeight) / h) : w);
      const height = compressedHeight ?? (compressedWidth ? Math.round((h * compressedWidth) / w) : h);
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.getContext('2d').drawImage(decoded.image, 0, 0, width, height);
      URL.revokeObjectURL(decoded.url);
      const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', rules.compressQuality(quality)));
      const tempFilePath = local.addTemp(new Uint8Array(await blob.arrayBuffer()), 'jpg', 'image/jpeg');
      return { tempFilePath, errMsg: 'compressImage:ok' };
    },
    openDocument: async ({ filePath, fileType }) => {
      const [, mime] = rules.documentType(filePath, fileType);
      await local.ready(filePath);
      const bytes = local.files.bytes(filePath);
      if (!bytes) throw rules.pickFailure('openDocument', 'noDocument');
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      // A tab of its own, as the phone opens documents in a viewer of its own.
      const opened = globalThis.open?.(url, '_blank');
      if (!opened) {
        const link = Object.assign(document.createElement('a'), { href: url, target: '_blank', rel: 'noopener' });
        link.click();
      }
      return { errMsg: 'openDocument:ok' };
    },
    chooseVideo: async ({ sourceType } = {}) => {
      const sources = Array.isArray(sourceType) ? sourceType : ['album', 'camera'];
      if (!sources.includes('album') && sources.includes('camera')) await host.requireScope('scope.camera', 'chooseVideo');
      const [file] = await choose('chooseVideo', 'video/*', false);
      if (!file) throw rules.pickFailure('chooseVideo', 'cancel');
      const tempFilePath = host.temp.add(file);
      await local.ready(tempFilePath);
      const facts = await videoFacts(file);
      return { tempFilePath, duration: facts.duration, size: file.size, width: facts.width, height: facts.height, errMsg: 'chooseVideo:ok' };
    },
    chooseMessageFile: async ({ count, type = 'all', extension }) => {
      const accept = Array.isArray(extension) && extension.length
        ? extension.map((e) => `.${String(e).replace(/^\./, '')}`).join(',')
        : { image: 'image/*', video: 'video/*' }[type] ?? '';
      const picked = (await choose('chooseMessageFile', accept, count > 1)).slice(0, Math.max(1, Math.min(100, count)));
      if (!picked.length) throw rules.pickFailure('chooseMessageFile', 'cancel');
      const tempFiles = [];
      for (const file of picked) {
        const path = host.temp.add(file);
        await local.ready(path);
        const kind = file.type.startsWith('image/') ? 'image' : file.type.startsWith('video/') ? 'video' : 'file';
        tempFiles.push({ path, size: file.size, name: file.name, type: kind, time: Math.floor(file.lastModified / 1000) });
      }
      return { tempFiles, errMsg: 'chooseMessageFile:ok' };
    },
  };
}
