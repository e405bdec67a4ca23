// A mini-program running on the page: its modules, the App and page instances, and the
// lifecycle steps core decides, performed in order. Core (AppLifecycle) owns every rule;
// this file calls the JavaScript that the rules name.

import { AppLifecycle, applySetData, Runtime } from '../pkg/wxrt_wasm.js';
import { asyncApi } from './async-api.js';
import { copyValues, deepCopy } from './deep-copy.js';
import { ENV_VERSION, PLATFORM } from './environment.js';
import { EventChannel } from './event-channel.js';
import { Listeners, listenerApis } from './listeners.js';
import { Modules } from './modules.js';
import { UpdateManager } from './update-manager.js';
import { Renderer } from './render/renderer.js';
import { need } from './render/features.js';
import { componentAsPage, pageAsComponent } from './render/component.js';
import { defineBehavior } from './render/behaviors.js';
import { messageLocation, projectFrames } from './stack.js';

const ROUTE_APIS = ['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'];
// Where the update check remembers the version this browser ran, beside (not inside) the
// app's storage namespace, so it never counts against the app's quota.
const versionKey = (appid) => `wxrt-version:${appid}`;
const planKey = (appid) => `wxrt-update-plan:${appid}`;

/** The "first render" a page's onReady waits for. */
const nextRender = () => new Promise((resolve) => setTimeout(resolve));

const failure = (api, reason) => Runtime.failure(api, reason);

const snapshot = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/**
 * The project's app.json, parsed; throws an Error naming the file and the problem when
 * app.js or app.json is missing or app.json is not JSON.
 */
export function appJsonOf(files) {
  if (typeof files['app.js'] !== 'string') throw new Error('app.js: not found in the project');
  const text = files['app.json'];
  if (typeof text !== 'string') throw new Error('app.json: not found in the project');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`app.json: bad JSON: ${error.message}`);
  }
}

export class MiniProgram {
  /**
   * `files` maps project paths to source text; `appJson` is app.json parsed and themed,
   * `launchConfig` what its check made (tools.js checkedLaunch). `search` is the launch URL's
   * query string. Throws an Error naming the file and the problem when app.json's window
   * is invalid.
   */
  constructor({ appid, wx, storage, files, appJson, launchConfig, writtenAs = {}, search = '', version, destroyAfterMs, sourceRoot = '', network, backgroundFetch, render, screen, compiled = { wxml: {}, wxss: {}, js: {} }, themed = (json) => json }) {
    // darkmode's theme variables (www/apis/device/theme.js) resolved in app.json and page jsons.
    this.themed = themed;
    this.appJson = appJson;
    this.lifecycle = new AppLifecycle(launchConfig, appJson, String(search));
    if (destroyAfterMs !== undefined) this.lifecycle.setDestroyAfter(Number(destroyAfterMs));
    this.appid = appid;
    this.wx = wx;
    // Told when the app hides and shows, and when time moves: requests have a rule for that.
    this.network = network;
    // Told of cold starts too: each one prefetches.
    this.backgroundFetch = backgroundFetch;
    network?.setAppTimeouts(this.lifecycle.requestTimeout(), this.lifecycle.uploadTimeout());
    this.storage = storage;
    this.files = files;
    // Files a compiler plugin made (pages/a/a.js from pages/a/a.ts), line for line.
    this.writtenAs = writtenAs;
    this.sourceRoot = sourceRoot;
    this.compiled = compiled;
    // The simulated phone's screen (environment.js), shared with wx's system info: resize() changes it in place.
    this.screen = screen ?? render?.screen;
    this.version = version ?? AppLifecycle.contentVersion(files);
    this.clockOffset = 0;
    this.hookLog = [];
    this.errorLog = [];
    this.watchers = new Set();
    this.tail = Promise.resolve();
    this.events = {
      AppShow: new Listeners(),
      AppHide: new Listeners(),
      Error: new Listeners(),
      UnhandledRejection: new Listeners(),
      PageNotFound: new Listeners(),
      MemoryWarning: new Listeners(),
      WindowResize: new Listeners(),
    };
    this.updates = new UpdateManager(() => this.restart(), failure);
    this.resetInstances();
    this.installWx();
    // Without a container the app runs headless: lifecycle and data, no DOM.
    this.renderer = render?.container ? new Renderer({ ...render, program: this, files, compiled, wx }) : undefined;
    if (this.renderer) this.installRenderApis();
    this.launched = this.enqueue(() => this.run(this.lifecycle.launch())).then(() => this.settled());
  }

