// The preview as a workbench, driven as a developer drives it: through its panels, with
// the keyboard and the mouse, in headless Chromium. Each panel is checked against what the
// app itself sees (storage it reads, the launch options onLaunch gets, its update
// listeners), and live reload against files edited on disk. Screenshots of each panel go to
// SCREENSHOTS (`npm run screenshots` copies them to docs/screenshots/ for the README).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, SCREENSHOTS, developerServer, eventually, launchBrowser, openPreview, startServer, textOf, until, waitLaunched } from './harness.mjs';

const FIXTURE = path.join(FIXTURES, 'projects/workbench-app');
const VIEWPORT = { width: 1280, height: 800 };

let work;
let project;
let developer;
let server;
let browser;

before(async () => {
  // A copy: the live reload test edits the project's files.
  work = mkdtempSync(path.join(tmpdir(), 'wxrt-workbench-'));
  project = path.join(work, 'workbench-app');
  cpSync(FIXTURE, project, { recursive: true });
  developer = developerServer();
  const base = await developer.listen();
  server = await startServer(project, {
    args: ['--app-secret', 'workbench-secret', '--state-dir', path.join(work, 'state'), '--prefetch-url', `${base}/prefetch`],
  });
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  developer?.close();
  rmSync(work, { recursive: true, force: true });
});

async function open(search = '') {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await openPreview({ server, context }, search);
  assert.equal(page.startError, undefined);
  return page;
}

const shot = (page, name) => page.screenshot({ path: path.join(SCREENSHOTS, `workbench-${name}.png`) });
const appData = (page) => page.evaluate(() => wxrt.getApp()?.globalData);
// The shown page's text under `selector`, once it matches `expected`.
const text = (page, selector, expected) => textOf(page, `#page wx-page:not([hidden]) ${selector}`, expected);

/** Waits for the preview to load again after an action that reloads it. */
async function reloaded(page, action) {
  await Promise.all([page.waitForEvent('load'), action()]);
  await waitLaunched(page);
}

