// Pages drawn from their WXML and WXSS in the preview, worked by clicking and typing as a
// user would: the examples (todo, showcase: lists, templates, includes, wxs, a custom
// component, forms, navigation), WeChat's event phases, keyed rows keeping their DOM, and
// a WXML syntax error shown with its place. Screenshots of each example page go to
// SCREENSHOTS (`npm run screenshots` copies them to docs/screenshots/ for the README).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, ROOT, SCREENSHOTS, eventually, launchBrowser, openPreview, startServer, textOf, until } from './harness.mjs';

let browser;
let stateDir;

before(async () => {
  browser = await launchBrowser();
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-render-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function serve(dir) {
  return startServer(dir, { args: ['--state-dir', stateDir] });
}

async function open(server, search = '') {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await openPreview({ server, context }, search);
  assert.equal(page.startError, undefined);
  return page;
}

const visible = (selector) => `wx-page:not([hidden]) ${selector}`;
const texts = (page, selector) => page.locator(visible(selector)).allTextContents();
/** Waits until the shown page's texts under `selector` are `expected`. */
const textsAre = (page, selector, expected) => eventually(async () => assert.deepEqual(await texts(page, selector), expected), { what: `the texts of ${selector}` });
const shoot = (page, name) => page.locator('#phone').screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

test('showcase: the list renders from templates, an include, wxs and a custom component; filtering and rating work', async () => {
  const server = await serve(path.join(ROOT, 'examples/showcase'));
  try {
    const page = await open(server);
    await textsAre(page, '.fruit-name', ['Apple', 'Banana', 'Cherry', 'Durian', 'Elderberry']);
    assert.deepEqual((await texts(page, '.fruit-price')).slice(0, 2), ['¥3.50', '¥1.25'], 'wxs formats the price');
    // The included header sees the data.
    await textOf(page, visible('.header'), /Fresh today\s*5 kinds today/);
    await shoot(page, 'showcase-list');

    await page.fill(visible('.search-input input'), 'an');
    await textsAre(page, '.fruit-name', ['Banana', 'Durian']);
    await page.fill(visible('.search-input input'), 'kiwi');
    await textOf(page, visible('.empty'), /No fruit matches “kiwi”/);
    await page.fill(visible('.search-input input'), '');
    await until(page, () => document.querySelectorAll('wx-page:not([hidden]) .fruit-name').length === 5, null, { what: 'the whole list again' });

    // The third star of Apple's rating: the component's event reaches the page (catch:
    // the row's tap handler does not navigate), which stores the rating.
    await page.locator(visible('star-rating, wx-star-rating')).first().locator('wx-text').nth(1).click();
    await until(page, () => wx.getStorageSync('ratings')[1] === 2, null, { what: "Apple's rating stored" });
    assert.equal(await page.evaluate(() => wxrt.currentPage().route), 'pages/list/list');

    await page.click(visible('.fruit-name >> text=Cherry'));
    await page.waitForFunction(() => wxrt.currentPage()?.route === 'pages/item/item');
    await textOf(page, visible('.name'), 'Cherry');
    // wx.setNavigationBarTitle
    await textOf(page, '#nav-title', 'Cherry');
    await shoot(page, 'showcase-item');
    await page.click(visible('wx-navigator'));
    await page.waitForFunction(() => wxrt.currentPage()?.route === 'pages/list/list');
    await eventually(async () => assert.equal(await page.locator(visible('.fruit-name')).count(), 5), { what: 'the list page shown again' });
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await server.close();
  }
});

test('showcase: the order form collects every control and stores the order', async () => {
  const server = await serve(path.join(ROOT, 'examples/showcase'));
  try {
    const page = await open(server, '?path=pages/form/form');
    await page.fill(visible('wx-input input'), 'Ada');
    await page.selectOption(visible('wx-picker select'), '2');
    await page.waitForFunction(() => document.querySelector('wx-page:not([hidden]) .picker').textContent === 'Cherry');
    await page.click(visible('wx-label >> text=Pick up'));
    await page.click(visible('wx-label >> text=Gift wrap'));
    await page.fill(visible('wx-textarea textarea'), 'Leave at the door');
    await shoot(page, 'showcase-form');
    await page.click(visible('wx-button >> text=Place order'));
    await page.waitForFunction(() => (wx.getStorageSync('orders') || []).length === 1);
    const [order] = await page.evaluate(() => wx.getStorageSync('orders'));
    assert.deepEqual(
      { name: order.name, fruit: order.fruit, boxes: order.boxes, delivery: order.delivery, extras: order.extras, bell: order.bell, note: order.note },
      { name: 'Ada', fruit: 'Cherry', boxes: 1, delivery: 'pickup', extras: ['gift'], bell: true, note: 'Leave at the door' },
    );
    await textOf(page, visible('.order'), /Ada: 1 × Cherry \(pickup, gift\)/);
    await page.click(visible('wx-button >> text=Clear'));
    await page.waitForFunction(() => document.querySelector('wx-page:not([hidden]) wx-input input').value === '');
    // The tab bar switches pages; the list page keeps its state.
    await page.click('#tab-bar button >> text=Fruit');
    await page.waitForFunction(() => wxrt.currentPage()?.route === 'pages/list/list');
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await server.close();
  }
});

test('todo: typing, adding, toggling, opening and deleting work on the rendered page', async () => {
  const server = await serve(path.join(ROOT, 'examples/todo'));
  try {
    const page = await open(server);
    await shoot(page, 'todo-index');
    await page.fill(visible('.new-todo-input input'), 'Buy tea');
    await page.click(visible('wx-button >> text=Add'));
    await textsAre(page, '.todo-title', ['Buy tea']);
    await until(page, () => wx.getStorageSync('todos').length === 1, null, { what: 'the todo stored' });
    await textOf(page, visible('.footer'), /1 item left/);
    await page.click(visible('.todo-check'));
    await page.waitForSelector(visible('.todo-check.checked'));
    await textOf(page, visible('.footer'), /0 items left/);
    await until(page, () => wx.getStorageSync('todos')[0].done === true, null, { what: 'the todo stored as done' });
    await page.click(visible('.todo-title'));
    await page.waitForFunction(() => wxrt.currentPage()?.route === 'pages/detail/detail');
    await page.waitForSelector(visible('.card'));
    await shoot(page, 'todo-detail');
    await page.click(visible('wx-button >> text=Delete'));
    await page.waitForFunction(() => wxrt.currentPage()?.route === 'pages/index/index');
    await page.waitForSelector(visible('.empty'));
    await until(page, () => wx.getStorageSync('todos').length === 0, null, { what: 'the todo removed from storage' });
    await page.click('#tab-bar button >> text=Logs');
    await page.waitForSelector(visible('.log-item'));
    await shoot(page, 'todo-logs');
  } finally {
    await server.close();
  }
});

test('events: capture, bubble, catch and mut-bind in WeChat\'s order, with dataset and mark; input returns replace the text', async () => {
  const server = await serve(path.join(FIXTURES, 'projects/render-app'));
  try {
    const page = await open(server);
    await page.click('#inner');
    await page.click('#free');
    await eventually(async () => assert.deepEqual(await page.evaluate(() => wxrt.getCurrentPages()[0].calls), [
      ['capture', 'outer', 'inner'],
      ['bind', 'inner', 'inner', 'ada', 'inner'],
      ['mut', 'inner'],
      ['bind', 'middle', 'inner', 'ada', 'inner'],
      ['capture', 'outer', 'free'],
      ['bind', 'free', 'free', '', ''],
      ['bind', 'outer', 'free', 'outer', 'outer'],
    ]), { what: "both taps' handlers" });
    await page.fill('#field input', 'abc');
    await textOf(page, '#echo', 'abc|1');
    await eventually(async () => assert.equal(await page.inputValue('#field input'), 'ABC'), { what: "the input's return value in the field" });
    // open-type buttons: the simulated profile, and the page's share message.
    await page.click('#who');
    await until(page, () => wxrt.getCurrentPages()[0].userInfo, null, { what: 'the profile from the open-type button' });
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages()[0].userInfo.nickName), '微信用户');
    await page.click('#share');
    await textOf(page, '.wxrt-toast', /Share: Look at this/);
    await until(page, () => wxrt.getCurrentPages()[0].sharedFrom === 'button', null, { what: 'onShareAppMessage from the button' });
  } finally {
    await server.close();
  }
});

