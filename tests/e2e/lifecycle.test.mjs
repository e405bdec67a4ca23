// The mini-program runtime through `wxrt serve <project>`: cold start, launch options,
// background and destruction, navigation, errors, and the update manager, on a fixture
// project written the way real ones are (tab bar, utils, npm module, getApp at top).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, WAIT_MS, eventually, hookNames, openPreview, textOf, until, useBrowser, waitLaunched } from './harness.mjs';

const env = useBrowser({ serveDir: path.join(PROJECTS, 'shop') });

const COLD_START = ['App.onLaunch', 'App.onShow', 'home.onLoad', 'home.onShow', 'home.onReady'];

/** Waits until the hooks from entry `from` on are `expected`. */
const hooksAre = (page, from, expected) => eventually(async () => assert.deepEqual(await hookNames(page, from), expected), { what: `the hooks ${expected.join(', ')}` });

test('cold start runs the hooks in order with the launch options from the URL', async () => {
  const page = await openPreview(env, '?path=pages/item/item&query=id%3D2%26from%3Dqr&scene=1011&shareTicket=t-1');
  assert.equal(page.startError, undefined);
  assert.deepEqual(await hookNames(page), ['App.onLaunch', 'App.onShow', 'item.onLoad', 'item.onShow', 'item.onReady']);
  const result = await page.evaluate(() => ({
    hooks: wxrt.hooks(),
    launch: wx.getLaunchOptionsSync(),
    enter: wx.getEnterOptionsSync(),
    fromApp: wxrt.getApp().globalData.launchOptions,
    current: wxrt.currentPage(),
  }));
  const expected = { path: 'pages/item/item', query: { id: '2', from: 'qr' }, scene: 1011, referrerInfo: {}, shareTicket: 't-1' };
  assert.deepEqual(result.hooks[0].arg, expected);
  assert.deepEqual(result.hooks[1].arg, expected);
  assert.deepEqual(result.hooks[2].arg, { id: '2', from: 'qr' });
  assert.deepEqual(result.launch, expected);
  assert.deepEqual(result.enter, expected);
  assert.deepEqual(result.fromApp, expected);
  assert.equal(result.current.route, 'pages/item/item');
  assert.equal(result.current.data.label, 'Cup ¥35.00');
  // The page json's title over app.json's window, as core resolves them.
  await textOf(page, '#nav-title', 'Item');
  await page.evaluate(() => wxrt.reLaunch('/pages/home/home'));
  await textOf(page, '#nav-title', 'Shop');
  await page.close();
});

test('defaults: entry page, empty query, scene 1001; modules see getApp, require and npm packages', async () => {
  const page = await openPreview(env);
  assert.deepEqual(await hookNames(page), COLD_START);
  const result = await page.evaluate(() => ({
    launch: wx.getLaunchOptionsSync(),
    data: wxrt.currentPage().data,
    bus: typeof wxrt.getApp().globalData.bus.emit,
  }));
  assert.deepEqual(result.launch, { path: 'pages/home/home', query: {}, scene: 1001, referrerInfo: {} });
  assert.deepEqual(result.data.items, ['Tea ¥12.00', 'Cup ¥35.00']);
  assert.equal(result.bus, 'function');
  assert.equal(await page.evaluate(() => globalThis.formatEvaluations), 1, 'required twice, evaluated once');
  await page.close();
});

test('storage written in onLaunch persists, and App state is fresh on each cold start', async () => {
  const context = await env.browser.newContext();
  const first = await openPreview(env, '', { context });
  const launches = await first.evaluate(() => wx.getStorageSync('launches'));
  await first.reload();
  await waitLaunched(first);
  assert.equal(await first.evaluate(() => wx.getStorageSync('launches')), launches + 1);
  assert.equal(await first.evaluate(() => wxrt.getApp().globalData.shows), 1);
  await context.close();
});

