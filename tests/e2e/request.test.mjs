// wx.request from the preview: through the dev server's proxy to a backend that sends no
// CORS headers, with WeChat's serialisation, results, errors, task and queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { PROJECTS, WAIT_MS, launchBrowser, openPreview, startServer } from './harness.mjs';

let backend;
let backendUrl;
let server;
let browser;
let page;
const held = [];

before(async () => {
  // The developer's backend: echoes what it got; no CORS headers at all.
  backend = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const url = new URL(req.url, 'http://backend');
      if (url.pathname === '/hold') {
        held.push(() => { res.end('released'); });
        return;
      }
      if (url.pathname === '/upload') {
        res.setHeader('content-type', 'text/plain');
        res.end(`${req.headers['content-type'].split(';')[0]}|${body}`);
        return;
      }
      if (url.pathname === '/text') {
        res.setHeader('content-type', 'text/plain');
        res.end('\ufeffnot json {');
        return;
      }
      res.statusCode = url.pathname === '/missing' ? 404 : 200;
      res.setHeader('content-type', 'application/json');
      res.setHeader('set-cookie', ['sid=abc; Path=/; HttpOnly', 'theme=dark']);
      res.setHeader('x-backend', 'yes');
      res.end(JSON.stringify({
        method: req.method,
        path: url.pathname,
        query: url.search,
        contentType: req.headers['content-type'] ?? null,
        custom: req.headers['x-custom'] ?? null,
        wxCode: req.headers['x-wx-code'] ?? null,
        referer: req.headers.referer ?? null,
        body,
      }));
    });
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${backend.address().port}`;
  server = await startServer(path.join(PROJECTS, 'shop'));
  browser = await launchBrowser();
  page = await openPreview({ server, context: await browser.newContext() });
});

after(async () => {
  await browser?.close();
  await server?.close();
  for (const release of held.splice(0)) release();
  backend?.closeAllConnections?.();
  backend?.close();
});

const call = (options) => page.evaluate((o) => new Promise((resolve) => {
  wx.request({ ...o, success: (r) => resolve({ ok: true, ...r }), fail: (e) => resolve({ ok: false, errMsg: e.errMsg, errno: e.errno }) });
}), options);

test('GET data becomes the query string; the JSON answer is parsed; header and cookies come back', async () => {
  const r = await call({ url: `${backendUrl}/items?page=1`, data: { q: 'tea & cups', n: 2, tags: ['a', 'b'] }, header: { 'X-Custom': 'v1' } });
  assert.equal(r.ok, true);
  assert.equal(r.errMsg, 'request:ok');
  assert.equal(r.statusCode, 200);
  assert.equal(r.data.method, 'GET');
  assert.equal(r.data.query, '?page=1&q=tea%20%26%20cups&n=2&tags=%5B%22a%22%2C%22b%22%5D');
  assert.equal(r.data.custom, 'v1');
  assert.equal(r.data.referer, 'https://servicewechat.com/wxe2e0shop000001/devtools/page-frame.html');
  assert.equal(r.header['x-backend'], 'yes');
  assert.deepEqual(r.cookies, ['sid=abc; Path=/; HttpOnly', 'theme=dark']);
});

test('header values go through String(); an undefined one is not sent, as WeChat passes options as JSON', async () => {
  const r = await call({ url: `${backendUrl}/items`, header: { 'X-Custom': 7, 'X-WX-Code': undefined } });
  assert.equal(r.ok, true, r.errMsg);
  assert.equal(r.data.custom, '7');
  assert.equal(r.data.wxCode, null);
});

test('POST sends JSON by default and form encoding when the content type says so', async () => {
  const json = await call({ url: `${backendUrl}/save`, method: 'POST', data: { a: 1, b: [true] } });
  assert.equal(json.data.contentType, 'application/json');
  assert.equal(json.data.body, '{"a":1,"b":[true]}');
  const form = await call({ url: `${backendUrl}/save`, method: 'POST', header: { 'content-type': 'application/x-www-form-urlencoded' }, data: { a: 'x y', b: 2 } });
  assert.equal(form.data.body, 'a=x%20y&b=2');
  const text = await call({ url: `${backendUrl}/save`, method: 'PUT', data: 'raw body' });
  assert.deepEqual([text.data.method, text.data.body], ['PUT', 'raw body']);
});

test('any HTTP status is a success; text that is not JSON stays text, without its BOM', async () => {
  const missing = await call({ url: `${backendUrl}/missing` });
  assert.deepEqual([missing.ok, missing.statusCode, missing.data.path], [true, 404, '/missing']);
  const text = await call({ url: `${backendUrl}/text` });
  assert.equal(text.data, 'not json {');
  const raw = await call({ url: `${backendUrl}/items`, dataType: 'text' });
  assert.equal(typeof raw.data, 'string');
});

test('bad options and unreachable servers fail with WeChat errMsg', async () => {
  assert.equal((await call({ url: 42 })).errMsg, 'request:fail parameter error: parameter.url should be String instead of Number;');
  assert.equal((await call({ url: '/relative' })).errMsg, 'request:fail invalid url "/relative"');
  assert.match((await call({ url: backendUrl, method: 'FETCH' })).errMsg, /^request:fail parameter error: parameter.method should be one of/);
  const refused = await call({ url: 'http://127.0.0.1:9/nothing' });
  assert.equal(refused.errMsg, 'request:fail connection refused');
});

test('timeout, abort, and RequestTask.onHeadersReceived', async () => {
  const timedOut = await call({ url: `${backendUrl}/hold`, timeout: 200 });
  assert.equal(timedOut.errMsg, 'request:fail timeout');
  const result = await page.evaluate((url) => new Promise((resolve) => {
    const task = wx.request({ url: `${url}/hold`, fail: (e) => resolve(e.errMsg) });
    setTimeout(() => task.abort(), 50);
  }), backendUrl);
  assert.equal(result, 'request:fail abort');
  const headers = await page.evaluate((url) => new Promise((resolve) => {
    const seen = [];
    const task = wx.request({ url: `${url}/items`, complete: () => resolve(seen) });
    task.onHeadersReceived((h) => seen.push(h.statusCode));
  }), backendUrl);
  assert.deepEqual(headers, [200]);
  // A task comes back whether or not callbacks are given: request is never a Promise.
  assert.deepEqual(await page.evaluate(() => [
    typeof wx.request({ url: 'http://127.0.0.1:9/' }).abort,
    typeof wx.request({ url: 'http://127.0.0.1:9/', fail() {} }).abort,
    wx.request({ url: 'http://127.0.0.1:9/' }) instanceof Promise,
  ]), ['function', 'function', false]);
});

test('at most ten requests run at once; the rest wait their turn', async () => {
  // Counted at fetch: the browser itself keeps at most six HTTP/1.1 connections per
  // server, so a backend behind the dev server never sees more than six at a time.
  const result = await page.evaluate(async ({ url, limitMs }) => {
    const realFetch = window.fetch;
    const pending = [];
    window.fetch = () => new Promise((resolve) => pending.push(() => resolve(new Response('{"ok":1}', { headers: { 'content-type': 'application/json' } }))));
    // Reading a response and calling back take tasks of their own: wait for what is
    // expected (or the time limit, after which the counts below show what happened).
    const until = async (condition) => {
      const end = performance.now() + limitMs;
      while (!condition() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    try {
      const done = [];
      for (let i = 0; i < 12; i += 1) wx.request({ url: `${url}/items?i=${i}`, success: () => done.push(i) });
      // Requests of the test before may still hold places in the queue for a moment.
      await until(() => pending.length >= 10);
      const atOnce = pending.length;
      pending[0]();
      pending[1]();
      await until(() => pending.length >= 12);
      const afterTwo = pending.length;
      for (const release of pending.slice(2)) release();
      await until(() => done.length >= 12);
      return { atOnce, afterTwo, done: done.sort((a, b) => a - b) };
    } finally {
      window.fetch = realFetch;
    }
  }, { url: backendUrl, limitMs: WAIT_MS });
  assert.deepEqual(result, { atOnce: 10, afterTwo: 12, done: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] });
});

test('five seconds in the background interrupts requests; new ones are refused until foreground', async () => {
  const result = await page.evaluate(async (url) => {
    const outcome = [];
    wx.request({ url: `${url}/hold`, fail: (e) => outcome.push(['flying', e.errMsg]) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await wxrt.background();
    wx.request({ url: `${url}/items`, fail: (e) => outcome.push(['while hidden', e.errMsg]) });
    await wxrt.advanceClock(4000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    outcome.push(['after 4 s', 'still running']);
    await wxrt.advanceClock(1000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await wxrt.foreground();
    const after = await new Promise((resolve) => wx.request({ url: `${url}/items`, complete: (r) => resolve(r.errMsg) }));
    outcome.push(['after', after]);
    return outcome;
  }, backendUrl);
  for (const release of held.splice(0)) release();
  assert.deepEqual(result, [
    ['while hidden', 'request:fail interrupted'],
    ['after 4 s', 'still running'],
    ['flying', 'request:fail interrupted'],
    ['after', 'request:ok'],
  ]);
});

test('chooseImage picks a file through the browser dialog; uploadFile sends it as multipart with formData', async () => {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.evaluate(() => { window.chosen = wx.chooseImage({ count: 1 }); }),
  ]);
  assert.equal(chooser.isMultiple(), false);
  await chooser.setFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: Buffer.from('PNG-BYTES') });
  const chosen = await page.evaluate(() => window.chosen);
  assert.match(chosen.tempFilePaths[0], /^wxfile:\/\/tmp_\d+\.png$/);
  assert.deepEqual(chosen.tempFiles, [{ path: chosen.tempFilePaths[0], size: 9 }]);
  const uploaded = await page.evaluate(({ url, path }) => new Promise((resolve) => {
    const progress = [];
    const task = wx.uploadFile({
      url: `${url}/upload`, filePath: path, name: 'avatar', formData: { album: 'profile' },
      success: (r) => resolve({ ...r, progress: progress.length > 0 }),
      fail: (e) => resolve(e),
    });
    task.onProgressUpdate((p) => progress.push(p.progress));
  }), { url: backendUrl, path: chosen.tempFilePaths[0] });
  assert.equal(uploaded.errMsg, 'uploadFile:ok');
  assert.equal(uploaded.statusCode, 200);
  const [contentType, body] = uploaded.data.split('|');
  assert.equal(contentType, 'multipart/form-data');
  assert.match(body, /name="album"\r\n\r\nprofile/);
  assert.match(body, /name="avatar"; filename="tmp_\d+\.png"\r\nContent-Type: image\/png\r\n\r\nPNG-BYTES/);
  const errors = await page.evaluate((url) => Promise.all([
    new Promise((resolve) => wx.uploadFile({ url, name: 'f', fail: (e) => resolve(e.errMsg) })),
    new Promise((resolve) => wx.uploadFile({ url, filePath: 'wxfile://tmp_404.png', name: 'f', fail: (e) => resolve(e.errMsg) })),
  ]), `${backendUrl}/upload`);
  assert.deepEqual(errors, [
    'uploadFile:fail parameter error: parameter.filePath should be String instead of Undefined;',
    'uploadFile:fail file not found: wxfile://tmp_404.png',
  ]);
});
