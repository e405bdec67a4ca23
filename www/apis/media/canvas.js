// Canvas exports: `wx.canvasToTempFilePath` (a `canvas-id` canvas or a `type="2d"` node, to
// a temp file `<image>` and `wx.uploadFile` take), `wx.canvasGetImageData` /
// `wx.canvasPutImageData`, and `wx.createOffscreenCanvas`. Core plans the region and
// checks the data; this module reads and writes the pixels.

import { findInScope } from './contexts.js';

// A `canvas-id` canvas is drawn in CSS px at the screen's pixel ratio (canvas-context.js).
function legacyCanvas(host, canvasId, instance) {
  const canvas = findInScope(host, 'canvas', 'canvas-id', canvasId, instance)?.wxCanvas;
  if (!canvas) return undefined;
  const ratio = canvas.clientWidth ? canvas.width / canvas.clientWidth : 1;
  return { canvas, ratio, size: [canvas.width / ratio, canvas.height / ratio] };
}

// A 2d node (selector query's node(), createOffscreenCanvas) is drawn in its own pixels.
function nodeCanvas(canvas) {
  if (!canvas || typeof canvas.getContext !== 'function' || !('width' in canvas)) return undefined;
  return { canvas, ratio: 1, size: [canvas.width, canvas.height] };
}

const toBlob = (canvas, type, quality) => new Promise((resolve, reject) => {
  if (typeof canvas.toBlob === 'function') canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('create bitmap failed'))), type, quality);
  else canvas.convertToBlob({ type, quality }).then(resolve, reject);
});

/** The canvas methods of the family, over `host` and the families' wasm `rules`. */
export function canvasApis(host, rules) {
  const find = (api, options, instance) => {
    const found = options.canvas ? nodeCanvas(options.canvas) : legacyCanvas(host, options.canvasId, instance);
    if (!found || !found.size[0] || !found.size[1]) throw rules.canvasEmpty(api);
    return found;
  };

  return {
    // `component` is the legacy second argument (`this` in a component).
    async canvasToTempFilePath(options, component) {
      const { canvas, ratio, size } = find('canvasToTempFilePath', options, component);
      const plan = rules.canvasExport(options, size[0], size[1], ratio);
      const out = document.createElement('canvas');
      out.width = plan.destWidth;
      out.height = plan.destHeight;
      const ctx = out.getContext('2d');
      // JPEG has no transparency: WeChat's jpg exports are on white.
      if (plan.type === 'image/jpeg') {
        ctx.fillStyle = '#ffffff';
        ctx.fillRect(0, 0, out.width, out.height);
      }
      const [sx, sy, sw, sh] = plan.source;
      ctx.drawImage(canvas, sx, sy, sw, sh, 0, 0, out.width, out.height);
      const blob = await toBlob(out, plan.type, plan.quality);
      const name = plan.type === 'image/jpeg' ? 'canvas.jpg' : 'canvas.png';
      const tempFilePath = host.temp.add(new File([blob], name, { type: plan.type }));
      return { tempFilePath, errMsg: 'canvasToTempFilePath:ok' };
    },

    // x, y, width and height are in the canvas's CSS px, as WeChat's; the data is of its
    // backing pixels at those coordinates times the pixel ratio.
    canvasGetImageData(options, component) {
      const { canvas, ratio } = find('canvasGetImageData', options, component);
      const [width, height] = rules.canvasGetRegion(options.width * ratio, options.height * ratio);
      const image = canvas.getContext('2d').getImageData(options.x * ratio, options.y * ratio, width, height);
      return { width: image.width, height: image.height, data: image.data, errMsg: 'canvasGetImageData:ok' };
    },

    canvasPutImageData(options, component) {
      const { canvas, ratio } = find('canvasPutImageData', options, component);
      const data = options.data;
      const [width, height] = rules.canvasPutRegion(data?.length ?? 0, options.width, options.height);
      const pixels = new ImageData(new Uint8ClampedArray(data), width, height);
      canvas.getContext('2d').putImageData(pixels, options.x * ratio, options.y * ratio);
      return { errMsg: 'canvasPutImageData:ok' };
    },

    // `{type, width, height}` (2.16.1) or the older `(width, height)`. A detached canvas
    // element rather than the browser's OffscreenCanvas: it has toBlob and draws onto
    // visible canvases alike.
    createOffscreenCanvas(options, legacyHeight) {
      const byOptions = options !== null && typeof options === 'object';
      const width = Number(byOptions ? options.width : options) || 300;
      const height = Number(byOptions ? options.height : legacyHeight) || 150;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      return Object.assign(canvas, {
        createImage: () => new Image(),
        createImageData: (w, h) => new ImageData(w, h),
        requestAnimationFrame: (callback) => requestAnimationFrame(callback),
        cancelAnimationFrame: (id) => cancelAnimationFrame(id),
      });
    },
  };
}