test('hiding the tab is the background; showing it again is a hot start', async () => {
  const page = await openPreview(env);
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  const setVisibility = (state) => page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { value, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
  await setVisibility('hidden');
  await hooksAre(page, before, ['home.onHide', 'App.onHide']);
  await setVisibility('visible');
  await hooksAre(page, before, ['home.onHide', 'App.onHide', 'App.onShow', 'home.onShow']);
  await eventually(async () => {
    const app = await page.evaluate(() => {
      const { globalData } = wxrt.getApp();
      return { shows: globalData.shows, hides: globalData.hides, listener: globalData.appShowListener };
    });
    assert.deepEqual(app, { shows: 2, hides: 1, listener: [1001, 1001] });
  }, { what: 'the app to count the hot start' });
  await page.close();
});

test('five minutes in the background destroys the app: the next show is a cold start', async () => {
  const page = await openPreview(env);
  await page.evaluate(() => wxrt.navigateTo('/pages/item/item?id=1'));
  const launchesBefore = await page.evaluate(() => wx.getStorageSync('launches'));
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  await page.evaluate(async () => {
    wxrt.getApp().globalData.marker = 'old instance';
    await wxrt.background();
    await wxrt.advanceClock(4 * 60 * 1000);
  });
  assert.equal(await page.evaluate(() => wxrt.pageStack().length), 2, 'still alive after 4 minutes');
  await page.evaluate(() => wxrt.advanceClock(60 * 1000));
  assert.deepEqual(await page.evaluate(() => wxrt.pageStack()), []);
  await page.evaluate(() => wxrt.foreground());
  assert.deepEqual(await hookNames(page, before), ['item.onHide', 'App.onHide', ...COLD_START]);
  const after = await page.evaluate(() => ({
    marker: wxrt.getApp().globalData.marker,
    launches: wx.getStorageSync('launches'),
    stack: wxrt.pageStack().map((p) => p.route),
  }));
  assert.deepEqual(after, { marker: undefined, launches: launchesBefore + 1, stack: ['pages/home/home'] });
  await page.close();
});

test('the preview URL can change how long the background lasts', async () => {
  const page = await openPreview(env, '?destroyAfterMs=1000');
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  await page.evaluate(async () => {
    await wxrt.background();
    await wxrt.advanceClock(1000);
    await wxrt.foreground();
  });
  assert.deepEqual(await hookNames(page, before), ['home.onHide', 'App.onHide', ...COLD_START]);
  await page.close();
  const bad = await openPreview(env, '?destroyAfterMs=soon');
  assert.equal(bad.startError, 'launch URL: destroyAfterMs should be a non-negative Number of ms, got "soon"');
  await bad.close();
});

test('navigation: hooks, queries, the stack, and WeChat errMsg for refused routes', async () => {
  const page = await openPreview(env);
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  const result = await page.evaluate(async () => {
    const { wx } = wxrt;
    const opened = await wx.navigateTo({ url: '/pages/item/item?id=1&x=a%20b' });
    const onItem = wxrt.currentPage();
    const refusals = [];
    for (const [api, url] of [['navigateTo', '/pages/cart/cart'], ['redirectTo', '/pages/home/home'],
      ['switchTab', '/pages/item/item'], ['navigateTo', '/pages/nope/nope']]) {
      await wx[api]({ url }).catch((e) => refusals.push(e.errMsg));
    }
    await wx.redirectTo({ url: 'about' }).catch((e) => refusals.push(e.errMsg));
    await wx.redirectTo({ url: '../about/about' });
    const afterRedirect = wxrt.pageStack().map((p) => p.route);
    const back = await wx.navigateBack();
    const firstPage = await wx.navigateBack().catch((e) => e.errMsg);
    return { opened: opened.errMsg, onItem, refusals, afterRedirect, back: back.errMsg, firstPage, pages: wxrt.getCurrentPages().length };
  });
  assert.equal(result.opened, 'navigateTo:ok');
  assert.deepEqual(result.onItem.query, { id: '1', x: 'a%20b' });
  assert.equal(result.onItem.data.label, 'Tea ¥12.00');
  assert.deepEqual(result.refusals, [
    'navigateTo:fail can not navigateTo a tabbar page',
    'redirectTo:fail can not redirectTo a tabbar page',
    'switchTab:fail can not switch to no-tabBar page',
    'navigateTo:fail page "pages/nope/nope" is not found',
    'redirectTo:fail page "pages/item/about" is not found',
  ]);
  assert.deepEqual(result.afterRedirect, ['pages/home/home', 'pages/about/about']);
  assert.equal(result.back, 'navigateBack:ok');
  assert.equal(result.firstPage, 'navigateBack:fail cannot navigate back at first page.');
  assert.equal(result.pages, 1);
  assert.deepEqual(await hookNames(page, before), [
    'home.onHide', 'item.onLoad', 'item.onShow', 'item.onReady',
    'item.onUnload', 'about.onLoad', 'about.onShow', 'about.onReady',
    'about.onUnload', 'home.onShow',
  ]);
  await page.close();
});

test('each page instance gets its own deep copy of data', async () => {
  const page = await openPreview(env);
  const result = await page.evaluate(async () => {
    await wxrt.navigateTo('/pages/item/item?id=1');
    const [, first] = wxrt.getCurrentPages();
    first.data.tags.push('changed in place');
    await wxrt.navigateTo('/pages/item/item?id=2');
    const [, a, b] = wxrt.getCurrentPages();
    return { first: a.data.tags, second: b.data.tags, distinct: a !== b, routes: [a.route, b.route], options: b.options };
  });
  assert.deepEqual(result, {
    first: ['changed in place'],
    second: [],
    distinct: true,
    routes: ['pages/item/item', 'pages/item/item'],
    options: { id: '2' },
  });
  await page.close();
});

test('pagehide sends the app to the background too', async () => {
  const page = await openPreview(env);
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
  await hooksAre(page, before, ['home.onHide', 'App.onHide']);
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
  await hooksAre(page, before, ['home.onHide', 'App.onHide', 'App.onShow', 'home.onShow']);
  await page.close();
});

test('the stack holds ten pages; the eleventh navigateTo fails', async () => {
  const page = await openPreview(env);
  const result = await page.evaluate(async () => {
    for (let i = 0; i < 9; i += 1) await wxrt.wx.navigateTo({ url: `/pages/item/item?id=${i}` });
    const full = wxrt.pageStack().length;
    let errMsg;
    await new Promise((resolve) => {
      wxrt.wx.navigateTo({ url: '/pages/about/about', fail: (e) => { errMsg = e.errMsg; }, complete: resolve });
    });
    return { full, errMsg, after: wxrt.pageStack().length };
  });
  assert.deepEqual(result, { full: 10, errMsg: 'navigateTo:fail webview count limit exceed', after: 10 });
  await page.close();
});

test('switchTab follows the tab table; reLaunch unloads everything', async () => {
  const page = await openPreview(env);
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  await page.evaluate(async () => {
    const { wx } = wxrt;
    await wx.switchTab({ url: '/pages/cart/cart' });
    await wx.switchTab({ url: '/pages/home/home' });
    await wx.navigateTo({ url: '/pages/item/item?id=1' });
    await wx.switchTab({ url: '/pages/cart/cart' });
  });
  const names = await hookNames(page, before);
  assert.deepEqual(names, [
    'home.onHide', 'cart.onLoad', 'cart.onShow', 'cart.onReady',
    'cart.onHide', 'home.onShow',
    'home.onHide', 'item.onLoad', 'item.onShow', 'item.onReady',
    'item.onUnload', 'cart.onShow',
  ]);
  const mid = names.length;
  await page.evaluate(() => wxrt.reLaunch('/pages/item/item?id=2'));
  assert.deepEqual(await hookNames(page, before + mid), [
    'cart.onUnload', 'home.onUnload', 'item.onLoad', 'item.onShow', 'item.onReady',
  ]);
  assert.deepEqual(await page.evaluate(() => wxrt.pageStack().map((p) => [p.route, p.query])), [['pages/item/item', { id: '2' }]]);
  await page.close();
});

test('the browser back button is navigateBack', async () => {
  const page = await openPreview(env);
  await page.evaluate(() => wxrt.navigateTo('/pages/item/item?id=1'));
  await page.evaluate(() => wxrt.navigateTo('/pages/about/about'));
  await page.goBack({ waitUntil: 'commit' }).catch(() => {});
  await page.waitForFunction(() => wxrt.pageStack().length === 2);
  assert.deepEqual(await page.evaluate(() => wxrt.pageStack().map((p) => p.route)), ['pages/home/home', 'pages/item/item']);
  await page.close();
});

test('navigateTo events reach the opened page through its opener event channel', async () => {
  const page = await openPreview(env);
  const result = await page.evaluate(async () => {
    const ready = [];
    const { eventChannel } = await wxrt.wx.navigateTo({
      url: '/pages/about/about',
      events: { ready: (value) => ready.push(value) },
    });
    eventChannel.emit('hello', 'from home');
    return { ready, opener: wxrt.currentPage().data.opener };
  });
  assert.deepEqual(result, { ready: [{ from: 'about' }], opener: 'from home' });
  await page.close();
});

test('setData follows data paths; its callback runs after the update', async () => {
  const page = await openPreview(env);
  const result = await page.evaluate(() => new Promise((resolve) => {
    const [home] = wxrt.getCurrentPages();
    const order = [];
    home.setData({ 'nested.list[1].name': 'b', 'a.b': 1, 'bad[x]': 2, 'c[0]': 'z' }, () => {
      order.push('callback');
      resolve({ order, data: wxrt.currentPage().data, errors: wxrt.errors().map((e) => e.message) });
    });
    order.push(home.data.nested.list[1].name);
  }));
  assert.deepEqual(result.order, ['b', 'callback']);
  assert.deepEqual(result.data.nested, { list: [null, { name: 'b' }] });
  assert.deepEqual(result.data.a, { b: 1 });
  assert.deepEqual(result.data.c, ['z']);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0], /illegal index in data path "bad\[x\]"/);
  await page.close();
});

