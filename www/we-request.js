// `wxrt/we-request`: the weRequest library's API (init, request, getSession, getConfig,
// login, setSession, getVersion) on wxrt's `wx`. Every session decision is core's
// (SessionMachine); this adapter performs the steps with `wx` and calls the developer's
// functions (loginTrigger, successTrigger, codeToSession.success, ...).

import { SessionMachine } from '../pkg/wxrt_wasm.js';
import { init as initWasm } from './index.js';

const VERSION = '1.3.0-wxrt';

const valueOf = (option, ...args) => (typeof option === 'function' ? option(...args) : option);

/** A weRequest instance over the `wx` that `getWx()` returns (the page's `wx` by default). */
export function createWeRequest(getWx = () => globalThis.wx) {
  let config;
  let machine;
  let machineReady;
  let nextId = 1;
  const calls = new Map();

  const wx = () => {
    const found = getWx();
    if (!found) throw new Error('weRequest: no wx here; call it from a mini-program or pass a wx');
    return found;
  };
  const now = () => Date.now();
  const requireInit = () => {
    if (!machineReady) throw new Error('weRequest: call weRequest.init(config) first');
  };
  const url = (path) => `${valueOf(config.urlPerfix) ?? ''}${path}`;

  function deliverError(call, message, kind, res) {
    const error = { type: kind, errMsg: message, message };
    if (call.options.catchError) {
      call.options.fail?.(error, res);
      call.reject(error);
    } else {
      if (typeof config.errorHandler === 'function') config.errorHandler(error, res);
      else {
        wx().showModal({
          title: valueOf(config.errorTitle, res) ?? '操作失败',
          content: valueOf(config.errorContent, res) ?? message,
          showCancel: false,
          fail: () => {},
        });
      }
      config.errorCallback?.(error, res);
      call.resolve(undefined);
    }
    call.options.complete?.();
  }

  function perform(effects) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'checkSession':
          wx().checkSession({
            success: () => perform(machine.checkSessionResult(true, now())),
            fail: () => perform(machine.checkSessionResult(false, now())),
          });
          break;
        case 'login':
          wx().login({
            success: (r) => perform(machine.loginResult(r.code, undefined, now())),
            fail: (e) => perform(machine.loginResult(undefined, e.errMsg, now())),
          });
          break;
        case 'codeToSession': {
          const c = config.codeToSession;
          wx().request({
            url: url(c.url),
            method: c.method ?? 'GET',
            data: { ...(valueOf(c.data) ?? {}), [c.codeName ?? 'code']: effect.code },
            success: (res) => {
              let session;
              try {
                session = c.success(res.data);
              } catch (error) {
                perform(machine.codeToSessionResult(undefined, `codeToSession.success threw: ${error.message}`, now()));
                return;
              }
              perform(machine.codeToSessionResult(session ? String(session) : undefined, `no session in the code-to-session answer (HTTP ${res.statusCode})`, now()));
            },
            fail: (e) => perform(machine.codeToSessionResult(undefined, e.errMsg, now())),
          });
          break;
        }
        case 'store':
          wx().setStorageSync(config.sessionName ?? 'session', effect.id);
          if (effect.expiresAt !== undefined) wx().setStorageSync(config.sessionExpireKey ?? 'sessionExpireKey', effect.expiresAt);
          break;
        case 'clear':
          wx().removeStorageSync(config.sessionName ?? 'session');
          wx().removeStorageSync(config.sessionExpireKey ?? 'sessionExpireKey');
          break;
        case 'send':
          send(effect);
          break;
        case 'succeed':
          succeed(calls.get(effect.id));
          break;
        case 'fail': {
          const call = calls.get(effect.id);
          calls.delete(effect.id);
          if (call) deliverError(call, effect.message, effect.kind, call.lastResponse);
          break;
        }
        default:
          throw new Error(`weRequest: unknown step ${effect.type}`);
      }
    }
  }

  function send({ id, session }) {
    const call = calls.get(id);
    if (!call) return;
    if (call.kind === 'login') {
      perform(machine.response(id, 200, false, true, now()));
      return;
    }
    const options = call.options;
    const method = (options.method ?? 'GET').toUpperCase();
    const sessionName = config.sessionName ?? 'session';
    let target = url(options.url);
    if (machine.sessionInQuery(method)) target += `${target.includes('?') ? '&' : '?'}${encodeURIComponent(sessionName)}=${encodeURIComponent(session)}`;
    let request = {
      url: target,
      method,
      dataType: options.dataType,
      header: { ...(valueOf(config.setHeader) ?? {}), ...(options.header ?? {}) },
      data: { ...(valueOf(config.globalData) ?? {}), ...(options.data ?? {}), [sessionName]: session },
    };
    request = config.beforeSend?.(request) ?? request;
    request = options.beforeSend?.(request) ?? request;
    if (options.showLoading) wx().showLoading({ title: typeof options.showLoading === 'string' ? options.showLoading : '加载中' });
    const started = now();
    wx().request({
      ...request,
      success: (res) => {
        if (options.showLoading) wx().hideLoading();
        if (options.report && typeof config.reportCGI === 'function') config.reportCGI(options.report, started, now(), request);
        call.lastResponse = res;
        const loginTriggered = res.statusCode === 200 && Boolean(config.loginTrigger?.(res.data));
        const success = res.statusCode === 200 && !loginTriggered && (config.successTrigger ? Boolean(config.successTrigger(res.data)) : true);
        perform(machine.response(id, res.statusCode, loginTriggered, success, now()));
      },
      fail: (e) => {
        if (options.showLoading) wx().hideLoading();
        perform(machine.transportFailed(id, e.errMsg));
      },
    });
  }

  function succeed(call) {
    if (!call) return;
    calls.delete(call.id);
    if (call.kind === 'login') {
      call.options.success?.();
      call.resolve(machine.session(now()));
      return;
    }
    const res = call.lastResponse;
    const data = config.successData ? config.successData(res.data) : res.data;
    if (call.options.cache) wx().setStorageSync(`weRequest-cache:${call.options.url}`, data);
    if (!(call.options.cache && call.servedCached && call.options.noCacheFlash)) {
      call.options.success?.(data, res);
    }
    call.options.complete?.();
    call.resolve(data);
  }

  function start(kind, options) {
    requireInit();
    const id = nextId;
    nextId += 1;
    return new Promise((resolve, reject) => {
      const call = { id, kind, options, resolve, reject, servedCached: false };
      calls.set(id, call);
      if (kind === 'request' && options.cache) {
        const cached = wx().getStorageSync(`weRequest-cache:${options.url}`);
        if (cached !== '') {
          call.servedCached = true;
          options.success?.(cached, { isCache: true });
        }
      }
      machineReady
        .then(() => perform(kind === 'login' ? machine.login(id, now()) : machine.request(id, now())))
        .catch(reject);
    });
  }

  return {
    init(initConfig) {
      config = { ...initConfig };
      if (!config.codeToSession?.url || typeof config.codeToSession.success !== 'function') {
        throw new Error('weRequest.init: codeToSession needs url and success(res)');
      }
      const sessionName = config.sessionName ?? 'session';
      const expiryKey = config.sessionExpireKey ?? 'sessionExpireKey';
      const stored = wx().getStorageSync(sessionName);
      const expiry = wx().getStorageSync(expiryKey);
      const previous = machine;
      // The wasm may not be loaded yet in this module's copy of the glue: calls wait for it.
      machineReady = initWasm().then(() => {
        previous?.free();
        machine = new SessionMachine(config, stored === '' ? undefined : String(stored), expiry === '' ? undefined : String(expiry));
      });
    },
    request: (options) => start('request', options ?? {}),
    login: (callback) => start('login', { success: callback }),
    getSession: () => (machine ? machine.session(now()) ?? '' : ''),
    setSession(session) {
      requireInit();
      return machineReady.then(() => perform(machine.setSession(String(session ?? ''), now())));
    },
    getConfig: () => ({
      urlPerfix: config?.urlPerfix,
      sessionExpireTime: config?.sessionExpireTime,
      sessionExpireKey: config?.sessionExpireKey ?? 'sessionExpireKey',
      sessionExpire: Number(wx().getStorageSync(config?.sessionExpireKey ?? 'sessionExpireKey')) || Infinity,
    }),
    getVersion: () => VERSION,
  };
}

/** The default instance, over the page's `wx`. */
const weRequest = createWeRequest();
export default weRequest;
