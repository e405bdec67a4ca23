// Open capabilities (www/apis/open/): every outcome WeChat can give is chosen on the
// simulated phone or clicked in the sheet drawn, and what the app asked for is recorded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, appid, launchBrowser, openPreview, startServer, useBrowser, waitLaunched } from './harness.mjs';

const env = useBrowser();
let page;
const APPID = appid('open');

const create = (user, options = {}) => page.evaluate(async ({ id, user, options }) => {
  const { createRuntime } = await import('wxrt');
  window.rt = await createRuntime({ appid: id, user, storage: sessionStorage, followVisibility: false, ...options });
  if (options.project) await rt.launched;
  // The family's synchronous methods answer once it is loaded (a project's text loads it first).
  await rt.wx.getPrivacySetting();
}, { id: APPID, user, options });

const failure = (call) => page.evaluate(`(${call})().then(() => 'no failure', (e) => [e.errMsg, e.errno ?? e.errCode])`);

// A button on the page whose click calls `call`, so the call comes from a real tap.
const tapTo = async (call) => {
  await page.evaluate((call) => {
    document.getElementById('tap')?.remove();
    const button = Object.assign(document.createElement('button'), { id: 'tap', textContent: 'tap' });
    button.style.cssText = 'position:fixed;top:0;left:0;z-index:1';
    button.onclick = () => {
      window.tapped = undefined;
      window.pending = (0, eval)(call)().then((r) => { window.tapped = r; }, (e) => { window.tapped = { failed: e.errMsg }; });
    };
    document.body.append(button);
  }, call);
  await page.click('#tap');
};
const tapResult = async () => {
  await page.waitForFunction(() => window.tapped !== undefined);
  return page.evaluate(() => window.tapped);
};

test('requestSubscribeMessage outside a tap fails as WeChat; from a tap the sheet answers per template', async () => {
  page = await env.open();
  await create('ann');
  // Before any click on this page: no user activation.
  assert.deepEqual(await failure('() => rt.wx.requestSubscribeMessage({ tmplIds: ["a"] })'),
    ['requestSubscribeMessage:fail can only be invoked by user TAP gesture.', undefined]);
  await tapTo('() => rt.wx.requestSubscribeMessage({ tmplIds: ["t-a", "t-b"] })');
  await page.waitForSelector('.wxrt-subscribe input[data-tmpl-id="t-b"]');
  await page.uncheck('.wxrt-subscribe input[data-tmpl-id="t-b"]');
  await page.check('.wxrt-subscribe .wxrt-keep');
  await page.click('.wxrt-subscribe button[data-value="true"]');
  assert.deepEqual(await tapResult(), { 't-a': 'accept', 't-b': 'reject', errMsg: 'requestSubscribeMessage:ok' });
  await tapTo('() => rt.wx.requestSubscribeMessage({ tmplIds: ["t-b", "t-c"] })');
  await page.waitForSelector('.wxrt-subscribe input[data-tmpl-id="t-c"]');
  assert.equal(await page.locator('.wxrt-subscribe input[data-tmpl-id]').count(), 1, 'a kept answer is not asked again');
  await page.click('.wxrt-subscribe button[data-value="false"]');
  assert.deepEqual(await tapResult(), { 't-b': 'reject', 't-c': 'reject', errMsg: 'requestSubscribeMessage:ok' });
  assert.deepEqual((await page.evaluate(() => rt.wx.getSetting({ withSubscriptions: true }))).subscriptionsSetting,
    { mainSwitch: true, itemSettings: { 't-a': 'accept', 't-b': 'reject' } });
  // A new runtime of the same user: getSetting alone reads the kept answers.
  assert.deepEqual(await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    const fresh = await createRuntime({ appid: id, user: 'ann', storage: sessionStorage, followVisibility: false });
    return (await fresh.wx.getSetting({ withSubscriptions: true })).subscriptionsSetting;
  }, APPID), { mainSwitch: true, itemSettings: { 't-a': 'accept', 't-b': 'reject' } });
  await page.evaluate(() => rt.phone.set({ tapRule: 'off', subscribe: 'accept' }));
  assert.deepEqual(await page.evaluate(() => rt.wx.requestSubscribeMessage({ tmplIds: ['t-d'] })), { 't-d': 'accept', errMsg: 'requestSubscribeMessage:ok' });
  assert.deepEqual(await failure('() => rt.wx.requestSubscribeMessage({ tmplIds: [] })'), ["requestSubscribeMessage:fail TmplIds can't be empty", 10001]);
  assert.deepEqual(await failure('() => rt.wx.requestSubscribeMessage({ tmplIds: ["1","2","3","4","5","6"] })'),
    ['requestSubscribeMessage:fail Templates count out of max bounds', 20003]);
  assert.deepEqual(await failure('() => rt.wx.requestSubscribeMessage({ tmplIds: [1] })'), ['requestSubscribeMessage:fail Invalid template id', 10004]);
  const called = await page.evaluate(() => new Promise((resolve) => rt.wx.requestSubscribeMessage({ tmplIds: 'x', fail: (e) => resolve([e.errMsg, e.errno]) })));
  assert.deepEqual(called, ['requestSubscribeMessage:fail parameter error: parameter.tmplIds should be Array instead of String;', 1001]);
});