test('a missing launch page goes to onPageNotFound, and a synchronous redirect is honoured', async () => {
  const page = await openPreview(env, '?path=pages/old/old&query=a%3D1');
  const result = await page.evaluate(() => ({
    notFound: wxrt.getApp().globalData.notFound,
    stack: wxrt.pageStack().map((p) => [p.route, p.query]),
  }));
  assert.deepEqual(result.notFound, [{ path: 'pages/old/old', query: { a: '1' }, isEntryPage: true }]);
  assert.deepEqual(await hookNames(page), ['App.onLaunch', 'App.onShow', 'App.onPageNotFound',
    'item.onLoad', 'item.onShow', 'item.onReady']);
  assert.deepEqual(result.stack, [['pages/item/item', { id: 'from-404' }]]);
  await page.close();

  const listened = await openPreview(env, '?path=pages/old/old');
  // wx.onPageNotFound listeners hear of it too; registered in onLaunch, they see this launch.
  assert.deepEqual(await listened.evaluate(() => wxrt.getApp().globalData.notFoundListener), ['pages/old/old']);
  await listened.close();

  const lost = await openPreview(env, '?path=pages/missing/missing');
  assert.deepEqual(await lost.evaluate(() => wxrt.pageStack()), []);
  await textOf(lost, '#not-found', /Page not found: pages\/missing\/missing/);
  await lost.close();
});

