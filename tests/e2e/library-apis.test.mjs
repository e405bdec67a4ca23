// What UI-library code calls along the way, in the preview of a fixture project
// (tests/e2e/fixtures/projects/library-apis): selector queries inside a component,
// intersection observers, `animate`/`clearAnimation`, `wx.createAnimation` with the
// `animation` attribute, picker-view, page-meta with navigation-bar, canvas (both APIs),
// the menu button (capsule) in the page frame and a custom tab bar with `getTabBar()`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, eventually, launchBrowser, openPreview, startServer, until } from './harness.mjs';

let browser;
let server;
let stateDir;

before(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-library-apis-'));
  server = await startServer(path.join(PROJECTS, 'library-apis'), { args: ['--state-dir', stateDir, '--no-watch'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function open(search = '') {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await openPreview({ server, context }, search);
  assert.equal(page.startError, undefined);
  page.wxrtContext = context;
  return page;
}

const top = 'wx-page:not([hidden])';
const noErrors = async (page) => assert.deepEqual(await page.evaluate(() => wxrt.errors().map((e) => e.message)), []);

test('selector queries inside a component: fields, order of answers, its own nodes only', async () => {
  const page = await open();
  try {
    const { order, results } = await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().query());
    assert.deepEqual(order, ['box', 'all', 'scroll', 'node', 'viewport'], 'each callback in request order, before exec');
    const [box, all, scroll, node, viewport] = results;
    assert.equal(box.id, 'probe-box');
    assert.deepEqual(box.dataset, { kind: 'probe-box' });
    assert.deepEqual(box.mark, { where: 'probe' });
    assert.equal(box.width, 120);
    assert.equal(box.height, 30);
    assert.equal(box.right - box.left, 120);
    assert.equal(box.backgroundColor, 'rgb(255, 0, 0)');
    assert.equal(box.marginTop, '0px');
    assert.equal(box.context, null, 'a view has no context');
    assert.equal(all.length, 1, "the inner component's .box is not the probe's");
    assert.equal(scroll.scrollTop, 0);
    assert.ok(scroll.scrollHeight > 100);
    assert.deepEqual(node, { hasScrollTo: true }, 'a scroll-view node is its ScrollViewContext');
    assert.equal(viewport.scrollTop, 0);
    assert.deepEqual([viewport.id, viewport.dataset], ['', {}]);
    const host = await page.evaluate(() => new Promise((resolve) => {
      wx.createSelectorQuery().select('#probe').fields({ properties: ['label'], size: true }).select('#probe-box').boundingClientRect().exec(resolve);
    }));
    assert.equal(host[0].label, 'hello', "properties: a component's property");
    assert.equal(host[1], null, "the page's query does not see inside the component");
    const across = await page.evaluate(() => new Promise((resolve) => {
      wx.createSelectorQuery().selectAll('#probe >>> .box').fields({ id: true })
        .selectAll('#probe >>> inner >>> .box').fields({ id: true })
        .exec((lists) => resolve(lists.map((list) => list.map((r) => r.id))));
    }));
    assert.deepEqual(across, [['probe-box'], ['inner-box']], 'each >>> enters one component, as in selectComponent');
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('selector queries sent in one task are all measured before any answer; a callback that throws is reported, the others answered', async () => {
  const page = await open();
  try {
    const heights = await page.evaluate(() => new Promise((resolve) => {
      const probe = wxrt.getCurrentPages().at(-1).probe();
      const seen = [];
      wx.createSelectorQuery().in(probe).select('.box').boundingClientRect().exec(([rect]) => {
        seen.push(rect.height);
        document.querySelector('wx-page:not([hidden]) #probe-box').style.height = '60px';
        throw new Error('the first callback fails');
      });
      wx.createSelectorQuery().in(probe).select('.box').boundingClientRect().exec(([rect]) => {
        seen.push(rect.height);
        wx.createSelectorQuery().in(probe).select('.box').boundingClientRect().exec(([later]) => resolve([...seen, later.height]));
      });
    }));
    assert.deepEqual(heights, [30, 30, 60], 'the second query measured beside the first, before its callback; a query sent later sees the change');
    const errors = await page.evaluate(() => wxrt.errors().map((e) => e.message));
    assert.ok(errors.some((m) => m.includes('the first callback fails')), JSON.stringify(errors));
  } finally {
    await page.wxrtContext.close();
  }
});

test('intersection observer of a component relative to its scroll-view: thresholds, observeAll, shape, disconnect', async () => {
  const page = await open();
  try {
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().observe());
    // 100 px of 40 px cells: cells 0 and 1 whole, 2 half.
    const seen = await until(page, () => {
      const list = wxrt.getCurrentPages().at(-1).probe().data.seen;
      return list.length >= 3 && list;
    }, null, { what: 'the first callbacks' });
    const byId = Object.fromEntries(seen.map((s) => [s.id, s]));
    assert.deepEqual(Object.keys(byId).sort(), ['cell-0', 'cell-1', 'cell-2'], 'visible cells only (initialRatio 0)');
    assert.equal(byId['cell-0'].ratio, 1);
    assert.equal(byId['cell-2'].ratio, 0.5);
    assert.equal(byId['cell-2'].n, 2);
    assert.ok(byId['cell-0'].hasTime);
    assert.equal(byId['cell-2'].rect.height, 20);
    assert.equal(byId['cell-0'].relTop, byId['cell-0'].top, 'relativeRect is the scroll-view');
    await page.evaluate(() => { document.querySelector('wx-page:not([hidden]) #scroller').scrollTop = 200; });
    await until(page, () => wxrt.getCurrentPages().at(-1).probe().data.seen.some((s) => s.id === 'cell-6' && s.ratio === 1), null, { what: 'cell 6 fully visible' });
    const after = await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().data.seen);
    assert.ok(after.some((s) => s.id === 'cell-0' && s.ratio === 0), 'leaving is reported with ratio 0');
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().stopObserving());
    const count = after.length;
    await page.evaluate(() => { document.querySelector('wx-page:not([hidden]) #scroller').scrollTop = 0; });
    await page.waitForFunction(() => document.querySelector('wx-page:not([hidden]) #scroller').scrollTop === 0);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().data.seen.length), count, 'nothing after disconnect');
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('page intersection observer relative to the viewport: margins widen it; wx.createIntersectionObserver(page)', async () => {
  const page = await open();
  try {
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).watchFar(0));
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).watchFarGlobal());
    await page.evaluate(() => { document.querySelector('#page').scrollTop = 900; });
    // #far sits at about 2170 px: at 900 it is still below the window (about 550 px tall).
    // Observers start on a timer of 0 after observe(): one more such timer runs after them.
    await page.evaluate(() => new Promise((r) => setTimeout(r)));
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).watchFar(2000));
    const seen = await until(page, () => {
      const list = wxrt.getCurrentPages().at(-1).data.seen;
      return list.length >= 1 && list;
    }, null, { what: 'the 2000 px margin to see #far' });
    assert.equal(seen[0].id, 'far');
    assert.equal(seen[0].ratio, 1);
    const windowHeight = await page.evaluate(() => document.querySelector('#page').clientHeight);
    assert.equal(seen[0].relBottom, windowHeight + 2000);
    await page.evaluate(() => { document.querySelector('#page').scrollTop = 100000; });
    await until(page, () => wxrt.getCurrentPages().at(-1).data.seen.length >= 2, null, { what: 'the global observer' });
    assert.equal(await page.evaluate(() => wx.canIUse('createIntersectionObserver') && wx.canIUse('createAnimation') && wx.canIUse('getMenuButtonBoundingClientRect')), true);
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('this.animate plays WeChat keyframes and calls back; clearAnimation restores what it names', async () => {
  const page = await open();
  try {
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().fade()), 'done');
    const style = () => page.evaluate(() => {
      const s = getComputedStyle(document.querySelector('wx-page:not([hidden]) #probe-box'));
      return { opacity: s.opacity, transform: s.transform };
    });
    const ended = await style();
    assert.equal(ended.opacity, '0.25', 'the end state stays');
    assert.notEqual(ended.transform, 'none', 'rotate: 90 is a rotation');
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().clear({ opacity: true })), 'cleared');
    const cleared = await style();
    assert.equal(cleared.opacity, '1', 'opacity cleared');
    assert.equal(cleared.transform, ended.transform, 'the rotation was not named, so it stays');
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).probe().clear());
    assert.equal((await style()).transform, 'none');
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('wx.createAnimation: steps, export() empties the queue, the animation attribute plays the groups in order', async () => {
  const page = await open();
  try {
    const exported = await page.evaluate(() => wxrt.getCurrentPages().at(-1).play());
    assert.equal(exported.steps, 2);
    assert.equal(exported.again, 0, 'export() clears the queue');
    assert.deepEqual(exported.first.animates, [{ type: 'style', args: ['width', '200px'] }, { type: 'style', args: ['opacity', 0.5] }]);
    assert.deepEqual(exported.first.option.transition, { duration: 60, timingFunction: 'linear', delay: 0 });
    await until(page, () => {
      const s = getComputedStyle(document.querySelector('wx-page:not([hidden]) #animated'));
      return s.width === '200px' && s.opacity === '0.5' && s.transform === 'matrix(1, 0, 0, 1, 30, 0)';
    }, null, { what: 'both groups to have played' });
    // A render of something else keeps what the animation set.
    await page.evaluate(() => new Promise((r) => wxrt.getCurrentPages().at(-1).setData({ other: 1 }, r)));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('wx-page:not([hidden]) #animated')).width), '200px');
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('picker-view: value scrolls the columns; scrolling snaps and reports pickstart, change with detail.value, pickend', async () => {
  const page = await open('?path=pages/picker/picker');
  try {
    const columns = `${top} wx-picker-view-column`;
    await until(page, (sel) => {
      const [a, b] = document.querySelectorAll(sel);
      return a && b && a.scrollTop === 50 && b.scrollTop === 100;
    }, columns, { what: 'value [1, 2] under the 50 px indicator' });
    const indicator = await page.evaluate((sel) => {
      const pv = document.querySelector(sel);
      const band = pv.querySelector('.wx-picker-view-indicator').getBoundingClientRect();
      const box = pv.getBoundingClientRect();
      const row = pv.querySelector('wx-picker-view-column .row').getBoundingClientRect();
      return { height: band.height, middle: band.top + band.height / 2 - box.top, rowHeight: row.height, mask: getComputedStyle(pv.querySelector('.wx-picker-view-mask')).opacity };
    }, `${top} wx-picker-view`);
    assert.deepEqual(indicator, { height: 50, middle: 125, rowHeight: 50, mask: '0.5' });
    const second = await page.locator(columns).nth(1).boundingBox();
    await page.mouse.move(second.x + second.width / 2, second.y + second.height / 2);
    await page.mouse.wheel(0, 140);
    await until(page, () => wxrt.getCurrentPages().at(-1).data.events.some((e) => e.type === 'pickend'), null, { what: 'the columns to come to rest' });
    const events = await page.evaluate(() => wxrt.getCurrentPages().at(-1).data.events);
    assert.equal(events[0].type, 'pickstart');
    const change = events.find((e) => e.type === 'change');
    assert.equal(change.value[0], 1);
    assert.ok(change.value[1] > 2, `the second column moved on: ${JSON.stringify(change.value)}`);
    const rest = await page.evaluate((sel) => document.querySelectorAll(sel)[1].scrollTop, columns);
    assert.equal(rest, change.value[1] * 50, 'snapped to a row');
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ value: [4, 0] }));
    await until(page, (sel) => {
      const [a, b] = document.querySelectorAll(sel);
      return a.scrollTop === 200 && b.scrollTop === 0;
    }, columns, { what: 'setData value to move the columns' });
    assert.equal((await page.evaluate(() => wxrt.getCurrentPages().at(-1).data.events)).filter((e) => e.type === 'change').length, 1, 'a value set by the page fires no change');
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('page-meta sets the page style, root font size, scroll position; navigation-bar sets the bar', async () => {
  const page = await open('?path=pages/meta/meta');
  try {
    await until(page, () => document.querySelector('#nav-title').textContent === 'From page-meta', null, { what: 'the title from navigation-bar' });
    const look = await page.evaluate(() => {
      const root = document.querySelector('wx-page:not([hidden])');
      return {
        background: getComputedStyle(root).backgroundColor,
        fontSize: getComputedStyle(root).fontSize,
        rem: document.querySelector('wx-page:not([hidden]) #rem').getBoundingClientRect().width,
        bar: getComputedStyle(document.querySelector('#nav-bar')).backgroundColor,
        barText: getComputedStyle(document.querySelector('#nav-bar')).color,
      };
    });
    assert.deepEqual(look, { background: 'rgb(1, 2, 3)', fontSize: '18px', rem: 40, bar: 'rgb(255, 0, 0)', barText: 'rgb(255, 255, 255)' });
    await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ scrollTop: '300px', title: 'Changed' }));
    await until(page, () => document.querySelector('#page').scrollTop === 300, null, { what: 'scroll-top to scroll the page' });
    await until(page, () => document.querySelector('#nav-title').textContent === 'Changed', null, { what: 'the new title' });
    await until(page, () => wxrt.getCurrentPages().at(-1).lastScroll === 300, null, { what: 'bindscroll with detail.scrollTop' });
    await until(page, () => wxrt.getCurrentPages().at(-1).scrollDone >= 1, null, { what: 'scrolldone after the scroll-top scroll' });
    await page.evaluate(() => wx.switchTab({ url: '/pages/index/index' }));
    await until(page, () => wxrt.currentPage().route === 'pages/index/index' && document.documentElement.style.fontSize === '', null, { what: "the root font size to go with the page" });
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});

