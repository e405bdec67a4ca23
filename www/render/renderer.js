// Pages on screen: each page instance gets a `<wx-page>` in the container (kept while the
// page is in the stack, shown only on top, so inputs and scroll survive navigation), its
// template rendered after onShow and re-rendered after setData, the page's WXSS, touch
// and tap events, page scrolling (onPageScroll, onReachBottom, wx.pageScrollTo) and
// pull-down refresh.

import { SCREEN } from '../environment.js';
import { installBaseStyle } from './base-style.js';
import { ComponentRegistry, selectComponentsIn } from './component.js';
import { environment } from './elements/common.js';
import { displayElements } from './elements/display.js';
import { formControls } from './elements/form-controls.js';
import { listenForTouches } from './events.js';
import { deferred, feature, featureElements, need } from './features.js';
import { configurePatch } from './patch.js';
import { domSelector, scopeOfInstance } from './selectors.js';
import { instanceApis } from './instance-apis.js';
import { listenForTransitions } from './transitions.js';
import { StyleSheets } from './styles.js';
import { scopePage } from './classes.js';
import { TemplateFiles, resolve } from './templates.js';
import { View } from './view.js';

const CONTROLLERS = { ...formControls, ...displayElements };
const REACH_BOTTOM_DISTANCE = 50;
const PULL_DISTANCE = 60;

export class Renderer {
  /**
   * `container` is the page viewport (it scrolls); `program` the MiniProgram; `compile`
   * core's `{wxml, wxss}` compilers; `screen` the simulated phone's (environment.js).
   */
  constructor({ container, program, files, compiled, wx, screen = SCREEN, assetBase = '' }) {
    this.container = container;
    this.program = program;
    this.files = files;
    this.views = new Map();
    installBaseStyle(container.ownerDocument);
    this.screen = screen;
    this.sizeViewport();
    this.templates = new TemplateFiles({ files, compiled: compiled.wxml });
    this.styles = new StyleSheets({ compiled: compiled.wxss, reportError: (e) => program.reportError(e), document: container.ownerDocument });
    this.styles.app();
    this.registry = new ComponentRegistry({ program: this.adapter(), templates: this.templates, styles: this.styles, files });
    // app.json's `"style": "v2"` gives the built-in components WeChat's newer look (WeUI 2).
    if (this.registry.appJson.style === 'v2') container.setAttribute('wx-style', 'v2');
    else container.removeAttribute('wx-style');
    configurePatch({
      controller: (tag) => CONTROLLERS[tag] ?? featureElements[tag],
      component: (node) => this.registry.instanceFor(node),
    });
    environment.wx = wx;
    environment.assetUrl = (from, src) => {
      if (/^(https?:|data:|blob:|wxfile:)/.test(src)) return src;
      return `${assetBase}/${resolve(from, src)}`;
    };
    environment.pageOf = (el) => this.views.get(el.closest('wx-page')?.wxPageId)?.page;
    // page-meta's navigation-bar: what wx.setNavigationBar* change, for its own page.
    environment.setPageWindow = (page, change) => {
      page.__wxrtWindow = { ...page.__wxrtWindow, ...change };
      program.notify();
    };
    this.stopTouches = listenForTouches(container);
    this.stopTransitions = listenForTransitions(container);
    // Loaded (features.js) only when app.json asks for a custom tab bar.
    const { CustomTabBars } = feature('customTabBar') ?? {};
    this.tabBars = CustomTabBars && new CustomTabBars({
      appJson: this.registry.appJson,
      container,
      registry: this.registry,
      reportError: (error) => program.reportError(error),
      height: screen.tabBarHeight,
    });
    this.onScroll = () => this.scrolled();
    container.addEventListener('scroll', this.onScroll);
    this.pullDown();
  }

  /** What components need from the program and the page tree. */
  adapter() {
    const program = this.program;
    return {
      loadModule: (path) => program.loadModule(path),
      guard: (call) => program.guard(call),
      reportError: (error) => program.reportError(error),
      selectComponent: (from, selector) => this.selectComponents(from, selector)[0],
      selectAllComponents: (from, selector) => this.selectComponents(from, selector),
      createSelectorQuery: (from) => deferred('selectorQuery', ({ SelectorQuery }) => new SelectorQuery(
        () => ({ root: from, ctx: from.wxComponent?.view.ctx, viewport: this.container }),
      )),
      pageIdOf: (el) => el.closest('wx-page')?.wxPageId,
      instanceApis: (component) => instanceApis(() => (component.host ? { root: component.host, ctx: component.view?.ctx } : undefined), this.container),
    };
  }