  now() {
    return Date.now() + this.clockOffset;
  }

  /** Lifecycle work runs one piece at a time; route calls made by hooks wait their turn. */
  enqueue(work) {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }

  resetInstances() {
    this.app = undefined;
    this.defaultApp = undefined;
    this.pageDefinitions = new Map();
    this.pages = new Map();
    this.renderer?.reset();
    this.notFound = undefined;
    this.openerChannel = undefined;
    this.routedTo = undefined;
    // What the frame APIs changed (www/apis/frame/: the tab bar) goes with the app.
    this.frame = undefined;
  }

  installWx() {
    const wx = this.wx;
    const guard = (call) => this.guard(call);
    const updateManager = this.updates.api(guard);
    const topPage = () => this.currentPages().at(-1);
    const setWindow = (api, change) => asyncApi((options) => {
      const page = topPage();
      if (!page) throw failure(api, 'no page is showing');
      page.__wxrtWindow = { ...page.__wxrtWindow, ...change(options ?? {}) };
      this.notify();
      return { errMsg: `${api}:ok` };
    });
    Object.assign(wx, {
      setNavigationBarTitle: setWindow('setNavigationBarTitle', ({ title }) => ({ navigationBarTitleText: String(title ?? '') })),
      setNavigationBarColor: setWindow('setNavigationBarColor', ({ frontColor, backgroundColor }) => {
        if (frontColor !== '#ffffff' && frontColor !== '#000000') {
          throw failure('setNavigationBarColor', 'invalid frontColor: it should be #ffffff or #000000');
        }
        return { navigationBarTextStyle: frontColor === '#ffffff' ? 'white' : 'black', navigationBarBackgroundColor: String(backgroundColor ?? '') };
      }),
    });
    Object.assign(wx, listenerApis(this.events), {
      getLaunchOptionsSync: () => this.lifecycle.launchOptions(),
      getEnterOptionsSync: () => this.lifecycle.enterOptions(),
      getUpdateManager: () => updateManager,
      navigateBack: asyncApi((options) => this.enqueue(async () => {
        await this.perform(this.lifecycle.navigateBack(options?.delta));
        return { errMsg: 'navigateBack:ok' };
      })),
    });
    for (const api of ROUTE_APIS) {
      wx[api] = asyncApi((options) => {
        const channel = api === 'navigateTo' ? new EventChannel(options?.events) : undefined;
        return this.enqueue(async () => {
          this.openerChannel = channel;
          await this.perform(this.lifecycle[api](options?.url));
          return channel ? { errMsg: `${api}:ok`, eventChannel: channel } : { errMsg: `${api}:ok` };
        });
      });
    }
  }

  /** What needs pages on screen: scrolling, pull-down refresh, selector queries. */
  installRenderApis() {
    const renderer = this.renderer;
    Object.assign(this.wx, {
      pageScrollTo: asyncApi((options) => {
        if (!renderer.scrollTo(options ?? {})) throw failure('pageScrollTo', 'nothing to scroll to: give scrollTop or a selector of an element on the page');
        return { errMsg: 'pageScrollTo:ok' };
      }),
      startPullDownRefresh: asyncApi(() => {
        if (!renderer.startPullDownRefresh()) throw failure('startPullDownRefresh', 'the page does not enable pull-down refresh (enablePullDownRefresh)');
        return { errMsg: 'startPullDownRefresh:ok' };
      }),
      stopPullDownRefresh: asyncApi(() => {
        renderer.stopPullDownRefresh();
        return { errMsg: 'stopPullDownRefresh:ok' };
      }),
      createSelectorQuery: () => renderer.selectorQuery(),
      createIntersectionObserver: (component, options) => renderer.intersectionObserver(component, options),
      createAnimation: (options) => {
        const { Animation } = need('animation', 'createAnimation');
        return new Animation(options ?? {});
      },
      createCanvasContext: (canvasId, component) => renderer.canvasContext(canvasId, component),
    });
  }

