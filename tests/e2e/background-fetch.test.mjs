// Background fetch through `wxrt serve`, which plays WeChat's server: the prefetch at cold
// start (started when the page is requested, every parameter URL-encoded, a token or else
// a login code that exchanges at the stand-in), the 256 KB rule, the previous data while a
// fetch is pending, the listener rule, grey routing, periodic updates on the fake clock,
// and the cache across reloads. A real developer server answers on loopback.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, developerServer, eventually, launchBrowser, openPreview, startServer, textOf, until } from './harness.mjs';

const PROJECT = path.join(FIXTURES, 'projects/prefetch-app');
const APPID = 'wxe2e0prefetch01';
const SECRET = 'prefetch-secret';

let developer;
let base;
let stateDir;
let server;
let browser;

before(async () => {
  developer = developerServer();
  base = await developer.listen();
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-fetch-'));
  server = await startServer(PROJECT, {
    args: ['--app-secret', SECRET, '--state-dir', stateDir, '--prefetch-url', `${base}/prefetch`, '--periodic-url', `${base}/periodic`],
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  developer?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

const open = async (search) => openPreview({ server, context: await browser.newContext() }, search);
const appData = (page) => page.evaluate(() => wxrt.getApp().globalData);
const prefetches = () => developer.requests.filter((r) => r.path === '/prefetch');
/** Waits until the developer server has received `count` prefetches in all. */
const prefetchesReach = (count) => eventually(() => assert.equal(prefetches().length, count), { what: `prefetch number ${count} at the developer server` });

test('a cold start sends every parameter URL-encoded, with a login code that exchanges at the stand-in', async () => {
  const launchQuery = 'id=7&from=分享 x';
  const count = prefetches().length;
  const page = await open(`?user=alice&path=pages/other/other&scene=1047&query=${encodeURIComponent(launchQuery)}`);
  await prefetchesReach(count + 1);
  const request = prefetches().at(-1);
  assert.deepEqual(Object.keys(request.params), ['appid', 'code', 'timestamp', 'path', 'query', 'scene', 'customMiniprogramVersion']);
  assert.equal(request.params.appid, APPID);
  assert.equal(request.params.path, 'pages/other/other');
  assert.equal(request.params.query, launchQuery);
  assert.equal(request.params.scene, '1047');
  assert.equal(request.params.customMiniprogramVersion, '1.4.2');
  assert.ok(Math.abs(Number(request.params.timestamp) - Date.now()) < 60000, 'timestamp is the request time in ms');
  assert.match(request.raw, /&query=id%3D7%26from%3D%E5%88%86%E4%BA%AB%20x&/, 'the launch query is URL-encoded');

  const exchange = new URLSearchParams({ appid: APPID, secret: SECRET, js_code: request.params.code, grant_type: 'authorization_code' });
  const session = await (await fetch(`${server.url}sns/jscode2session?${exchange}`)).json();
  assert.match(session.openid, /^o/, 'the code is a real login code for this user');

  await page.waitForFunction(() => wxrt.getApp().globalData.launchData || wxrt.getApp().globalData.arrivals.length);
  const data = await appData(page);
  const got = data.launchData ?? data.arrivals[0];
  assert.equal(JSON.parse(got.fetchedData).from, '/prefetch');
  assert.deepEqual([got.path, got.query, got.scene], ['pages/other/other', launchQuery, 1047]);
  assert.equal(typeof got.timeStamp, 'number');
  const last = await page.evaluate(() => wxrt.lastBackgroundFetch());
  assert.deepEqual([last.fetchType, last.status, last.cached, last.reason, last.params.scene], ['pre', 200, true, null, '1047']);
  assert.equal(await page.evaluate(() => wx.canIUse('getBackgroundFetchData')), true);
  await page.context().close();
});

test('the server starts the prefetch when the page is requested, before the code loads', async () => {
  developer.behaviour.delayMs = 400;
  const context = await browser.newContext();
  const page = await context.newPage();
  let codeRequestedAt;
  page.on('request', (r) => { if (r.url().endsWith('/__wxrt/project')) codeRequestedAt ??= Date.now(); });
  const before = prefetches().length;
  await page.goto(`${server.url}?user=bob`);
  await page.waitForFunction(() => globalThis.wxrt);
  await prefetchesReach(before + 1);
  // Its timestamp is the page request's, before the page could ask for the code (compared
  // with when this process heard of that request, which can only be later).
  assert.ok(Number(prefetches().at(-1).params.timestamp) <= codeRequestedAt, 'the prefetch started before the page asked for the code');
  // Bob has no data yet and the fetch is still under way: WeChat's API does not wait.
  await page.evaluate(() => wxrt.launched);
  assert.equal((await appData(page)).launchError, 'getBackgroundFetchData:fail the pre background fetch has not finished and there is no earlier data');
  await until(page, () => wxrt.getApp().globalData.arrivals.length === 1, null, { what: 'the prefetch to arrive' });
  developer.behaviour.delayMs = 0;
  await context.close();
});

test('the previous data answers while a fetch is pending; listeners hear only of later arrivals', async () => {
  const context = await browser.newContext();
  const first = await openPreview({ server, context }, '?user=carol');
  await first.waitForFunction(() => wxrt.lastBackgroundFetch()?.cached);
  const earlier = await first.evaluate(() => wx.getBackgroundFetchData({ fetchType: 'pre' }));
  developer.behaviour.delayMs = 800;
  await first.reload();
  await first.waitForFunction(() => globalThis.wxrt);
  await first.evaluate(() => wxrt.launched);
  const atLaunch = (await appData(first)).launchData;
  assert.equal(atLaunch.fetchedData, earlier.fetchedData, 'the cached body from the last launch');
  assert.equal(atLaunch.timeStamp, earlier.timeStamp);
  await until(first, () => wxrt.getApp().globalData.arrivals.length === 1, null, { what: 'the pending prefetch to arrive' });
  const arrived = (await appData(first)).arrivals[0];
  assert.notEqual(arrived.fetchedData, earlier.fetchedData);
  assert.equal(arrived.fetchType, 'pre');
  developer.behaviour.delayMs = 0;
  // Registered after the data arrived: nothing until the next fetch.
  const late = await first.evaluate(async () => {
    const heard = [];
    wx.onBackgroundFetchData((res) => heard.push(res.fetchType));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = heard.length;
    await wxrt.triggerPrefetch();
    return [before, heard];
  });
  assert.deepEqual(late, [0, ['pre']]);
  await context.close();
});

test('a body over 256 KB or not text is not cached; the reason is shown and the old data kept', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=dave');
  await page.waitForFunction(() => wxrt.lastBackgroundFetch()?.cached);
  const kept = await page.evaluate(() => wx.getBackgroundFetchData({ fetchType: 'pre' }).then((r) => r.fetchedData));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });

  developer.behaviour.body = () => 'x'.repeat(256 * 1024);
  developer.behaviour.type = 'text/plain';
  const exact = await page.evaluate(() => wxrt.triggerPrefetch());
  assert.deepEqual([exact.cached, exact.bytes], [true, 262144]);
  const exactData = await page.evaluate(() => wx.getBackgroundFetchData({ fetchType: 'pre' }).then((r) => r.fetchedData.length));
  assert.equal(exactData, 262144);

  developer.behaviour.body = () => 'x'.repeat(256 * 1024 + 1);
  const over = await page.evaluate(() => wxrt.triggerPrefetch());
  assert.deepEqual([over.cached, over.bytes, over.reason], [false, 262145, 'not cached: the body is 262145 bytes, over the 262144-byte (256 KB) limit']);
  developer.behaviour.body = () => 'PNG';
  developer.behaviour.type = 'image/png';
  const binary = await page.evaluate(() => wxrt.triggerPrefetch());
  assert.equal(binary.reason, 'not cached: the body is not text (image/png)');
  assert.equal(await page.evaluate(() => wx.getBackgroundFetchData({ fetchType: 'pre' }).then((r) => r.fetchedData.length)), 262144, 'the last cached body stays');
  // The preview console says why.
  await eventually(() => assert.ok(warnings.some((w) => w.includes('262145 bytes')), warnings.join('\n')), { what: 'the warning in the console' });
  assert.notEqual(kept, undefined);
  developer.behaviour.body = (url) => JSON.stringify({ from: url.pathname, n: developer.requests.length });
  developer.behaviour.type = 'application/json';
  await context.close();
});

test('a token replaces the code on the next fetch; getBackgroundFetchToken; the 1024-character limit', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=erin');
  const result = await page.evaluate(async () => {
    const none = await wx.getBackgroundFetchToken().catch((e) => e.errMsg);
    const tooLong = await wx.setBackgroundFetchToken({ token: 'x'.repeat(1025) }).catch((e) => e.errMsg);
    const wrongType = await wx.setBackgroundFetchToken({ token: 42 }).catch((e) => e.errMsg);
    await wx.setBackgroundFetchToken({ token: 'tok en/1' });
    return { none, tooLong, wrongType, token: (await wx.getBackgroundFetchToken()).token };
  });
  assert.deepEqual(result, {
    none: 'getBackgroundFetchToken:fail token not set, maybe you should setBackgroundFetchToken first',
    tooLong: 'setBackgroundFetchToken:fail parameter error: token should be at most 1024 characters, got 1025',
    wrongType: 'setBackgroundFetchToken:fail parameter error: parameter.token should be String instead of Number;',
    token: 'tok en/1',
  });
  await page.reload();
  await page.waitForFunction(() => wxrt.lastBackgroundFetch());
  const request = prefetches().at(-1);
  assert.equal(request.params.token, 'tok en/1');
  assert.equal(request.params.code, undefined, 'token and code are never both sent');
  assert.match(request.raw, /token=tok%20en%2F1/);
  assert.equal(await page.evaluate(() => wx.getBackgroundFetchToken().then((r) => r.token)), 'tok en/1', 'kept across reloads');
  await context.close();
});

