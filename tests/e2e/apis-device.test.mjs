// The device (www/apis/device/): the clipboard (WeChat's toast, shared by the page's
// runtimes), the call sheet, vibration, the screen, the network type (`none` fails
// requests), the keyboard, the battery, the scanner, the accelerometer, screen captures,
// the system's switches and permissions, each simulated value chosen through `rt.phone`;
// and the theme of a project that declares darkmode, under `wxrt serve`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, appid, developerServer, launchBrowser, openPreview, startServer, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;
const backend = developerServer();
let backendUrl;

before(async () => {
  backendUrl = await backend.listen();
});
after(() => backend.close());

const create = (name) => page.evaluate(async ({ id, name }) => {
  const { createRuntime } = await import('wxrt');
  window[name] = await createRuntime({ appid: id, storage: sessionStorage });
}, { id: appid('device'), name });
const errMsg = (call) => page.evaluate(`(${call})().then(() => 'ok', (e) => e.errMsg)`);

test('the clipboard: WeChat\'s toast for 1.5 s, the page\'s clipboard shared by its runtimes', async () => {
  page = await env.open();
  await create('rt');
  await create('other');
  assert.deepEqual(await page.evaluate(() => rt.wx.setClipboardData({ data: '复制我' })), { errMsg: 'setClipboardData:ok' });
  await page.waitForSelector('.wxrt-toast:has-text("内容已复制")');
  await page.waitForSelector('.wxrt-toast', { state: 'detached' });
  assert.deepEqual(await page.evaluate(() => rt.wx.getClipboardData()), { data: '复制我', errMsg: 'getClipboardData:ok' });
  assert.equal((await page.evaluate(() => other.wx.getClipboardData())).data, '复制我', 'another runtime of the page reads it');
  assert.deepEqual(await page.evaluate(() => rt.wx.setClipboardData({ data: 1 }).catch((e) => [e.errMsg, e.errno])),
    ['setClipboardData:fail parameter error: parameter.data should be String instead of Number;', 1001]);
  assert.equal((await page.evaluate(() => rt.device())).clipboard, '复制我', 'a refused call changed nothing');
});

test('makePhoneCall asks in a sheet: call is recorded (nothing dialled), cancel fails', async () => {
  const called = page.evaluate(() => rt.wx.makePhoneCall({ phoneNumber: '10086' }));
  await page.waitForSelector('.wxrt-phone-call');
  assert.match(await page.textContent('.wxrt-phone-call'), /呼叫 10086/);
  await page.click('.wxrt-phone-call button[data-index="0"]');
  assert.deepEqual(await called, { errMsg: 'makePhoneCall:ok' });
  const cancelled = page.evaluate(() => rt.wx.makePhoneCall({ phoneNumber: '10010' }).catch((e) => e.errMsg));
  await page.click('.wxrt-phone-call .wxrt-cancel');
  assert.equal(await cancelled, 'makePhoneCall:fail cancel');
  assert.deepEqual((await page.evaluate(() => rt.device())).calls, ['10086']);
  assert.match(await errMsg(() => rt.wx.makePhoneCall({})), /^makePhoneCall:fail parameter error: parameter\.phoneNumber should be String instead of Undefined;/);
});

test('vibration and the screen lock are recorded; brightness is the phone\'s', async () => {
  await page.evaluate(() => rt.wx.vibrateShort({ type: 'heavy' }));
  await page.evaluate(() => rt.wx.vibrateShort());
  await page.evaluate(() => rt.wx.vibrateLong());
  assert.deepEqual((await page.evaluate(() => rt.device())).vibrations, [
    { api: 'vibrateShort', type: 'heavy', ms: 15 },
    { api: 'vibrateShort', type: 'medium', ms: 15 },
    { api: 'vibrateLong', type: 'long', ms: 400 },
  ]);
  assert.deepEqual(await page.evaluate(() => rt.wx.setKeepScreenOn({ keepScreenOn: true })), { errMsg: 'setKeepScreenOn:ok' });
  assert.equal((await page.evaluate(() => rt.device())).keepScreenOn, true);
  await page.evaluate(() => rt.wx.setKeepScreenOn({ keepScreenOn: false }));
  assert.equal((await page.evaluate(() => rt.device())).keepScreenOn, false);
  assert.match(await errMsg(() => rt.wx.setKeepScreenOn({})), /^setKeepScreenOn:fail parameter error: parameter\.keepScreenOn should be Boolean/);

  assert.deepEqual(await page.evaluate(() => rt.wx.getScreenBrightness()), { value: 0.5, errMsg: 'getScreenBrightness:ok' });
  await page.evaluate(() => rt.wx.setScreenBrightness({ value: 0.8 }));
  assert.equal((await page.evaluate(() => rt.wx.getScreenBrightness())).value, 0.8);
  assert.equal(await page.evaluate(() => rt.phone.get().screenBrightness), 0.8, 'the phone\'s setting follows');
  assert.match(await errMsg(() => rt.wx.setScreenBrightness({ value: 2 })), /^setScreenBrightness:fail /);
});