  /** The globals each module sees. */
  globals() {
    return {
      wx: this.wx,
      App: (options) => this.registerApp(options),
      Page: (options) => this.registerPage(options),
      Component: (options) => this.registerComponent(options),
      Behavior: (options) => defineBehavior(options, this.modules.current ?? ''),
      getApp: (options) => this.getApp(options),
      getCurrentPages: () => this.currentPages(),
      // WeChat's app service has a `global` object of its own, which bundled libraries
      // (WeUI's webpack output) read: it is not the page's window (WeUI checks
      // `global.btoa` and must fall back to its own), and it goes with a cold start.
      global: {},
      // Undocumented, but what apps read to pick their servers (`__wxConfig.envVersion`):
      // the app's configuration as WeChat's app service holds it.
      __wxConfig: {
        envVersion: ENV_VERSION,
        platform: PLATFORM,
        accountInfo: { appId: this.appid },
        global: { window: deepCopy(this.appJson.window ?? {}) },
        tabBar: deepCopy(this.appJson.tabBar),
      },
    };
  }

  registerApp(options) {
    if (this.app) {
      this.reportError(new Error('App() may be called only once; this call is ignored'));
      return;
    }
    const app = this.defaultApp ?? {};
    Object.assign(app, options ?? {});
    this.app = app;
  }

  getApp(options) {
    if (this.app) return this.app;
    if (options?.allowDefault) {
      this.defaultApp ??= {};
      return this.defaultApp;
    }
    return undefined;
  }

  registerPage(options) {
    const file = this.modules.current ?? '';
    const route = file.replace(/\.js$/, '');
    if (options === null || typeof options !== 'object') {
      this.reportError(new TypeError(`Page() in ${file} should be given an Object`));
      return;
    }
    // A module that is no page defines the component at its path with Page() too.
    if (!this.lifecycle.routes().includes(route)) {
      this.renderer?.registry.define(file, pageAsComponent(options, file));
      return;
    }
    this.pageDefinitions.set(route, options);
  }

  /** `Component()`: a page's module defines the page with it; any other a component. */
  registerComponent(options) {
    const file = this.modules.current ?? '';
    const route = file.replace(/\.js$/, '');
    if (this.lifecycle.routes().includes(route)) {
      this.registerPage(componentAsPage(options, file));
      return;
    }
    if (this.renderer) this.renderer.registry.define(file, options);
  }

  /** Loads (once) module `path`: app.js, a page's, or one a component needs. */
  loadModule(path) {
    this.guard(() => this.modules.load(path));
  }

  /** Whether the page on top is a tab bar page (the window is shorter by the tab bar). */
  onTabPage() {
    const route = this.currentPages().at(-1)?.route;
    return Boolean(route && this.appJson.tabBar?.list?.some?.((tab) => tab.pagePath === route));
  }

  /** The window of page `id` (app.json's, with the page json's overrides and API changes). */
  pageWindowOf(id) {
    const page = this.pages.get(id);
    if (!page) return undefined;
    let window;
    try {
      const text = this.files[`${page.route}.json`];
      window = this.lifecycle.window(page.route, text === undefined ? undefined : this.themed(JSON.parse(text)));
    } catch {
      // A broken page json is reported where it is read; the app's window stands in.
      window = this.lifecycle.window(page.route, undefined);
    }
    return { ...window, ...page.__wxrtWindow };
  }

  currentPages() {
    return this.lifecycle.pages().map(({ id }) => this.pages.get(id)).filter(Boolean);
  }

  /** Runs one call of mini-program code; what it throws goes to onError. */
  guard(call) {
    try {
      return call();
    } catch (error) {
      this.reportError(error);
      return undefined;
    }
  }

  reportError(error) {
    const message = error instanceof Error ? error.message : String(error);
    const stack = error instanceof Error ? String(error.stack ?? message) : message;
    this.errorLog.push({ message, stack, ...this.locate(error, message, stack) });
    console.error(error);
    const report = (call) => {
      try {
        call();
      } catch (nested) {
        // An onError that throws must not loop back into onError.
        console.error(nested);
      }
    };
    if (typeof this.app?.onError === 'function') {
      report(() => this.app.onError(stack.includes(message) ? stack : `${message}\n${stack}`));
    }
    this.events.Error.emit({ message, stack }, report);
    this.notify();
  }