test('Storage: lists keys live with type and size, edits typed values the app then reads, deletes and clears', async () => {
  const page = await open('?user=alice');
  await page.click('#tab-storage');
  await text(page, '#greeting', '(no greeting)');

  // A write of the app's shows up without asking.
  await page.evaluate(() => wx.setStorageSync('visits', 3));
  await textOf(page, '#storage-rows tr[data-key="visits"]', /visits\s*number\s*7 B\s*3/);

  await page.click('#storage-add');
  await page.fill('#storage-key', 'greeting');
  await page.selectOption('#storage-type', 'string');
  await page.fill('#storage-value', 'hello from the panel');
  await page.click('#storage-editor button[type="submit"]');
  await page.waitForSelector('#storage-rows tr[data-key="greeting"]');

  // The app reads it when it next shows.
  await page.click('#tab-launch');
  await page.click('#life-background');
  await page.click('#life-foreground');
  await page.waitForFunction(() => document.querySelector('#page wx-page:not([hidden]) #greeting')?.textContent === 'hello from the panel');

  // Each type of the editor stores the value as that type.
  await page.click('#tab-storage');
  const typed = async (key, type, value) => {
    await page.click('#storage-add');
    await page.fill('#storage-key', key);
    await page.selectOption('#storage-type', type);
    await page.fill('#storage-value', value);
    await page.click('#storage-editor button[type="submit"]');
    await page.waitForSelector(`#storage-rows tr[data-key="${key}"]`);
  };
  await typed('n', 'number', '42.5');
  await typed('b', 'boolean', 'false');
  await typed('j', 'json', '{"list": [1, "two"], "none": null}');
  await typed('d', 'date', '2026-01-02T03:04:05.000Z');
  const stored = await page.evaluate(() => {
    const d = wx.getStorageSync('d');
    return { n: wx.getStorageSync('n'), b: wx.getStorageSync('b'), j: wx.getStorageSync('j'), date: d instanceof Date && d.toISOString() };
  });
  assert.deepEqual(stored, { n: 42.5, b: false, j: { list: [1, 'two'], none: null }, date: '2026-01-02T03:04:05.000Z' });
  await textOf(page, '#storage-rows tr[data-key="d"]', /date/);

  // A value that is not of its type is refused in the editor; nothing is written.
  await page.click('#storage-add');
  await page.fill('#storage-key', 'bad');
  await page.selectOption('#storage-type', 'number');
  await page.fill('#storage-value', 'twelve');
  await page.click('#storage-editor button[type="submit"]');
  await textOf(page, '#storage-error', /"twelve" is not a number/);
  assert.equal(await page.$('#storage-rows tr[data-key="bad"]'), null);
  // A key WeChat refuses is refused with WeChat's errMsg.
  await page.fill('#storage-key', '');
  await page.evaluate(() => { document.getElementById('storage-key').required = false; });
  await page.selectOption('#storage-type', 'string');
  await page.click('#storage-editor button[type="submit"]');
  await textOf(page, '#storage-error', /^setStorageSync:fail/);
  await page.click('#storage-cancel');

  // Editing an existing value keeps its key and type.
  await page.click('#storage-rows tr[data-key="n"] button:text("Edit")');
  await eventually(async () => assert.equal(await page.inputValue('#storage-type'), 'number'), { what: 'the editor to show the type' });
  await page.fill('#storage-value', '7');
  await page.click('#storage-editor button[type="submit"]');
  await page.waitForFunction(() => wx.getStorageSync('n') === 7);

  await textOf(page, '#storage-totals', /^6 keys · 1 KB of 10240 KB$/);
  await eventually(async () => assert.equal(await page.getAttribute('#storage-meter', 'max'), '10240'), { what: 'the storage meter' });
  await shot(page, 'storage');

  await page.click('#storage-rows tr[data-key="visits"] button:text("Delete")');
  await page.waitForSelector('#storage-rows tr[data-key="visits"]', { state: 'detached' });
  assert.equal(await page.evaluate(() => wx.getStorageInfoSync().keys.includes('visits')), false);
  await page.click('#storage-clear');
  await page.waitForSelector('#storage-empty:not([hidden])');
  assert.deepEqual(await page.evaluate(() => wx.getStorageInfoSync().keys), []);
  await page.context().close();
});

test('Users: switching user restarts with separate storage and openid; flags and login codes at the stand-in', async () => {
  const page = await open('?user=carol');
  await page.evaluate(() => wx.setStorageSync('greeting', 'carol was here'));
  await page.click('#tab-users');
  // The app's wx.login at launch issued a code.
  await textOf(page, '#code-rows', /valid|used/);
  const carolCode = await until(page, () => wxrt.getApp()?.globalData.code, null, { what: "the code of the app's wx.login" });

  await page.fill('#user-name', 'dave');
  await reloaded(page, () => page.click('#user-switch button[type="submit"]'));
  assert.equal(new URL(page.url()).searchParams.get('user'), 'dave');
  assert.equal(await page.evaluate(() => wxrt.user), 'dave');
  // Dave does not see carol's storage.
  await text(page, '#greeting', '(no greeting)');
  // The tab stays where it was across the reload.
  await eventually(async () => assert.equal(await page.getAttribute('#tab-users', 'aria-selected'), 'true'), { what: 'the users tab to stay selected' });

  await page.check('#user-tester');
  await page.waitForFunction(async () => (await wxrt.markUser({})).tester === true);
  const exchange = async (code) => (await fetch(`${server.url}sns/jscode2session?${new URLSearchParams({ appid: 'wxe2e0workbench1', secret: 'workbench-secret', js_code: code, grant_type: 'authorization_code' })}`)).json();
  // A blocked user's codes are refused at the exchange, as WeChat refuses them (40226).
  await page.check('#user-blocked');
  await page.waitForFunction(async () => (await wxrt.markUser({})).blocked === true);
  const blockedCode = await page.evaluate(() => wx.login().then((r) => r.code));
  assert.equal((await exchange(blockedCode)).errcode, 40226);
  await page.uncheck('#user-blocked');
  await page.waitForFunction(async () => (await wxrt.markUser({})).blocked === false);

  // Each user's code exchanges for their own openid.
  const daveCode = await page.evaluate(() => wx.login().then((r) => r.code));
  const [carol, dave] = [(await exchange(carolCode)).openid, (await exchange(daveCode)).openid];
  assert.ok(carol && dave && carol !== dave, `${carol} / ${dave}`);
  await until(page, () => [...document.querySelectorAll('#code-rows td')].some((td) => td.textContent === 'used'), null, { what: 'an exchanged code shown as used' });
  await textOf(page, '#session-line', /key age \d+ s/);
  await shot(page, 'users');
  await page.context().close();
});

