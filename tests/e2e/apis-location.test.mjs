// Location (www/apis/location/): the simulated phone's position behind the permission
// dialog, GCJ-02 and fuzzy answers, app.json's requiredPrivateInfos, the place picker, the
// map page, and updates that follow the position as the developer moves it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appid, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;
const APPID = appid('location');

const create = (user, options = {}) => page.evaluate(async ({ id, user, options }) => {
  const { createRuntime } = await import('wxrt');
  window.rt = await createRuntime({ appid: id, user, storage: sessionStorage, followVisibility: false, ...options });
  if (options.project) await rt.launched;
}, { id: APPID, user, options });

const failure = (call) => page.evaluate(`(${call})().then(() => 'no failure', (e) => [e.errMsg, e.errno])`);

test('getLocation asks once, then answers the simulated position; gcj02 shifts it, altitude only when asked', async () => {
  page = await env.open();
  await create('ann');
  assert.deepEqual(await page.evaluate(() => ['getLocation', 'chooseLocation', 'openLocation', 'onLocationChange', 'getFuzzyLocation']
    .map((n) => rt.wx.canIUse(n))), [true, true, true, true, true]);
  const first = page.evaluate(() => rt.wx.getLocation());
  await page.waitForSelector('.wxrt-authorize');
  assert.match(await page.textContent('.wxrt-authorize'), /获取你的地理位置/);
  await page.click('.wxrt-authorize button[data-value="true"]');
  assert.deepEqual(await first, {
    latitude: 39.9042, longitude: 116.4074, speed: -1, accuracy: 65, altitude: 0,
    verticalAccuracy: 0, horizontalAccuracy: 65, errMsg: 'getLocation:ok',
  });
  const gcj = await page.evaluate(() => rt.wx.getLocation({ type: 'gcj02', altitude: true }));
  assert.ok(gcj.latitude > 39.9050 && gcj.latitude < 39.9062, `gcj02 latitude ${gcj.latitude}`);
  assert.ok(gcj.longitude > 116.4130 && gcj.longitude < 116.4142, `gcj02 longitude ${gcj.longitude}`);
  assert.equal(gcj.altitude, 43.5);
  await page.evaluate(() => rt.phone.set({ position: { latitude: 31.2304, longitude: 121.4737 } }));
  const moved = await page.evaluate(() => rt.wx.getLocation());
  assert.deepEqual([moved.latitude, moved.longitude], [31.2304, 121.4737]);
  assert.equal(await page.locator('.wxrt-authorize').count(), 0, 'asked only the first time');
});

test('a denied scope, an unavailable location and bad options fail in WeChat form; fuzzy location blurs', async () => {
  await create('bob');
  await page.evaluate(() => rt.phone.set({ authorize: 'deny' }));
  assert.deepEqual(await failure('() => rt.wx.getLocation()'), ['getLocation:fail auth deny', undefined]);
  assert.deepEqual(await failure('() => rt.wx.getFuzzyLocation()'), ['getFuzzyLocation:fail auth deny', undefined]);
  await page.evaluate(() => rt.phone.set({ authorize: 'allow' }));
  await page.evaluate(() => rt.setScope('scope.userFuzzyLocation', undefined));
  assert.deepEqual(await page.evaluate(() => rt.wx.getFuzzyLocation()), { latitude: 39.9, longitude: 116.41, errMsg: 'getFuzzyLocation:ok' });
  await page.evaluate(() => rt.setScope('scope.userLocation', true));
  await page.evaluate(() => rt.phone.set({ locationSource: 'unavailable' }));
  const [unavailable] = await failure('() => rt.wx.getLocation()');
  assert.match(unavailable, /^getLocation:fail /);
  assert.deepEqual(await failure('() => rt.wx.getLocation({ type: 1 })'),
    ['getLocation:fail parameter error: parameter.type should be String instead of Number;', 1001]);
  assert.deepEqual(await failure('() => rt.wx.openLocation({ latitude: "39" })'), [
    'openLocation:fail parameter error: parameter.latitude should be Number instead of String;parameter.longitude should be Number instead of Undefined;', 1001]);
  await page.evaluate(() => rt.phone.set({ locationSource: undefined }));
});

test('a project that declares requiredPrivateInfos without an API is refused it; one declaring none is not', async () => {
  const project = (declared) => ({
    files: {
      'app.json': JSON.stringify({ pages: ['pages/a/a'], ...(declared ? { requiredPrivateInfos: declared } : {}) }),
      'app.js': 'App({})',
      'pages/a/a.js': 'Page({})',
    },
  });
  await create('cy', { project: project(['chooseLocation']), phone: { authorize: 'allow' } });
  assert.deepEqual(await failure('() => rt.wx.getLocation()'),
    ['getLocation:fail the api need to be declared in the requiredPrivateInfos field in app.json/ext.json', undefined]);
  await create('cy', { project: project(['getLocation']), phone: { authorize: 'allow' } });
  assert.equal((await page.evaluate(() => rt.wx.getLocation())).errMsg, 'getLocation:ok');
  await create('cy', { project: project(undefined), phone: { authorize: 'allow' } });
  assert.equal((await page.evaluate(() => rt.wx.getLocation())).errMsg, 'getLocation:ok');
});

