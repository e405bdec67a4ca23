// wx.login, wx.checkSession and wx.request without the preview: the in-page WeChat stand-in
// (createRuntime without a server, the test playing the backend through rt.code2Session), a
// dev server's stand-in, and requests fetched directly under a domain list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appid, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;

test('open the fixture page', async () => {
  page = await env.open();
});

test('a code from wx.login exchanges once for a stable openid and a session_key', async () => {
  const result = await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const rt = await createRuntime({ appid: id, storage: sessionStorage, wechat: { appSecret: 's3cret', unionid: true } });
    const login = await rt.wx.login();
    const query = { appid: id, secret: 's3cret', js_code: login.code, grant_type: 'authorization_code' };
    const first = rt.code2Session(query);
    const again = rt.code2Session(query);
    const wrongSecret = rt.code2Session({ ...query, js_code: (await rt.wx.login()).code, secret: 'nope' });
    const second = rt.code2Session({ ...query, js_code: (await rt.wx.login()).code });
    const check = await rt.wx.checkSession();
    let callbacks;
    await new Promise((resolve) => rt.wx.login({ success: (r) => { callbacks = r.errMsg; }, complete: resolve }));
    rt.dispose();
    return { login, first, again, wrongSecret, second, check, callbacks };
  }, appid('login'));
  assert.equal(result.login.errMsg, 'login:ok');
  assert.match(result.login.code, /^[A-Za-z0-9]{32}$/);
  assert.match(result.first.openid, /^o.{27}$/);
  assert.match(result.first.session_key, /^[A-Za-z0-9+/=]{24}$/);
  assert.match(result.first.unionid, /^u/);
  assert.equal(result.first.errcode, undefined, 'success carries no errcode');
  assert.equal(result.again.errcode, 40029);
  assert.match(result.again.errmsg, /^invalid code/);
  assert.equal(result.wrongSecret.errcode, 40125);
  assert.equal(result.second.openid, result.first.openid, 'openid is stable per (appid, user)');
  assert.deepEqual(result.check, { errMsg: 'checkSession:ok' });
  assert.equal(result.callbacks, 'login:ok');
});

test('getUserInfo gives the backend a signature and encrypted data it opens with the session_key', async () => {
  const result = await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const rt = await createRuntime({ appid: id, storage: sessionStorage, wechat: { appSecret: 's3cret' } });
    const before = await rt.wx.getUserInfo();
    const { code } = await rt.wx.login();
    const session = rt.code2Session({ appid: id, secret: 's3cret', js_code: code, grant_type: 'authorization_code' });
    const info = await rt.wx.getUserInfo();
    // What a backend does (WeChat's 开放数据校验与解密): sha1(rawData + session_key), and
    // AES-128-CBC with the session_key and the iv.
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const sha1 = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(info.rawData + session.session_key));
    const hex = [...new Uint8Array(sha1)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const key = await crypto.subtle.importKey('raw', bytes(session.session_key), 'AES-CBC', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv: bytes(info.iv) }, key, bytes(info.encryptedData));
    rt.dispose();
    return { id, before, info, hex, openid: session.openid, data: JSON.parse(new TextDecoder().decode(plain)) };
  }, appid('userdata'));
  assert.equal(result.before.signature, '', 'no session yet: nothing to sign with');
  assert.equal(result.before.encryptedData, undefined);
  assert.equal(result.info.signature, result.hex);
  assert.equal(result.data.openId, result.openid);
  assert.equal(result.data.nickName, result.info.userInfo.nickName);
  assert.equal(result.data.watermark.appid, result.id);
  assert.match(String(result.data.watermark.timestamp), /^\d{10}$/);
});

test('checkSession fails before any login, and for another user', async () => {
  const result = await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const alice = await createRuntime({ appid: id, user: 'alice', storage: sessionStorage });
    const before = await alice.wx.checkSession().catch((e) => e.errMsg);
    await alice.wx.login();
    const after = (await alice.wx.checkSession()).errMsg;
    const bob = await createRuntime({ appid: id, user: 'bob', storage: sessionStorage });
    const other = await bob.wx.checkSession().catch((e) => e.errMsg);
    const noSecret = alice.code2Session({ appid: id, secret: 'guess', js_code: (await alice.wx.login()).code, grant_type: 'authorization_code' });
    alice.dispose();
    bob.dispose();
    return { before, after, other, noSecret: noSecret.errcode };
  }, appid('check'));
  assert.deepEqual(result, {
    before: 'checkSession:fail session time out, need relogin',
    after: 'checkSession:ok',
    other: 'checkSession:fail session time out, need relogin',
    noSecret: 40125,
  });
});

test('under wxrt serve, wx.login codes exchange at the same server\'s /sns/jscode2session', async () => {
  const { PROJECTS, launchBrowser, openPreview, startServer } = await import('./harness.mjs');
  const path = await import('node:path');
  const server = await startServer(path.join(PROJECTS, 'shop'), { args: ['--app-secret', 'shop-secret'] });
  let browser;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext();
    const exchange = async (code, secret = 'shop-secret') => {
      const query = new URLSearchParams({ appid: 'wxe2e0shop000001', secret, js_code: code, grant_type: 'authorization_code' });
      return (await fetch(`${server.url}sns/jscode2session?${query}`)).json();
    };
    const alice = await openPreview({ server, context }, '?user=alice');
    const first = await alice.evaluate(async () => (await wx.login()).code);
    const session = await exchange(first);
    assert.match(session.openid, /^o/);
    assert.equal(typeof session.session_key, 'string');
    assert.equal((await exchange(first)).errcode, 40029, 'a code is accepted once');
    assert.equal((await exchange(await alice.evaluate(async () => (await wx.login()).code), 'wrong')).errcode, 40125);
    assert.equal(await alice.evaluate(async () => (await wx.checkSession()).errMsg), 'checkSession:ok');

    const bob = await openPreview({ server, context }, '?user=bob');
    const bobSession = await exchange(await bob.evaluate(async () => (await wx.login()).code));
    assert.notEqual(bobSession.openid, session.openid, 'each simulated user has an openid of their own');
    const again = await exchange(await alice.evaluate(async () => (await wx.login()).code));
    assert.equal(again.openid, session.openid, 'and keeps it');
    const bundle = await (await fetch(`${server.url}__wxrt/project`)).text();
    assert.ok(!bundle.includes('shop-secret'), 'the secret never reaches the page');
  } finally {
    await browser?.close();
    await server.close();
  }
});