test('Launch: relaunch with a page, query, named scene and referrer; background destruction cold-starts again', async () => {
  const page = await open('?user=erin');
  await page.click('#tab-launch');
  await eventually(async () => assert.ok((await page.$$('#launch-scene option')).length >= 20, 'named scene values are listed'));
  await page.selectOption('#launch-path', 'pages/other/other');
  await page.fill('#launch-query', 'id=3');
  await page.selectOption('#launch-scene', '1037');
  await page.fill('#launch-referrer', 'wxreferrer0001');
  await page.fill('#launch-extra', '{"from": "ad"}');
  await reloaded(page, () => page.click('#launch-form button[type="submit"]'));
  const [launch] = (await appData(page)).launches;
  assert.equal(launch.path, 'pages/other/other');
  assert.deepEqual(launch.query, { id: '3' });
  assert.equal(launch.scene, 1037);
  assert.deepEqual(launch.referrerInfo, { appId: 'wxreferrer0001', extraData: { from: 'ad' } });
  await text(page, '#other-query', '3');
  await eventually(async () => assert.equal(await page.inputValue('#launch-scene'), '1037', 'the form shows the launch it made'));

  await page.click('#life-destroy');
  await page.waitForFunction(() => wxrt.appState() === 'destroyed');
  await textOf(page, '#app-gone', /Destroyed/);
  await page.click('#life-foreground');
  await page.waitForFunction(() => wxrt.hooks().filter((h) => h.hook === 'onLaunch').length === 2);
  assert.equal((await appData(page)).launches.length, 1, 'a new App instance after destruction');
  await page.click('#life-memory');
  await page.waitForFunction(() => [...document.querySelectorAll('#hook-list li')].some((li) => li.textContent.startsWith('App.onMemoryWarning({"level":10})')));
  const hooks = await page.$$eval('#hook-list li', (items) => items.map((li) => li.textContent));
  assert.ok(hooks.filter((h) => h.startsWith('App.onLaunch(')).length === 2, hooks.join('\n'));
  assert.ok(hooks.some((h) => h.startsWith('App.onHide(')), hooks.join('\n'));
  await shot(page, 'launch');
  await page.context().close();
});

test('Prefetch: "Prefetch now" shows every parameter sent and the answer', async () => {
  const page = await open('?user=frank&scene=1011');
  await page.click('#tab-prefetch');
  const before = developer.requests.length;
  await page.click('#fetch-pre');
  await page.waitForFunction((n) => document.querySelector('#fetch-last-pre')?.textContent.includes(`"n":${n + 1}`), before);
  const sent = developer.requests.at(-1).params;
  assert.ok(developer.requests.length > before);
  const shown = Object.fromEntries(await page.$$eval('#fetch-last-pre tr', (rows) => rows.map((row) => [row.cells[0].textContent, row.cells[1].textContent])));
  assert.deepEqual(shown, sent, 'the panel shows exactly what the developer server received');
  assert.equal(shown.scene, '1011');
  assert.equal(shown.appid, 'wxe2e0workbench1');
  assert.match(await page.textContent('#fetch-last-pre'), /status 200/);
  await shot(page, 'prefetch');
  await page.context().close();
});