test('requestPayment checks its parameters as WeChat, then the cashier pays, cancels or fails', async () => {
  assert.deepEqual(await failure('() => rt.wx.requestPayment({ timeStamp: 1700000000, package: "prepay_id=1" })'), [
    'requestPayment:fail parameter error: parameter.timeStamp should be String instead of Number;parameter.nonceStr should be String instead of Undefined;parameter.paySign should be String instead of Undefined;',
    1001]);
  const order = { timeStamp: '1700000000', nonceStr: 'n0', package: 'prepay_id=wx42', signType: 'RSA', paySign: 'sig' };
  const paid = page.evaluate((o) => rt.wx.requestPayment(o), order);
  await page.waitForSelector('.wxrt-cashier');
  assert.match(await page.textContent('.wxrt-cashier'), /prepay_id=wx42/);
  await page.click('.wxrt-cashier button[data-value="pay"]');
  assert.deepEqual(await paid, { errMsg: 'requestPayment:ok' });
  const cancelled = page.evaluate((o) => rt.wx.requestPayment(o).catch((e) => e.errMsg), order);
  await page.waitForSelector('.wxrt-cashier');
  await page.click('.wxrt-cashier button[data-value="cancel"]');
  assert.equal(await cancelled, 'requestPayment:fail cancel');
  await page.evaluate(() => rt.phone.set({ payment: 'fail', paymentFailure: '余额不足' }));
  assert.equal(await page.evaluate((o) => rt.wx.requestPayment(o).catch((e) => e.errMsg), order), 'requestPayment:fail 余额不足');
  const records = (await page.evaluate(() => rt.openRecords())).filter((r) => r.api === 'requestPayment');
  assert.deepEqual(records.map((r) => r.outcome), ['pay', 'cancel', 'fail']);
});