test('errors in hooks and listeners reach App.onError and wx.onError without stopping other hooks', async () => {
  const page = await openPreview(env);
  await page.evaluate(async () => {
    const { wx } = wxrt;
    const seen = [];
    wx.onError((e) => seen.push(e));
    wx.onAppHide(() => { throw new Error('listener broke'); });
    wx.onAppHide(() => seen.push('second listener ran'));
    const [home] = wxrt.getCurrentPages();
    home.onHide = () => { throw new TypeError('onHide broke'); };
    await wxrt.background();
    await wxrt.foreground();
    setTimeout(() => { throw new Error('timer broke'); });
    Promise.reject(new Error('nobody caught me'));
    window.seenErrors = seen;
  });
  // The uncaught error and the rejection are reported in tasks of their own.
  await until(page, () => window.seenErrors.length === 4 && wxrt.getApp().globalData.rejections?.length === 1, null, { what: 'the timer error and the rejection reported' });
  const result = await page.evaluate(() => {
    const app = wxrt.getApp();
    return { seen: window.seenErrors, appErrors: app.globalData.errors, hides: app.globalData.hides, rejections: app.globalData.rejections };
  });
  assert.equal(result.hides, 1, 'App.onHide still ran after the page hook threw');
  assert.ok(result.seen.includes('second listener ran'));
  const messages = result.seen.filter((e) => typeof e === 'object').map((e) => e.message);
  assert.deepEqual(messages, ['onHide broke', 'listener broke', 'timer broke']);
  assert.ok(result.seen.filter((e) => typeof e === 'object').every((e) => typeof e.stack === 'string'));
  assert.equal(result.appErrors.length, 3);
  assert.match(result.appErrors[0], /TypeError: onHide broke/);
  assert.deepEqual(result.rejections, ['nobody caught me']);
  await page.close();
});

