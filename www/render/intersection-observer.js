// WeChat's IntersectionObserver (`this.createIntersectionObserver(options)`,
// `wx.createIntersectionObserver(component, options)`) over the browser's own: the
// reference area is a node of the same template (`relativeTo`) or the page's window
// (`relativeToViewport`), each widened by its margins; the callback hears of a target
// whenever its visible ratio crosses one of `thresholds`, starting from `initialRatio`,
// with WeChat's result shape and coordinates in the page window.

import { datasetOf } from './events.js';
import { selectIn } from './selectors.js';

const SIDES = ['top', 'right', 'bottom', 'left'];

/** WeChat's margins `{top, right, bottom, left}` (px, any missing is 0) as a rootMargin. */
const rootMargin = (margins = {}) => SIDES.map((side) => `${Number(margins?.[side]) || 0}px`).join(' ');

// A threshold of 0 is crossed when something becomes visible or nothing remains; any
// other when the ratio reaches it or falls below it.
const sideOf = (ratio, threshold) => (threshold === 0 ? ratio > 0 : ratio >= threshold);

/** Whether going from `previous` to `ratio` crosses one of `thresholds`. */
export function crosses(previous, ratio, thresholds) {
  return thresholds.some((t) => sideOf(previous, t) !== sideOf(ratio, t));
}

function thresholdsOf(given) {
  const list = Array.isArray(given) && given.length ? given.map(Number).filter((t) => t >= 0 && t <= 1) : [0];
  return list.length ? list : [0];
}

const rectIn = (rect, origin) => ({
  left: rect.left - origin.left,
  right: rect.right - origin.left,
  top: rect.top - origin.top,
  bottom: rect.bottom - origin.top,
  width: rect.width,
  height: rect.height,
});

export class WxIntersectionObserver {
  /**
   * `scope()` gives `{root, ctx}` of the page or component the observer belongs to;
   * `viewport` is the page window's element (it scrolls); `warn` reports what WeChat warns.
   */
  constructor({ scope, viewport, options = {}, warn = console.warn }) {
    this.scope = scope;
    this.viewport = viewport;
    this.warn = warn;
    this.thresholds = thresholdsOf(options.thresholds);
    this.initialRatio = Number(options.initialRatio) || 0;
    this.observeAll = Boolean(options.observeAll);
    this.reference = undefined;
    this.observers = [];
  }

  /** The reference area is the first node `selector` selects, widened by `margins`. */
  relativeTo(selector, margins) {
    this.reference = { selector, margins };
    return this;
  }

  /** The reference area is the page window, widened by `margins`. */
  relativeToViewport(margins) {
    this.reference = { selector: null, margins };
    return this;
  }

  /**
   * Starts observing the nodes `selector` selects (the first, or all with `observeAll`);
   * `callback(result)` runs at each threshold crossed. Nodes are looked for once the
   * pending render is drawn.
   */
  observe(selector, callback) {
    if (typeof callback !== 'function') return;
    setTimeout(() => this.start(selector, callback));
  }

  start(selector, callback) {
    const { root, ctx } = this.scope() ?? {};
    const reference = this.reference ?? { selector: null };
    let area = this.viewport;
    if (!area) return;
    if (reference.selector !== null) {
      area = selectIn(root, ctx, reference.selector)[0];
      if (!area) {
        this.warn(`wxrt: IntersectionObserver: the relative node "${reference.selector}" is not found; the observer will not trigger`);
        return;
      }
    }
    let targets = selectIn(root, ctx, selector);
    if (!targets.length) {
      this.warn(`wxrt: IntersectionObserver: the node "${selector}" is not found; the observer will not trigger`);
      return;
    }
    if (!this.observeAll) targets = targets.slice(0, 1);
    const previous = new Map(targets.map((el) => [el, this.initialRatio]));
    const check = (el) => this.report(el, area, reference.margins, previous, callback);
    // The browser computes intersections only against an ancestor: against any other
    // area it watches the window, and scrolling the window measures again here.
    const native = area.contains(targets[0]) ? area : this.viewport;
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) check(entry.target);
    }, { root: native, rootMargin: rootMargin(reference.margins), threshold: [...new Set([...this.thresholds, 0, 1])] });
    for (const el of targets) observer.observe(el);
    this.observers.push(observer);
    if (native !== area) {
      let queued = false;
      const onScroll = () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          for (const el of targets) check(el);
        });
      };
      this.viewport.addEventListener('scroll', onScroll, { capture: true, passive: true });
      this.observers.push({ disconnect: () => this.viewport.removeEventListener('scroll', onScroll, { capture: true }) });
    }
  }

  report(el, area, margins, previous, callback) {
    if (!el.isConnected) return;
    const origin = this.viewport.getBoundingClientRect();
    const box = area.getBoundingClientRect();
    const relative = {
      left: box.left - (Number(margins?.left) || 0),
      right: box.right + (Number(margins?.right) || 0),
      top: box.top - (Number(margins?.top) || 0),
      bottom: box.bottom + (Number(margins?.bottom) || 0),
    };
    const bounds = el.getBoundingClientRect();
    const left = Math.max(bounds.left, relative.left);
    const right = Math.min(bounds.right, relative.right);
    const top = Math.max(bounds.top, relative.top);
    const bottom = Math.min(bounds.bottom, relative.bottom);
    const width = Math.max(0, right - left);
    const height = Math.max(0, bottom - top);
    const visible = width > 0 && height > 0;
    const size = bounds.width * bounds.height;
    const ratio = visible && size > 0 ? Math.min(1, (width * height) / size) : 0;
    if (!crosses(previous.get(el), ratio, this.thresholds)) return;
    previous.set(el, ratio);
    const none = { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 };
    callback({
      id: el.id ?? '',
      dataset: datasetOf(el.wxNode?.a),
      time: Date.now(),
      intersectionRatio: ratio,
      intersectionRect: visible ? rectIn({ left, right, top, bottom, width, height }, origin) : none,
      boundingClientRect: rectIn(bounds, origin),
      relativeRect: rectIn({ ...relative, width: relative.right - relative.left, height: relative.bottom - relative.top }, origin),
    });
  }

  /** Stops every observation. */
  disconnect() {
    for (const observer of this.observers) observer.disconnect();
    this.observers = [];
  }
}