test('Update: a new version ready on the next cold start reaches onUpdateReady; applyUpdate restarts', async () => {
  const page = await open('?user=gina');
  await page.click('#tab-update');
  await page.click('#update-apply');
  await textOf(page, '#update-error', /^applyUpdate:fail update is not ready/);
  await page.click('#update-ready');
  await textOf(page, '#update-status', /Next cold start: a new version, ready/);
  await page.click('#update-restart');
  await page.waitForFunction(() => wxrt.getApp()?.globalData.updates.includes('ready'));
  assert.deepEqual((await appData(page)).updates, ['check:true', 'ready']);
  await textOf(page, '#update-status', /Last check: update, ready/);
  const launches = await page.evaluate(() => wxrt.hooks().filter((h) => h.hook === 'onLaunch').length);
  await page.click('#update-apply');
  await page.waitForFunction((n) => wxrt.hooks().filter((h) => h.hook === 'onLaunch').length === n + 1, launches);

  await page.click('#update-failed');
  await page.click('#update-restart');
  await page.waitForFunction(() => wxrt.getApp()?.globalData.updates.includes('failed'));
  await shot(page, 'update');
  await page.context().close();
});

test('Calls and data: wx calls with arguments, errMsg and duration, filterable; the page stack as a tree', async () => {
  const page = await open('?user=hana');
  await page.click('#tab-calls');
  await page.evaluate(async () => {
    wx.setStorageSync('k', { deep: [1, 2] });
    await wx.getStorage({ key: 'missing' }).catch(() => {});
    await wx.navigateTo({ url: '/pages/other/other?from=calls' });
  });
  await page.waitForSelector('#call-rows tr[data-name="getStorage"].fail');
  const failed = await page.textContent('#call-rows tr[data-name="getStorage"]');
  assert.match(failed, /getStorage:fail data not found/);
  assert.match(failed, /\{"key":"missing"\}/);
  assert.ok((await page.evaluate(() => wxrt.calls().find((c) => c.name === 'login'))).durationMs >= 0);

  await page.fill('#calls-filter', 'Storage');
  await eventually(async () => {
    const names = await page.$$eval('#call-rows tr', (rows) => rows.map((row) => row.dataset.name));
    assert.ok(names.length >= 2 && names.every((name) => /Storage/.test(name)), names.join());
  }, { what: 'the calls filtered by name' });
  await page.fill('#calls-filter', ':fail');
  await eventually(async () => {
    const classes = await page.$$eval('#call-rows tr', (rows) => rows.map((row) => row.className));
    assert.ok(classes.length >= 1 && classes.every((c) => c === 'fail'), classes.join());
  }, { what: 'the calls filtered to failures' });
  await page.fill('#calls-filter', '');

  // Both pages of the stack, each page's data folded until opened.
  await until(page, () => document.querySelectorAll('#page-tree > details').length === 2, null, { what: 'both pages in the tree' });
  const roots = await page.$$eval('#page-tree > details > summary', (items) => items.map((s) => s.textContent));
  assert.deepEqual(roots.map((r) => r.split(' ')[0]), ['pages/index/index', 'pages/other/other?from=calls']);
  await page.click('#page-tree > details:first-child > summary');
  await page.click('#page-tree > details:first-child details > summary:has-text("profile")');
  await textOf(page, '#page-tree > details:first-child', /name: "Ada"/);
  // Open nodes stay open as the data changes.
  await page.evaluate(() => wxrt.getCurrentPages()[0].setData({ 'profile.name': 'Grace' }));
  await until(page, () => document.querySelector('#page-tree > details:first-child')?.textContent.includes('"Grace"'), null, { what: 'the open node to show the new data' });
  await shot(page, 'calls');
  await page.context().close();
});

test('The frame is drawn once a frame, not once a setData: fifty calls in a burst redraw the title once', async () => {
  const page = await open('?user=burst');
  const { redraws, title } = await page.evaluate(async () => {
    const title = document.getElementById('nav-title');
    let redraws = 0;
    // Each draw sets the title's text, which replaces its text node: one record a draw.
    const observer = new MutationObserver((records) => { redraws += records.length; });
    observer.observe(title, { childList: true });
    const [top] = wxrt.getCurrentPages();
    for (let i = 0; i < 50; i += 1) top.setData({ burst: i });
    // The frame's draw was asked for first, so it runs before this in the next frame (and
    // anything notified meanwhile joins that one draw).
    await new Promise((resolve) => requestAnimationFrame(resolve));
    observer.disconnect();
    return { redraws, title: title.textContent };
  });
  assert.equal(redraws, 1, `the title was redrawn ${redraws} times for one burst`);
  assert.notEqual(title, '');
  await page.context().close();
});

