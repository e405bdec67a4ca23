// `wx.createCanvasContext(canvasId, component)`: WeChat's older canvas API. Calls are
// recorded and drawn on `draw(reserve, callback)`, which first clears the canvas unless
// `reserve`; the `set…` methods are WeChat's setters of the 2D context's properties.

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

const real = (ctx, value) => (value instanceof Gradient ? value.on(ctx) : value);

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
    const ctx = this.context();
    if (ctx) {
      if (!reserve) ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
      ctx.save();
      for (const [kind, name, ...args] of ops) {
        if (kind === 'set') ctx[name] = real(ctx, args[0]);
        // An image path needs loading first, which a synchronous draw cannot wait for.
        else if (name === 'drawImage' && typeof args[0] === 'string') console.warn(`wxrt: CanvasContext.drawImage("${args[0]}") with a path is not supported; draw an image object (canvas.createImage()) on a type="2d" canvas`);
        else ctx[name](...args);
      }
      ctx.restore();
    }
    if (typeof callback === 'function') setTimeout(callback);
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