test('keyed rows keep their DOM and what was typed into them; an update patches only what changed', async () => {
  const server = await serve(path.join(FIXTURES, 'projects/render-app'));
  try {
    const page = await open(server, '?path=pages/keyed/keyed');
    await page.fill('#row-1 input', 'typed into one');
    await page.evaluate(() => {
      window.rowOne = document.querySelector('#row-1');
      window.labelThree = document.querySelector('#row-3 .label');
      wxrt.currentPage();
      wxrt.getCurrentPages()[0].reverse();
    });
    await until(page, () => [...document.querySelectorAll('.row')].map((r) => r.id).join() === 'row-3,row-2,row-1', null, { what: 'the rows reversed' });
    assert.equal(await page.evaluate(() => document.querySelector('#row-1') === window.rowOne), true, 'the row moved, not re-created');
    assert.equal(await page.inputValue('#row-1 input'), 'typed into one');
    await page.evaluate(() => wxrt.getCurrentPages()[0].rename());
    await textOf(page, '#row-2 .label', 'TWO');
    assert.equal(await page.evaluate(() => document.querySelector('#row-3 .label') === window.labelThree), true);
  } finally {
    await server.close();
  }
});

test('a WXML syntax error shows its file, line and column on the page and reaches onError', async () => {
  const server = await serve(path.join(FIXTURES, 'projects/render-app'));
  try {
    const page = await open(server, '?path=pages/broken/broken');
    await textOf(page, visible('.wxrt-template-error'), /^pages\/broken\/broken\.wxml:3:\d+: /);
    await eventually(async () => {
      const errors = await page.evaluate(() => wxrt.getApp().errors);
      assert.ok(errors.some((e) => e.includes('pages/broken/broken.wxml:3:')), JSON.stringify(errors));
    }, { what: 'App.onError to hear of the WXML error' });
  } finally {
    await server.close();
  }
});

