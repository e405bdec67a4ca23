// `wx.createCanvasContext(canvasId, component)`: WeChat's older canvas API. Calls are
// recorded and drawn on `draw(reserve, callback)`, which first clears the canvas unless
// `reserve`; the `set…` methods are WeChat's setters of the 2D context's properties.
// Images are named by path (a temporary or user file, a package path, a URL), as poster
// libraries draw them: a draw that names one loads it first, then draws, then calls back,
// as WeChat's draw is asynchronous too; draws happen in the order they were asked.

import { tempFileUrl } from '../files.js';
import { environment } from './elements/common.js';

const SETTERS = {
  setFillStyle: 'fillStyle',
  setStrokeStyle: 'strokeStyle',
  setLineWidth: 'lineWidth',
  setLineCap: 'lineCap',
  setLineJoin: 'lineJoin',
  setMiterLimit: 'miterLimit',
  setGlobalAlpha: 'globalAlpha',
  setTextAlign: 'textAlign',
  setTextBaseline: 'textBaseline',
};
const PROPERTIES = ['fillStyle', 'strokeStyle', 'lineWidth', 'lineCap', 'lineJoin', 'miterLimit', 'globalAlpha', 'textAlign', 'textBaseline',
  'font', 'shadowOffsetX', 'shadowOffsetY', 'shadowBlur', 'shadowColor', 'globalCompositeOperation', 'lineDashOffset'];
const METHODS = ['arc', 'arcTo', 'beginPath', 'bezierCurveTo', 'clearRect', 'clip', 'closePath', 'drawImage', 'fill', 'fillRect', 'fillText',
  'lineTo', 'moveTo', 'quadraticCurveTo', 'rect', 'restore', 'rotate', 'save', 'scale', 'setTransform', 'stroke', 'strokeRect', 'strokeText',
  'transform', 'translate', 'setLineDash'];

/** A gradient described now and made when drawn (it needs the real context). */
class Gradient {
  constructor(make) {
    this.make = make;
    this.stops = [];
  }

  addColorStop(offset, color) {
    this.stops.push([offset, color]);
  }

  on(ctx) {
    const gradient = this.make(ctx);
    for (const [offset, color] of this.stops) gradient.addColorStop(offset, color);
    return gradient;
  }
}

/** `createPattern(image, repetition)`: made when drawn, with the image loaded. */
class Pattern {
  constructor(src, repetition) {
    this.src = src;
    this.repetition = repetition;
  }
}

const real = (ctx, value, images) => {
  if (value instanceof Gradient) return value.on(ctx);
  if (value instanceof Pattern) {
    const image = images.get(value.src);
    return image ? ctx.createPattern(image, value.repetition ?? 'repeat') : undefined;
  }
  return value;
};

/** The paths of images `ops` draw or fill with. */
function imagePaths(ops) {
  const paths = new Set();
  for (const [kind, name, ...args] of ops) {
    if (kind === 'call' && name === 'drawImage' && typeof args[0] === 'string') paths.add(args[0]);
    if (kind === 'set' && args[0] instanceof Pattern) paths.add(args[0].src);
  }
  return paths;
}

/** Loads `src` for drawing (undefined when it cannot be had, which draws nothing, as on WeChat). */
async function loadImage(src, from) {
  const image = new Image();
  image.src = (src.startsWith('wxfile://') && tempFileUrl(src)) || environment.assetUrl(from, src);
  try {
    await image.decode();
    return image;
  } catch {
    console.warn(`wxrt: CanvasContext could not load the image "${src}"`);
    return undefined;
  }
}

export class CanvasContext {
  /** `canvas()` finds the `<canvas>` element to draw on (undefined while not rendered). */
  constructor(canvas) {
    this.canvas = canvas;
    this.ops = [];
  }

  context() {
    const el = this.canvas();
    if (!el) return undefined;
    // Drawn at the screen's pixel ratio, in CSS px as WeChat's coordinates are.
    const ratio = globalThis.devicePixelRatio || 1;
    const width = Math.round(el.clientWidth * ratio);
    const height = Math.round(el.clientHeight * ratio);
    if (el.width !== width || el.height !== height) {
      el.width = width;
      el.height = height;
    }
    const ctx = el.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    return ctx;
  }

  createLinearGradient(x0, y0, x1, y1) {
    return new Gradient((ctx) => ctx.createLinearGradient(x0, y0, x1, y1));
  }

  createCircularGradient(x, y, r) {
    return new Gradient((ctx) => ctx.createRadialGradient(x, y, 0, x, y, r));
  }

  createPattern(image, repetition) {
    return new Pattern(String(image), repetition);
  }

  setFontSize(size) {
    this.ops.push(['set', 'font', `${Number(size) || 10}px sans-serif`]);
  }

  setShadow(offsetX, offsetY, blur, color) {
    this.ops.push(['set', 'shadowOffsetX', offsetX], ['set', 'shadowOffsetY', offsetY], ['set', 'shadowBlur', blur], ['set', 'shadowColor', color]);
  }

  measureText(text) {
    const ctx = this.canvas()?.getContext('2d') ?? document.createElement('canvas').getContext('2d');
    const font = this.ops.filter(([kind, name]) => kind === 'set' && name === 'font').at(-1);
    if (font) ctx.font = font[2];
    return { width: ctx.measureText(String(text)).width };
  }

  /** Draws what was recorded (after clearing, unless `reserve`); `callback` after. */
  draw(reserve = false, callback) {
    const ops = this.ops;
    this.ops = [];
    const paths = imagePaths(ops);
    const done = () => {
      if (typeof callback === 'function') setTimeout(callback);
    };
    // Nothing to load and nothing pending: drawn now, as code that reads the canvas right
    // after draw() expects here.
    if (!paths.size && !this.pending) {
      this.replay(ops, reserve, new Map());
      done();
      return;
    }
    const from = this.canvas()?.closest?.('wx-canvas')?.wxNode?.o?.path ?? '';
    const loading = Promise.all([...paths].map(async (path) => [path, await loadImage(path, from)]));
    const drawn = (this.pending ?? Promise.resolve()).then(() => loading).then((loaded) => {
      this.replay(ops, reserve, new Map(loaded.filter(([, image]) => image)));
    });
    const pending = drawn.finally(() => {
      // The last draw asked for is done: the next one without images may draw at once.
      if (this.pending === pending) this.pending = undefined;
      done();
    });
    this.pending = pending;
  }

  replay(ops, reserve, images) {
    const ctx = this.context();
    if (!ctx) return;
    if (!reserve) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.save();
    for (const [kind, name, ...args] of ops) {
      if (kind === 'set') {
        const value = real(ctx, args[0], images);
        if (value !== undefined) ctx[name] = value;
      } else if (name === 'drawImage' && typeof args[0] === 'string') {
        const image = images.get(args[0]);
        if (image) ctx.drawImage(image, ...args.slice(1));
      } else {
        ctx[name](...args);
      }
    }
    ctx.restore();
  }
}

for (const [method, property] of Object.entries(SETTERS)) {
  CanvasContext.prototype[method] = function set(value) {
    this.ops.push(['set', property, value]);
  };
}
for (const name of PROPERTIES) {
  Object.defineProperty(CanvasContext.prototype, name, {
    set(value) {
      this.ops.push(['set', name, value]);
    },
    get() {
      return this.ops.filter(([kind, key]) => kind === 'set' && key === name).at(-1)?.[2];
    },
  });
}
for (const name of METHODS) {
  CanvasContext.prototype[name] = function call(...args) {
    this.ops.push(['call', name, ...args]);
  };
}
