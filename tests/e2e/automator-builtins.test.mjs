// Automator tests of built-in components and a custom component, through
// automator.connect() to a `wxrt auto` started beforehand (what a CI script does with
// DevTools' `cli auto --auto-port`). Only the published client talks to wxrt.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import automator from 'miniprogram-automator';
import { FIXTURES, assertBuilt } from './harness.mjs';
import { startAuto, until } from './automator-cli.mjs';

const PROJECT = path.join(FIXTURES, 'projects/automator-app');

describe('built-in and custom components through automator.connect()', { timeout: 180_000 }, () => {
  let auto;
  let miniProgram;
  let page;
  const lastEvent = async (name) => (await page.data('log')).filter((e) => e.name === name).at(-1)?.detail;

  before(async () => {
    assertBuilt();
    auto = await startAuto(PROJECT);
    miniProgram = await automator.connect({ wsEndpoint: auto.wsEndpoint });
    page = await miniProgram.currentPage();
  });

  after(async () => {
    miniProgram?.disconnect();
    await auto?.stop();
  });

  test('a custom component: its element class, data, setData, callMethod, its own scope', async () => {
    const counter = await page.$('counter');
    assert.equal(counter.tagName, 'counter');
    assert.equal(counter.constructor.name, 'CustomElement');
    assert.deepEqual(await counter.data(), { step: 2, label: 'count', count: 0 });
    assert.equal(await counter.data('step'), 2);
    // Classes inside the component are its own: the page does not see them, the element does.
    assert.equal(await page.$('.count'), null);
    const count = await counter.$('.count');
    assert.equal(await count.text(), '0');
    assert.equal((await page.$('#counter')).id, counter.id);
    assert.equal((await page.$('counter >>> .count')).id, count.id);
    // What the page put in the slot stays the page's.
    assert.equal(await (await page.$('.slotted')).text(), "inside the counter's slot");
    await count.tap();
    await until(async () => (await counter.data('count')) === 2, 'the counter to count');
    assert.deepEqual(await lastEvent('counter'), { count: 2 });
    assert.equal(await counter.callMethod('reset', 7), 7);
    assert.equal(await count.text(), '7');
    await counter.setData({ label: 'items' });
    await until(async () => (await (await counter.$('.label')).text()) === 'items', 'the label');
    await assert.rejects(counter.callMethod('nothing'), /component\.nothing not exists/);
    assert.equal(await counter.property('step'), 2);
    await assert.rejects(counter.property('count'), /counter\.count not exists/);
    assert.match(await counter.wxml(), /<view class="count" id="count">7<\/view><view class="label">items<\/view><view class="slotted">/);
    await count.dispatchEvent({ eventName: 'tap' });
    await until(async () => (await counter.data('count')) === 9, 'the dispatched tap');
    await counter.dispatchEvent({ eventName: 'tap', $: 'count' });
    await until(async () => (await counter.data('count')) === 11, 'the tap on the inner node');
  });

  test('scroll-view: scrollTo and its reads', async () => {
    const scroller = await page.$('.scroller');
    assert.equal(scroller.constructor.name, 'ScrollViewElement');
    await scroller.scrollTo(0, 60);
    await until(async () => (await lastEvent('scroll'))?.scrollTop === 60, 'bindscroll');
    assert.equal(await scroller.scrollHeight(), 320);
    assert.ok((await scroller.scrollWidth()) > 0);
    assert.equal(await scroller.property('scrollLeft'), 0);
    assert.equal(await scroller.property('scrollTop'), 60);
  });

  test('swiper, switch, slider and textarea, each as the user changes it', async () => {
    const swiper = await page.$('.swiper');
    await swiper.swipeTo(2);
    await until(async () => (await lastEvent('swiper'))?.current === 2, 'bindchange of the swiper');
    assert.equal((await lastEvent('swiper')).source, 'touch');
    const toggle = await page.$('.switch');
    assert.equal(toggle.constructor.name, 'SwitchElement');
    await toggle.tap();
    await until(async () => (await lastEvent('switch'))?.value === true, 'bindchange of the switch');
    assert.equal(await toggle.property('checked'), true);
    const slider = await page.$('.slider');
    await slider.slideTo(30);
    await until(async () => (await lastEvent('slider'))?.value === 30, 'bindchange of the slider');
    assert.equal(await slider.value(), 30);
    const notes = await page.$('.notes');
    await notes.input('two\nlines');
    await until(async () => (await lastEvent('notes'))?.value === 'two\nlines', 'bindinput of the textarea');
    assert.equal(await notes.value(), 'two\nlines');
  });

  test('touches, longpress, trigger and the video context', async () => {
    const presser = await page.$('.presser');
    await presser.longpress();
    await until(() => lastEvent('longpress'), 'the longpress');
    assert.equal((await page.data('log')).filter((e) => e.name === 'tap').length, 0);
    await presser.touchstart({ touches: [{ clientX: 10, clientY: 10 }] });
    await presser.touchmove({ touches: [{ clientX: 40, clientY: 12 }] });
    await presser.touchend({ touches: [], changedTouches: [{ clientX: 40, clientY: 12 }] });
    await until(async () => (await lastEvent('touchmove'))?.x === 40, 'the touchmove');
    assert.deepEqual(await lastEvent('touchmove'), { x: 40, y: 12 });
    await presser.tap();
    await until(() => lastEvent('tap'), 'the tap');
    const host = await page.$('.picker-host');
    await host.trigger('change', { value: 1 });
    await until(async () => (await lastEvent('picked'))?.value === 1, 'the triggered change');
    const video = await page.$('#clip');
    assert.equal(video.constructor.name, 'ContextElement');
    await video.callContextMethod('requestFullScreen', { direction: 0 });
    await until(async () => (await lastEvent('fullscreen'))?.fullScreen === true, 'bindfullscreenchange');
    await video.callContextMethod('exitFullScreen');
    await until(async () => (await lastEvent('fullscreen'))?.fullScreen === false, 'the exit from full screen');
    await assert.rejects(video.callContextMethod('noSuchMethod'), /noSuchMethod not exists/);
  });

  /** Presses a native button as soon as what it belongs to is open. */
  const press = (name, data) => until(async () => {
    try {
      await miniProgram.native()[name](data);
      return true;
    } catch {
      return false;
    }
  }, `something for native().${name}() to press`);

  test('native: the action sheet, permission dialogs and the cashier answered from the test', async () => {
    await (await page.$('.sheet')).tap();
    await press('cancelModal');
    await until(async () => (await lastEvent('sheet'))?.errMsg === 'showActionSheet:fail cancel', 'the cancelled sheet');

    const ask = (scope) => miniProgram.evaluate((s) => new Promise((resolve) => {
      wx.authorize({ scope: s, success: (r) => resolve(r.errMsg), fail: (r) => resolve(r.errMsg) });
    }), scope);
    const denied = ask('scope.userLocation');
    await press('authorizeCancel');
    assert.equal(await denied, 'authorize:fail auth deny');
    const granted = ask('scope.record');
    await press('authorizeAllow');
    assert.equal(await granted, 'authorize:ok');

    const paid = miniProgram.evaluate(() => new Promise((resolve) => {
      wx.requestPayment({
        timeStamp: '1700000000', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5', paySign: 's',
        success: (r) => resolve(r.errMsg), fail: (r) => resolve(r.errMsg),
      });
    }));
    await press('closePaymentDialog');
    assert.equal(await paid, 'requestPayment:fail cancel');
    await assert.rejects(miniProgram.native().authorizeAllow(), /no authorization dialog is open/);
  });

  test("a tap counts as the user's, as DevTools' does: APIs that need a tap accept it", async () => {
    await (await page.$('.subscribe')).tap();
    // The same call from a script fails at once; had the tap's failed, it would be first.
    await page.callMethod('subscribe');
    await until(async () => (await lastEvent('subscribe'))?.from === 'script', 'the script call to fail');
    const failures = (await page.data('log')).filter((e) => e.name === 'subscribe');
    assert.deepEqual(failures.map((f) => f.detail), [
      { from: 'script', errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.' },
    ]);
  });

  test('native: the back button and the home button', async () => {
    const second = await miniProgram.navigateTo('/pages/second/second?from=index');
    assert.equal(await (await second.$('.second')).text(), 'second page index');
    await miniProgram.native().navigateLeft();
    await until(async () => (await miniProgram.currentPage()).path === 'pages/index/index', 'the way back');
    await miniProgram.navigateTo('/pages/second/second');
    await miniProgram.native().goHome();
    const home = await miniProgram.currentPage();
    assert.equal(home.path, 'pages/index/index');
    assert.deepEqual((await miniProgram.pageStack()).map((p) => p.path), ['pages/index/index']);
    assert.notEqual(home.id, page.id, 'home is a new page: the stack was emptied');
    page = home;
  });

  test('element.$$ inside a component, plugins refused as DevTools refuses unknown ones', async () => {
    const counter = await page.$('counter');
    assert.deepEqual((await counter.$$('view')).map((v) => v.tagName), ['view', 'view', 'view']);
    assert.equal((await counter.$$('.label')).length, 1);
    await assert.rejects(miniProgram.callPluginWxMethod('wxplugin1', 'getStorageSync', 'k'), /Plugin wxplugin1 not exists/);
    await assert.rejects(miniProgram.mockPluginWxMethod('wxplugin1', 'getStorageSync', 1), /Plugin wxplugin1 not exists/);
  });

  test('several sessions: a second client, and a second wxrt auto on another port, each with an app of its own', async () => {
    const other = await automator.connect({ wsEndpoint: auto.wsEndpoint });
    const second = await startAuto(PROJECT);
    const beside = await automator.connect({ wsEndpoint: second.wsEndpoint });
    try {
      assert.notEqual(second.wsEndpoint, auto.wsEndpoint);
      await page.setData({ events: 'this session' });
      for (const client of [other, beside]) {
        const otherPage = await client.currentPage();
        assert.equal(otherPage.path, 'pages/index/index');
        assert.equal(await otherPage.data('events'), '');
        assert.deepEqual(await otherPage.data('log'), []);
      }
      assert.equal(await page.data('events'), 'this session');
    } finally {
      other.disconnect();
      beside.disconnect();
      assert.deepEqual(await second.stop(), { code: 130, signal: null });
    }
  });
});

describe('a project that cannot start', { timeout: 60_000 }, () => {
  test('every request is answered, with the reason', async () => {
    const auto = await startAuto(path.join(FIXTURES, 'projects/automator-broken'));
    const miniProgram = await automator.connect({ wsEndpoint: auto.wsEndpoint });
    try {
      await assert.rejects(miniProgram.currentPage(), /the mini-program did not start: app\.json: .*tabBar/);
      await assert.rejects(miniProgram.screenshot(), /fail to capture screenshot/);
    } finally {
      miniProgram.disconnect();
      await auto.stop();
    }
  });
});
