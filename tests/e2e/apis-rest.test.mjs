// The family methods no other test names: location errors during updates, the removal of
// device listeners, the legacy socket error event, and the open capabilities that only
// show or record (share menu updates, the share image menu, the privacy contract, official
// account pages, reportEvent).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { appid, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;

const freePort = () => new Promise((resolve) => {
  const server = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
});

test('a runtime whose phone answers for the user', async () => {
  page = await env.open();
  await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    window.rt = await createRuntime({ appid: id, storage: sessionStorage, followVisibility: false, phone: { authorize: 'allow', openDialogs: 'allow' } });
    // No project text names their synchronous methods here: an asynchronous call of each
    // family loads it, as a project's text would before its code runs.
    await rt.wx.getNetworkType();
    await rt.wx.closeSocket().catch(() => {});
  }, appid('rest'));
});

test('onLocationChangeError hears a position lost during updates; offLocationChangeError stops it', async () => {
  await page.evaluate(() => rt.wx.getLocation());
  await page.evaluate(() => {
    window.lost = [];
    window.onLost = (e) => lost.push([e.errCode, e.errMsg]);
    rt.wx.onLocationChangeError(onLost);
  });
  await page.evaluate(() => rt.wx.startLocationUpdate());
  await page.evaluate(() => rt.phone.set({ locationSource: 'unavailable' }));
  await page.waitForFunction(() => lost.length === 1);
  assert.equal((await page.evaluate(() => lost))[0][0], 1);
  assert.match((await page.evaluate(() => lost))[0][1], /^onLocationChange:fail/);
  await page.evaluate(() => {
    rt.wx.offLocationChangeError(onLost);
    rt.phone.set({ locationSource: 'simulated' });
    rt.phone.set({ locationSource: 'unavailable' });
  });
  assert.equal(await page.evaluate(() => lost.length), 1, 'a removed listener hears nothing');
  await page.evaluate(() => rt.wx.stopLocationUpdate());
  await page.evaluate(() => rt.phone.set({ locationSource: undefined }));
});

test('offAccelerometerChange and offKeyboardHeightChange remove their listeners', async () => {
  await page.evaluate(() => {
    window.motion = [];
    window.onMotion = (m) => motion.push(m);
    rt.wx.onAccelerometerChange(onMotion);
    return rt.wx.startAccelerometer({ interval: 'game' });
  });
  await page.waitForFunction(() => motion.length > 0);
  const heard = await page.evaluate(() => {
    rt.wx.offAccelerometerChange(onMotion);
    return motion.length;
  });
  // A second listener shows that samples go on: the removed one hears none of them.
  await page.evaluate(() => {
    window.witness = [];
    rt.wx.onAccelerometerChange((m) => witness.push(m));
  });
  await page.waitForFunction(() => witness.length >= 3);
  assert.ok(await page.evaluate(() => motion.length) <= heard + 1, 'no samples after offAccelerometerChange');
  await page.evaluate(() => rt.wx.stopAccelerometer());

  await page.evaluate(() => {
    window.heights = [];
    window.onHeight = ({ height }) => heights.push(height);
    rt.wx.onKeyboardHeightChange(onHeight);
    rt.wx.offKeyboardHeightChange(onHeight);
    window.seen = [];
    rt.wx.onKeyboardHeightChange(({ height }) => seen.push(height));
    document.body.append(Object.assign(document.createElement('input'), { id: 'typing' }));
  });
  await page.focus('#typing');
  await page.waitForFunction(() => seen.length === 1);
  assert.deepEqual(await page.evaluate(() => heights), [], 'the removed listener heard nothing');
});

test('onSocketError hears the newest socket refused', async () => {
  const port = await freePort();
  const got = await page.evaluate((port) => new Promise((resolve) => {
    rt.wx.onSocketError((e) => resolve(e.errMsg));
    rt.wx.connectSocket({ url: `ws://127.0.0.1:${port}/` });
  }), port);
  assert.equal(got, 'connectSocket:fail WebSocket connection failed');
});

test('share menu updates, the share image menu, the privacy contract and official account pages show and are recorded', async () => {
  assert.deepEqual(await page.evaluate(() => rt.wx.updateShareMenu({ withShareTicket: true, isUpdatableMessage: true })), { errMsg: 'updateShareMenu:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.showShareImageMenu({ path: 'wxfile://tmp_poster.png' })), { errMsg: 'showShareImageMenu:ok' });
  await page.waitForSelector('.wxrt-share-image button[data-index="2"]');
  assert.deepEqual(await page.locator('.wxrt-share-image button').allTextContents(), ['发送给朋友', '收藏', '保存图片', '取消']);
  await page.click('.wxrt-share-image button[data-index="2"]');
  await page.waitForSelector('.wxrt-share-image', { state: 'detached' });

  assert.deepEqual(await page.evaluate(() => rt.wx.openPrivacyContract()), { errMsg: 'openPrivacyContract:ok' });
  await page.waitForSelector('.wxrt-privacy-contract');
  assert.match(await page.textContent('.wxrt-privacy-contract'), /隐私保护指引/);

  assert.deepEqual(await page.evaluate(() => rt.wx.openOfficialAccountArticle({ url: 'https://mp.weixin.qq.com/s/abc' })), { errMsg: 'openOfficialAccountArticle:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.openOfficialAccountChat({ username: 'gh_123' })), { errMsg: 'openOfficialAccountChat:ok' });
  assert.match(await page.evaluate(() => rt.wx.openOfficialAccountChat({}).catch((e) => e.errMsg)), /^openOfficialAccountChat:fail parameter error: parameter\.username should be String/);
  assert.equal(await page.evaluate(() => rt.wx.reportEvent('buy', { sku: 7 })), undefined);

  const records = await page.evaluate(() => rt.openRecords());
  const of = (api) => records.filter((r) => r.api === api);
  assert.equal(of('updateShareMenu')[0].withShareTicket, true);
  assert.deepEqual(of('showShareImageMenu').map((r) => r.chosen), [undefined, 2]);
  assert.equal(of('openPrivacyContract').length, 1);
  assert.equal(of('openOfficialAccountArticle')[0].url, 'https://mp.weixin.qq.com/s/abc');
  assert.equal(of('openOfficialAccountChat')[0].username, 'gh_123');
  assert.deepEqual(of('reportEvent')[0].data, { sku: 7 });
  assert.equal(of('reportEvent')[0].eventId, 'buy');
});

test('a listener registered before its family is in is neither lost nor an error: it takes effect in call order', async () => {
  const heard = await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const fresh = await createRuntime({ appid: id, storage: sessionStorage, followVisibility: false });
    const got = [];
    const gone = () => got.push('removed listener');
    fresh.wx.onNetworkStatusChange(gone);
    fresh.wx.onNetworkStatusChange((r) => got.push(r.networkType));
    fresh.wx.offNetworkStatusChange(gone);
    await fresh.wx.getNetworkType();
    fresh.phone.set({ networkType: '4g' });
    fresh.dispose();
    return got;
  }, appid('quiet'));
  assert.deepEqual(heard, ['4g']);
});