test('the network type: listeners hear changes; none makes wx.request fail, back online it works', async () => {
  assert.deepEqual(await page.evaluate(() => rt.wx.getNetworkType()),
    { networkType: 'wifi', signalStrength: 0, hasSystemProxy: false, weakNet: false, errMsg: 'getNetworkType:ok' });
  await page.evaluate(() => {
    window.heard = [];
    window.listener = (change) => heard.push(change);
    rt.wx.onNetworkStatusChange(listener);
  });
  await page.evaluate(() => rt.phone.set({ networkType: '4g' }));
  await page.evaluate(() => rt.phone.set({ networkType: 'none' }));
  await page.waitForFunction(() => heard.length === 2);
  assert.deepEqual(await page.evaluate(() => heard), [{ isConnected: true, networkType: '4g' }, { isConnected: false, networkType: 'none' }]);
  assert.equal((await page.evaluate(() => rt.wx.getNetworkType())).networkType, 'none');

  const failed = await page.evaluate((url) => new Promise((resolve) => rt.wx.request({ url: `${url}/data`, fail: (e) => resolve(e.errMsg) })), backendUrl);
  assert.equal(failed, 'request:fail net::ERR_INTERNET_DISCONNECTED');
  assert.equal(backend.requests.length, 0, 'nothing went out');

  await page.evaluate(() => rt.wx.offNetworkStatusChange(listener));
  await page.evaluate(() => rt.phone.set({ networkType: 'wifi' }));
  const ok = await page.evaluate(() => new Promise((resolve) => rt.wx.request({ url: `${location.origin}/index.html`, success: (r) => resolve(r.statusCode), fail: (e) => resolve(e.errMsg) })));
  assert.equal(ok, 200);
  assert.equal(await page.evaluate(() => heard.length), 2, 'a removed listener hears nothing');
});

test('the keyboard: focusing a field raises it, hideKeyboard blurs the field', async () => {
  await page.evaluate(() => {
    window.heights = [];
    rt.wx.onKeyboardHeightChange(({ height }) => heights.push(height));
    document.body.append(Object.assign(document.createElement('input'), { id: 'typing' }));
    rt.phone.set({ keyboardHeight: 280 });
  });
  await page.focus('#typing');
  await page.waitForFunction(() => heights.length === 1);
  assert.deepEqual(await page.evaluate(() => rt.wx.hideKeyboard()), { errMsg: 'hideKeyboard:ok' });
  await page.waitForFunction(() => heights.length === 2);
  assert.deepEqual(await page.evaluate(() => [heights, document.activeElement?.id]), [[280, 0], '']);
});

test('scanCode answers what the phone scans, or fails with cancel', async () => {
  const scanned = await page.evaluate(() => rt.wx.scanCode());
  assert.equal(scanned.errMsg, 'scanCode:ok');
  assert.equal(scanned.scanType, 'QR_CODE');
  await page.evaluate(() => rt.phone.set({ scanCode: { result: '6901234567892', scanType: 'EAN_13' } }));
  assert.deepEqual(await page.evaluate(() => rt.wx.scanCode({ scanType: ['barCode'] })),
    { result: '6901234567892', scanType: 'EAN_13', charSet: 'utf-8', path: '', rawData: 'NjkwMTIzNDU2Nzg5Mg==', errMsg: 'scanCode:ok' });
  await page.evaluate(() => rt.phone.set({ scanCode: 'cancel' }));
  assert.equal(await errMsg(() => rt.wx.scanCode()), 'scanCode:fail cancel');
  assert.match(await errMsg(() => rt.wx.scanCode({ onlyFromCamera: 'yes' })), /^scanCode:fail parameter error: parameter\.onlyFromCamera should be Boolean instead of String;/);
});

