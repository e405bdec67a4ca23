// The page frame (www/apis/frame/) under `wxrt serve`: the navigation bar's spinner, the
// built-in tab bar's badges, red dots, items (icons drawn), style and visibility, with
// `not TabBar page` on other pages and index checks; action sheets (six items at most,
// cancel); the alert before the user leaves a page; the home button; fonts; and, with the
// npm package alone (no project), the same calls answering and keeping their state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECTS, ROOT, appid, launchBrowser, openPreview, startServer, useBrowser } from './harness.mjs';

const env = useBrowser();
let browser;
let server;
let preview;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(path.join(PROJECTS, 'frame-device-app'));
});
after(async () => {
  await browser?.close().catch(() => {});
  await server?.close();
});

const open = async (search = '') => {
  const page = await openPreview({ server, context: await browser.newContext() }, search);
  assert.equal(page.startError, undefined);
  return page;
};
const errMsg = (page, call) => page.evaluate(`(${call})().then(() => 'ok', (e) => e.errMsg)`);
const route = (page) => page.evaluate(() => wxrt.getCurrentPages().at(-1).route);

test('the nav bar spinner shows and hides', async () => {
  preview = await open();
  assert.deepEqual(await preview.evaluate(() => wx.showNavigationBarLoading()), { errMsg: 'showNavigationBarLoading:ok' });
  await preview.waitForSelector('#nav-loading', { state: 'visible' });
  assert.equal((await preview.evaluate(() => wxrt.frame())).window.navigationBarLoading, true);
  await preview.evaluate(() => wx.hideNavigationBarLoading());
  await preview.waitForSelector('#nav-loading', { state: 'hidden' });
});

test('the tab bar draws its icons, and badges, red dots and items change it', async () => {
  await preview.waitForFunction(() => document.querySelector('#tab-bar button[aria-current="page"] img')?.getAttribute('src') === '/icons/home-on.png');
  await preview.waitForFunction(() => document.querySelectorAll('#tab-bar img')[1]?.naturalWidth === 8);
  await preview.evaluate(() => wx.setTabBarBadge({ index: 0, text: '12345' }));
  await preview.waitForFunction(() => document.querySelector('#tab-bar button:nth-child(1) .wb-tab-badge')?.textContent === '...');
  await preview.evaluate(() => wx.setTabBarBadge({ index: 1, text: '新' }));
  await preview.waitForFunction(() => document.querySelector('#tab-bar button:nth-child(2) .wb-tab-badge')?.textContent === '新');
  await preview.evaluate(() => wx.showTabBarRedDot({ index: 1 }));
  await preview.waitForSelector('#tab-bar button:nth-child(2) .wb-tab-dot');
  assert.equal(await preview.locator('#tab-bar button:nth-child(2) .wb-tab-badge').count(), 0, 'a red dot replaces the badge');
  await preview.evaluate(() => wx.hideTabBarRedDot({ index: 1 }));
  await preview.waitForSelector('#tab-bar .wb-tab-dot', { state: 'detached' });
  await preview.evaluate(() => wx.removeTabBarBadge({ index: 0 }));
  await preview.waitForSelector('#tab-bar .wb-tab-badge', { state: 'detached' });

  await preview.evaluate(() => wx.setTabBarItem({ index: 1, text: 'Me', iconPath: 'icons/mine-new.png' }));
  await preview.waitForFunction(() => document.querySelector('#tab-bar button:nth-child(2)')?.textContent === 'Me'
    && document.querySelector('#tab-bar button:nth-child(2) img')?.getAttribute('src') === '/icons/mine-new.png');
  await preview.evaluate(() => wx.setTabBarStyle({ color: '#111111', selectedColor: '#ff0000', backgroundColor: '#000000', borderStyle: 'white' }));
  await preview.waitForFunction(() => getComputedStyle(document.querySelector('#tab-bar button[aria-current="page"]')).color === 'rgb(255, 0, 0)');
  const { tabBar } = await preview.evaluate(() => wxrt.frame());
  assert.deepEqual(tabBar.items[1], { pagePath: 'pages/mine/mine', text: 'Me', iconPath: 'icons/mine-new.png', selectedIconPath: '', badge: null, redDot: false });
  assert.equal(tabBar.backgroundColor, '#000000');
});

