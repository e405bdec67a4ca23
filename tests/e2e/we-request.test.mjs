// `wxrt/we-request` in the preview: automatic login through the WeChat stand-in and a
// developer's backend (code → jscode2session → a session id of its own), the session sent
// with each request, one login shared by concurrent requests, re-login on a loginTrigger
// answer up to reLoginLimit, and cached answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { PROJECTS, launchBrowser, openPreview, startServer } from './harness.mjs';

const SECRET = 'shop-secret';
let server;
let browser;
let page;
let backend;
let backendUrl;
const sessions = new Map(); // session id → openid
const stats = { logins: 0, alwaysExpired: false, flaky: 0, apiCalls: 0 };

const bodyOf = (req) => new Promise((resolve) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
});

before(async () => {
  server = await startServer(path.join(PROJECTS, 'shop'), { args: ['--app-secret', SECRET] });
  backend = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://backend');
    const reply = (body) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/login') {
      stats.logins += 1;
      const query = new URLSearchParams({ appid: 'wxe2e0shop000001', secret: SECRET, js_code: url.searchParams.get('code'), grant_type: 'authorization_code' });
      const wechat = await (await fetch(`${server.url}sns/jscode2session?${query}`)).json();
      if (!wechat.openid) return reply({ error: wechat.errmsg });
      const session = `s-${Math.random().toString(36).slice(2)}`;
      sessions.set(session, wechat.openid);
      return reply({ session });
    }
    stats.apiCalls += 1;
    if (url.pathname === '/api/broken') {
      res.statusCode = 500;
      return res.end('down');
    }
    const openid = sessions.get(url.searchParams.get('session'));
    if (stats.alwaysExpired || !openid) return reply({ code: 'expired' });
    if (url.pathname === '/api/profile') return reply({ code: 0, data: { openid, n: url.searchParams.get('n') } });
    if (url.pathname === '/api/flaky') {
      stats.flaky += 1;
      return reply(stats.flaky === 1 ? { code: 1, msg: 'try again' } : { code: 0, data: { attempt: stats.flaky } });
    }
    if (url.pathname === '/api/upload') {
      const body = await bodyOf(req);
      const field = (name) => body.match(new RegExp(`name="${name}"\\r\\n\\r\\n([^\\r]*)`))?.[1];
      return reply({ code: 0, data: { openid, album: field('album'), sessionInForm: sessions.get(field('session')) === openid, file: body.includes('PNG-BYTES') } });
    }
    return reply({ code: 1, msg: 'no such api' });
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${backend.address().port}`;
  browser = await launchBrowser();
  page = await openPreview({ server, context: await browser.newContext() }, '?user=we-request');
  await page.evaluate(async (urlPerfix) => {
    const { default: weRequest, createWeRequest } = await import('/__wxrt/www/we-request.js');
    const config = {
      urlPerfix,
      loginTrigger: (d) => d.code === 'expired',
      successTrigger: (d) => d.code === 0,
      successData: (d) => d.data,
      codeToSession: { url: '/login', codeName: 'code', success: (d) => d.session },
      reLoginLimit: 2,
    };
    window.weRequest = weRequest;
    weRequest.init({ ...config, errorHandler: () => {} });
    // A separate instance with other options (sharing the stored session).
    window.makeWeRequest = (options) => {
      const instance = createWeRequest();
      instance.init({ ...config, ...options });
      return instance;
    };
  }, backendUrl);
});

after(async () => {
  await browser?.close();
  await server?.close();
  backend?.closeAllConnections?.();
  backend?.close();
});

test('concurrent first requests share one login; the session is stored and sent', async () => {
  const result = await page.evaluate(() => Promise.all([
    weRequest.request({ url: '/api/profile', data: { n: 1 } }),
    weRequest.request({ url: '/api/profile', data: { n: 2 } }),
    weRequest.request({ url: '/api/profile', data: { n: 3 } }),
  ]).then((answers) => ({ answers, stored: wx.getStorageSync('session'), session: weRequest.getSession() })));
  assert.equal(stats.logins, 1, 'one login for three requests');
  assert.deepEqual(result.answers.map((a) => a.n), ['1', '2', '3']);
  assert.ok(result.answers.every((a) => a.openid === result.answers[0].openid && a.openid.startsWith('o')));
  assert.equal(result.stored, result.session);
  assert.ok(sessions.has(result.session));
});

test('a request whose answer says the session expired logs in again and is retried', async () => {
  sessions.clear();
  const before = stats.logins;
  const answer = await page.evaluate(() => weRequest.request({ url: '/api/profile', data: { n: 'after-expiry' } }));
  assert.equal(answer.n, 'after-expiry');
  assert.equal(stats.logins, before + 1);
});

test('re-login stops at reLoginLimit and the error reaches catchError', async () => {
  stats.alwaysExpired = true;
  const before = stats.logins;
  const error = await page.evaluate(() => weRequest.request({ url: '/api/profile', catchError: true }).then(() => 'resolved', (e) => e.message));
  stats.alwaysExpired = false;
  assert.match(error, /reLoginLimit/);
  assert.equal(stats.logins, before + 2, 'two re-logins, as configured');
});

test('a business failure (successTrigger false) is an error; success callbacks get successData', async () => {
  const result = await page.evaluate(() => new Promise((resolve) => {
    const out = {};
    weRequest.request({ url: '/api/unknown', catchError: true, fail: (res, e) => { out.fail = e.type; out.data = res.data.msg; } })
      .catch(() => weRequest.request({ url: '/api/profile', data: { n: 'cb' }, success: (data) => { out.success = data.n; } }))
      .then(() => resolve(out));
  }));
  assert.deepEqual(result, { fail: 'logic-error', data: 'no such api', success: 'cb' });
});

test('cache: the stored answer comes first with isCache, then the fresh one', async () => {
  const seen = await page.evaluate(async () => {
    await weRequest.request({ url: '/api/profile', data: { n: 'cached' }, cache: true });
    const calls = [];
    await weRequest.request({ url: '/api/profile', data: { n: 'fresh' }, cache: true, success: (data, res) => calls.push([data.n, Boolean(res.isCache)]) });
    return calls;
  });
  assert.deepEqual(seen, [['cached', true], ['fresh', false]]);
});

test('getVersion, getConfig and setSession', async () => {
  const result = await page.evaluate(async () => {
    await weRequest.setSession('manual');
    return { version: weRequest.getVersion(), session: weRequest.getSession(), stored: wx.getStorageSync('session'), prefix: weRequest.getConfig().urlPerfix.startsWith('http') };
  });
  assert.deepEqual(result, { version: '1.3.0-wxrt', session: 'manual', stored: 'manual', prefix: true });
});

test('uploadFile sends the session in formData and the URL, parses the answer, and re-logs in on loginTrigger', async () => {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.evaluate(() => { window.chosen = wx.chooseImage({ count: 1 }); }),
  ]);
  await chooser.setFiles({ name: 'avatar.png', mimeType: 'image/png', buffer: Buffer.from('PNG-BYTES') });
  const upload = () => page.evaluate(async () => {
    const { tempFilePaths } = await window.chosen;
    return weRequest.uploadFile({ url: '/api/upload', filePath: tempFilePaths[0], name: 'avatar', formData: { album: 'profile' } });
  });
  const answer = await upload();
  assert.deepEqual({ ...answer, openid: answer.openid.startsWith('o') }, { openid: true, album: 'profile', sessionInForm: true, file: true });
  sessions.clear();
  const logins = stats.logins;
  assert.equal((await upload()).album, 'profile');
  assert.equal(stats.logins, logins + 1, 'the expired session was replaced and the file sent again');
});

test('mockJson answers by URL without a login or the network; successTrigger still decides', async () => {
  const calls = stats.apiCalls;
  const logins = stats.logins;
  const result = await page.evaluate(async () => {
    const mock = makeWeRequest({ mockJson: { '/api/mocked': { code: 0, data: { list: [1, 2] } }, '/api/mock-error': { code: 7, msg: 'mocked failure' } } });
    const first = await mock.request({ url: '/api/mocked' });
    first.list.push(3); // a copy: the next answer is the mock as written
    const second = await mock.request({ url: '/api/mocked' });
    const failure = await new Promise((resolve) => mock.request({ url: '/api/mock-error', fail: (res, error) => resolve([res.data.msg, error.type]) }));
    return { first, second, failure };
  });
  assert.deepEqual(result, { first: { list: [1, 2, 3] }, second: { list: [1, 2] }, failure: ['mocked failure', 'logic-error'] });
  assert.equal(stats.apiCalls, calls, 'no request reached the backend');
  assert.equal(stats.logins, logins);
});

test('errorRetryBtn: the error modal offers 重试, which sends the call again and settles its Promise', async () => {
  stats.flaky = 0;
  const answer = page.evaluate(() => makeWeRequest({ errorRetryBtn: true, errorContent: (d) => d.msg }).request({ url: '/api/flaky' }));
  await page.waitForSelector('.wxrt-modal');
  assert.equal(await page.textContent('.wxrt-modal-confirm'), '重试');
  assert.match(await page.textContent('.wxrt-modal'), /操作失败[\s\S]*try again/);
  await page.click('.wxrt-modal-confirm');
  assert.deepEqual(await answer, { attempt: 2 });
});

test('without errorContent the modal says weRequest\'s default; catchError rejects with the HTTP status', async () => {
  const caught = page.evaluate(() => makeWeRequest({}).request({ url: '/api/broken', catchError: true }).catch((e) => [e instanceof Error, e.message, e.type]));
  assert.deepEqual(await caught, [true, '500', 'http-error']);
  page.evaluate(() => { makeWeRequest({}).request({ url: '/api/broken' }); });
  await page.waitForSelector('.wxrt-modal');
  assert.match(await page.textContent('.wxrt-modal'), /网络或服务异常，请稍后重试/);
  assert.equal(await page.locator('.wxrt-modal-cancel').count(), 0, 'no retry button unless errorRetryBtn');
  await page.click('.wxrt-modal-confirm');
});

test('complete runs before success unless isFixSuccessCompleteTiming; reportCGI gets timings and the request function', async () => {
  const result = await page.evaluate(async () => {
    const order = async (options) => {
      const seen = [];
      await makeWeRequest(options).request({ url: '/api/profile', success: () => seen.push('success'), complete: () => seen.push('complete') });
      return seen;
    };
    const reports = [];
    const reporting = makeWeRequest({ reportCGI: (name, start, end, request) => reports.push([name, end >= start, request === reporting.request]) });
    await reporting.request({ url: '/api/profile', report: 'profile' });
    return { legacy: await order({}), fixed: await order({ isFixSuccessCompleteTiming: true }), reports };
  });
  assert.deepEqual(result, {
    legacy: ['complete', 'success'],
    fixed: ['success', 'complete'],
    reports: [['wx_checkSession', true, true], ['profile', true, true]],
  });
});

test('cache as a function decides which answers are kept', async () => {
  const seen = await page.evaluate(async () => {
    const keepOdd = (data) => Number(data.n) % 2 === 1;
    await weRequest.request({ url: '/api/profile?cache-fn', data: { n: 2 }, cache: keepOdd });
    const first = [];
    await weRequest.request({ url: '/api/profile?cache-fn', data: { n: 3 }, cache: keepOdd, success: (d, r) => first.push([d.n, Boolean(r.isCache)]) });
    const second = [];
    await weRequest.request({ url: '/api/profile?cache-fn', data: { n: 4 }, cache: keepOdd, success: (d, r) => second.push([d.n, Boolean(r.isCache)]) });
    return { first, second };
  });
  assert.deepEqual(seen, { first: [['3', false]], second: [['3', true], ['4', false]] });
});

test('a weRequest-style library in miniprogram_npm runs unmodified on wxrt\'s wx', async () => {
  const loginServer = await startServer(path.join(PROJECTS, 'login-app'), { args: ['--app-secret', 'login-secret'] });
  const appBackend = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://backend');
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/login') {
      stats.appLogins = (stats.appLogins ?? 0) + 1;
      const query = new URLSearchParams({ appid: 'wxe2e0login00001', secret: 'login-secret', js_code: url.searchParams.get('code'), grant_type: 'authorization_code' });
      const wechat = await (await fetch(`${loginServer.url}sns/jscode2session?${query}`)).json();
      const session = `app-${Math.random().toString(36).slice(2)}`;
      sessions.set(session, wechat.openid);
      res.end(JSON.stringify(wechat.openid ? { session } : { error: wechat.errmsg }));
      return;
    }
    const openid = sessions.get(url.searchParams.get('session'));
    res.end(JSON.stringify(openid ? { code: 0, data: { openid } } : { code: 'expired' }));
  });
  await new Promise((resolve) => appBackend.listen(0, '127.0.0.1', resolve));
  try {
    const backendBase = `http://127.0.0.1:${appBackend.address().port}`;
    const app = await openPreview({ server: loginServer, context: await browser.newContext() }, `?query=${encodeURIComponent(`backend=${backendBase}`)}`);
    await app.waitForFunction(() => wxrt.currentPage().data.openid || wxrt.currentPage().data.error);
    // The loading indicator is hidden once the call has settled.
    await app.waitForSelector('.wxrt-loading', { state: 'detached' });
    const first = await app.evaluate(() => ({ data: wxrt.currentPage().data, stored: wx.getStorageSync('session') }));
    assert.equal(first.data.error, '');
    assert.match(first.data.openid, /^o/);
    assert.ok(sessions.has(first.stored));
    assert.equal(stats.appLogins, 1);
    // The server forgets the session: the library logs in again by itself.
    sessions.delete(first.stored);
    await app.evaluate(() => wxrt.getCurrentPages()[0].reload());
    assert.equal(stats.appLogins, 2);
    assert.equal(await app.evaluate(() => wxrt.currentPage().data.openid), first.data.openid);
  } finally {
    appBackend.closeAllConnections?.();
    appBackend.close();
    await loginServer.close();
  }
});
