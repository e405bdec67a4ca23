// `App.*`: what DevTools' app-service host answers. `context.sync` comes from `wxrt auto`
// (core's automator rules): whether DevTools calls `wx[method]` as a synchronous API.

import { appServiceRealm } from './realm.js';

const CALLBACKS = ['success', 'fail', 'complete'];

/** DevTools' reply for a failed asynchronous API: its errMsg without `<api>:fail `. */
const failureOf = (method, error) => {
  const text = typeof error?.errMsg === 'string' ? error.errMsg : error instanceof Error ? error.message : String(error);
  return new Error(text.replace(`${method}:fail `, ''));
};

/** Calls the asynchronous `wx[method]` with `options` and resolves with what its `success` gets. */
function callAsync(api, method, options) {
  return new Promise((resolve, reject) => {
    const given = options !== null && typeof options === 'object' ? options : {};
    api[method]({ ...given, success: resolve, fail: (error) => reject(failureOf(method, error)) });
  });
}

/** Whether a mock's value counts as success: DevTools' check of its errMsg. */
const isOk = (method, value) => String(value?.errMsg ?? `${method}:ok`).includes(`${method}:ok`);

/**
 * The function installed as `wx[method]` by App.mockWxMethod: `declaration` rebuilt in the
 * page (the client sends its source), called with the call's arguments and then `args`,
 * `this.origin` being the original API.
 */
function mockOf(fn, { method, sync, args, origin }) {
  const self = { origin };
  if (sync) return (...callArgs) => fn.apply(self, [...callArgs, ...args]);
  return (options, ...rest) => {
    const callbacks = options && typeof options === 'object' && CALLBACKS.some((k) => typeof options[k] === 'function');
    if (!callbacks) {
      return Promise.resolve(fn.apply(self, [options, ...rest, ...args])).then((value) => {
        if (isOk(method, value)) return value;
        throw value;
      });
    }
    const plain = Object.fromEntries(Object.entries(options).filter(([k]) => !CALLBACKS.includes(k)));
    Promise.resolve(fn.apply(self, [plain, ...rest, ...args])).then((value) => {
      if (isOk(method, value)) options.success?.(value);
      else options.fail?.(value);
      options.complete?.(value);
    });
    return undefined;
  };
}

export function appMethods({ handle, wx, registry, emit }) {
  const build = appServiceRealm(handle);
  const originals = new Map();
  let logging = false;
  const bindings = new Set();

  const current = () => {
    const page = handle.getCurrentPages().at(-1);
    if (!page) throw new Error('no page is open');
    return registry.describePage(page);
  };

  return {
    'App.getPageStack': () => ({ pageStack: handle.getCurrentPages().map((page) => registry.describePage(page)) }),
    'App.getCurrentPage': current,

    async 'App.callWxMethod'({ method, args = [], pluginId }, { sync }) {
      if (pluginId) throw new Error(`Plugin ${pluginId} not exists`);
      if (typeof wx[method] !== 'function') throw new Error(`wx.${method} not exists`);
      // A synchronous API that answers with a Promise (navigateBack) is awaited: the reply
      // comes when it is done, and its failure is the request's, not an unhandled rejection.
      if (sync) return { result: await wx[method](...args) };
      return { result: await callAsync(wx, method, args[0]) };
    },

    'App.mockWxMethod'(params, { sync }) {
      const { method, pluginId } = params;
      if (pluginId) throw new Error(`Plugin ${pluginId} not exists`);
      if (wx[method] === undefined) throw new Error(`wx.${method} not exists`);
      if (/^(?:on|off)/.test(method)) throw new Error(`You can't mock wx.${method}`);
      // Both absent: the client's restoreWxMethod.
      if (!('result' in params) && !('functionDeclaration' in params)) {
        if (originals.has(method)) handle.restoreWxMethod(method);
        originals.delete(method);
        return {};
      }
      if (!originals.has(method)) originals.set(method, wx[method].bind(wx));
      const declaration = 'functionDeclaration' in params
        ? params.functionDeclaration
        : 'function () { return arguments[arguments.length - 1]; }';
      const args = 'functionDeclaration' in params ? params.args ?? [] : [params.result];
      const fn = build(declaration);
      if (typeof fn !== 'function') throw new Error('functionDeclaration is not a function');
      handle.mockWxMethod(method, mockOf(fn, { method, sync, args, origin: originals.get(method) }));
      return {};
    },

    async 'App.callFunction'({ functionDeclaration, args = [] }) {
      const fn = build(functionDeclaration);
      if (typeof fn !== 'function') throw new Error('functionDeclaration is not a function');
      return { result: await fn.apply(undefined, args) };
    },

    'App.enableLog'() {
      if (logging) return {};
      logging = true;
      for (const type of ['log', 'info', 'warn', 'error', 'debug']) {
        const original = console[type];
        console[type] = (...args) => {
          emit('App.logAdded', { type, args });
          return original.apply(console, args);
        };
      }
      return {};
    },

    'App.addBinding'({ name }) {
      if (!bindings.has(name)) {
        bindings.add(name);
        globalThis[name] = (...args) => {
          emit('App.bindingCalled', { name, args });
        };
      }
      return {};
    },

    // There is no host app to leave: the app goes to the background, as when WeChat closes it.
    async 'App.exit'() {
      await handle.background();
      return {};
    },
  };
}