test('bad tab bar calls fail as WeChat: index, colour, parameter types', async () => {
  assert.equal(await errMsg(preview, () => wx.setTabBarBadge({ index: 2, text: '1' })), 'setTabBarBadge:fail tabbar item not found');
  assert.equal(await errMsg(preview, () => wx.showTabBarRedDot({ index: -1 })), 'showTabBarRedDot:fail tabbar item not found');
  assert.equal(await errMsg(preview, () => wx.setTabBarItem({ index: 9, text: 'x' })), 'setTabBarItem:fail tabbar item not found');
  assert.match(await errMsg(preview, () => wx.setTabBarStyle({ color: 'red' })), /^setTabBarStyle:fail /);
  assert.match(await errMsg(preview, () => wx.setTabBarStyle({ borderStyle: 'grey' })), /^setTabBarStyle:fail /);
  assert.deepEqual(await preview.evaluate(() => wx.setTabBarBadge({ index: 0, text: 5 }).catch((e) => [e.errMsg, e.errno])),
    ['setTabBarBadge:fail parameter error: parameter.text should be String instead of Number;', 1001]);
  assert.equal((await preview.evaluate(() => wxrt.frame())).tabBar.color, '#111111', 'a refused style changed nothing');
});

test('hideTabBar gives the page the room, with or without animation; showTabBar brings it back', async () => {
  const height = () => preview.evaluate(() => wx.getSystemInfoSync().windowHeight);
  const before = await height();
  await preview.evaluate(() => wx.hideTabBar({ animation: true }));
  await preview.waitForSelector('#tab-bar[data-state="hidden"]');
  assert.ok(await height() > before, 'the window grows by the tab bar');
  await preview.evaluate(() => wx.showTabBar());
  await preview.waitForSelector('#tab-bar[data-state="shown"]');
  assert.equal(await height(), before);
});

test('on a page that is not a tab, every tab bar API fails with not TabBar page', async () => {
  await preview.evaluate(() => wx.navigateTo({ url: '/pages/detail/detail' }));
  await preview.waitForFunction(() => wxrt.getCurrentPages().at(-1)?.route === 'pages/detail/detail');
  const calls = {
    setTabBarBadge: { index: 0, text: '1' },
    removeTabBarBadge: { index: 0 },
    showTabBarRedDot: { index: 0 },
    hideTabBarRedDot: { index: 0 },
    setTabBarStyle: { color: '#000000' },
    setTabBarItem: { index: 0, text: 'x' },
    showTabBar: {},
    hideTabBar: {},
  };
  const results = await preview.evaluate((calls) => Promise.all(Object.entries(calls)
    .map(([name, options]) => wx[name](options).then(() => 'ok', (e) => e.errMsg))), calls);
  assert.deepEqual(results, Object.keys(calls).map((name) => `${name}:fail not TabBar page`));
});

test('the alert before unload asks when the user goes back: stay, then leave', async () => {
  await preview.evaluate(() => wx.enableAlertBeforeUnload({ message: '还没保存，确定离开？' }));
  await preview.click('#nav-back');
  await preview.waitForSelector('.wxrt-unload-alert');
  assert.match(await preview.textContent('.wxrt-unload-alert'), /还没保存/);
  await preview.click('.wxrt-unload-alert button[data-value="false"]');
  await preview.waitForSelector('.wxrt-unload-alert', { state: 'detached' });
  assert.equal(await route(preview), 'pages/detail/detail', 'the user stayed');
  await preview.click('#nav-back');
  await preview.click('.wxrt-unload-alert button[data-value="true"]');
  await preview.waitForFunction(() => wxrt.getCurrentPages().length === 1);
  assert.equal(await route(preview), 'pages/home/home');

  await preview.evaluate(() => wx.navigateTo({ url: '/pages/detail/detail' }));
  await preview.waitForFunction(() => wxrt.getCurrentPages().length === 2);
  await preview.evaluate(() => wx.enableAlertBeforeUnload({ message: 'sure?' }));
  await preview.evaluate(() => wx.disableAlertBeforeUnload());
  await preview.click('#nav-back');
  await preview.waitForFunction(() => wxrt.getCurrentPages().length === 1);
  assert.equal(await preview.locator('.wxrt-unload-alert').count(), 0, 'no alert once disabled');
  assert.match(await errMsg(preview, () => wx.enableAlertBeforeUnload({})), /^enableAlertBeforeUnload:fail parameter error: parameter\.message should be String/);
});