  selectComponents(from, selector) {
    const ctx = from.wxComponent?.view.ctx ?? this.views.get(from.wxPageId)?.view.ctx;
    return ctx ? selectComponentsIn(from, ctx, selector) : [];
  }

  /** A page instance was created: its root and view, not yet rendered. */
  pageCreated(page, id, route) {
    const root = this.container.ownerDocument.createElement('wx-page');
    root.wxPageRoot = true;
    root.wxPageId = id;
    root.hidden = true;
    root.dataset.route = route;
    this.container.append(root);
    const view = new View({
      instance: page,
      kind: 'page',
      path: route,
      root,
      templates: this.templates,
      components: this.registry.resolverFor(route),
      guard: (call) => this.program.guard(call),
      reportError: (error) => this.program.reportError(error),
      scope: this.styles.scopeOf(`${route}.wxss`),
    });
    scopePage(view.ctx, {
      root,
      json: this.registry.json(`${route}.json`),
      options: page.__wxrtDefinition?.options ?? page.options,
      styles: this.styles,
      route,
    });
    this.views.set(id, { view, root, page, scrollTop: 0, reachedBottom: false });
    const scope = () => ({ root, ctx: view.ctx });
    Object.defineProperty(page, '__wxrtScope', { value: scope, configurable: true });
    Object.assign(page, instanceApis(scope, this.container), {
      getTabBar: () => this.tabBars?.instanceOf(id) ?? null,
      selectComponent: (selector) => this.selectComponents(root, selector)[0] ?? null,
      selectAllComponents: (selector) => this.selectComponents(root, selector),
      createSelectorQuery: () => this.selectorQuery(id),
    });
    this.tabBars?.pageCreated(id, route);
  }

  /** `wx.createCanvasContext(canvasId, component)`: the canvas of that id in the page or component. */
  canvasContext(canvasId, instance) {
    const { CanvasContext } = need('canvas', 'createCanvasContext');
    return new CanvasContext(() => {
      const { root, ctx } = scopeOfInstance(instance) ?? scopeOfInstance(this.views.get(this.topId)?.page) ?? {};
      const found = [...(root?.querySelectorAll('wx-canvas') ?? [])]
        .find((el) => String(el.wxNode?.a['canvas-id'] ?? '') === String(canvasId) && (!ctx || el.wxNode.o === ctx));
      return found?.wxCanvas;
    });
  }

  /** `wx.createIntersectionObserver(component, options)`: in that page or component. */
  intersectionObserver(instance, options) {
    const scope = () => scopeOfInstance(instance) ?? scopeOfInstance(this.views.get(this.topId)?.page);
    return instanceApis(scope, this.container).createIntersectionObserver(options);
  }

  selectorQuery(id) {
    return deferred('selectorQuery', ({ SelectorQuery }) => new SelectorQuery(() => {
      const entry = this.views.get(id ?? this.topId);
      return { root: entry?.root, ctx: entry?.view.ctx, viewport: this.container };
    }));
  }

  /** The first render, before onReady. */
  render(id) {
    const entry = this.views.get(id);
    if (entry && !entry.rendered) {
      entry.rendered = true;
      entry.view.render();
    }
  }

  /** After a page's setData of `changes`. */
  changed(id, changes, callback) {
    const entry = this.views.get(id);
    if (!entry?.rendered) {
      if (typeof callback === 'function') setTimeout(callback);
      return;
    }
    entry.view.changed(entry.view.apply(changes), callback);
  }

  unloaded(id) {
    const entry = this.views.get(id);
    if (!entry) return;
    entry.view.destroy();
    entry.root.remove();
    this.views.delete(id);
    this.tabBars?.pageUnloaded(id);
  }

  /** Shows the top page of `stack` (page ids, bottom first) and hides the others. */
  showStack(stack) {
    const top = stack[stack.length - 1];
    if (top === this.topId) return;
    const previous = this.views.get(this.topId);
    this.tabBars?.show(top, previous ? this.topId : undefined);
    if (previous) {
      previous.scrollTop = this.container.scrollTop;
      previous.root.hidden = true;
    }
    this.topId = top;
    const entry = this.views.get(top);
    if (!entry) return;
    entry.root.hidden = false;
    // Writing scrollTop forces a layout; the first page starts at the top, so it is left to the next frame.
    if (previous || entry.scrollTop !== 0) this.container.scrollTop = entry.scrollTop;
  }

