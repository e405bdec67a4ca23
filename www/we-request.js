// `wxrt/we-request`: the weRequest library's API (init, request, uploadFile, getSession,
// getConfig, login, setSession, getVersion) on wxrt's `wx`. Every session decision is
// core's (SessionMachine); this adapter performs the steps with `wx` and calls the
// developer's functions (loginTrigger, successTrigger, codeToSession.success, ...).

import { apisWasm } from './apis/wasm.js';

const VERSION = '1.3.0-wxrt';
const DEFAULT_ERROR_TITLE = '操作失败';
const DEFAULT_ERROR_CONTENT = '网络或服务异常，请稍后重试';
const RETRY_TEXT = '重试';

const valueOf = (option, ...args) => (typeof option === 'function' ? option(...args) : option);

/** `errorTitle`/`errorContent` for a response: text, or a function of its data (which may
 * throw, and then says nothing). */
function configuredText(option, res) {
  try {
    return valueOf(option, res?.data) || undefined;
  } catch {
    return undefined;
  }
}

/** A deep copy, so a success handler that edits a mock answer leaves the next one alone. */
const copyOf = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

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
  const prefix = () => valueOf(config.urlPerfix) ?? '';
  // As weRequest: a URL that already names its scheme is used as it is.
  const url = (path) => (String(path).startsWith('http') ? path : `${prefix()}${path}`);
  const sessionName = () => config.sessionName ?? 'session';
  const expiryKey = () => config.sessionExpireKey ?? 'sessionExpireKey';
  const report = (name, started) => {
    if (name && typeof config.reportCGI === 'function') config.reportCGI(name, started, now(), api.request);
  };

  // weRequest calls `complete` before `success`/`fail` unless `isFixSuccessCompleteTiming`
  // (its FAQ: the old order is kept for apps that rely on it).
  function settle(call, deliver) {
    calls.delete(call.id);
    if (call.options.showLoading) wx().hideLoading();
    if (config.isFixSuccessCompleteTiming) {
      deliver();
      call.options.complete?.();
    } else {
      call.options.complete?.();
      deliver();
    }
  }

  function fail(call, error, res) {
    const problem = { type: error.kind, errMsg: error.message, message: error.message, res };
    settle(call, () => {
      if (call.options.catchError) {
        call.options.fail?.(res, problem);
        call.reject(Object.assign(new Error(catchMessage(error, res)), { type: error.kind, errMsg: error.message, data: res?.data }));
        return;
      }
      if (typeof call.options.fail === 'function') call.options.fail(res, problem);
      else if (typeof config.errorHandler === 'function') config.errorHandler(problem, res);
      else showErrorModal(call, res);
      config.errorCallback?.(call.options, res);
      // Like weRequest, an error left to the library does not settle the Promise (a retry
      // from the modal settles it with its own answer).
    });
  }

  // weRequest's catchError messages: the status for an HTTP error, errorContent for a
  // business failure; where weRequest would say nothing, wxrt's reason.
  function catchMessage(error, res) {
    if (error.kind === 'http-error') return String(res?.statusCode ?? error.message);
    if (error.kind === 'logic-error') return configuredText(config.errorContent, res) ?? error.message;
    return error.message;
  }

  function showErrorModal(call, res) {
    const title = configuredText(config.errorTitle, res) ?? DEFAULT_ERROR_TITLE;
    const content = configuredText(config.errorContent, res) ?? DEFAULT_ERROR_CONTENT;
    const retry = config.errorRetryBtn
      ? { showCancel: true, confirmText: RETRY_TEXT, success: (r) => r.confirm && start(call.kind, call.options).then(call.resolve, call.reject) }
      : { showCancel: false };
    wx().showModal({ title, content, ...retry, fail: () => {} });
  }

  function succeed(call) {
    if (!call) return;
    if (call.kind === 'login') {
      calls.delete(call.id);
      call.options.success?.();
      call.resolve(machine.session(now()));
      return;
    }
    const res = call.lastResponse;
    let data = res.data;
    try {
      data = config.successData ? config.successData(res.data) : res.data;
    } catch (error) {
      console.error(`weRequest: successData threw: ${error}`);
    }
    if (call.kind === 'request' && cacheWanted(call.options, data)) wx().setStorageSync(call.options.url, data);
    settle(call, () => {
      if (!(call.servedCached && call.options.noCacheFlash)) call.options.success?.(data, res);
      call.resolve(data);
    });
  }

  const cacheWanted = (options, data) => options.cache === true || (typeof options.cache === 'function' && Boolean(options.cache(data)));

  function perform(effects) {
    for (const effect of effects) {
      switch (effect.type) {
        case 'checkSession': {
          const started = now();
          const answered = (ok) => () => {
            report('wx_checkSession', started);
            perform(machine.checkSessionResult(ok, now()));
          };
          wx().checkSession({ success: answered(true), fail: answered(false) });
          break;
        }
        case 'login': {
          const started = now();
          wx().login({
            success: (r) => {
              report('wx_login', started);
              perform(machine.loginResult(r.code, undefined, now()));
            },
            fail: (e) => {
              report('wx_login', started);
              perform(machine.loginResult(undefined, e.errMsg, now()));
            },
          });
          break;
        }
        case 'codeToSession':
          exchange(effect.code);
          break;
        case 'store':
          wx().setStorageSync(sessionName(), effect.id);
          if (effect.expiresAt !== undefined) wx().setStorageSync(expiryKey(), effect.expiresAt);
          break;
        case 'clear':
          wx().removeStorageSync(sessionName());
          wx().removeStorageSync(expiryKey());
          break;
        case 'send':
          send(effect);
          break;
        case 'succeed':
          succeed(calls.get(effect.id));
          break;
        case 'fail': {
          const call = calls.get(effect.id);
          if (call) fail(call, effect, call.lastResponse ?? call.lastFailure ?? { errMsg: effect.message });
          break;
        }
        default:
          throw new Error(`weRequest: unknown step ${effect.type}`);
      }
    }
  }

  function exchange(code) {
    const c = config.codeToSession;
    const started = now();
    wx().request({
      url: url(c.url),
      method: c.method ?? 'GET',
      data: { ...(valueOf(c.data) ?? {}), [c.codeName ?? 'code']: code },
      success: (res) => {
        report(c.report ?? c.url, started);
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
  }

  /** Call `id` goes out with `session`: `wx.request`, or `wx.uploadFile` for an upload. */
  function send({ id, session, attempt }) {
    const call = calls.get(id);
    if (!call) return;
    if (call.kind === 'login') {
      perform(machine.response(id, 200, false, true, now()));
      return;
    }
    const { options } = call;
    const upload = call.kind === 'upload';
    const method = upload ? 'POST' : (options.method ?? 'GET').toUpperCase();
    const globalData = valueOf(config.globalData) || {};
    let target = url(options.url);
    const query = machine.sessionInQuery(method) ? { ...globalData, [sessionName()]: session } : {};
    for (const [key, value] of Object.entries(query)) {
      target += `${target.includes('?') ? '&' : '?'}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
    }
    const payload = { ...globalData, ...((upload ? options.formData : options.data) ?? {}), [sessionName()]: session };
    let request = {
      url: target,
      header: { ...(options.header ?? {}), ...(valueOf(config.setHeader) ?? {}) },
      ...(upload ? { filePath: options.filePath ?? '', name: options.name ?? '', formData: payload } : { method, dataType: options.dataType ?? 'json', data: payload }),
    };
    if (attempt === 0) {
      options.beforeSend?.(request);
      request = config.beforeSend?.(request, undefined, session) ?? request;
    }
    const started = now();
    const transport = upload ? wx().uploadFile : wx().request;
    transport.call(wx(), {
      ...request,
      success: (res) => {
        if (res.statusCode === 200) report(options.report, started);
        respond(call, upload ? parsedUpload(res, options) : res);
      },
      fail: (e) => {
        call.lastResponse = undefined;
        call.lastFailure = e;
        perform(machine.transportFailed(id, e.errMsg));
      },
    });
  }

  // `wx.uploadFile` answers text; weRequest parses it as JSON unless told otherwise, and
  // text that does not parse is a business failure.
  function parsedUpload(res, options) {
    if ((options.dataType ?? 'json') !== 'json' || typeof res.data !== 'string') return res;
    try {
      return { ...res, data: JSON.parse(res.data) };
    } catch {
      return { ...res, unparsed: true };
    }
  }

  function respond(call, res) {
    call.lastResponse = res;
    const ok = res.statusCode === 200 && !res.unparsed;
    const loginTriggered = ok && Boolean(config.loginTrigger?.(res.data));
    const success = ok && !loginTriggered && (config.successTrigger ? Boolean(config.successTrigger(res.data)) : true);
    perform(machine.response(call.id, res.unparsed ? 200 : res.statusCode, loginTriggered, success, now()));
  }

  // weRequest's mockJson answers a request by its URL (as passed, or with the prefix)
  // without a session or the network; only successTrigger decides it.
  function mocked(call) {
    const mock = config.mockJson;
    if (!mock || typeof mock !== 'object' || call.kind === 'login') return false;
    const key = [call.options.url, `${prefix()}${call.options.url}`].find((k) => Object.hasOwn(mock, k));
    if (key === undefined) return false;
    const res = { data: copyOf(mock[key]), statusCode: 200, header: {}, errMsg: 'request:ok' };
    call.lastResponse = res;
    queueMicrotask(() => {
      if (!config.successTrigger || config.successTrigger(res.data)) succeed(call);
      else fail(call, { kind: 'logic-error', message: 'the response is not a business success (successTrigger)' }, res);
    });
    return true;
  }

  function serveCached(call) {
    const { options } = call;
    if (!options.cache) return;
    const cached = wx().getStorageSync(options.url);
    if (cached === '' || (typeof options.cache === 'function' && !options.cache(cached))) return;
    call.servedCached = true;
    options.success?.(cached, { isCache: true });
  }

  function start(kind, options) {
    requireInit();
    const id = nextId;
    nextId += 1;
    return new Promise((resolve, reject) => {
      const call = { id, kind, options, resolve, reject, servedCached: false };
      calls.set(id, call);
      if (kind !== 'login' && options.showLoading) {
        wx().showLoading({ title: typeof options.showLoading === 'string' ? options.showLoading : '加载中', mask: true });
      }
      if (mocked(call)) return;
      if (kind === 'request') serveCached(call);
      machineReady
        .then(() => perform(kind === 'login' ? machine.login(id, now()) : machine.request(id, now())))
        .catch(reject);
    });
  }

  const api = {
    init(initConfig) {
      config = { ...initConfig };
      if (!config.codeToSession?.url || typeof config.codeToSession.success !== 'function') {
        throw new Error('weRequest.init: codeToSession needs url and success(res)');
      }
      const stored = wx().getStorageSync(sessionName());
      const expiry = wx().getStorageSync(expiryKey());
      const previous = machine;
      // The machine comes with the families' wasm (loaded once, on first use): calls wait for it.
      machineReady = apisWasm().then(({ SessionMachine }) => {
        previous?.free();
        machine = new SessionMachine(config, stored === '' ? undefined : String(stored), expiry === '' ? undefined : String(expiry));
      });
    },
    request: (options) => start('request', options ?? {}),
    uploadFile: (options) => start('upload', options ?? {}),
    login: (callback) => start('login', { success: callback }),
    getSession: () => (machine ? machine.session(now()) ?? '' : ''),
    setSession(session) {
      requireInit();
      return machineReady.then(() => perform(machine.setSession(String(session ?? ''), now())));
    },
    getConfig: () => ({
      urlPerfix: config?.urlPerfix,
      sessionExpireTime: config?.sessionExpireTime,
      sessionExpireKey: config ? expiryKey() : 'sessionExpireKey',
      sessionExpire: Number(wx().getStorageSync(config ? expiryKey() : 'sessionExpireKey')) || Infinity,
    }),
    getVersion: () => VERSION,
  };
  return api;
}

/** The default instance, over the page's `wx`. */
const weRequest = createWeRequest();
export default weRequest;