test('the cache survives reloads outside the storage quota; clearStorage leaves it', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=frank');
  await page.waitForFunction(() => wxrt.lastBackgroundFetch()?.cached);
  const info = await page.evaluate(() => { wx.clearStorageSync(); return wx.getStorageInfoSync(); });
  assert.deepEqual([info.keys, info.currentSize], [[], 0]);
  developer.behaviour.delayMs = 2000;
  await page.reload();
  await page.waitForFunction(() => globalThis.wxrt);
  await page.evaluate(() => wxrt.launched);
  assert.ok((await appData(page)).launchData?.fetchedData, 'the body from before the reload');
  developer.behaviour.delayMs = 0;

  // A cache entry that is not what wxrt wrote is dropped with a warning; storage is untouched.
  await until(page, () => wxrt.lastBackgroundFetch(), null, { what: 'the delayed prefetch to end' });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.evaluate(() => wx.setStorageSync('kept', 1));
  // Written while the app is not running: leaving the page saves the cache.
  await page.goto(`${server.url}app.json`);
  await page.evaluate((key) => localStorage.setItem(key, '{not json'), `wxrt-background-fetch:${APPID}:frank`);
  await page.goto(`${server.url}?user=frank`);
  await page.waitForFunction(() => globalThis.wxrt);
  await page.evaluate(() => wxrt.launched);
  await eventually(() => assert.ok(warnings.some((w) => w.includes('unreadable and is dropped')), warnings.join('\n')), { what: 'the warning in the console' });
  assert.equal(await page.evaluate(() => wx.getStorageSync('kept')), 1);
  await page.waitForFunction(() => wxrt.lastBackgroundFetch()?.cached);
  await context.close();
});