test('Nothing is painted while the app starts: the workbench shows with the first page', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // How the workbench stood when the preview handed out its runtime (the app launching).
  await context.addInitScript(() => {
    let runtime;
    Object.defineProperty(globalThis, 'wxrt', {
      configurable: true,
      get: () => runtime,
      set(value) {
        runtime = value;
        globalThis.visibilityWhileStarting = getComputedStyle(document.body).visibility;
      },
    });
  });
  const page = await openPreview({ server, context }, '?user=starting');
  assert.equal(page.startError, undefined);
  assert.equal(await page.evaluate(() => globalThis.visibilityWhileStarting), 'hidden');
  await page.waitForFunction(() => getComputedStyle(document.body).visibility === 'visible');
  await page.waitForSelector('#page wx-page:not([hidden])', { state: 'visible' });
  await page.waitForSelector('#tabs', { state: 'visible' });
  await context.close();
});

test('Errors: a script error shows in the overlay with file, line and column in the project', async () => {
  const page = await open('?user=ivan');
  await page.click('#page wx-page:not([hidden]) #boom');
  await page.waitForSelector('#problems:not([hidden])');
  const source = readFileSync(path.join(project, 'pages/index/index.js'), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes("throw new Error('boom")) + 1;
  // V8 places an error where it is constructed.
  const column = source[line - 1].indexOf('new Error') + 1;
  const shown = await textOf(page, '#problem-list', /boom from the page/);
  assert.ok(shown.includes(`pages/index/index.js:${line}:${column}`), shown);
  assert.match(shown, /at .*explode \(pages\/index\/index\.js:\d+:\d+\)\s*at .*boom \(pages\/index\/index\.js:\d+:\d+\)/);
  assert.doesNotMatch(shown, /__wxrt|wxrt-preview/, 'only the project\'s frames');
  await page.waitForSelector('#errors-badge', { state: 'visible' });
  await shot(page, 'errors');
  await page.keyboard.press('Escape');
  await page.waitForSelector('#problems', { state: 'hidden' });
  await page.context().close();
});

test('The keyboard moves between tabs; a chosen screen size resizes the phone and what the app measures', async () => {
  const page = await open('?user=judy');
  // Which tab has the focus and is selected, and which panels show.
  const tabs = () => page.evaluate(() => ({
    focused: document.activeElement.id,
    selected: [...document.querySelectorAll('[role="tab"][aria-selected="true"]')].map((tab) => tab.id),
    shown: [...document.querySelectorAll('[role="tabpanel"]')].filter((panel) => panel.checkVisibility()).map((panel) => panel.id),
  }));
  const tabsAre = (expected, what) => eventually(async () => assert.deepEqual(await tabs(), expected, what), { what });
  await page.focus('#tab-storage');
  await page.keyboard.press('ArrowRight');
  await tabsAre({ focused: 'tab-launch', selected: ['tab-launch'], shown: ['panel-launch'] }, 'ArrowRight to the next tab');
  await page.keyboard.press('End');
  await tabsAre({ focused: 'tab-phone', selected: ['tab-phone'], shown: ['panel-phone'] }, 'End to the last tab');
  await page.keyboard.press('ArrowRight');
  await tabsAre({ focused: 'tab-storage', selected: ['tab-storage'], shown: ['panel-storage'] }, 'ArrowRight wraps around');
  // Panels are reachable by Tab from their tab.
  await page.keyboard.press('Tab');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'panel-storage'), { what: 'Tab into the panel' });

  assert.equal(await page.evaluate(() => wx.getSystemInfoSync().windowWidth), 375);
  // The running app is resized (onResize), not restarted.
  await page.selectOption('#device', 'iphone-14');
  await until(page, () => wxrt.hooks().some((entry) => entry.hook === 'onResize'), undefined, { what: 'the page to hear onResize' });
  assert.equal(await page.evaluate(() => wx.getSystemInfoSync().screenWidth), 390);
  assert.equal(await page.evaluate(() => wx.getSystemInfoSync().screenHeight), 844);
  await eventually(async () => {
    const box = await page.locator('#phone').boundingBox();
    assert.deepEqual([box.width, box.height], [390, 844]);
  }, { what: 'the phone at the chosen size' });
  // 750 rpx are the new width: the card's 32 rpx padding is 390 / 750 * 32 px.
  await eventually(async () => {
    const padding = await page.evaluate(() => getComputedStyle(document.querySelector('#page wx-page:not([hidden]) wx-view')).paddingLeft);
    assert.equal(padding, `${(390 / 750) * 32}px`);
  }, { what: 'rpx at the new width' });
  await page.context().close();
});

