// `wx.request`: core decides (validation, encoding, domain list, queue, background rule)
// through the wasm `Network`; this file converts JS values and runs `fetch`. Calls made
// to another origin go through the dev server's proxy when there is one, so a backend
// without CORS headers still answers the preview.

import { Listeners } from './listeners.js';

const BOM = '\ufeff';

// An object's fields as text pairs, as WeChat serialises query strings: primitives with
// String(), objects and arrays as JSON.
function textPairs(data) {
  return Object.entries(data).map(([key, value]) => [
    key,
    value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value),
  ]);
}

// The URL and body to send, as core's plan says (`Network` has the encoders).
function encode(Network, plan, data) {
  const text = () => (plan.dataKind === 'object' ? Network.encodePairs(textPairs(data)) : String(data));
  switch (plan.encoding) {
    case 'query':
      return { url: Network.appendQuery(plan.url, text()), body: undefined };
    case 'form':
      return { url: plan.url, body: text() };
    case 'json':
      return { url: plan.url, body: plan.dataKind === 'object' ? JSON.stringify(data) : String(data) };
    case 'raw':
      return { url: plan.url, body: plan.dataKind === 'binary' ? data : String(data) };
    default:
      return { url: plan.url, body: undefined };
  }
}

export function headerObject(headers) {
  const out = {};
  for (const [name, value] of headers.entries()) {
    if (!name.startsWith('x-wxrt-')) out[name] = value;
  }
  return out;
}

function cookiesOf(headers) {
  try {
    return JSON.parse(headers.get('x-wxrt-set-cookie') ?? '[]');
  } catch {
    return [];
  }
}

// Where to send a call for `url`: through the dev server's proxy when there is one and
// `url` is another origin's, so backends without CORS headers answer.
export function throughProxy(proxy, url) {
  const crossOrigin = new URL(url).origin !== globalThis.location?.origin;
  return proxy && crossOrigin ? `${proxy}?url=${encodeURIComponent(url)}` : url;
}

// A task-returning API's result: delivered after the call returned, success or fail
// first, then complete, each through `guard`.
export function settleLater(options, outcome, result, guard) {
  setTimeout(() => {
    const callback = outcome === 'success' ? options?.success : options?.fail;
    if (typeof callback === 'function') guard(() => callback(result));
    if (typeof options?.complete === 'function') guard(() => options.complete(result));
  });
}

/** The `RequestTask` a `wx.request` call returns. */
class RequestTask {
  constructor(abort) {
    this.headersReceived = new Listeners();
    this.abort = abort;
  }

  onHeadersReceived(listener) {
    this.headersReceived.add(listener);
  }

  offHeadersReceived(listener) {
    this.headersReceived.remove(listener);
  }
}

/**
 * The calls `network`'s queue knows, requests and uploads alike: ids, and what to do when
 * the queue lets one start or the background rule interrupts it.
 */
export function networkCalls(network) {
  let nextId = 1;
  const running = new Map();
  const calls = {
    next() {
      const id = nextId;
      nextId += 1;
      return id;
    },
    track(id, entry) {
      running.set(id, entry);
    },
    /** Call `id` ended: the queue may start others. */
    release(id) {
      running.delete(id);
      for (const next of network.finish(id)) running.get(next)?.start();
    },
    /** Fails the calls core names (the app stayed in the background too long). */
    interrupt(ids) {
      for (const id of ids) running.get(id)?.interrupt();
    },
  };
  return calls;
}

/**
 * `wx.request` over `network` (an instance of the wasm class `Network`) and its `calls`.
 * `proxy` is the dev server's forwarding route, or undefined; `guard` runs a callback and
 * hands what it throws to onError.
 */
