// An automator test suite as a team writes one for WeChat DevTools, run unchanged on wxrt:
// only the published `miniprogram-automator` client, launched with wxrt as its `cliPath`.
// It drives examples/todo the way DevTools' documentation shows (page.$, element.tap,
// page.data, miniProgram.navigateTo, mockWxMethod, evaluate, …). Nothing here reaches
// into wxrt: what the client cannot observe is not asserted.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import automator from 'miniprogram-automator';
import { ROOT, assertBuilt } from './harness.mjs';
import { startAuto, until } from './automator-cli.mjs';

const CLI = path.join(ROOT, 'bin/wxrt.mjs');
const PROJECT = path.join(ROOT, 'examples/todo');

describe('examples/todo through automator.launch({ cliPath: wxrt })', { timeout: 240_000 }, () => {
  let miniProgram;
  let page;
  const consoleMessages = [];
  const exceptions = [];
  const scratch = mkdtempSync(path.join(tmpdir(), 'wxrt-automator-'));

  before(async () => {
    assertBuilt();
    miniProgram = await automator.launch({ cliPath: CLI, projectPath: PROJECT, args: ['--lang', 'en'], trustProject: true });
    miniProgram.on('console', (msg) => consoleMessages.push(msg));
    miniProgram.on('exception', (err) => exceptions.push(err));
    page = await miniProgram.reLaunch('/pages/index/index');
  });

  after(async () => {
    await miniProgram?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the first page, its stack and the base library the tool reports', async () => {
    assert.equal(page.path, 'pages/index/index');
    assert.deepEqual(page.query, {});
    const stack = await miniProgram.pageStack();
    assert.deepEqual(stack.map((p) => p.path), ['pages/index/index']);
    const info = await miniProgram.systemInfo();
    assert.ok(info.SDKVersion >= '2.7.3', info.SDKVersion);
    assert.equal(info.windowWidth, 375);
  });

  test('typing and tapping add a todo, as the user would', async () => {
    const input = await page.$('.new-todo-input');
    assert.equal(input.tagName, 'input');
    await input.input('buy milk');
    await page.waitFor(async () => (await page.data('draft')) === 'buy milk');
    const add = await page.$('.new-todo-add');
    assert.equal(await add.attribute('disabled'), 'false');
    await add.tap();
    await page.waitFor(async () => (await page.data('todos')).length === 1);
    assert.equal(await page.data('todos[0].title'), 'buy milk');
    assert.equal(await page.data('draft'), '');
    await page.waitFor('.todo-item');
    const items = await page.$$('.todo-item');
    assert.equal(items.length, 1);
    const title = await items[0].$('.todo-title');
    assert.equal(await title.text(), 'buy milk');
    assert.equal(await input.value(), '');
  });

  test('a tap on the check toggles the row, drawn as WeChat draws it', async () => {
    const check = await page.$('.todo-check');
    await check.tap();
    await page.waitFor(async () => (await page.data('remaining')) === 0);
    await until(async () => (await check.attribute('class')).includes('checked'), 'the checked class');
    assert.equal(await (await page.$('.footer text')).text(), '0 items left');
    assert.match(await check.outerWxml(), /^<view class="todo-check checked" data-id="\d+"\/?>(<\/view>)?$/);
  });

  test('selectors: tags as WXML writes them, ids, classes, the page root, XPath', async () => {
    const root = await page.$('page');
    assert.equal(root.tagName, 'body');
    assert.equal((await page.$$('navigator')).length, 1);
    assert.equal(await page.$('.does-not-exist'), null);
    assert.equal((await page.$$('.container > .footer')).length, 1);
    const byXpath = await page.xpath('//view[@class="footer muted"]/navigator');
    assert.equal(byXpath.tagName, 'navigator');
    assert.equal(await byXpath.text(), 'Launch log');
    const all = await page.getElementsByXpath('//text');
    assert.ok(all.length >= 2);
    assert.equal(await page.getElementByXpath('//nothing'), null);
    const container = await page.$('.container');
    const wxml = await container.wxml();
    assert.match(wxml, /<view class="footer muted"><text>0 items left<\/text><navigator[^>]*class="footer-link"[^>]*>Launch log<\/navigator><\/view>/);
    assert.ok(!/wx-|bindtap/.test(wxml), wxml);
  });

  test('an element: size, offset, style, attribute, property', async () => {
    const add = await page.$('.new-todo-add');
    const { width, height } = await add.size();
    assert.ok(width > 20 && height > 20, `${width}×${height}`);
    const { left, top } = await add.offset();
    assert.ok(left > 0 && top > 0, `${left},${top}`);
    assert.equal(await (await page.$('.new-todo')).style('display'), 'flex');
    assert.equal(await add.style('color'), 'rgb(255, 255, 255)');
    assert.equal(await add.attribute('type'), 'primary');
    assert.equal(await add.attribute('nope'), null);
    assert.equal(await add.property('type'), 'primary');
    await assert.rejects(add.property('nope'), /button\.nope not exists/);
  });

  test('page data, setData answered once drawn, callMethod', async () => {
    await page.setData({ tip: 'from the test' });
    const tip = await page.$('.tip');
    assert.equal(await tip.text(), 'from the test');
    await page.callMethod('showTip');
    await page.waitFor(async () => (await page.data('tip')) !== 'from the test');
    await assert.rejects(page.callMethod('noSuchMethod'), /page\.noSuchMethod not exists/);
    const { width, height } = await page.size();
    assert.equal(width, 375);
    assert.ok(height > 0);
    assert.equal(await page.scrollTop(), 0);
  });

  test('routes: navigateTo with a query, navigateBack, switchTab, redirectTo, reLaunch', async () => {
    const id = await page.data('todos[0].id');
    const detail = await miniProgram.navigateTo(`/pages/detail/detail?id=${id}`);
    assert.equal(detail.path, 'pages/detail/detail');
    assert.deepEqual(detail.query, { id: String(id) });
    assert.notEqual(detail.id, page.id);
    assert.equal(await (await detail.$('.title')).text(), 'buy milk');
    assert.deepEqual((await miniProgram.pageStack()).map((p) => p.path), ['pages/index/index', 'pages/detail/detail']);
    // A page under the top one answers too, as every page is a webview of its own.
    assert.equal((await page.$$('.todo-item')).length, 1);
    const back = await miniProgram.navigateBack();
    assert.equal(back.id, page.id);
    await assert.rejects(detail.data(), /page destroyed/);
    const logs = await miniProgram.switchTab('/pages/logs/logs');
    assert.equal(logs.path, 'pages/logs/logs');
    const scroll = await logs.$('scroll-view');
    assert.equal(scroll.constructor.name, 'ScrollViewElement');
    assert.equal(await scroll.property('scrollTop'), 0);
    const relaunched = await miniProgram.reLaunch('/pages/index/index');
    assert.notEqual(relaunched.id, page.id);
    page = relaunched;
    const redirected = await miniProgram.redirectTo(`/pages/detail/detail?id=${id}`);
    assert.equal(redirected.path, 'pages/detail/detail');
    await assert.rejects(miniProgram.navigateTo('/pages/nope/nope'), /page "pages\/nope\/nope" is not found/);
    page = await miniProgram.reLaunch('/pages/index/index');
  });

  test('callWxMethod: sync and async APIs, failures without their prefix', async () => {
    await miniProgram.callWxMethod('setStorageSync', 'automator', { n: 1 });
    assert.deepEqual(await miniProgram.callWxMethod('getStorageSync', 'automator'), { n: 1 });
    const got = await miniProgram.callWxMethod('getStorage', { key: 'automator' });
    assert.deepEqual(got.data, { n: 1 });
    assert.equal(got.errMsg, 'getStorage:ok');
    await assert.rejects(miniProgram.callWxMethod('getStorage', { key: 'absent' }), (e) => e.message === 'data not found');
    await assert.rejects(miniProgram.callWxMethod('noSuchApi'), /wx\.noSuchApi not exists/);
    await miniProgram.pageScrollTo(0);
  });

  test('mockWxMethod: a value, a function with this.origin, then restored', async () => {
    await miniProgram.mockWxMethod('showModal', { confirm: true, cancel: false });
    assert.deepEqual(await miniProgram.callWxMethod('showModal', { title: 'sure?' }), { confirm: true, cancel: false });
    await miniProgram.mockWxMethod('getStorageSync', function (key, prefix) {
      return `${prefix}:${this.origin(key).n}`;
    }, 'mocked');
    assert.equal(await miniProgram.callWxMethod('getStorageSync', 'automator'), 'mocked:1');
    assert.equal(await miniProgram.evaluate(() => wx.getStorageSync('automator')), 'mocked:1');
    await miniProgram.mockWxMethod('getSystemInfo', { errMsg: 'getSystemInfo:fail mocked failure' });
    await assert.rejects(miniProgram.callWxMethod('getSystemInfo'), /mocked failure/);
    await miniProgram.restoreWxMethod('getStorageSync');
    await miniProgram.restoreWxMethod('getSystemInfo');
    await miniProgram.restoreWxMethod('showModal');
    assert.deepEqual(await miniProgram.callWxMethod('getStorageSync', 'automator'), { n: 1 });
    await assert.rejects(miniProgram.mockWxMethod('onAppShow', {}), /You can't mock wx\.onAppShow/);
  });

  test('evaluate in the app service, exposeFunction, console and exceptions', async () => {
    assert.equal(await miniProgram.evaluate((a, b) => a + b, 1, 2), 3);
    assert.equal(await miniProgram.evaluate(async () => getCurrentPages().length), 1);
    assert.equal(await miniProgram.evaluate(() => typeof getApp().globalData), 'object');
    const calls = [];
    await miniProgram.exposeFunction('onTestSignal', (...args) => calls.push(args));
    await miniProgram.evaluate(() => {
      onTestSignal('from the app', 42);
      console.log('hello from the app', 7);
      setTimeout(() => {
        throw new TypeError('thrown in a timer');
      });
    });
    await until(() => calls.length === 1, 'the binding call');
    assert.deepEqual(calls[0], ['from the app', 42]);
    const log = await until(() => consoleMessages.find((m) => m.args[0] === 'hello from the app'), 'the console message');
    assert.equal(log.type, 'log');
    assert.deepEqual(log.args, ['hello from the app', 7]);
    const error = await until(() => exceptions.find((e) => e.message === 'thrown in a timer'), 'the exception');
    assert.match(error.stack, /thrown in a timer/);
  });

  test('gestures: touches, trigger and dispatchEvent', async () => {
    const check = await page.$('.todo-check');
    await check.touchstart();
    await check.touchend();
    await page.waitFor(async () => (await page.data('remaining')) === 1);
    const input = await page.$('.new-todo-input');
    await input.trigger('input', { value: 'via trigger' });
    await page.waitFor(async () => (await page.data('draft')) === 'via trigger');
    await check.dispatchEvent({ eventName: 'tap', eventData: {} });
    await page.waitFor(async () => (await page.data('remaining')) === 0);
  });

  test('native: a modal answered from the test, a screenshot, the tool stand-ins', async () => {
    const answer = miniProgram.evaluate(() => new Promise((resolve) => {
      wx.showModal({ title: 'Delete?', success: (res) => resolve(res.confirm) });
    }));
    await until(async () => {
      try {
        await miniProgram.native().confirmModal();
        return true;
      } catch {
        return false;
      }
    }, 'the modal to open');
    assert.equal(await answer, true);
    await assert.rejects(miniProgram.native().cancelModal(), /no modal or action sheet is open/);
    // The tab bar, as the user taps it.
    await miniProgram.native().switchTab({ url: '/pages/logs/logs' });
    assert.equal((await miniProgram.currentPage()).path, 'pages/logs/logs');
    await miniProgram.native().switchTab({ url: '/pages/index/index' });
    const shot = path.join(scratch, 'shot.png');
    const data = await miniProgram.screenshot({ path: shot });
    assert.equal(data, undefined);
    assert.ok(existsSync(shot));
    assert.deepEqual([...readFileSync(shot).subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
    assert.ok((await miniProgram.screenshot()).length > 1000);
    assert.deepEqual(await miniProgram.testAccounts(), []);
    assert.deepEqual(await miniProgram.stopAudits(), {});
    assert.deepEqual(await miniProgram.getTicket(), { ticket: '', expiredTime: 0 });
    await miniProgram.setTicket('t');
    await miniProgram.refreshTicket();
    await assert.rejects(miniProgram.remote(), /remote debug is not supported/);
  });
});

describe('examples/todo through automator.connect()', { timeout: 120_000 }, () => {
  test('connected to `wxrt auto`, a todo added, disconnected', async () => {
    assertBuilt();
    const auto = await startAuto(PROJECT);
    try {
      const miniProgram = await automator.connect({ wsEndpoint: auto.wsEndpoint });
      const page = await miniProgram.currentPage();
      assert.equal(page.path, 'pages/index/index');
      // A session of its own: the storage the launched test filled is not here.
      assert.deepEqual(await page.data('todos'), []);
      await (await page.$('.new-todo-input')).input('from connect');
      await (await page.$('.new-todo-add')).tap();
      await page.waitFor('.todo-item');
      assert.equal(await (await page.$('.todo-title')).text(), 'from connect');
      miniProgram.disconnect();
    } finally {
      assert.deepEqual(await auto.stop(), { code: 130, signal: null });
    }
  });
});