test('the page frame: scrolling hooks, pageScrollTo, pull-down refresh, selector queries, the navigation bar and system info', async () => {
  const server = await serve(path.join(FIXTURES, 'projects/render-app'));
  try {
    const page = await open(server, '?path=pages/scroll/scroll');
    // Scroll events reach the page a frame after the scroll: each hook is awaited.
    await page.evaluate(() => wx.pageScrollTo({ scrollTop: 400, duration: 0 }));
    await until(page, () => wxrt.getCurrentPages()[0].lastScroll === 400, null, { what: 'onPageScroll with the scrollTop' });
    await page.evaluate(() => wx.pageScrollTo({ selector: '#end', duration: 0 }));
    await until(page, () => wxrt.getCurrentPages()[0].log.includes('bottom'), null, { what: 'onReachBottom' });
    const result = await page.evaluate(async () => {
      const rect = await new Promise((resolve) => wx.createSelectorQuery().select('#line-3').boundingClientRect().selectViewport().scrollOffset().exec(resolve));
      await wx.startPullDownRefresh();
      await wx.setNavigationBarColor({ frontColor: '#ffffff', backgroundColor: '#ff0000' });
      const badColor = await wx.setNavigationBarColor({ frontColor: 'red', backgroundColor: '#000' }).catch((e) => e.errMsg);
      const info = wx.getSystemInfoSync();
      return { rect: rect[0], viewport: rect[1].scrollTop > 0, badColor, info: [info.brand, info.platform, info.windowWidth, info.screenWidth] };
    });
    await eventually(async () => assert.deepEqual(await page.evaluate(() => wxrt.getCurrentPages()[0].log), ['bottom', 'refresh']), { what: 'onPullDownRefresh' });
    assert.equal(result.rect.id, 'line-3');
    assert.equal(result.rect.height, 40);
    assert.equal(result.viewport, true);
    assert.match(result.badColor, /^setNavigationBarColor:fail /);
    assert.deepEqual(result.info, ['wxrt', 'devtools', 375, 375]);
    await eventually(async () => assert.equal(await page.evaluate(() => document.getElementById('nav-bar').style.background), 'rgb(255, 0, 0)'), { what: 'the navigation bar colour' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#end')).height), '50px', '100rpx is 50px on a 375px screen');
  } finally {
    await server.close();
  }
});
