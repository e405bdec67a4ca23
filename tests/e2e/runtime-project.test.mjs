// The same runtime without the server: createRuntime from the npm entry point, with the
// project's module sources handed over as strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT_MS, useBrowser } from './harness.mjs';

const env = useBrowser();

const FILES = {
  'app.json': JSON.stringify({
    pages: ['pages/list/list', 'pages/detail/detail'],
    entryPagePath: 'pages/list/list',
  }),
  'app.js': `
    const store = require('./utils/store')
    App({
      onLaunch(options) { store.bump('launches'); this.globalData.scene = options.scene },
      globalData: { scene: 0 }
    })`,
  'utils/store.js': `
    exports.bump = (key) => { const n = (wx.getStorageSync(key) || 0) + 1; wx.setStorageSync(key, n); return n }`,
  'pages/list/list.js': `
    const app = getApp()
    Page({
      data: { scene: 0, rows: [] },
      onLoad() { this.setData({ scene: app.globalData.scene, 'rows[0]': 'first' }) },
      openDetail(id) { return wx.navigateTo({ url: '../detail/detail?id=' + id }) }
    })`,
  'pages/detail/detail.js': `
    Page({ data: {}, onLoad(query) { this.setData({ id: query.id, depth: getCurrentPages().length }) } })`,
};

test('createRuntime runs a project from module sources, with launch options and automation', async () => {
  const page = await env.open();
  const result = await page.evaluate(async (files) => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const rt = await createRuntime({
      appid: `bundled-${Date.now()}`,
      storage: sessionStorage,
      project: { files, version: '1.0.0' },
      launch: { scene: 1047, query: { from: 'test' } },
      followVisibility: false,
    });
    await rt.launched;
    const first = rt.currentPage();
    await rt.getCurrentPages()[0].openDetail(7);
    const detail = rt.currentPage();
    const hooks = rt.hooks().map((h) => `${h.target}.${h.hook}`);
    const launches = rt.wx.getStorageSync('launches');
    await rt.background();
    await rt.advanceClock(5 * 60 * 1000);
    await rt.foreground();
    const afterDestroy = { launches: rt.wx.getStorageSync('launches'), stack: rt.pageStack().map((p) => p.route) };
    const canIUse = ['navigateTo', 'getUpdateManager', 'onAppShow', 'startSoterAuthentication'].map((n) => rt.wx.canIUse(n));
    rt.dispose();
    return { first, detail, hooks, launches, afterDestroy, canIUse, launch: hooks.length };
  }, FILES);
  assert.deepEqual(result.first.data, { scene: 1047, rows: ['first'] });
  assert.deepEqual(result.detail, { id: 2, route: 'pages/detail/detail', query: { id: '7' }, data: { id: '7', depth: 2 } });
  assert.deepEqual(result.hooks, [
    'App.onLaunch', 'App.onShow', 'pages/list/list.onLoad', 'pages/list/list.onShow', 'pages/list/list.onReady',
    'pages/list/list.onHide', 'pages/detail/detail.onLoad', 'pages/detail/detail.onShow', 'pages/detail/detail.onReady',
  ]);
  assert.equal(result.launches, 1);
  assert.deepEqual(result.afterDestroy, { launches: 2, stack: ['pages/list/list'] });
  assert.deepEqual(result.canIUse, [true, true, true, false]);
  await page.close();
});

test('createRuntime refuses a project with a clear error, and a storage-only runtime has no routes', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const attempt = (project) => createRuntime({ appid: 'refused', storage: sessionStorage, project })
      .then(() => 'started', (e) => e.message);
    const plain = await createRuntime({ appid: 'plain', storage: sessionStorage });
    const routes = [plain.wx.canIUse('navigateTo'), typeof plain.wx.navigateTo, plain.wx.canIUse('setStorage')];
    plain.dispose();
    return {
      noFiles: await attempt({}),
      noAppJs: await attempt({ files: { 'app.json': '{"pages":["a"]}', 'a.js': 'Page({})' } }),
      noPages: await attempt({ files: { 'app.json': '{}', 'app.js': 'App({})' } }),
      // WeChat's resolveAlias: key and value end with /*.
      badAlias: await attempt({ files: { 'app.json': '{"pages":["a"],"resolveAlias":{"@":"/*","@u/*":"utils"}}', 'app.js': 'App({})', 'a.js': 'Page({})' } }),
      // The server's checked app.json, from another version of wxrt.
      foreignLaunch: await attempt({ files: { 'app.json': '{"pages":["a"]}', 'app.js': 'App({})', 'a.js': 'Page({})' }, launch: { routes: ['a'] } }),
      routes,
    };
  });
  assert.match(result.noFiles, /project\.files should be an Object/);
  assert.equal(result.noAppJs, 'app.js: not found in the project');
  assert.equal(result.noPages, 'app.json: ["pages"] is required');
  assert.equal(result.badAlias, 'app.json: ["resolveAlias"] "@" should end with "/*"\napp.json: ["resolveAlias"]["@u/*"] "utils" should end with "/*"');
  assert.equal(result.foreignLaunch, 'createRuntime: project.launch is not a launch config of this wxrt version');
  assert.deepEqual(result.routes, [false, 'undefined', true]);
  await page.close();
});