test('the menu button is drawn where wx.getMenuButtonBoundingClientRect says', async () => {
  const page = await open();
  try {
    const rect = await page.evaluate(() => wx.getMenuButtonBoundingClientRect());
    assert.deepEqual(rect, { width: 87, height: 32, top: 24, right: 368, bottom: 56, left: 281 });
    const drawn = await page.evaluate(() => {
      const phone = document.querySelector('#phone').getBoundingClientRect();
      const capsule = document.querySelector('#capsule');
      const box = capsule.getBoundingClientRect();
      const topmost = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { left: box.left - phone.left, top: box.top - phone.top, width: box.width, height: box.height, visible: capsule.contains(topmost) };
    });
    assert.deepEqual(drawn, { left: 281, top: 24, width: 87, height: 32, visible: true });
  } finally {
    await page.wxrtContext.close();
  }
});

test('custom tab bar: the project component in the tab bar place, one instance per tab page, getTabBar()', async () => {
  const page = await open();
  try {
    const bar = 'wx-tab-bar-frame > wx-custom-tab-bar:not([hidden])';
    // Component classes are scoped (`c3--tab-bar-item`): matched by their suffix here.
    const item = '[class*="--tab-bar-item"]';
    await page.waitForSelector(`${bar} ${item}`);
    assert.equal(await page.isHidden('#tab-bar'), true, "the frame's own tab bar gives way");
    const placed = await page.evaluate((sel) => {
      const phone = document.querySelector('#phone').getBoundingClientRect();
      const item = document.querySelector(`${sel} [class*="--tab-bar-item"]`).getBoundingClientRect();
      return { bottom: Math.round(phone.bottom - item.bottom), inside: item.top >= document.querySelector('#page').getBoundingClientRect().bottom - 1 };
    }, bar);
    assert.deepEqual(placed, { bottom: 0, inside: true }, 'position: fixed stays in the tab bar place');
    await until(page, (sel) => document.querySelector(`${sel} [class*="--selected"]`)?.textContent === 'Home', bar, { what: 'onShow to select Home' });
    const first = await page.evaluate(() => wxrt.getCurrentPages().at(-1).getTabBar().data.serial);
    await page.click(`${bar} ${item} >> text=Second`);
    await until(page, () => wxrt.currentPage().route === 'pages/second/second', null, { what: 'the tap to switch tabs' });
    await until(page, (sel) => document.querySelector(`${sel} [class*="--selected"]`)?.textContent === 'Second', bar, { what: "the second page's bar" });
    const second = await page.evaluate(() => wxrt.getCurrentPages().at(-1).getTabBar().data.serial);
    assert.notEqual(first, second, 'each tab page has its own instance');
    assert.equal(await page.locator('wx-tab-bar-frame > wx-custom-tab-bar').count(), 2);
    await page.click(`${bar} ${item} >> text=Home`);
    await until(page, (sel) => document.querySelector(`${sel} [class*="--selected"]`)?.textContent === 'Home', bar, { what: 'back on Home' });
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).getTabBar().data.serial), first, 'the kept tab page kept its bar');
    await page.evaluate(() => wx.navigateTo({ url: '/pages/meta/meta' }));
    await until(page, () => document.querySelector('wx-tab-bar-frame').hidden, null, { what: 'no bar on a page that is not a tab' });
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).getTabBar()), null);
    await eventually(async () => noErrors(page));
  } finally {
    await page.wxrtContext.close();
  }
});