  /** rpx and vh for the screen's size: 750 rpx are its width; vh is the window's (below the bars at the top). */
  sizeViewport() {
    const { screen, container } = this;
    const windowHeight = screen.height - screen.statusBarHeight - screen.navigationBarHeight;
    container.style.setProperty('--wxrt-rpx', `${screen.width / 750}px`);
    container.style.setProperty('--wxrt-vh', `${windowHeight / 100}px`);
  }

  /** The page `id`'s components hear the page lifetime `name`, in tree order. */
  pageLifetime(id, name, arg) {
    const root = this.views.get(id)?.root;
    if (root) for (const el of root.querySelectorAll('*')) el.wxComponent?.pageEvent(name, arg);
  }

  /** The app hid or showed: the custom tab bar hears it (the page's components hear the page's onShow/onHide). */
  appVisibility(shown) {
    const entry = this.views.get(this.topId);
    if (entry) this.tabBars?.visibility(this.topId, shown);
  }

  scrolled() {
    const entry = this.views.get(this.topId);
    if (!entry) return;
    const { page } = entry;
    const scrollTop = this.container.scrollTop;
    if (typeof page.onPageScroll === 'function') this.program.guard(() => page.onPageScroll({ scrollTop }));
    const distance = this.program.pageWindowOf?.(this.topId)?.onReachBottomDistance ?? REACH_BOTTOM_DISTANCE;
    const atBottom = this.container.scrollHeight - this.container.clientHeight - scrollTop <= distance;
    if (atBottom && !entry.reachedBottom && typeof page.onReachBottom === 'function') this.program.guard(() => page.onReachBottom());
    entry.reachedBottom = atBottom;
  }

  /** `wx.pageScrollTo({scrollTop | selector, duration})`. */
  scrollTo({ scrollTop, selector, duration = 300 }) {
    let top = Number(scrollTop);
    if (selector !== undefined) {
      const entry = this.views.get(this.topId);
      const el = entry?.root.querySelector(domSelector(selector, entry.view.ctx));
      if (!el) return false;
      top = el.getBoundingClientRect().top - this.container.getBoundingClientRect().top + this.container.scrollTop;
    }
    if (!Number.isFinite(top)) return false;
    this.container.scrollTo({ top, behavior: duration > 0 ? 'smooth' : 'auto' });
    return true;
  }

  /** Dragging down at the top refreshes, when the page's window enables it. */
  pullDown() {
    let startY;
    const indicator = this.container.ownerDocument.createElement('div');
    indicator.className = 'wxrt-pull-indicator';
    indicator.textContent = '···';
    indicator.hidden = true;
    indicator.style.cssText = 'text-align:center;color:#999;padding:12px 0;letter-spacing:4px';
    this.container.prepend(indicator);
    this.pullIndicator = indicator;
    this.container.addEventListener('pointerdown', (event) => {
      startY = this.container.scrollTop === 0 ? event.clientY : undefined;
    });
    this.container.addEventListener('pointerup', (event) => {
      if (startY !== undefined && event.clientY - startY > PULL_DISTANCE) this.startPullDownRefresh();
      startY = undefined;
    });
  }

  startPullDownRefresh() {
    const entry = this.views.get(this.topId);
    if (!entry || !this.program.pageWindowOf?.(this.topId)?.enablePullDownRefresh) return false;
    this.pullIndicator.hidden = false;
    if (typeof entry.page.onPullDownRefresh === 'function') this.program.guard(() => entry.page.onPullDownRefresh());
    return true;
  }

  stopPullDownRefresh() {
    this.pullIndicator.hidden = true;
  }

  /** The app was destroyed: no pages, and components are defined again by the new code. */
  reset() {
    for (const id of [...this.views.keys()]) this.unloaded(id);
    this.topId = undefined;
    this.registry.definitions.clear();
  }

  dispose() {
    this.stopTouches();
    this.stopTransitions();
    this.tabBars?.dispose();
    this.container.removeEventListener('scroll', this.onScroll);
    for (const id of [...this.views.keys()]) this.unloaded(id);
    this.pullIndicator.remove();
  }
}