  /** Where `error` happened in the project's files: `{file, line, column, frames}`. */
  locate(error, message, stack) {
    const frames = projectFrames(stack, {
      files: this.files, sourceRoot: this.sourceRoot, firstLineShift: this.modules?.prefix.length ?? 0,
    });
    const named = error?.file in this.files && error.line ? { file: error.file, line: error.line, column: error.column } : undefined;
    const at = named ?? messageLocation(message, this.files) ?? frames[0];
    const written = (file) => (Object.hasOwn(this.writtenAs, file) ? this.writtenAs[file] : file);
    for (const frame of frames) frame.file = written(frame.file);
    const file = at?.file ?? error?.file;
    return { file: file && written(file), line: at?.line, column: at?.column, frames };
  }

  reportRejection(reason, promise) {
    const arg = { reason, promise };
    if (typeof this.app?.onUnhandledRejection === 'function') {
      this.guard(() => this.app.onUnhandledRejection(arg));
    }
    this.events.UnhandledRejection.emit(arg, (call) => this.guard(call));
  }

  /** Performs `steps` and what a cold start or a missing page needs afterwards. */
  async run(steps) {
    await this.perform(steps);
    if (steps.some((step) => step.type === 'load')) {
      setTimeout(() => this.checkForUpdate());
    }
    if (steps.some((step) => step.hook === 'onPageNotFound')) {
      // Queued behind any route a handler called synchronously (not awaited: this task
      // must end before the queue reaches it).
      this.enqueue(() => this.perform(this.lifecycle.finishPageNotFound()));
    }
  }

