// `wx.downloadFile`: a DownloadTask over the same rules as `wx.request` (the domain list, the
// dev server's proxy for other origins, the ten-call queue, the background interruption),
// with app.json's `networkTimeout.downloadFile`. Any HTTP status is a success, as WeChat's;
// the body becomes a temporary file, or the user file `filePath`.

import { Listeners } from '../../listeners.js';
import { headerObject, settleLater, throughProxy } from '../../request.js';

class DownloadTask {
  constructor(abort) {
    this.headersReceived = new Listeners();
    this.progress = new Listeners();
    this.abort = abort;
  }

  onHeadersReceived(listener) { this.headersReceived.add(listener); }

  offHeadersReceived(listener) { this.headersReceived.remove(listener); }

  onProgressUpdate(listener) { this.progress.add(listener); }

  offProgressUpdate(listener) { this.progress.remove(listener); }
}

export function downloadApi(host, rules, local) {
  const { net: { Network, network, calls, proxy }, guard } = host;
  // Worded by core's request rules (abort, timeout, interrupted, offline), for downloadFile.
  const fail = (reason) => Network.failureOf('downloadFile', reason);
  const settle = (options, outcome, result) => settleLater(options, outcome, result, guard);

  return function downloadFile(options) {
    const id = calls.next();
    let state = 'queued';
    let controller;
    let abortReason;
    const finish = (outcome, result) => {
      if (state === 'done') return;
      state = 'done';
      settle(options, outcome, result);
      calls.release(id);
    };
    const task = new DownloadTask(() => {
      if (state === 'done') return;
      abortReason = 'abort';
      if (state === 'queued') finish('fail', fail('abort'));
      else controller.abort();
    });
    let plan;
    let timeout;
    try {
      rules.checkOptions('downloadFile', options);
      network.accepts();
      plan = network.plan({ url: options.url, header: options.header, method: 'GET' });
      // The simulated phone is offline: checked after the options, as for wx.request.
      if (host.offline?.()) throw fail('offline');
      timeout = rules.downloadTimeout(options.timeout, host.program()?.appJson?.networkTimeout?.downloadFile);
    } catch (error) {
      state = 'done';
      // The request rules word their failures for wx.request; this is downloadFile.
      const errMsg = String(error.errMsg ?? error.message);
      settle(options, 'fail', errMsg.startsWith('downloadFile:') ? error : fail(errMsg.replace(/^request:fail /, '')));
      return task;
    }
    const start = async () => {
      if (state !== 'queued') return;
      state = 'running';
      controller = new AbortController();
      const timer = setTimeout(() => {
        abortReason = 'timeout';
        controller.abort();
      }, timeout);
      try {
        const response = await fetch(throughProxy(proxy, plan.url), { headers: plan.headers, signal: controller.signal });
        const proxyError = response.headers.get('x-wxrt-proxy-error');
        if (proxyError) throw new Error(proxyError);
        const header = headerObject(response.headers);
        task.headersReceived.emit({ header, statusCode: response.status }, guard);
        const total = Number(response.headers.get('content-length')) || 0;
        const chunks = [];
        let written = 0;
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          written += value.length;
          task.progress.emit({
            progress: rules.downloadProgress(written, total),
            totalBytesWritten: written,
            totalBytesExpectedToWrite: total,
          }, guard);
        }
        const bytes = new Uint8Array(written);
        let at = 0;
        for (const chunk of chunks) {
          bytes.set(chunk, at);
          at += chunk.length;
        }
        if (state !== 'running') return;
        const result = { statusCode: response.status, header, errMsg: 'downloadFile:ok' };
        if (typeof options.filePath === 'string') {
          local.files.writeFile('downloadFile', options.filePath, bytes.buffer, undefined, false, Date.now());
          await local.persist();
          result.filePath = options.filePath;
        } else {
          const type = response.headers.get('content-type') ?? '';
          result.tempFilePath = local.addTemp(bytes, rules.downloadExtension(plan.url, type), type.split(';')[0]);
        }
        finish('success', result);
      } catch (error) {
        finish('fail', error.errMsg ? error : fail(abortReason ?? error.message));
      } finally {
        clearTimeout(timer);
      }
    };
    calls.track(id, {
      start,
      interrupt: () => {
        abortReason = 'interrupted';
        if (state === 'queued') finish('fail', fail('interrupted'));
        else controller?.abort();
      },
    });
    if (network.submit(id)) start();
    return task;
  };
}