// What real apps write and WeChat runs: a file's own `App` or `wx` beside the globals, an
// import used above the line that imports it, `__wxConfig`, a tab bar without its colours.
test('module code as real apps write it: own globals, imports used early, __wxConfig, a tab bar without colours', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const files = {
      'app.json': JSON.stringify({
        pages: ['pages/a/a', 'pages/b/b'],
        tabBar: { list: [{ pagePath: 'pages/a/a', text: 'A' }, { pagePath: 'pages/b/b', text: 'B' }] },
      }),
      'app.js': "App({ globalData: { site: 'wxrt' } })",
      'config.js': "export default { name: 'reader' }",
      'pages/a/a.js': [
        "'use strict'",
        'const App = getApp()',
        'let wx = { own: true }',
        'var title = config.name',
        "import config from '../../config'",
        // Apps pick their servers by `__wxConfig.envVersion`, undocumented but everywhere.
        "const env = `${__wxConfig.envVersion}/${__wxConfig.platform}/${__wxConfig.accountInfo.appId.slice(0, 9)}/${__wxConfig.tabBar.list.length}`",
        // The page's browser globals are not the app service's: undefined, as WeChat's define passes them.
        "const browser = [typeof window, typeof document, typeof navigator, typeof XMLHttpRequest, typeof self].join()",
        'Page({ data: { site: App.globalData.site, own: wx.own, title, env, browser, strict: (function () { return this === undefined })() } })',
      ].join('\n'),
      // The file was renamed: WeChat names the one it looked for, `.js` not doubled.
      'pages/b/b.js': "require('./gone.js')\nPage({})",
    };
    const rt = await createRuntime({ appid: `real-code-${Date.now()}`, storage: sessionStorage, project: { files }, followVisibility: false });
    await rt.launched;
    const data = rt.currentPage().data;
    await rt.wx.setTabBarBadge({ index: 1, text: '2' });
    const tabs = (await rt.frame()).tabBar;
    const errors = rt.errors().map((e) => e.message);
    // echarts' ec-canvas checks the base library by `wx.version.version`.
    const version = rt.wx.version.version === rt.wx.getSystemInfoSync().SDKVersion;
    // Analytics SDKs read a page's route by its older name.
    const route = rt.getCurrentPages()[0].__route__;
    rt.dispose();
    return { version, route, data, tabs: tabs.items.map((t) => `${t.text}${t.badge ?? ''}`), colour: tabs.color, errors };
  });
  assert.deepEqual(result.errors, ["module \"pages/b/gone.js\" is not defined, require args is './gone.js' (pages/b/b.js:1)"]);
  assert.deepEqual(result.data, { site: 'wxrt', own: true, title: 'reader', env: 'develop/devtools/real-code/2', browser: 'undefined,undefined,undefined,undefined,undefined', strict: true });
  assert.deepEqual(result.tabs, ['A', 'B2']);
  assert.equal(result.version, true);
  assert.equal(result.route, 'pages/a/a');
  assert.equal(result.colour, '');
  await page.close();
});