export function requestApi({ Network, network, calls, proxy, guard, offline = () => false }) {
  const failure = (reason) => Network.failure(reason);

  const settle = (options, outcome, result) => settleLater(options, outcome, result, guard);

  return function request(options) {
    const id = calls.next();
    let state = 'queued';
    let controller;
    let abortReason;
    const finish = () => calls.release(id);
    const fail = (reason) => {
      if (state === 'done') return;
      state = 'done';
      settle(options, 'fail', failure(reason));
    };
    const task = new RequestTask(() => {
      if (state === 'done') return;
      if (state === 'queued') {
        fail('abort');
        finish();
        return;
      }
      abortReason = 'abort';
      controller.abort();
    });

    let plan;
    let target;
    try {
      network.accepts();
      plan = network.plan(options);
      target = encode(Network, plan, options?.data);
      // The simulated phone is offline: checked after the options, as WeChat does.
      if (offline()) throw failure('offline');
    } catch (error) {
      state = 'done';
      settle(options, 'fail', error);
      return task;
    }

    const start = async () => {
      if (state !== 'queued') return;
      state = 'running';
      controller = new AbortController();
      const timer = setTimeout(() => {
        abortReason = 'timeout';
        controller.abort();
      }, plan.timeout);
      const url = throughProxy(proxy, target.url);
      try {
        const response = await fetch(url, {
          method: plan.method,
          headers: plan.headers,
          body: target.body,
          signal: controller.signal,
        });
        const proxyError = response.headers.get('x-wxrt-proxy-error');
        if (proxyError) throw new Error(proxyError);
        const header = headerObject(response.headers);
        const cookies = cookiesOf(response.headers);
        task.headersReceived.emit({ header, statusCode: response.status, cookies }, guard);
        let data;
        if (plan.responseType === 'arraybuffer') {
          data = await response.arrayBuffer();
        } else {
          const text = await response.text();
          data = text.startsWith(BOM) ? text.slice(1) : text;
          if (plan.parseJson) {
            try {
              data = JSON.parse(data);
            } catch {
              // WeChat hands over the text when it is not JSON.
            }
          }
        }
        if (state !== 'running') return;
        state = 'done';
        settle(options, 'success', { data, statusCode: response.status, header, cookies, errMsg: 'request:ok' });
      } catch (error) {
        fail(abortReason ?? error.message);
      } finally {
        clearTimeout(timer);
        finish();
      }
    };

    calls.track(id, {
      start,
      interrupt: () => {
        abortReason = 'interrupted';
        if (state === 'queued') {
          fail('interrupted');
          calls.release(id);
        } else controller?.abort();
      },
    });
    if (network.submit(id)) start();
    return task;
  };
}

/** The `UploadTask` a `wx.uploadFile` call returns. */
class UploadTask extends RequestTask {
  constructor(abort) {
    super(abort);
    this.progress = new Listeners();
  }

  onProgressUpdate(listener) {
    this.progress.add(listener);
  }

  offProgressUpdate(listener) {
    this.progress.remove(listener);
  }
}

/**
 * `wx.uploadFile` over the same `network` (WeChat counts uploads in the ten concurrent
 * calls). XMLHttpRequest rather than fetch: only it reports upload progress.
 */
export function uploadApi({ Network, network, calls, proxy, guard, temp, offline = () => false }) {
  const failure = (reason) => Network.failureOf('uploadFile', reason);
  const settle = (options, outcome, result) => settleLater(options, outcome, result, guard);

  return function uploadFile(options) {
    const id = calls.next();
    let state = 'queued';
    let xhr;
    let abortReason;
    const task = new UploadTask(() => {
      if (state === 'done') return;
      abortReason = 'abort';
      if (state === 'queued') finish('fail', failure('abort'));
      else xhr.abort();
    });
    const finish = (outcome, result) => {
      if (state === 'done') return;
      state = 'done';
      settle(options, outcome, result);
      calls.release(id);
    };
    let plan;
    let file;
    try {
      network.accepts();
      plan = network.planUpload(options);
      file = temp.get(plan.filePath);
      if (!file) throw failure(`file not found: ${plan.filePath}`);
      if (offline()) throw failure('offline');
    } catch (error) {
      state = 'done';
      settle(options, 'fail', error);
      return task;
    }
    const start = () => {
      if (state !== 'queued') return;
      state = 'running';
      const form = new FormData();
      for (const [key, value] of Object.entries(options.formData ?? {})) form.append(key, String(value));
      form.append(plan.name, file, plan.filePath.replace(/^wxfile:\/\//, ''));
      xhr = new XMLHttpRequest();
      xhr.open('POST', throughProxy(proxy, plan.url));
      for (const [name, value] of plan.headers) xhr.setRequestHeader(name, value);
      xhr.timeout = plan.timeout;
      xhr.upload.onprogress = (event) => task.progress.emit({
        progress: event.total ? Math.round((event.loaded / event.total) * 100) : 0,
        totalBytesSent: event.loaded,
        totalBytesExpectedToSend: event.total,
      }, guard);
      xhr.onreadystatechange = () => {
        if (xhr.readyState === XMLHttpRequest.HEADERS_RECEIVED) {
          task.headersReceived.emit({ header: headerObject(new Headers(parseHeaders(xhr))), statusCode: xhr.status, cookies: [] }, guard);
        }
      };
      xhr.onload = () => {
        const proxyError = xhr.getResponseHeader('x-wxrt-proxy-error');
        if (proxyError) finish('fail', failure(proxyError));
        else finish('success', { data: xhr.responseText, statusCode: xhr.status, errMsg: 'uploadFile:ok' });
      };
      xhr.ontimeout = () => finish('fail', failure('timeout'));
      xhr.onabort = () => finish('fail', failure(abortReason ?? 'abort'));
      xhr.onerror = () => finish('fail', failure('network error'));
      xhr.send(form);
    };
    calls.track(id, {
      start,
      interrupt: () => {
        abortReason = 'interrupted';
        if (state === 'queued') finish('fail', failure('interrupted'));
        else xhr.abort();
      },
    });
    if (network.submit(id)) start();
    return task;
  };
}

function parseHeaders(xhr) {
  return xhr.getAllResponseHeaders().trim().split(/[\r\n]+/).filter(Boolean).map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
  });
}