test('wx.login({timeout}) fails with login:fail timeout when the stand-in does not answer', async () => {
  const http = await import('node:http');
  const silent = http.createServer(() => {});
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const result = await page.evaluate(async ({ id, server }) => {
      const { createRuntime } = await import('wxrt');
      const rt = await createRuntime({ appid: id, storage: sessionStorage, wechat: { server } });
      const started = performance.now();
      const errMsg = await rt.wx.login({ timeout: 300 }).then(() => 'no error', (e) => e.errMsg);
      const elapsed = performance.now() - started;
      rt.dispose();
      return { errMsg, elapsed };
    }, { id: appid('timeout'), server: `http://127.0.0.1:${silent.address().port}` });
    assert.equal(result.errMsg, 'login:fail timeout');
    assert.ok(result.elapsed >= 290 && result.elapsed < 5000, String(result.elapsed));
  } finally {
    silent.closeAllConnections?.();
    silent.close();
  }
});

test('createRuntime: wx.request fetches directly, and a domain list refuses other servers', async () => {
  const result = await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const call = (wx, options) => new Promise((resolve) => wx.request({ ...options, success: (r) => resolve([r.statusCode, typeof r.data]), fail: (e) => resolve([e.errMsg, e.errno]) }));
    const open = await createRuntime({ appid: id, storage: sessionStorage });
    const same = await call(open.wx, { url: `${location.origin}/index.html`, dataType: 'text' });
    const listed = await createRuntime({ appid: id, storage: sessionStorage, requestDomains: ['https://api.example.com', location.origin] });
    const allowed = await call(listed.wx, { url: `${location.origin}/index.html`, dataType: 'text' });
    const refused = await call(listed.wx, { url: 'https://other.example.com/x' });
    const bad = await createRuntime({ appid: id, storage: sessionStorage, requestDomains: ['not a domain'] }).then(() => 'created', (e) => e.message);
    const canIUse = open.wx.canIUse('request');
    open.dispose();
    listed.dispose();
    return { same, allowed, refused, bad, canIUse };
  }, appid('request'));
  assert.deepEqual(result.same, [200, 'string']);
  assert.deepEqual(result.allowed, [200, 'string']);
  assert.deepEqual(result.refused, ['request:fail url not in domain list', 600002]);
  assert.match(result.bad, /^createRuntime: requestDomains: invalid request domain "not a domain"/);
  assert.equal(result.canIUse, true);
});

test('through the dev server: codes expire after 5 minutes; a login elsewhere rotates the key, and 3 idle days expire it, so checkSession fails', async () => {
  const { PROJECTS, launchBrowser, openPreview, startServer } = await import('./harness.mjs');
  const path = await import('node:path');
  const server = await startServer(path.join(PROJECTS, 'shop'), { args: ['--app-secret', 'shop-secret'] });
  let browser;
  const post = async (route, body) => (await fetch(`${server.url}__wxrt/wechat/${route}`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  })).json();
  const exchange = async (code) => {
    const query = new URLSearchParams({ appid: 'wxe2e0shop000001', secret: 'shop-secret', js_code: code, grant_type: 'authorization_code' });
    return (await fetch(`${server.url}sns/jscode2session?${query}`)).json();
  };
  try {
    browser = await launchBrowser();
    const page = await openPreview({ server, context: await browser.newContext() }, '?user=carol');
    const stale = await page.evaluate(async () => (await wx.login()).code);
    await post('clock', { advanceMs: 5 * 60 * 1000 });
    assert.equal((await exchange(stale)).errcode, 40029, 'a code 5 minutes old is expired');

    assert.equal(await page.evaluate(async () => { await wx.login(); return (await wx.checkSession()).errMsg; }), 'checkSession:ok');
    await post('clock', { advanceMs: 5 * 60 * 1000 });
    // The same user logs in on another device: the session key rotates.
    await post('login', { appid: 'wxe2e0shop000001', user: 'carol' });
    assert.equal(await page.evaluate(() => wx.checkSession().catch((e) => e.errMsg)), 'checkSession:fail session time out, need relogin');
    assert.equal(await page.evaluate(async () => { await wx.login(); return (await wx.checkSession()).errMsg; }), 'checkSession:ok', 'a new login makes it valid again');

    // Idle: each check keeps the key alive; three days without one and it has expired.
    const day = 24 * 60 * 60 * 1000;
    await post('clock', { advanceMs: 2 * day });
    assert.equal(await page.evaluate(async () => (await wx.checkSession()).errMsg), 'checkSession:ok', 'two idle days');
    await post('clock', { advanceMs: 2 * day });
    assert.equal(await page.evaluate(async () => (await wx.checkSession()).errMsg), 'checkSession:ok', 'the last check renewed it');
    await post('clock', { advanceMs: 3 * day + 1000 });
    assert.equal(await page.evaluate(() => wx.checkSession().catch((e) => e.errMsg)), 'checkSession:fail session time out, need relogin', 'idle longer than 3 days');
  } finally {
    await browser?.close();
    await server.close();
  }
});