test('without a server that plays WeChat\'s, createRuntime has no background-fetch APIs', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=ivan');
  const result = await page.evaluate(async () => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const plain = await createRuntime({ appid: 'wxplainruntime01' });
    return [plain.wx.canIUse('getBackgroundFetchData'), typeof plain.wx.getBackgroundFetchData, typeof plain.triggerPrefetch];
  });
  assert.deepEqual(result, [false, 'undefined', 'undefined']);
  await context.close();
});

test('periodic updates: due at launch with a token, then every 12 hours, only within 7 days of use', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=gina');
  const periodic = () => developer.requests.filter((r) => r.path === '/periodic');
  // The developer server has `count` periodic requests, and the page has the answer to
  // the last (until then the fetch is in flight, and no other starts).
  const periodicReach = async (count, what) => {
    await eventually(() => assert.equal(periodic().length, count, what), { what });
    const timestamp = periodic().at(-1).params.timestamp;
    await until(page, (t) => wxrt.lastBackgroundFetch('periodic')?.params.timestamp === t, timestamp, { what: `the answer to ${what}` });
  };
  // A due update asks the dev server at once, in the same turn as the clock moves, so
  // counting the page's asks tells for certain that none was due.
  await page.evaluate(() => {
    window.periodicAsks = 0;
    const { fetch } = window;
    window.fetch = (url, ...rest) => {
      if (String(url).endsWith('/background-fetch/periodic')) window.periodicAsks += 1;
      return fetch(url, ...rest);
    };
  });
  const asks = () => page.evaluate(() => window.periodicAsks);
  const noToken = await page.evaluate(() => wxrt.triggerPeriodicFetch());
  assert.deepEqual([noToken.url, noToken.reason], [null, 'token not set, maybe you should setBackgroundFetchToken first']);
  const before = periodic().length;
  await page.evaluate(async () => {
    await wx.setBackgroundFetchToken({ token: 'gina-token' });
    await wxrt.advanceClock(1000);
  });
  // The answer with the token: the no-token try above is a periodic outcome too.
  await until(page, () => wxrt.lastBackgroundFetch('periodic')?.params?.token === 'gina-token', null, { what: 'the answer to the fetch with the token' });
  assert.equal(periodic().length, before + 1);
  assert.deepEqual(Object.keys(periodic().at(-1).params), ['appid', 'token', 'timestamp']);
  assert.equal(periodic().at(-1).params.token, 'gina-token');
  const hour = 60 * 60 * 1000;
  const read = await page.evaluate(() => wx.getBackgroundFetchData({ fetchType: 'periodic' }));
  assert.deepEqual([JSON.parse(read.fetchedData).from, read.path, read.query, read.scene, read.errMsg], ['/periodic', '', '', 0, 'getBackgroundFetchData:ok']);

  const asked = await asks();
  await page.evaluate((ms) => wxrt.advanceClock(ms), 11 * hour);
  assert.equal(await asks(), asked, 'not before 12 hours');
  await page.evaluate((ms) => wxrt.advanceClock(ms), hour);
  await periodicReach(before + 2, '12 hours after the last success');

  // Eight days in the background: no longer used recently, so no update until it is.
  await page.evaluate(() => wxrt.background());
  await page.evaluate((ms) => wxrt.advanceClock(ms), 8 * 24 * hour);
  assert.equal(await asks(), asked + 1, 'not for an app unused for 7 days');
  assert.equal(periodic().length, before + 2);
  await page.evaluate(() => wxrt.foreground());
  await periodicReach(before + 3, 'used again: due at once');
  await context.close();
});

