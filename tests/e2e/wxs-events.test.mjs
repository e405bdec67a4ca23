// WXS response events (WeChat's 交互动画) and the mouse as a finger, as DevTools'
// simulator: a drag with the mouse is touchstart/touchmove/touchend on the element it
// started on, with points in the page's coordinates; a WXS handler gets the event and the
// owner's ComponentDescriptor (getState, setStyle, addClass, callMethod, triggerEvent);
// `change:prop` observers run at creation and when the property is set again; a touch
// that moved is no tap. The fixture is tests/e2e/fixtures/projects/wxs-events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, launchBrowser, openPreview, startServer, until } from './harness.mjs';
import { wxsSource } from '../../www/render/wxs-source.js';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(path.join(FIXTURES, 'projects/wxs-events'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('WXS source as JavaScript: kept backslashes doubled, `.constructor` reads rewritten, strings and comments left alone', () => {
  const read = "[Symbol.for('wxrt.wxs.constructor')]";
  const cases = [
    ["x.constructor === 'Array'", `x${read} === 'Array'`],
    ['a . \n  constructor', `a ${read}`],
    ['a.constructorName + b.constructor_', 'a.constructorName + b.constructor_'],
    [String.raw`getRegExp('^-?\d+(\.\d+)?$') + "\n\t\1\'\u00e9"`, String.raw`getRegExp('^-?\\d+(\\.\\d+)?$') + "\n\t\1\'\u00e9"`],
    ["'a.constructor' + \"x.constructor\" + y.constructor", `'a.constructor' + "x.constructor" + y${read}`],
    [String.raw`'it\'s'.constructor`, String.raw`'it\'s'` + read],
    ["// a.constructor '\\d\nb.constructor /* c.constructor */", `// a.constructor '\\d\nb${read} /* c.constructor */`],
    ["/* a.constructor\n '\\d' */ 'open\nx.constructor", `/* a.constructor\n '\\d' */ 'open\nx${read}`],
  ];
  for (const [wxs, js] of cases) assert.equal(wxsSource(wxs), js, wxs);
});

/** The app's log (what the page and the component recorded), from entry `from` on. */
const logFrom = (page, from = 0) => page.evaluate((n) => wxrt.getApp().log.slice(n), from);
const logLength = (page) => page.evaluate(() => wxrt.getApp().log.length);

/** Waits until the log holds an entry named `name` after `from`; returns the entries after `from`. */
async function logged(page, name, from) {
  await until(page, ([n, f]) => wxrt.getApp().log.slice(f).some(([entry]) => entry === n), [name, from], { what: `"${name}" in the app's log` });
  return logFrom(page, from);
}

const knob = (page) => page.evaluate(() => {
  const el = document.querySelector('#knob');
  return { style: el.style.transform, margin: el.style.marginTop, color: el.style.color, moving: [...el.classList].some((c) => c.endsWith('moving')) };
});

test('change:prop runs at creation and when the property is set, with the owner and element descriptors', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?path=pages/index/index');
  try {
    assert.equal(page.startError, undefined);
    const first = await logged(page, 'offset', 0);
    assert.deepEqual(first, [['offset', { newValue: 0, oldValue: undefined, calls: 1, key: 'track' }]]);
    // An unrelated setData sets no property of the track: no call.
    await page.evaluate(() => wxrt.getCurrentPages()[0].setData({ other: 1 }));
    await until(page, () => document.querySelector('#other').textContent === '1', undefined, { what: 'the page re-rendered' });
    await page.evaluate(() => wxrt.getCurrentPages()[0].setData({ offset: 10 }));
    const next = await logged(page, 'offset', 1);
    assert.deepEqual(next, [['offset', { newValue: 10, oldValue: 0, calls: 2, key: 'track' }]]);
    // WXS strings keep a backslash that starts no escape (getRegExp('^\d+$')).
    assert.equal(await page.locator('#unit').textContent(), '44px 2em');
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await context.close();
  }
});

test('a mouse drag runs the WXS touch handlers: state, setStyle over the WXML style, classes, callMethod, triggerEvent, return false', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?path=pages/index/index');
  try {
    await logged(page, 'offset', 0);
    const from = await logLength(page);
    const box = await page.locator('#knob').boundingBox();
    const viewport = await page.evaluate(() => {
      const rect = document.querySelector('wx-page').parentElement.getBoundingClientRect();
      return { left: rect.left, top: rect.top };
    });
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 50, box.y + 20, { steps: 3 });
    await page.mouse.move(box.x + 80, box.y + 20, { steps: 3 });
    // The browser's mouse events are in whole pixels: 60 px give or take one.
    const moved = (style) => Math.abs(Number(/^translateX\((-?[\d.]+)px\)$/.exec(style)?.[1]) - 60) <= 1;
    await until(page, () => Math.abs(Number.parseFloat(document.querySelector('#knob').style.transform.slice('translateX('.length)) - 60) <= 1, undefined, { what: 'the knob moved by setStyle' });
    const during = await knob(page);
    assert.ok(moved(during.style), during.style);
    assert.deepEqual({ ...during, style: undefined }, { style: undefined, margin: 'calc(10 * var(--wxrt-rpx))', color: 'black', moving: true });
    await page.mouse.up();
    const entries = await logged(page, 'ended', from);
    const { dx } = entries.find(([name]) => name === 'ended')[1];
    assert.equal(during.style, `translateX(${dx}px)`);
    // Points are in the page's coordinates: clientX from the page viewport's left edge.
    const started = entries.find(([name]) => name === 'started')[1];
    assert.equal(started.identifier, 0);
    assert.deepEqual(started.dataset, { key: 'track' });
    assert.ok(Math.abs(started.clientX - (box.x + 20 - viewport.left)) < 1, `clientX ${started.clientX}`);
    assert.ok(Math.abs(started.pageY - (box.y + 20 - viewport.top)) < 1, `pageY ${started.pageY}`);
    assert.deepEqual(entries.find(([name]) => name === 'ended')[1], { dx, moves: 6, touches: 0, hasClass: false });
    // The WXS touchmove returned false: the page's own handler above never ran.
    assert.equal(entries.some(([name]) => name === 'outer touchmove'), false);
    // triggerEvent reaches the page after callMethod, in the order the WXS called them.
    await logged(page, 'dragged', from);
    const names = (await logFrom(page, from)).map(([name]) => name);
    assert.deepEqual(names, ['started', 'ended', 'dragged']);
    assert.deepEqual((await logFrom(page, from)).at(-1), ['dragged', { dx }]);
    assert.equal((await knob(page)).moving, false);
    // A render that rewrites the WXML style keeps what the WXS set over it.
    await page.evaluate(() => wxrt.getCurrentPages()[0].selectComponent('#slider').setData({ color: 'red' }));
    await until(page, () => document.querySelector('#knob').style.color === 'red', undefined, { what: 'the knob re-rendered' });
    assert.equal((await knob(page)).style, `translateX(${dx}px)`);
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await context.close();
  }
});

test('a touch that moves more than 10 px is no tap; a click is one, at page coordinates', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context }, '?path=pages/index/index');
  try {
    const target = page.locator('#tap-target');
    const box = await target.boundingBox();
    const from = await logLength(page);
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 40, box.y + 10, { steps: 4 });
    await page.mouse.up();
    await target.click({ position: { x: 30, y: 40 } });
    const entries = await logged(page, 'tap', from);
    assert.equal(entries.filter(([name]) => name === 'tap').length, 1, 'only the click tapped');
    const viewport = await page.evaluate(() => {
      const el = document.querySelector('wx-page').parentElement;
      const rect = el.getBoundingClientRect();
      return { left: rect.left, top: rect.top, scrollTop: el.scrollTop };
    });
    const tap = entries.find(([name]) => name === 'tap')[1];
    // The browser's mouse events are in whole pixels.
    assert.ok(Math.abs(tap.x - (box.x + 30 - viewport.left)) < 1, `tap x ${tap.x}`);
    assert.ok(Math.abs(tap.y - (box.y + 40 - viewport.top + viewport.scrollTop)) < 1, `tap y ${tap.y}`);
  } finally {
    await context.close();
  }
});
