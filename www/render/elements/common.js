// What every built-in component controller needs: attribute reading as WeChat reads it,
// and firing WeChat events at the component's element.

import { dispatch } from '../events.js';

/** `node.a[name]`, or `fallback` when absent. */
export const attr = (node, name, fallback) => (node.a[name] === undefined ? fallback : node.a[name]);

/** A boolean attribute: present without a value, or any value but false, `"false"` and `""`. */
export function flag(node, name) {
  const value = node.a[name];
  return value !== undefined && value !== false && value !== 'false' && value !== '' && value !== null;
}

export function number(node, name, fallback) {
  const value = Number(attr(node, name, fallback));
  return Number.isFinite(value) ? value : fallback;
}

/** Fires WeChat's `type` event at the element `dom` (not bubbling unless said). */
export const fire = (dom, type, detail, options) => dispatch(dom, type, detail, {}, options);

/** The environment controllers reach: `wx` (routes) and asset URLs. */
export const environment = {
  wx: undefined,
  /** The URL of an image `src` written in the file `from` (project path). */
  assetUrl: (from, src) => src,
  /** The page instance an element is rendered in. */
  pageOf: () => undefined,
  /** Changes the window (navigation bar) of a page instance, as wx.setNavigationBar* do. */
  setPageWindow: () => {},
  /**
   * Events that stand for the user's own touch though the browser made them: an
   * automator's tap, which DevTools counts as the user's (its `wrapTapMark`).
   */
  userGestures: new WeakSet(),
};

/** The nearest ancestor element (inclusive) with the tag `wx-<tag>`. */
export function closest(dom, tag) {
  return dom.closest(`wx-${tag}`);
}

// Default looks of the built-in components defined outside base-style.js (in the feature
// chunks), injected once per document ahead of every WXSS sheet, so a project's styles
// override them. Here, in the boot script, rather than in a chunk of its own: a feature
// chunk would otherwise fetch it as a second round trip before it can run.
const installedStyles = new Set();

/** Puts `css` (named `name`) into `document` once. */
export function installElementStyle(document, name, css) {
  if (installedStyles.has(name) || !document?.head) return;
  installedStyles.add(name);
  const style = document.createElement('style');
  style.dataset.wxrt = name;
  style.textContent = css;
  document.head.prepend(style);
}