test('grey routing: a share of users within tolerance, stable per user, testers at ratio 0, never lowered', async () => {
  const greyState = mkdtempSync(path.join(tmpdir(), 'wxrt-grey-'));
  const args = (ratio) => ['--app-secret', SECRET, '--state-dir', greyState, '--prefetch-url', `${base}/prefetch`,
    '--grey-prefetch-url', `${base}/grey`, '--grey-ratio', String(ratio)];
  const grey = await startServer(PROJECT, { args: args(30) });
  try {
    const prefetchFor = async (user) => (await (await fetch(`${grey.url}__wxrt/background-fetch/prefetch`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, path: 'pages/index/index', query: '', scene: 1001 }),
    })).json()).grey;
    const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
    const first = [];
    for (const user of users) first.push(await prefetchFor(user));
    const share = first.filter(Boolean).length / users.length;
    assert.ok(share > 0.22 && share < 0.38, `30% grey, got ${(share * 100).toFixed(1)}%`);
    for (const [i, user] of users.slice(0, 40).entries()) assert.equal(await prefetchFor(user), first[i], `${user} stays where it was`);
    assert.ok(developer.requests.some((r) => r.path === '/grey'));
  } finally {
    await grey.close();
  }
  await assert.rejects(startServer(PROJECT, { args: args(10) }), /cannot go back from 30% to 10%/);
  rmSync(greyState, { recursive: true, force: true });

  const testers = mkdtempSync(path.join(tmpdir(), 'wxrt-grey0-'));
  const zero = await startServer(PROJECT, { args: ['--app-secret', SECRET, '--state-dir', testers, '--prefetch-url', `${base}/prefetch`, '--grey-prefetch-url', `${base}/grey`, '--grey-ratio', '0'] });
  try {
    const post = (route, body) => fetch(`${zero.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
    const body = { user: 'tess', path: '', query: '', scene: 1001 };
    assert.equal((await post('__wxrt/background-fetch/prefetch', body)).grey, false);
    await post('__wxrt/wechat/user', { appid: APPID, user: 'tess', tester: true });
    assert.equal((await post('__wxrt/background-fetch/prefetch', body)).grey, true, 'a tester gets the grey URL at ratio 0');
  } finally {
    await zero.close();
    rmSync(testers, { recursive: true, force: true });
  }
});

test('the preview shows the last fetch with its parameters, and fetches on its buttons', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?user=hana');
  await page.click('#tab-prefetch');
  await page.waitForFunction(() => wxrt.lastBackgroundFetch('pre'));
  await textOf(page, '#fetch-last-pre', /^http:\/\/127\.0\.0\.1:\d+\/prefetch\?appid=/);
  await textOf(page, '#fetch-last-pre', /customMiniprogramVersion\s*1\.4\.2/);
  const count = prefetches().length;
  await page.click('#fetch-pre');
  await prefetchesReach(count + 1);
  await page.click('#fetch-periodic');
  await textOf(page, '#fetch-last-periodic', /token not set/);
  // The last prefetch stays shown beside the periodic one.
  await textOf(page, '#fetch-last-pre', /prefetch\?appid=/);
  await context.close();
});