test('createRuntime resolves module paths as WeChat does: resolveAlias from app.json, a leading / from the folder', async () => {
  const page = await env.open();
  const result = await page.evaluate(async () => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const files = {
      'app.json': JSON.stringify({ pages: ['pages/a/a'], resolveAlias: { '~/*': '/*' } }),
      'app.js': 'App({})',
      'lib/name.js': "module.exports = require('/parts/part')",
      'lib/parts/part.js': "module.exports = 'lib/parts/part'",
      'pages/a/a.js': "Page({ data: { name: require('~/lib/name') } })",
    };
    const rt = await createRuntime({ appid: `aliases-${Date.now()}`, storage: sessionStorage, project: { files }, followVisibility: false });
    await rt.launched;
    const out = { data: rt.currentPage().data, errors: rt.errors().map((e) => e.message) };
    rt.dispose();
    return out;
  });
  assert.deepEqual(result, { data: { name: 'lib/parts/part' }, errors: [] });
  await page.close();
});

test('App() once, getApp({allowDefault}), and wx.on…/off… listeners', async () => {
  const page = await env.open();
  const result = await page.evaluate(async (limitMs) => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const files = {
      'app.json': '{"pages":["pages/a/a"]}',
      'app.js': `
        const early = getApp({ allowDefault: true })
        early.fromDefault = 'kept'
        const before = getApp()
        App({ globalData: { n: 1 }, onError(message) { this.globalData.errors = (this.globalData.errors || []).concat(message) } })
        App({ globalData: { n: 2 } })
        getApp().globalData.sameObject = getApp() === early
        getApp().globalData.beforeApp = before === undefined`,
      'pages/a/a.js': 'Page({ data: {} })',
    };
    const rt = await createRuntime({ appid: `once-${Date.now()}`, storage: sessionStorage, project: { files }, followVisibility: false });
    await rt.launched;
    const app = rt.getApp();
    const calls = [];
    const show = (o) => calls.push(['show', o.path]);
    const hide = (o) => calls.push(['hide', o]);
    rt.wx.onAppShow(show);
    rt.wx.onAppHide(hide);
    rt.wx.onAppHide(() => calls.push(['hide-2']));
    await rt.background();
    await rt.foreground();
    rt.wx.offAppShow(show);
    rt.wx.offAppHide();
    await rt.background();
    await rt.foreground();
    const rejections = [];
    rt.wx.onUnhandledRejection((r) => rejections.push(r.reason.message));
    Promise.reject(new Error('lost'));
    // The browser reports the rejection in a task of its own.
    const end = performance.now() + limitMs;
    while (rejections.length === 0 && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    rt.wx.offUnhandledRejection();
    const out = {
      n: app.globalData.n,
      fromDefault: app.fromDefault,
      sameObject: app.globalData.sameObject,
      beforeApp: app.globalData.beforeApp,
      errors: app.globalData.errors,
      calls,
      rejections,
    };
    rt.dispose();
    return out;
  }, WAIT_MS);
  assert.equal(result.n, 1);
  assert.equal(result.fromDefault, 'kept');
  assert.equal(result.sameObject, true);
  assert.equal(result.beforeApp, true);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0], /App\(\) may be called only once/);
  assert.deepEqual(result.calls, [['hide', {}], ['hide-2'], ['show', 'pages/a/a']]);
  assert.deepEqual(result.rejections, ['lost']);
  await page.close();
});

test('createRuntime: the update check compares the version with the one this browser ran', async () => {
  const page = await env.open();
  const result = await page.evaluate(async ({ files, limitMs }) => {
    const { createRuntime } = await import('/__wxrt/www/index.js');
    const appid = `versions-${Date.now()}`;
    const check = async (version, count) => {
      const rt = await createRuntime({ appid, storage: sessionStorage, project: { files, version }, followVisibility: false });
      await rt.launched;
      // `count` events, and whatever arrives with them: late listeners are answered in
      // timers of their own, so one more turn of the event loop gathers the rest.
      const events = await new Promise((resolve) => {
        const seen = [];
        const heard = (event) => { seen.push(event); if (seen.length === count) setTimeout(() => resolve(seen)); };
        const manager = rt.wx.getUpdateManager();
        manager.onCheckForUpdate((r) => heard(r.hasUpdate));
        manager.onUpdateReady(() => heard('ready'));
        setTimeout(() => resolve(seen), limitMs);
      });
      rt.dispose();
      return events;
    };
    return [await check('1.0.0', 1), await check('1.0.0', 1), await check('1.1.0', 2)];
  }, { files: FILES, limitMs: WAIT_MS });
  assert.deepEqual(result, [[false], [false], [true, 'ready']]);
  await page.close();
});
