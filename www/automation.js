// The runtime handle as tests and people drive it (`globalThis.wxrt` in the preview): the
// concepts of WeChat's miniprogram-automator, working in any browser.

import { asyncApi } from './async-api.js';

// Sync-shaped wx members return their mock result; every other one is async-shaped.
const isSyncShaped = (name) => /Sync$|^on[A-Z]|^off[A-Z]|^(getUpdateManager|canIUse)$/.test(name);

function mockedMethod(name, result) {
  if (typeof result === 'function') return result;
  if (isSyncShaped(name)) return () => result;
  return asyncApi(() => {
    const outcome = { errMsg: `${name}:ok`, ...result };
    if (String(outcome.errMsg).startsWith(`${name}:fail`)) throw outcome;
    return outcome;
  });
}

/** Adds the automation methods to `handle` for `program`, and follows the tab's visibility. */
export function automation(handle, program, { followVisibility, callLog }) {
  const { wx } = handle;
  const originals = new Map();
  const onVisibility = () => (document.visibilityState === 'hidden' ? program.background() : program.foreground());
  const onPageHide = () => program.background();
  const onPageShow = (event) => event.persisted && program.foreground();
  const onError = (event) => program.reportError(event.error ?? event.message);
  const onRejection = (event) => program.reportRejection(event.reason, event.promise);
  const listening = followVisibility && typeof document !== 'undefined';
  if (listening) {
    document.addEventListener('visibilitychange', onVisibility);
    globalThis.addEventListener('pagehide', onPageHide);
    globalThis.addEventListener('pageshow', onPageShow);
  }
  // Mini-program code's own async errors (timers, callbacks) reach the page's handlers.
  globalThis.addEventListener?.('error', onError);
  globalThis.addEventListener?.('unhandledrejection', onRejection);

  const dispose = handle.dispose;
  let automator;
  return Object.assign(handle, {
    /** WeChat DevTools' automation protocol for this app (what `wxrt auto` forwards to): a chunk of its own. */
    automator() {
      automator ??= import('./automator/index.js').then(({ createAutomator }) => createAutomator(handle));
      return automator;
    },
    launched: program.launched.then(() => undefined),
    program,
    getApp: () => program.app,
    getCurrentPages: () => program.currentPages(),
    currentPage() {
      const pages = program.currentPages();
      return pages.length ? program.describePage(pages[pages.length - 1]) : undefined;
    },
    pageStack: () => program.currentPages().map((page) => program.describePage(page)),
    hooks: () => program.hookLog.map((entry) => ({ ...entry })),
    errors: () => program.errorLog.map((entry) => ({ ...entry, frames: entry.frames.map((frame) => ({ ...frame })) })),
    /** Calls `fn()` after every change of pages, data, hooks, errors or update plans. */
    watch: (fn) => program.watch(() => fn()),
    routes: () => program.lifecycle.routes(),
    launchOptions: () => program.lifecycle.launchOptions(),
    appState: () => program.lifecycle.state(),
    destroyAfterMs: () => program.lifecycle.destroyAfter(),
    restart: () => program.restart(),
    updateStatus: () => program.updateStatus(),
    background: () => program.background(),
    foreground: () => program.foreground(),
    advanceClock: (ms) => program.advanceClock(ms),
    memoryWarning: (level) => program.memoryWarning(level),
    resize: (size) => program.resize(size),
    simulateUpdate: (outcome) => program.simulateUpdate(outcome),
    adoptVersion: (project) => program.adoptVersion(project),
    reLaunch: (url) => wx.reLaunch({ url }),
    navigateTo: (url) => wx.navigateTo({ url }),
    navigateBack: (delta) => wx.navigateBack({ delta }),
    switchTab: (url) => wx.switchTab({ url }),
    redirectTo: (url) => wx.redirectTo({ url }),
    callWxMethod(name, ...args) {
      if (typeof wx[name] !== 'function') throw new TypeError(`wx.${name} is not a function`);
      return wx[name](...args);
    },
    mockWxMethod(name, result) {
      if (!originals.has(name)) originals.set(name, wx[name]);
      const mocked = mockedMethod(name, result);
      wx[name] = callLog ? callLog.wrap(name, mocked) : mocked;
    },
    restoreWxMethod(name) {
      if (!originals.has(name)) return;
      const original = originals.get(name);
      if (original === undefined) delete wx[name];
      else wx[name] = original;
      originals.delete(name);
    },
    dispose() {
      if (listening) {
        document.removeEventListener('visibilitychange', onVisibility);
        globalThis.removeEventListener('pagehide', onPageHide);
        globalThis.removeEventListener('pageshow', onPageShow);
      }
      globalThis.removeEventListener?.('error', onError);
      globalThis.removeEventListener?.('unhandledrejection', onRejection);
      program.dispose();
      dispose();
    },
  });
}
