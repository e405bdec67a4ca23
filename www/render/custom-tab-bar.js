// A custom tab bar (`"custom": true` in app.json's tabBar): the project's
// `custom-tab-bar/index` component drawn in the tab bar's place, below the page window.
// As in WeChat each tab page has an instance of its own (created with the page, shown
// while the page is on top), which the page reaches with `this.getTabBar()`.

import { listenForTransitions } from './transitions.js';
import { listenForTouches } from './events.js';
import { mount, unmount } from './patch.js';

const COMPONENT = 'custom-tab-bar/index';

export class CustomTabBars {
  /**
   * `appJson` is the project's app.json; `container` the page window (the bar goes right
   * after it); `registry` defines components; `reportError` reaches onError.
   */
  constructor({ appJson, container, registry, reportError, height }) {
    const tabBar = appJson?.tabBar;
    this.enabled = Boolean(tabBar?.custom);
    this.tabRoutes = new Set((tabBar?.list ?? []).map((tab) => tab?.pagePath));
    this.registry = registry;
    this.reportError = reportError;
    this.bars = new Map();
    if (!this.enabled) return;
    const doc = container.ownerDocument;
    const frame = doc.createElement('wx-tab-bar-frame');
    frame.hidden = true;
    // `position: fixed` inside the bar (the usual way to write one) stays in the bar's place.
    frame.style.cssText = `display:block;flex:none;position:relative;min-height:${height}px;contain:layout paint;`;
    this.stopListening = [];
    if (container.parentNode) {
      container.after(frame);
      // Outside the page window, so the window's listeners do not hear its taps.
      this.stopListening = [listenForTouches(frame), listenForTransitions(frame)];
    } else {
      container.append(frame);
    }
    this.frame = frame;
  }

  /** A page was created: a tab page gets its own bar. */
  pageCreated(id, route) {
    if (!this.enabled || !this.tabRoutes.has(route)) return;
    const ctx = { kind: 'tab-bar', name: 'custom tab bar', path: route, scope: '', components: (tag) => (tag === 'custom-tab-bar' ? this.path() : undefined) };
    const node = { t: 'custom-tab-bar', a: {}, c: [], o: ctx };
    if (!this.path()) return;
    const dom = mount(node);
    if (!node.inst) return;
    dom.hidden = true;
    this.frame.append(dom);
    this.bars.set(id, node);
  }

  /** Where the project's bar is; reported once when app.json asks for one it lacks. */
  path() {
    if (this.found !== undefined) return this.found;
    const files = this.registry.files;
    this.found = typeof files[`${COMPONENT}.js`] === 'string' ? COMPONENT : null;
    if (!this.found) this.reportError(new Error('app.json: tabBar.custom is true, but the project has no custom-tab-bar/index.js component'));
    return this.found;
  }

  /** `page.getTabBar()`: the bar instance of page `id`, or null. */
  instanceOf(id) {
    return this.bars.get(id)?.inst?.instance ?? null;
  }

  /** Page `top` is now on top: its bar shows, with its page lifetimes, the others hide. */
  show(top, previous) {
    if (!this.enabled) return;
    for (const [id, node] of this.bars) node.d.hidden = id !== top;
    this.frame.hidden = !this.bars.has(top);
    if (previous !== undefined && previous !== top) this.bars.get(previous)?.inst.pageEvent('hide');
    if (previous !== undefined && previous !== top) this.bars.get(top)?.inst.pageEvent('show');
  }

  /** The app hid or showed while page `top` was on top. */
  visibility(top, shown) {
    this.bars.get(top)?.inst.pageEvent(shown ? 'show' : 'hide');
  }

  /** Page `id` was unloaded. */
  pageUnloaded(id) {
    const node = this.bars.get(id);
    if (!node) return;
    unmount(node);
    node.d.remove();
    this.bars.delete(id);
    if (!this.bars.size && this.frame) this.frame.hidden = true;
  }

  dispose() {
    for (const id of [...this.bars.keys()]) this.pageUnloaded(id);
    for (const stop of this.stopListening ?? []) stop();
    this.frame?.remove();
  }
}