test('action sheets: a tap answers its index, cancel and the mask fail with cancel, seven items fail', async () => {
  const sheet = preview.evaluate(() => wx.showActionSheet({ itemList: ['拍照', '相册'], itemColor: '#ff0000', alertText: '选择来源' }));
  await preview.waitForSelector('.wxrt-action-sheet');
  assert.match(await preview.textContent('.wxrt-action-sheet'), /选择来源/);
  assert.equal(await preview.$eval('.wxrt-action-sheet button[data-index="1"]', (b) => getComputedStyle(b).color), 'rgb(255, 0, 0)');
  await preview.click('.wxrt-action-sheet button[data-index="1"]');
  assert.deepEqual(await sheet, { tapIndex: 1, errMsg: 'showActionSheet:ok' });

  const cancelled = preview.evaluate(() => new Promise((resolve) => wx.showActionSheet({ itemList: ['a'], fail: (e) => resolve(e.errMsg) })));
  await preview.click('.wxrt-action-sheet .wxrt-cancel');
  assert.equal(await cancelled, 'showActionSheet:fail cancel');
  const masked = preview.evaluate(() => wx.showActionSheet({ itemList: ['a'] }).catch((e) => e.errMsg));
  await preview.waitForSelector('.wxrt-action-sheet');
  await preview.mouse.click(10, 10);
  assert.equal(await masked, 'showActionSheet:fail cancel');
  assert.match(await errMsg(preview, () => wx.showActionSheet({ itemList: ['1', '2', '3', '4', '5', '6', '7'] })), /^showActionSheet:fail parameter error: itemList should not be large than 6/);
  assert.equal(await preview.locator('.wxrt-action-sheet').count(), 0, 'no sheet for seven items');
  assert.match(await errMsg(preview, () => wx.showActionSheet({})), /^showActionSheet:fail parameter error: parameter\.itemList should be Array instead of Undefined;/);
});

test('window background, text style, debug switch and fonts', async () => {
  await preview.evaluate(() => wx.setBackgroundColor({ backgroundColor: '#eeeeee', backgroundColorTop: '#ffffff' }));
  await preview.evaluate(() => wx.setBackgroundTextStyle({ textStyle: 'light' }));
  assert.match(await errMsg(preview, () => wx.setBackgroundTextStyle({ textStyle: 'grey' })), /^setBackgroundTextStyle:fail /);
  await preview.evaluate(() => wx.setEnableDebug({ enableDebug: true }));
  const state = await preview.evaluate(() => wxrt.frame());
  assert.deepEqual([state.window.backgroundColor, state.window.backgroundColorTop, state.window.backgroundTextStyle, state.enableDebug],
    ['#eeeeee', '#ffffff', 'light', true]);

  const font = `data:font/ttf;base64,${readFileSync(path.join(ROOT, 'node_modules/playwright-core/lib/vite/recorder/assets/codicon-DCmgc-ay.ttf')).toString('base64')}`;
  assert.deepEqual(await preview.evaluate((source) => wx.loadFontFace({ family: 'Codicon', source: `url("${source}")`, global: true }), font),
    { status: 'loaded', errMsg: 'loadFontFace:ok' });
  assert.equal(await preview.evaluate(() => document.fonts.check('12px Codicon')), true);
  assert.deepEqual(await preview.evaluate(() => wx.loadFontFace({ family: 'Nope', source: 'url("/no-such-font.ttf")' }).catch((e) => [e.errMsg.split(' ')[0], e.status])),
    ['loadFontFace:fail', 'error']);
});

test('a first page that is not the home page shows a home button, until hideHomeButton', async () => {
  const page = await open('?path=pages/detail/detail');
  await page.waitForSelector('#nav-home', { state: 'visible' });
  await page.evaluate(() => wx.hideHomeButton());
  await page.waitForSelector('#nav-home', { state: 'hidden' });
  await page.close();
});

test('the npm package alone (no project): the calls answer and keep their state', async () => {
  const page = await env.open();
  await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    window.rt = await createRuntime({ appid: id, storage: sessionStorage });
  }, appid('frame-alone'));
  assert.deepEqual(await page.evaluate(() => rt.wx.showNavigationBarLoading()), { errMsg: 'showNavigationBarLoading:ok' });
  assert.equal((await page.evaluate(() => rt.frame())).window.navigationBarLoading, true);
  assert.equal(await page.evaluate(() => rt.wx.setTabBarBadge({ index: 0, text: '1' }).catch((e) => e.errMsg)), 'setTabBarBadge:fail not TabBar page');
  assert.equal((await page.evaluate(() => rt.frame())).tabBar, null);
});