  /** Resolves once no lifecycle work is queued. */
  async settled() {
    let tail;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  async perform(steps) {
    for (const step of steps) {
      switch (step.type) {
        case 'load':
          // Before the code loads: the prefetch runs while it does.
          this.backgroundFetch?.coldStart(this.lifecycle.launchOptions());
          this.loadCode(step.pages);
          break;
        case 'load-page':
          this.loadModule(`${step.route}.js`);
          break;
        case 'destroy':
          this.resetInstances();
          break;
        case 'app':
          this.appEvent(step.hook, step.arg);
          break;
        case 'create':
          this.createPage(step);
          // As in WeChat, the page's component tree is built (created, attached) before
          // onLoad, with the page's initial data: what onLoad sets reaches it as updates.
          this.renderer?.render(step.id);
          break;
        case 'page':
          if (step.hook === 'onReady') {
            // The page is on screen for that layout: its components' `ready` measures it
            // (WeUI's slideview sizes its buttons from a selector query there).
            this.renderer?.showStack(this.lifecycle.pages().map(({ id }) => id));
            // onReady waits for the first render's layout: the renders onLoad and onShow
            // asked for run (microtasks) before this task ends, and the components they
            // made are ready a task later, so two tasks pass before the page's onReady.
            await nextRender();
            await nextRender();
          }
          // The page's tree hears show and hide before the page's own hook.
          if (step.hook === 'onShow' || step.hook === 'onHide') this.pageLifetime(step.id, step.hook === 'onShow' ? 'show' : 'hide');
          this.pageHook(step.id, step.hook);
          break;
        case 'not-found':
          this.notFound = step.path;
          break;
        default:
          throw new Error(`wxrt: unknown lifecycle step ${step.type}`);
      }
    }
    const stack = this.lifecycle.pages().map(({ id }) => id);
    this.renderer?.showStack(stack);
    this.routeDone(stack.at(-1));
    this.notify();
  }

  /**
   * A route ended with page `top` on top (after its onReady, for a new page): its tree
   * hears `routeDone` a task later, if it is still on top and was not already.
   */
  routeDone(top) {
    if (top === undefined || top === this.routedTo) return;
    this.routedTo = top;
    setTimeout(() => {
      if (this.lifecycle.pages().at(-1)?.id === top) this.pageLifetime(top, 'routeDone');
    });
  }

  /** A cold start's code: fresh modules, `app.js`, then the modules of `pages` (core's choice). */
  loadCode(pages) {
    this.resetInstances();
    this.updates.reset();
    this.modules = new Modules(this.files, this.globals(), {
      sourceRoot: this.sourceRoot,
      compiled: this.compiled.js,
      alias: (request) => this.lifecycle.resolveAlias(request),
    });
    this.loadModule('app.js');
    for (const route of pages) this.loadModule(`${route}.js`);
  }

  appEvent(hook, arg) {
    this.hookLog.push({ target: 'App', hook, arg: snapshot(arg) });
    if (hook === 'onHide') {
      this.renderer?.appVisibility(false);
      this.network?.hidden(this.now());
      this.backgroundFetch?.hidden();
    }
    if (hook === 'onShow') {
      this.renderer?.appVisibility(true);
      this.network?.shown(this.now());
      this.backgroundFetch?.shown();
    }
    const app = this.app;
    const guard = (call) => this.guard(call);
    if (hook !== 'onMemoryWarning' && typeof app?.[hook] === 'function') {
      guard(() => (hook === 'onHide' ? app.onHide() : app[hook](arg)));
    }
    const listeners = {
      onShow: this.events.AppShow,
      onHide: this.events.AppHide,
      onPageNotFound: this.events.PageNotFound,
      onMemoryWarning: this.events.MemoryWarning,
    }[hook];
    listeners?.emit(arg, guard);
  }

  createPage({ id, route, query }) {
    let definition = this.pageDefinitions.get(route);
    if (!definition) {
      this.reportError(new Error(`Page "${route}" has not been registered yet: ${route}.js did not call Page()`));
      definition = {};
    }
    const program = this;
    const channel = this.openerChannel ?? new EventChannel();
    this.openerChannel = undefined;
    const page = Object.create({
      setData(changes, callback) {
        program.setData(this, changes, callback);
      },
      getOpenerEventChannel: () => channel,
    });
    for (const [key, value] of Object.entries(definition)) page[key] = deepCopy(value);
    for (const key of ['__wxrtDefinition', '__wxrtAttach', '__wxrtPageLifetime']) {
      if (definition[key]) Object.defineProperty(page, key, { value: definition[key] });
    }
    page.data = deepCopy(definition.data ?? {});
    page.route = route;
    // The older name, which analytics SDKs (MTA, TalkingData) and apps still read.
    page.__route__ = route;
    page.is = route;
    page.options = { ...query };
    page.__wxWebviewId__ = id;
    this.pages.set(id, page);
    this.renderer?.pageCreated(page, id, route);
    if (page.__wxrtAttach) this.guard(() => page.__wxrtAttach({ ...page.options }));
  }

  /**
   * The page lifetime `name` (show, hide, resize, routeDone) for page `id`'s tree, as
   * glass-easel's triggerPageLifetime walks it: the page itself first (a page written
   * with Component() has pageLifetimes too), then its components in tree order.
   */
  pageLifetime(id, name, arg) {
    const page = this.pages.get(id);
    if (!page) return;
    if (page.__wxrtPageLifetime) this.guard(() => page.__wxrtPageLifetime(name, arg));
    this.renderer?.pageLifetime(id, name, arg);
  }

  pageHook(id, hook) {
    const page = this.pages.get(id);
    if (!page) return;
    const arg = hook === 'onLoad' ? { ...page.options } : undefined;
    this.hookLog.push({ target: page.route, hook, arg: snapshot(arg) });
    if (typeof page[hook] === 'function') this.guard(() => page[hook](arg));
    if (hook === 'onUnload') {
      this.pages.delete(id);
      this.renderer?.unloaded(id);
    }
  }

  setData(page, changes, callback) {
    if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) {
      this.reportError(new TypeError(`setData: data should be an Object, got ${Array.isArray(changes) ? 'Array' : typeof changes}`));
      return;
    }
    for (const message of applySetData(page.data, copyValues(changes), [])) this.reportError(new Error(message));
    this.notify();
    if (this.renderer) this.renderer.changed(page.__wxWebviewId__, changes, callback);
    else if (typeof callback === 'function') setTimeout(() => this.guard(() => callback.call(page)));
  }

  checkForUpdate() {
    let last = null;
    let plan = null;
    try {
      last = this.storage.getItem(versionKey(this.appid));
      plan = this.storage.getItem(planKey(this.appid));
      this.storage.setItem(versionKey(this.appid), this.version);
      this.storage.removeItem(planKey(this.appid));
    } catch (error) {
      console.warn('wxrt: cannot remember the app version for the update check', error);
    }
    const result = AppLifecycle.checkUpdate(last ?? undefined, this.version, plan ?? 'detect');
    this.updates.deliver(result, (call) => this.guard(call));
    this.notify();
  }

