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
const stats = { logins: 0, alwaysExpired: false };

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
    const openid = sessions.get(url.searchParams.get('session'));
    if (stats.alwaysExpired || !openid) return reply({ code: 'expired' });
    if (url.pathname === '/api/profile') return reply({ code: 0, data: { openid, n: url.searchParams.get('n') } });
    return reply({ code: 1, msg: 'no such api' });
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${backend.address().port}`;
  browser = await launchBrowser();
  page = await openPreview({ server, context: await browser.newContext() }, '?user=we-request');
  await page.evaluate(async (urlPerfix) => {
    const { default: weRequest } = await import('/__wxrt/www/we-request.js');
    window.weRequest = weRequest;
    weRequest.init({
      urlPerfix,
      loginTrigger: (d) => d.code === 'expired',
      successTrigger: (d) => d.code === 0,
      successData: (d) => d.data,
      codeToSession: { url: '/login', codeName: 'code', success: (d) => d.session },
      reLoginLimit: 2,
      errorHandler: () => {},
    });
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
    weRequest.request({ url: '/api/unknown', catchError: true, fail: (e) => { out.fail = e.type; } })
      .catch(() => weRequest.request({ url: '/api/profile', data: { n: 'cb' }, success: (data) => { out.success = data.n; } }))
      .then(() => resolve(out));
  }));
  assert.deepEqual(result, { fail: 'logic-error', success: 'cb' });
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
    const first = await app.evaluate(() => ({ data: wxrt.currentPage().data, stored: wx.getStorageSync('session'), loading: document.querySelectorAll('.wxrt-loading').length }));
    assert.equal(first.data.error, '');
    assert.match(first.data.openid, /^o/);
    assert.ok(sessions.has(first.stored));
    assert.equal(first.loading, 0, 'the loading indicator was hidden');
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