test('Live reload: an edited file cold-starts the app, storage and panels kept; compile errors show while the last good version runs', async () => {
  const page = await open('?user=kim');
  await page.evaluate(() => wx.setStorageSync('greeting', 'kept across reloads'));
  await page.click('#tab-calls');
  await textOf(page, '#reload-status', 'live reload on');
  const file = (name) => path.join(project, name);
  const wxml = readFileSync(file('pages/index/index.wxml'), 'utf8');
  const script = readFileSync(file('pages/index/index.js'), 'utf8');

  await reloaded(page, () => writeFileSync(file('pages/index/index.wxml'), wxml.replace('v1', 'v2')));
  await text(page, '#version', 'v2');
  // Storage is kept.
  await text(page, '#greeting', 'kept across reloads');
  await eventually(async () => assert.equal(await page.getAttribute('#tab-calls', 'aria-selected'), 'true', 'the panel state is kept'));
  await eventually(async () => assert.match(server.output(), /wxrt reload: pages\/index\/index\.wxml \(compiled in \d+ ms\)/), { what: 'the server to log the reload' });
  // An edit is not a release: the update check at the reload finds nothing new.
  await until(page, () => wxrt.updateStatus().lastCheck, null, { what: 'the update check at the reload' });
  assert.deepEqual((await appData(page)).updates, ['check:false']);

  // A WXML error: shown with its place; the running version is not replaced.
  await page.evaluate(() => { window.lastGoodVersion = true; });
  writeFileSync(file('pages/index/index.wxml'), wxml.replace('v1', 'v3').replace('</view>', '<view>'));
  await page.waitForSelector('#problems:not([hidden])');
  await textOf(page, '#problem-list', /pages\/index\/index\.wxml:\d+:\d+/);
  await textOf(page, '#reload-status', /compile error/);
  assert.equal(await page.evaluate(() => window.lastGoodVersion), true);
  await text(page, '#version', 'v2');
  await eventually(async () => assert.match(server.output(), /wxrt compile error: pages\/index\/index\.wxml:\d+:\d+: /), { what: 'the server to log the compile error' });
  await shot(page, 'live-reload-error');

  // Fixing the WXML while a script does not parse still keeps the last good version.
  writeFileSync(file('pages/index/index.js'), script.replace('boom() {', 'boom() {{'));
  writeFileSync(file('pages/index/index.wxml'), wxml.replace('v1', 'v3'));
  await textOf(page, '#problem-list', /pages\/index\/index\.js:\d+:\d+/);
  assert.equal(await page.evaluate(() => window.lastGoodVersion), true);

  await reloaded(page, () => writeFileSync(file('pages/index/index.js'), script));
  assert.equal(await page.evaluate(() => window.lastGoodVersion), undefined, 'a new page');
  await text(page, '#version', 'v3');
  await page.waitForSelector('#problems', { state: 'hidden' });
  assert.deepEqual(await page.evaluate(() => wxrt.hooks().filter((h) => h.target === 'App').map((h) => h.hook)), ['onLaunch', 'onShow'], 'a cold start');
  writeFileSync(file('pages/index/index.wxml'), wxml);
  await page.context().close();
});