  /**
   * Counts the project `{files, version}` as the version this browser already runs, so the
   * next cold start's update check sees no new version: a live reload is the developer's
   * edit, not a release.
   */
  adoptVersion({ files, version }) {
    this.storage.setItem(versionKey(this.appid), version ?? AppLifecycle.contentVersion(files));
  }

  /** Plans what the next cold start's update check reports: 'ready' or 'failed'. */
  simulateUpdate(outcome) {
    // Core knows the outcome names: an unknown one throws here, not at the next launch.
    AppLifecycle.checkUpdate(undefined, '', outcome);
    this.storage.setItem(planKey(this.appid), outcome);
    this.notify();
  }

  /**
   * The update check as the workbench shows it: `planned` is what the next cold start's
   * check reports (`'ready'`, `'failed'` or null: compare versions), `lastCheck` the
   * last check's `{hasUpdate, ready}`.
   */
  updateStatus() {
    let planned = null;
    try {
      planned = this.storage.getItem(planKey(this.appid));
    } catch {
      // Unreadable storage plans nothing.
    }
    const result = this.updates.result;
    return { planned, lastCheck: result ? { hasUpdate: result.hasUpdate, ready: result.ready } : null };
  }

  /**
   * The simulated phone takes the size `{width, height}` (the workbench's device, turned
   * or changed): system info answers with it, rpx follow it, then the top page's
   * components hear `pageLifetimes.resize`, the page `onResize`, and `wx.onWindowResize`
   * listeners get `{size}`. Resolves when they have run.
   */
  resize({ width, height } = {}) {
    for (const [name, value] of [['width', width], ['height', height]]) {
      if (!Number.isInteger(value) || value < 200 || value > 4096) {
        throw new TypeError(`resize: ${name} should be an integer number of px from 200 to 4096, got ${value}`);
      }
    }
    return this.enqueue(() => {
      const screen = this.screen;
      if (!screen || (screen.width === width && screen.height === height)) return;
      Object.assign(screen, { width, height });
      const info = this.wx.getWindowInfo?.() ?? { windowWidth: width, windowHeight: height };
      const size = { windowWidth: info.windowWidth, windowHeight: info.windowHeight, screenWidth: width, screenHeight: height };
      const resize = { size, deviceOrientation: width > height ? 'landscape' : 'portrait' };
      this.renderer?.sizeViewport();
      const top = this.currentPages().at(-1);
      if (top) {
        this.pageLifetime(top.__wxWebviewId__, 'resize', resize);
        this.hookLog.push({ target: top.route, hook: 'onResize', arg: snapshot(resize) });
        if (typeof top.onResize === 'function') this.guard(() => top.onResize(resize));
      }
      this.events.WindowResize.emit({ size: { windowWidth: size.windowWidth, windowHeight: size.windowHeight } }, (call) => this.guard(call));
      this.notify();
    });
  }

  /** Runs lifecycle `decide()` as a task; resolves when it and what it queued are done. */
  step(decide) {
    return this.enqueue(() => this.run(decide())).then(() => this.settled());
  }

  restart() {
    return this.step(() => this.lifecycle.restart());
  }

  background() {
    return this.step(() => this.lifecycle.hide(this.now()));
  }

  foreground() {
    return this.step(() => this.lifecycle.show(this.now()));
  }

  advanceClock(ms) {
    if (!(Number(ms) >= 0)) throw new TypeError(`advanceClock: ms should be a non-negative Number, got ${ms}`);
    this.clockOffset += Number(ms);
    this.network?.tick(this.now());
    this.backgroundFetch?.tick();
    return this.step(() => this.lifecycle.tick(this.now()));
  }

  memoryWarning(level = 10) {
    if (![5, 10, 15].includes(level)) throw new TypeError(`memoryWarning: level should be 5, 10 or 15, got ${level}`);
    return this.enqueue(() => this.perform(this.lifecycle.memoryWarning(level)));
  }

  /** `fn()` after every change of pages, data, errors or updates (the preview redraws). */
  watch(fn) {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  notify() {
    for (const fn of this.watchers) fn(this);
  }

  describePage(page) {
    return { id: page.__wxWebviewId__, route: page.route, query: { ...page.options }, data: snapshot(page.data) };
  }

  dispose() {
    this.watchers.clear();
    this.resetInstances();
    this.renderer?.dispose();
    this.lifecycle.free();
  }
}