test('canvas: wx.createCanvasContext draws on draw(); a type="2d" canvas is drawn through its node', async () => {
  const page = await open('?path=pages/canvas/canvas');
  try {
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).drawLegacy()), true);
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).drawModern()), true);
    const pixels = await page.evaluate(() => {
      const pick = (selector, x, y) => {
        const canvas = document.querySelector(`wx-page:not([hidden]) ${selector} canvas`);
        const ratio = canvas.width / canvas.clientWidth;
        return [...canvas.getContext('2d').getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data];
      };
      const sized = document.querySelector('wx-page:not([hidden]) wx-canvas:nth-of-type(3)').getBoundingClientRect();
      return { left: pick('.legacy', 10, 10), right: pick('.legacy', 90, 50), modern: pick('#modern', 40, 20), size: [sized.width, sized.height] };
    });
    assert.deepEqual(pixels, { left: [255, 0, 0, 255], right: [0, 255, 0, 255], modern: [0, 0, 255, 255], size: [300, 150] });
    assert.equal(await page.evaluate(() => wx.canIUse('createCanvasContext')), true);
    // An image drawn by its path, and a pattern of it: both blue by the time draw calls back.
    assert.deepEqual(await page.evaluate(() => wxrt.getCurrentPages().at(-1).drawPoster()), [0, 0, 255, 255, 0, 0, 255, 255]);
    await noErrors(page);
  } finally {
    await page.wxrtContext.close();
  }
});