test('navigateToMiniProgram and its kin say where they would go; cancel fails, allow is recorded', async () => {
  const going = page.evaluate(() => rt.wx.navigateToMiniProgram({ appId: 'wx0123456789abcdef', path: 'pages/x/x?id=1', extraData: { from: 'a' } }));
  await page.waitForSelector('.wxrt-navigateToMiniProgram');
  assert.match(await page.textContent('.wxrt-navigateToMiniProgram'), /即将打开「wx0123456789abcdef」小程序/);
  await page.click('.wxrt-navigateToMiniProgram button[data-value="true"]');
  assert.deepEqual(await going, { errMsg: 'navigateToMiniProgram:ok' });
  const cancelled = page.evaluate(() => rt.wx.exitMiniProgram().catch((e) => e.errMsg));
  await page.waitForSelector('.wxrt-exitMiniProgram');
  await page.click('.wxrt-exitMiniProgram button[data-value="false"]');
  assert.equal(await cancelled, 'exitMiniProgram:fail cancel');
  assert.deepEqual(await failure('() => rt.wx.navigateToMiniProgram({ path: "a" })'),
    ['navigateToMiniProgram:fail parameter error: parameter.appId should be String instead of Undefined;', 1001]);
  await page.evaluate(() => rt.phone.set({ openDialogs: 'allow' }));
  assert.deepEqual(await page.evaluate(() => rt.wx.openEmbeddedMiniProgram({ appId: 'wxother' })), { errMsg: 'openEmbeddedMiniProgram:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.navigateBackMiniProgram({ extraData: { ok: 1 } })), { errMsg: 'navigateBackMiniProgram:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.openOfficialAccountProfile({ username: 'gh_123' })), { errMsg: 'openOfficialAccountProfile:ok' });
  await page.evaluate(() => rt.phone.set({ openDialogs: 'cancel' }));
  assert.deepEqual(await failure('() => rt.wx.openCustomerServiceChat({ corpId: "ww1", extInfo: { url: "https://work.weixin.qq.com/kfid/x" } })'),
    ['openCustomerServiceChat:fail cancel', undefined]);
  await page.evaluate(() => rt.phone.set({ openDialogs: undefined }));
  const records = await page.evaluate(() => rt.openRecords());
  assert.deepEqual(records.filter((r) => /MiniProgram|Official/.test(r.api)).map(({ at, ...r }) => r), [
    { api: 'navigateToMiniProgram', appId: 'wx0123456789abcdef', path: 'pages/x/x?id=1', extraData: { from: 'a' }, envVersion: 'release' },
    { api: 'openEmbeddedMiniProgram', appId: 'wxother', path: '', extraData: {}, envVersion: 'release' },
    { api: 'navigateBackMiniProgram', extraData: { ok: 1 } },
    { api: 'openOfficialAccountProfile', username: 'gh_123' },
  ]);
});

test('ads fail with 1004 by default; with an ad they load, show and close', async () => {
  await page.evaluate(() => {
    window.adEvents = [];
    window.ad = rt.wx.createRewardedVideoAd({ adUnitId: 'adunit-1' });
    ad.onError((e) => adEvents.push(['error', e.errCode, e.errMsg]));
    ad.onLoad(() => adEvents.push(['load']));
    ad.onClose((r) => adEvents.push(['close', r.isEnded]));
  });
  await page.waitForFunction(() => adEvents.length === 1);
  assert.deepEqual(await page.evaluate(() => adEvents), [['error', 1004, 'no advertisement']]);
  assert.deepEqual(await page.evaluate(() => ad.show().catch((e) => e)), { errMsg: 'no advertisement', errCode: 1004 });
  assert.equal(await page.evaluate(() => rt.wx.createRewardedVideoAd({ adUnitId: 'adunit-1' }) === ad), true, 'one unit per adUnitId');
  await page.evaluate(() => rt.phone.set({ ads: 'fill' }));
  assert.deepEqual(await page.evaluate(() => ad.load()), { errMsg: 'load:ok' });
  await page.evaluate(() => ad.show());
  await page.waitForSelector('.wxrt-ad-layer .wxrt-ad-ended');
  await page.click('.wxrt-ad-layer .wxrt-ad-ended');
  await page.waitForFunction(() => adEvents.some((e) => e[0] === 'close'));
  assert.deepEqual(await page.evaluate(() => adEvents.slice(1, 3)), [['load'], ['close', true]]);
  assert.deepEqual(await failure('() => Promise.resolve().then(() => rt.wx.createInterstitialAd({}))'),
    ['createInterstitialAd:fail parameter error: parameter.adUnitId should be String instead of Undefined;', 1001]);
  await page.evaluate(() => rt.phone.set({ ads: undefined }));
});