test('battery, accelerometer and screen captures come from the simulated phone', async () => {
  await page.evaluate(() => rt.phone.set({ batteryLevel: 42, batteryCharging: true }));
  assert.deepEqual(await page.evaluate(() => rt.wx.getBatteryInfo()), { level: 42, isCharging: true, isLowPowerModeEnabled: false, errMsg: 'getBatteryInfo:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.getBatteryInfoSync()), { level: 42, isCharging: true, isLowPowerModeEnabled: false });

  await page.evaluate(() => {
    window.motion = [];
    rt.phone.set({ accelerometer: { x: 0.5, y: -0.25, z: -1 } });
    rt.wx.onAccelerometerChange((m) => motion.push(m));
  });
  assert.equal(await page.evaluate(() => motion.length), 0, 'nothing before startAccelerometer');
  await page.evaluate(() => rt.wx.startAccelerometer({ interval: 'game' }));
  await page.waitForFunction(() => motion.length >= 3);
  assert.deepEqual(await page.evaluate(() => motion[0]), { x: 0.5, y: -0.25, z: -1 });
  await page.evaluate(() => rt.wx.stopAccelerometer());
  const stopped = await page.evaluate(() => motion.length);
  // A capture, awaited, is later than any sample a running accelerometer would have taken.
  await page.evaluate(() => {
    window.captures = 0;
    window.onCapture = () => { captures += 1; };
    rt.wx.onUserCaptureScreen(onCapture);
  });
  await page.evaluate(() => rt.captureScreen());
  await page.waitForFunction(() => captures === 1);
  await page.evaluate(() => rt.wx.offUserCaptureScreen(onCapture));
  await page.evaluate(() => rt.captureScreen());
  assert.equal(await page.evaluate(() => captures), 1, 'a removed listener hears nothing');
  assert.ok(await page.evaluate(() => motion.length) <= stopped + 1, 'no samples after stopAccelerometer');
});

test('system switches and the app\'s permissions are the phone\'s', async () => {
  assert.deepEqual(await page.evaluate(() => rt.wx.getSystemSetting()),
    { bluetoothEnabled: true, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' });
  await page.evaluate(() => rt.phone.set({ systemSetting: { locationEnabled: false }, appAuthorizeSetting: { cameraAuthorized: 'denied' } }));
  assert.equal(await page.evaluate(() => rt.wx.getSystemSetting().locationEnabled), false);
  const authorize = await page.evaluate(() => rt.wx.getAppAuthorizeSetting());
  assert.equal(authorize.cameraAuthorized, 'denied');
  assert.equal(authorize.albumAuthorized, 'authorized');
});

test('the theme of a darkmode project: system info, onThemeChange and theme.json variables follow it', async () => {
  const browser = await launchBrowser();
  const server = await startServer(path.join(PROJECTS, 'frame-device-app'));
  const navBar = (preview, rgb) => preview.waitForFunction((rgb) => getComputedStyle(document.getElementById('nav-bar')).backgroundColor === rgb, rgb);
  try {
    const preview = await openPreview({ server, context: await browser.newContext({ colorScheme: 'light' }) });
    assert.equal(preview.startError, undefined);
    assert.equal(await preview.evaluate(() => wx.getSystemInfoSync().theme), 'light');
    await navBar(preview, 'rgb(247, 247, 247)');
    await preview.evaluate(() => wxrt.phone.set({ theme: 'dark' }));
    await preview.waitForFunction(() => wxrt.program.app.themes.length === 1);
    assert.deepEqual(await preview.evaluate(() => [wxrt.program.app.themes, wx.getSystemInfoSync().theme]), [['dark'], 'dark']);
    await preview.evaluate(() => wxrt.phone.set({ theme: 'dark' }));
    // A page json's variables follow the theme as the page shows.
    await preview.evaluate(() => wx.navigateTo({ url: '/pages/detail/detail' }));
    await navBar(preview, 'rgb(34, 34, 34)');
    assert.deepEqual(await preview.evaluate(() => wxrt.program.app.themes), ['dark'], 'no change, no event');
    // offThemeChange: a removed listener hears the next change no more, the app's still does.
    await preview.evaluate(() => {
      window.removed = [];
      window.onRemoved = ({ theme }) => removed.push(theme);
      wx.onThemeChange(onRemoved);
      wx.offThemeChange(onRemoved);
      wxrt.phone.set({ theme: 'light' });
    });
    await preview.waitForFunction(() => wxrt.program.app.themes.length === 2);
    assert.deepEqual(await preview.evaluate(() => [wxrt.program.app.themes, removed]), [['dark', 'light'], []]);
    await preview.evaluate(() => wxrt.phone.set({ theme: 'dark' }));
    await preview.waitForFunction(() => wxrt.program.app.themes.length === 3);

    // Launched in the browser's dark scheme: app.json's variables are the dark table's.
    const dark = await openPreview({ server, context: await browser.newContext({ colorScheme: 'dark' }) });
    assert.equal(await dark.evaluate(() => wx.getSystemInfoSync().theme), 'dark');
    await navBar(dark, 'rgb(25, 25, 25)');
    await dark.waitForFunction(() => getComputedStyle(document.getElementById('tab-bar')).backgroundColor === 'rgb(17, 17, 17)');
  } finally {
    await browser.close();
    await server.close();
  }
  assert.equal(await page.evaluate(() => rt.wx.getSystemInfoSync().theme), undefined, 'no theme without darkmode');
});
