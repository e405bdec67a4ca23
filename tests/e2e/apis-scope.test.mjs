// Permissions (www/apis/scope/): wx.authorize asks once in WeChat's dialog, the answer
// sticks per (appid, user) until the settings page changes it, and the simulated phone can
// answer for the user. The family and its wasm load at the first call, not before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appid, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;
const APPID = appid('scopes');

const create = (user) => page.evaluate(async ({ id, user }) => {
  const { createRuntime } = await import('wxrt');
  window.rt = await createRuntime({ appid: id, user, storage: sessionStorage });
}, { id: APPID, user });

const families = () => page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /wxrt_apis|apis\/scope/.test(n)));

test('the permission family exists from the start and loads at its first call', async () => {
  page = await env.open();
  await create('ann');
  assert.deepEqual(await page.evaluate(() => ['authorize', 'getSetting', 'openSetting'].map((n) => [typeof rt.wx[n], rt.wx.canIUse(n)])),
    [['function', true], ['function', true], ['function', true]]);
  assert.deepEqual(await families(), [], 'nothing of the families is fetched before a call');
  const setting = await page.evaluate(() => rt.wx.getSetting());
  assert.deepEqual(setting, { authSetting: { 'scope.userInfo': true }, errMsg: 'getSetting:ok' });
  assert.ok((await families()).some((n) => n.endsWith('wxrt_apis_bg.wasm')), 'the families wasm came with the first call');
});

test('authorize asks in a dialog; allow sticks, deny fails now and later without asking', async () => {
  const allowed = page.evaluate(() => rt.wx.authorize({ scope: 'scope.userLocation' }));
  await page.waitForSelector('.wxrt-authorize');
  assert.match(await page.textContent('.wxrt-authorize'), /获取你的地理位置/);
  await page.click('.wxrt-authorize button[data-value="true"]');
  assert.deepEqual(await allowed, { errMsg: 'authorize:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.userLocation' })), { errMsg: 'authorize:ok' });

  const denied = page.evaluate(() => new Promise((resolve) => rt.wx.authorize({ scope: 'scope.camera', fail: (e) => resolve(e.errMsg) })));
  await page.waitForSelector('.wxrt-authorize');
  await page.click('.wxrt-authorize button[data-value="false"]');
  assert.equal(await denied, 'authorize:fail auth deny');
  await page.waitForSelector('.wxrt-authorize', { state: 'detached' });
  assert.equal(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.camera' }).catch((e) => e.errMsg)), 'authorize:fail auth deny');
  assert.equal(await page.locator('.wxrt-authorize').count(), 0, 'a denied scope is never asked again');
  assert.deepEqual((await page.evaluate(() => rt.wx.getSetting())).authSetting,
    { 'scope.userInfo': true, 'scope.camera': false, 'scope.userLocation': true });
});

test('openSetting lists the scopes asked; switching one on lets the API through', async () => {
  const opened = page.evaluate(() => rt.wx.openSetting());
  await page.waitForSelector('.wxrt-settings input[data-scope="scope.camera"]');
  assert.equal(await page.locator('.wxrt-settings input').count(), 2, 'only scopes asked are listed');
  await page.check('.wxrt-settings input[data-scope="scope.camera"]');
  await page.click('.wxrt-settings .wxrt-back');
  assert.deepEqual(await opened, { authSetting: { 'scope.userInfo': true, 'scope.camera': true, 'scope.userLocation': true }, errMsg: 'openSetting:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.camera' })), { errMsg: 'authorize:ok' });
});

test('the answers are kept per user and survive a new runtime; the handle resets them', async () => {
  await create('ann');
  assert.equal((await page.evaluate(() => rt.wx.getSetting())).authSetting['scope.camera'], true);
  await create('bob');
  assert.deepEqual((await page.evaluate(() => rt.wx.getSetting())).authSetting, { 'scope.userInfo': true });
  await page.evaluate(() => rt.setScope('scope.record', false));
  assert.deepEqual(await page.evaluate(() => rt.scopes()), { 'scope.record': false });
  assert.equal(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.record' }).catch((e) => e.errMsg)), 'authorize:fail auth deny');
  await page.evaluate(() => rt.resetScopes());
  assert.deepEqual(await page.evaluate(() => rt.scopes()), {});
});

test('the simulated phone answers for the user, and bad calls fail in WeChat form', async () => {
  await page.evaluate(() => rt.phone.set({ authorize: 'deny' }));
  assert.equal(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.werun' }).catch((e) => e.errMsg)), 'authorize:fail auth deny');
  await page.evaluate(() => rt.phone.set({ authorize: 'allow' }));
  assert.deepEqual(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.address' })), { errMsg: 'authorize:ok' });
  assert.equal(await page.locator('.wxrt-authorize').count(), 0);
  assert.deepEqual(await page.evaluate(() => rt.wx.authorize({}).catch((e) => [e.errMsg, e.errno])),
    ['authorize:fail parameter error: parameter.scope should be String instead of Undefined;', 1001]);
  assert.equal(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.nothing' }).catch((e) => e.errMsg)), 'authorize:fail invalid scope');
  assert.equal(await page.evaluate(() => rt.wx.authorize({ scope: 'scope.userLocationBackground' }).catch((e) => e.errMsg)),
    'authorize:fail scope.userLocationBackground can only be granted on the settings page');
});