test('chooseAddress and chooseInvoiceTitle need their scope, then use the saved one or cancel', async () => {
  await page.evaluate(() => rt.phone.set({ authorize: 'allow' }));
  const chosen = page.evaluate(() => rt.wx.chooseAddress());
  await page.waitForSelector('.wxrt-chooseAddress');
  assert.match(await page.textContent('.wxrt-chooseAddress'), /新港中路397号/);
  await page.click('.wxrt-chooseAddress button[data-value="true"]');
  const address = await chosen;
  assert.equal(address.userName, '张三');
  assert.equal(address.telNumber, '020-81167888');
  assert.equal(address.errMsg, 'chooseAddress:ok');
  await page.evaluate(() => rt.phone.set({ openDialogs: 'cancel' }));
  assert.deepEqual(await failure('() => rt.wx.chooseInvoiceTitle()'), ['chooseInvoiceTitle:fail cancel', undefined]);
  await page.evaluate(() => rt.phone.set({ openDialogs: 'allow', invoiceTitle: { type: '1', title: '李四' } }));
  assert.deepEqual(await page.evaluate(() => rt.wx.chooseInvoiceTitle()), { type: '1', title: '李四', errMsg: 'chooseInvoiceTitle:ok' });
  await page.evaluate(() => rt.setScope('scope.address', false));
  assert.deepEqual(await failure('() => rt.wx.chooseAddress()'), ['chooseAddress:fail auth deny', undefined]);
  const werun = await page.evaluate(() => rt.wx.getWeRunData());
  assert.equal(werun.errMsg, 'getWeRunData:ok');
  assert.match(werun.encryptedData, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(atob(werun.iv).length, 16);
  await page.evaluate(() => rt.phone.set({ openDialogs: undefined, authorize: undefined }));
});

test('the privacy agreement: WeChat popup or the app own listener; refusal fails with errno 104', async () => {
  await create('bob');
  assert.equal((await page.evaluate(() => rt.wx.getPrivacySetting())).needAuthorization, true);
  const refused = page.evaluate(() => rt.wx.requirePrivacyAuthorize().catch((e) => [e.errMsg, e.errno]));
  await page.waitForSelector('.wxrt-privacy');
  assert.match(await page.textContent('.wxrt-privacy'), /隐私保护指引/);
  await page.click('.wxrt-privacy button[data-value="false"]');
  assert.deepEqual(await refused, ['requirePrivacyAuthorize:fail privacy permission is not authorized', 104]);
  await page.evaluate(() => rt.wx.onNeedPrivacyAuthorization((resolve, info) => {
    window.referrer = info.referrer;
    resolve({ event: 'exposureAuthorization' });
    setTimeout(() => resolve({ event: 'agree', buttonId: 'agree' }));
  }));
  assert.deepEqual(await page.evaluate(() => rt.wx.requirePrivacyAuthorize()), { errMsg: 'requirePrivacyAuthorize:ok' });
  assert.equal(await page.evaluate(() => window.referrer), 'requirePrivacyAuthorize');
  assert.equal((await page.evaluate(() => rt.wx.getPrivacySetting())).needAuthorization, false);
});

test('account info, ext.json, analytics, logs, sharing and the rest answer and are recorded', async () => {
  await create('cy', {
    project: {
      files: {
        'app.json': JSON.stringify({ pages: ['pages/a/a'] }),
        'app.js': 'App({})',
        'pages/a/a.js': 'Page({})',
        'ext.json': JSON.stringify({ extEnable: true, extAppid: 'wxext', ext: { shop: 'north' } }),
      },
    },
  });
  assert.deepEqual(await page.evaluate(() => [rt.wx.getAccountInfoSync(), rt.appid]).then(([info, id]) => [info, info.miniProgram.appId === id]),
    [{ miniProgram: { appId: APPID, envVersion: 'develop', version: '' }, plugin: {} }, true]);
  assert.deepEqual(await page.evaluate(() => rt.wx.getExtConfigSync()), { shop: 'north' });
  assert.deepEqual(await page.evaluate(() => rt.wx.getExtConfig()), { extConfig: { shop: 'north' }, errMsg: 'getExtConfig:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.checkIsAddedToMyMiniProgram()), { added: false, errMsg: 'checkIsAddedToMyMiniProgram:ok' });
  await page.evaluate(() => rt.phone.set({ addedToMyMiniProgram: true }));
  assert.equal((await page.evaluate(() => rt.wx.checkIsAddedToMyMiniProgram())).added, true);
  await page.evaluate(() => {
    rt.wx.reportAnalytics('purchase', { price: 120 });
    rt.wx.reportMonitor('1', 3);
    rt.wx.getLogManager().warn('slow', 42);
    rt.wx.getRealtimeLogManager().tag('pay').error('declined');
  });
  assert.deepEqual(await page.evaluate(() => rt.wx.showShareMenu({ withShareTicket: true })), { errMsg: 'showShareMenu:ok' });
  assert.deepEqual(await page.evaluate(() => rt.wx.hideShareMenu({ menus: ['shareTimeline'] })), { errMsg: 'hideShareMenu:ok' });
  const share = await page.evaluate(() => rt.wx.getShareInfo({ shareTicket: 't' }));
  assert.deepEqual(Object.keys(share).sort(), ['cloudID', 'encryptedData', 'errMsg', 'iv']);
  assert.deepEqual(await failure('() => rt.wx.getShareInfo({})'),
    ['getShareInfo:fail parameter error: parameter.shareTicket should be String instead of Undefined;', 1001]);
  const records = (await page.evaluate(() => rt.openRecords())).map(({ at, ...r }) => r);
  assert.deepEqual(records.slice(0, 6), [
    { api: 'reportAnalytics', eventName: 'purchase', data: { price: 120 } },
    { api: 'reportMonitor', name: '1', value: 3 },
    { api: 'getLogManager', level: 'warn', args: ['slow', 42] },
    { api: 'getRealtimeLogManager', level: 'error', args: ['declined'], tag: 'pay', filters: [] },
    { api: 'showShareMenu', shown: true, withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] },
    { api: 'hideShareMenu', menus: ['shareTimeline'] },
  ]);
  await page.evaluate(() => rt.phone.set({ authorize: 'allow', openDialogs: 'allow' }));
  assert.deepEqual(await page.evaluate(() => rt.wx.addPhoneCalendar({ title: '复诊', startTime: 1767225600 })), { errMsg: 'addPhoneCalendar:ok' });
  assert.deepEqual(await failure('() => rt.wx.addPhoneCalendar({ title: "x" })'),
    ['addPhoneCalendar:fail parameter error: parameter.startTime should be Number instead of Undefined;', 1001]);
});

// Under `wxrt serve`: a page of tests/e2e/fixtures/projects/open-app calls getLocation at
// load, requestSubscribeMessage from a tap and from a timer, and has open-type buttons.
let served;
after(async () => {
  await served?.browser.close().catch(() => {});
  await served?.server.close();
});

test('in a served project: located at load, tap-only from a real tap, open-type buttons answer', async () => {
  served = { browser: await launchBrowser(), server: await startServer(path.join(PROJECTS, 'open-app')) };
  const preview = await openPreview({ server: served.server, context: await served.browser.newContext() });
  await preview.waitForSelector('.wxrt-authorize');
  await preview.click('.wxrt-authorize button[data-value="true"]');
  await preview.waitForFunction(() => document.querySelector('.where')?.textContent === '39.906,116.414');
  assert.equal(await preview.textContent('.env'), 'develop');

  await preview.click('.sub');
  await preview.waitForSelector('.wxrt-subscribe input[data-tmpl-id="tpl-1"]');
  await preview.click('.wxrt-subscribe button[data-value="true"]');
  await preview.waitForFunction(() => document.querySelector('.sub-result')?.textContent === 'accept');
  await preview.click('.sub-later');
  await preview.waitForFunction(() => document.querySelector('.sub-result')?.textContent.startsWith('requestSubscribeMessage:fail'));
  assert.equal(await preview.textContent('.sub-result'), 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.');

  await preview.click('.phone');
  await preview.waitForSelector('.wxrt-getPhoneNumber');
  assert.match(await preview.textContent('.wxrt-getPhoneNumber'), /138\*\*\*\*8000/);
  await preview.click('.wxrt-getPhoneNumber button[data-value="false"]');
  await preview.waitForFunction(() => document.querySelector('.phone-result')?.textContent === 'getPhoneNumber:fail user deny');
  await preview.evaluate(() => wxrt.phone.set({ openDialogs: 'allow' }));
  await preview.click('.phone');
  await preview.waitForFunction(() => document.querySelector('.phone-result')?.textContent === 'getPhoneNumber:ok with code');

  assert.equal((await preview.evaluate(() => wx.getPrivacySetting())).needAuthorization, true);
  await preview.click('.agree');
  await preview.waitForFunction(() => document.querySelector('.agreed')?.textContent === 'agreed');
  assert.equal((await preview.evaluate(() => wx.getPrivacySetting())).needAuthorization, false);

  await preview.click('.setting');
  await preview.waitForSelector('.wxrt-settings input[data-scope="scope.userLocation"]');
  await preview.click('.wxrt-settings .wxrt-back');
  await preview.waitForFunction(() => document.querySelector('.setting-result')?.textContent.includes('scope.userLocation'));

  // The workbench's capsule button opens the menu, as a tap on the phone's does.
  await preview.click('#capsule-menu');
  await preview.waitForSelector('.wxrt-capsule-menu button[data-index="1"]');
  assert.deepEqual(await preview.locator('.wxrt-capsule-menu button').allTextContents(), ['发送给朋友', '分享到朋友圈', '设置', '取消']);
  await preview.click('.wxrt-capsule-menu button[data-index="0"]');
  await preview.waitForSelector('.wxrt-share-card');
  assert.match(await preview.textContent('.wxrt-share-card'), /title: shared from menu.*path: \/pages\/index\/index.*imageUrl: \/share\.png/);
  await preview.click('.wxrt-share-card .wxrt-back');
  await preview.waitForSelector('.wxrt-share-card', { state: 'detached' });
  await preview.evaluate(() => wx.hideShareMenu({ menus: ['shareTimeline'] }));
  const none = preview.evaluate(() => wxrt.openCapsuleMenu());
  await preview.waitForSelector('.wxrt-capsule-menu button[data-index="1"]');
  assert.deepEqual(await preview.locator('.wxrt-capsule-menu button').allTextContents(), ['发送给朋友', '设置', '取消']);
  await preview.click('.wxrt-capsule-menu .wxrt-cancel');
  assert.equal(await none, undefined);
});

test('navigateToMiniProgram to an app previewed here opens it with scene 1037 and referrerInfo', async () => {
  const context = await served.browser.newContext();
  const preview = await openPreview({ server: served.server, context });
  const source = await preview.evaluate(() => wxrt.appid);
  await preview.evaluate((url) => wxrt.phone.set({ openDialogs: 'allow', authorize: 'allow', miniPrograms: { wxtargetapp0001: url } }), served.server.url);
  const [target] = await Promise.all([
    context.waitForEvent('page'),
    preview.evaluate(() => wx.navigateToMiniProgram({ appId: 'wxtargetapp0001', path: 'pages/index/index?id=7', extraData: { from: 'a' } })),
  ]);
  await waitLaunched(target);
  const launch = await target.evaluate(() => wx.getLaunchOptionsSync());
  assert.equal(launch.scene, 1037);
  assert.equal(launch.path, 'pages/index/index');
  assert.deepEqual(launch.query, { id: '7' });
  assert.deepEqual(launch.referrerInfo, { appId: source, extraData: { from: 'a' } });
  const [record] = (await preview.evaluate(() => wxrt.openRecords())).filter((r) => r.api === 'navigateToMiniProgram');
  assert.match(record.opened, /scene=1037/);
  await context.close();
});