test('with __usePrivacyCheck__ the privacy agreement comes before the scope', async () => {
  const files = {
    'app.json': JSON.stringify({ pages: ['pages/a/a'], __usePrivacyCheck__: true }),
    'app.js': 'App({})',
    'pages/a/a.js': 'Page({})',
  };
  await create('fay', { project: { files } });
  const refused = page.evaluate(() => rt.wx.getLocation().catch((e) => [e.errMsg, e.errno]));
  await page.waitForSelector('.wxrt-privacy');
  assert.equal(await page.locator('.wxrt-authorize').count(), 0, 'no scope dialog before the agreement');
  await page.click('.wxrt-privacy button[data-value="false"]');
  assert.deepEqual(await refused, ['getLocation:fail privacy permission is not authorized', 104]);
  await page.evaluate(() => rt.phone.set({ privacy: 'agree', authorize: 'allow' }));
  assert.equal((await page.evaluate(() => rt.wx.getLocation())).errMsg, 'getLocation:ok');
});

test('chooseLocation lists places around the position; cancel fails as WeChat', async () => {
  await create('dee');
  const chosen = page.evaluate(() => rt.wx.chooseLocation());
  await page.waitForSelector('.wxrt-choose-location button[data-index="1"]');
  assert.equal(await page.locator('.wxrt-choose-location button[data-index]').count(), 8);
  await page.click('.wxrt-choose-location button[data-index="1"]');
  const place = await chosen;
  assert.equal(place.name, '地铁站');
  assert.equal(place.address, '东北方向 320 米');
  assert.equal(place.errMsg, 'chooseLocation:ok');
  assert.ok(place.latitude > 39.9056 && place.longitude > 116.4136, 'north-east of the GCJ-02 centre');
  const cancelled = page.evaluate(() => rt.wx.chooseLocation({ latitude: 23.1291, longitude: 113.2644 }).catch((e) => e.errMsg));
  await page.waitForSelector('.wxrt-choose-location .wxrt-cancel');
  await page.click('.wxrt-choose-location .wxrt-cancel');
  assert.equal(await cancelled, 'chooseLocation:fail cancel');
});

test('openLocation opens a page naming the place', async () => {
  const opened = await page.evaluate(() => rt.wx.openLocation({ latitude: 39.9087, longitude: 116.3975, name: '天安门', address: '东城区长安街', scale: 30 }));
  assert.deepEqual(opened, { errMsg: 'openLocation:ok' });
  await page.waitForSelector('.wxrt-open-location .wxrt-place-name');
  assert.equal(await page.textContent('.wxrt-open-location .wxrt-place-name'), '天安门');
  assert.equal(await page.textContent('.wxrt-open-location .wxrt-place-address'), '东城区长安街');
  assert.match(await page.textContent('.wxrt-open-location .wxrt-note'), /39\.908700, 116\.397500 · 缩放 18/);
  await page.click('.wxrt-open-location .wxrt-back');
  await page.waitForSelector('.wxrt-open-location', { state: 'detached' });
});

test('location updates follow the simulated position until stopped', async () => {
  await create('eve', { phone: { authorize: 'allow' } });
  await page.evaluate(() => rt.wx.getLocation());
  await page.evaluate(() => {
    window.heard = [];
    window.listen = (r) => heard.push([r.latitude, r.longitude, r.altitude]);
    rt.wx.onLocationChange(listen);
  });
  assert.deepEqual(await page.evaluate(() => rt.wx.startLocationUpdate()), { errMsg: 'startLocationUpdate:ok' });
  await page.waitForFunction(() => heard.length === 1);
  await page.evaluate(() => rt.phone.set({ position: { latitude: 40, longitude: 116.5, altitude: 50 } }));
  assert.deepEqual(await page.evaluate(() => heard), [[39.9042, 116.4074, 43.5], [40, 116.5, 50]]);
  assert.deepEqual(await page.evaluate(() => rt.wx.stopLocationUpdate()), { errMsg: 'stopLocationUpdate:ok' });
  await page.evaluate(() => rt.phone.set({ position: { latitude: 41, longitude: 117 } }));
  assert.equal(await page.evaluate(() => heard.length), 2, 'no updates after stopLocationUpdate');
  await page.evaluate(() => rt.wx.startLocationUpdate());
  await page.waitForFunction(() => heard.length === 3);
  await page.evaluate(() => {
    rt.wx.offLocationChange(listen);
    rt.phone.set({ position: { latitude: 42, longitude: 118 } });
  });
  assert.equal(await page.evaluate(() => heard.length), 3, 'offLocationChange removes the listener');
  await page.evaluate(() => rt.phone.set({ authorize: 'deny' }));
  assert.deepEqual(await failure('() => rt.wx.startLocationUpdateBackground()'), ['startLocationUpdateBackground:fail auth deny', undefined]);
});