test('the update manager reports no update, then a simulated update, then applies it', async () => {
  const context = await env.browser.newContext();
  const page = await openPreview(env, '', { context });
  // What listeners registered now hear: `count` events, and whatever else arrives with
  // them (late listeners are answered in timers of their own, so one more turn of the
  // event loop gathers the rest).
  const collect = (count) => page.evaluate(({ count, limitMs }) => new Promise((resolve) => {
    const events = [];
    const heard = (event) => { events.push(event); if (events.length === count) setTimeout(() => resolve(events)); };
    const manager = wxrt.wx.getUpdateManager();
    manager.onCheckForUpdate((r) => heard(['check', r.hasUpdate]));
    manager.onUpdateReady(() => heard(['ready']));
    manager.onUpdateFailed(() => heard(['failed']));
    setTimeout(() => resolve(events), limitMs);
  }), { count, limitMs: WAIT_MS });
  assert.deepEqual(await collect(1), [['check', false]]);
  assert.equal(await page.evaluate(() => wxrt.wx.getUpdateManager() === wxrt.wx.getUpdateManager()), true);
  const refused = await page.evaluate(() => {
    try { wxrt.wx.getUpdateManager().applyUpdate(); } catch (e) { return e.errMsg; }
    return 'no error';
  });
  assert.equal(refused, 'applyUpdate:fail update is not ready');

  await page.evaluate(() => wxrt.simulateUpdate('ready'));
  await page.reload();
  await waitLaunched(page);
  assert.deepEqual(await collect(2), [['check', true], ['ready']]);
  const before = (await page.evaluate(() => wxrt.hooks())).length;
  await page.evaluate(() => wxrt.wx.getUpdateManager().applyUpdate());
  await hooksAre(page, before, COLD_START);
  assert.deepEqual(await collect(1), [['check', false]]);

  await page.evaluate(() => wxrt.simulateUpdate('failed'));
  await page.reload();
  await waitLaunched(page);
  assert.deepEqual(await collect(2), [['check', true], ['failed']]);
  await context.close();
});

test('automation: callWxMethod, mockWxMethod, restoreWxMethod, memoryWarning', async () => {
  const page = await openPreview(env);
  const result = await page.evaluate(async () => {
    const levels = [];
    wxrt.wx.onMemoryWarning((r) => levels.push(r.level));
    await wxrt.memoryWarning(15);
    wxrt.callWxMethod('setStorageSync', 'k', 'v');
    const real = wxrt.callWxMethod('getStorageSync', 'k');
    wxrt.mockWxMethod('getStorageSync', 'mocked');
    const mockedSync = wxrt.wx.getStorageSync('k');
    wxrt.mockWxMethod('getStorage', { data: 'from mock' });
    const mockedAsync = await wxrt.wx.getStorage({ key: 'k' });
    wxrt.mockWxMethod('removeStorage', { errMsg: 'removeStorage:fail mocked' });
    const mockedFail = await wxrt.wx.removeStorage({ key: 'k' }).catch((e) => e.errMsg);
    wxrt.restoreWxMethod('getStorageSync');
    wxrt.restoreWxMethod('getStorage');
    wxrt.restoreWxMethod('removeStorage');
    const restored = [wxrt.wx.getStorageSync('k'), (await wxrt.wx.getStorage({ key: 'k' })).data];
    return { levels, real, mockedSync, mockedAsync, mockedFail, restored };
  });
  assert.deepEqual(result, {
    levels: [15],
    real: 'v',
    mockedSync: 'mocked',
    mockedAsync: { errMsg: 'getStorage:ok', data: 'from mock' },
    mockedFail: 'removeStorage:fail mocked',
    restored: ['v', 'v'],
  });
  await page.close();
});
