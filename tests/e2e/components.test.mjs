// The component model against tests/e2e/fixtures/projects/components-app: lifetimes and
// page lifetimes in WeChat's order, relations and getRelationNodes, triggerEvent's
// bubbles/composed/capturePhase with retargeting, behaviors (merge order, definitionFilter,
// hasBehavior, the wx:// ones), observers on sub-paths and `**`, optionalTypes,
// pureDataPattern, generics, slots, setData copying in components, a component 50 levels
// deep in itself, Vant's relation-based components (the real npm package), `moved` and
// `linkChanged` when keyed rows reorder, forms over the wx://form-field* behaviors, and
// resize from the workbench's device picker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, launchBrowser, openPreview, startServer, until } from './harness.mjs';

let browser;
let server;
let stateDir;

before(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-components-'));
  server = await startServer(path.join(PROJECTS, 'components-app'), { args: ['--state-dir', stateDir, '--no-watch'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function open(route) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  const page = await openPreview({ server, context }, `?path=${route}`);
  assert.equal(page.startError, undefined);
  return page;
}

/** The top page's log (what the fixture's components recorded), once `done(log)` holds. */
const logWhen = (page, done, what) => until(page, `(() => { const log = wxrt.getCurrentPages()[0].entries(); return (${done})(log) && log; })()`, undefined, { what });

const noErrors = async (page) => assert.deepEqual(await page.evaluate(() => wxrt.errors().map((e) => e.message)), []);

test('lifetimes: created, then attached parents first, ready children first; detached children first; page lifetimes', async () => {
  const page = await open('pages/lifetimes/lifetimes');
  const log = await logWhen(page, '(log) => log.includes("outer.ready") && log.includes("slotted.routeDone")', 'the outer component to be ready');
  assert.deepEqual(log.filter((e) => !e.endsWith('.routeDone')), [
    // The page's tree is built and attached before onLoad, with the page's initial data;
    // the components hear show before the page's onShow, and are ready before its onReady.
    '?.created', '?.created', '?.created', 'outer.attached', 'outer-inner.attached', 'slotted.attached',
    'page.onLoad', 'outer.show', 'outer-inner.show', 'slotted.show', 'page.onShow',
    'slotted.ready', 'outer-inner.ready', 'outer.ready', 'page.onReady',
  ], 'WeChat\'s order of page hooks and component lifetimes');
  assert.deepEqual(log.filter((e) => e.endsWith('.show') || e.endsWith('.routeDone')), [
    'outer.show', 'outer-inner.show', 'slotted.show', 'outer.routeDone', 'outer-inner.routeDone', 'slotted.routeDone',
  ], 'page lifetimes reach every component of the page, in tree order');
  assert.deepEqual(log.filter((e) => !e.startsWith('page.') && !e.endsWith('.show') && !e.endsWith('.routeDone')), [
    // Properties arrive after created, as in glass-easel: created sees the defaults.
    '?.created', '?.created', '?.created',
    'outer.attached', 'outer-inner.attached', 'slotted.attached',
    'slotted.ready', 'outer-inner.ready', 'outer.ready',
  ]);

  await page.evaluate(() => wxrt.getCurrentPages().at(-1).reset());
  await page.evaluate(() => wxrt.navigateTo('/pages/deep/deep'));
  await until(page, () => wxrt.currentPage()?.route === 'pages/deep/deep', undefined, { what: 'the deep page' });
  await page.evaluate(() => wxrt.navigateBack(1));
  const shown = await logWhen(page, '(log) => log.filter((e) => e.endsWith(".routeDone")).length === 3', 'the show and routeDone page lifetimes');
  assert.deepEqual(shown.filter((e) => !e.startsWith('page.')), [
    'outer.hide', 'outer-inner.hide', 'slotted.hide', 'outer.show', 'outer-inner.show', 'slotted.show',
    'outer.routeDone', 'outer-inner.routeDone', 'slotted.routeDone',
  ]);

  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.hideAll(); });
  const detached = await logWhen(page, '(log) => log.includes("outer.detached")', 'the outer component to be detached');
  assert.deepEqual(detached, ['slotted.detached', 'outer-inner.detached', 'outer.detached']);
  await noErrors(page);
});

test('relations: parent/child and ancestor/descendant by behavior link in tree order, the parent called first; getRelationNodes follows changes', async () => {
  const page = await open('pages/relations/relations');
  const log = await logWhen(page, '(log) => log.includes("item c.linked list")', 'item c to link');
  assert.deepEqual(log, [
    'item a.attached', 'list.linked a', 'item a.linked list',
    'item b.attached', 'list.linked b', 'item b.linked list',
    'item c.attached', 'list.linked c', 'item c.linked list',
  ]);
  const labels = () => page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#list').labels());
  assert.deepEqual(await labels(), ['a', 'b', 'c']);

  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.setData({ items: ['a', 'c'] }); });
  assert.deepEqual(await logWhen(page, '(log) => log.includes("item b.unlinked")', 'item b to unlink'), ['item b.detached', 'list.unlinked b', 'item b.unlinked']);
  assert.deepEqual(await labels(), ['a', 'c']);

  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.setData({ items: ['c', 'a', 'd'] }); });
  assert.deepEqual(await logWhen(page, '(log) => log.includes("item d.linked list")', 'item d to link'), [
    // c moved before a (a stays: the longest run kept in order), so c is moved and its
    // link to the same list changes; then d is attached and links.
    'item c.moved', 'list.linkChanged c', 'item c.linkChanged list',
    'item d.attached', 'list.linked d', 'item d.linked list',
  ]);
  assert.deepEqual(await labels(), ['c', 'a', 'd'], 'getRelationNodes lists the children in the tree\'s order');

  const group = () => page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#group').names());
  assert.deepEqual(await group(), ['a', 'b'], 'a descendant behind another component links too');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ third: true }));
  await until(page, () => wxrt.getCurrentPages().at(-1).selectComponent('#group').names().length === 3, undefined, { what: 'field c to link' });
  assert.deepEqual(await group(), ['a', 'b', 'c']);
  const selected = await page.evaluate(() => ['#group field', '#group > field', 'list field', '#group >>> .field'].map((s) => wxrt.getCurrentPages().at(-1).selectAllComponents(s).map((f) => f.data.name)));
  assert.deepEqual(selected, [['a', 'b', 'c'], ['c'], ['b'], []], 'selectors walk the page\'s own tree: `>` is a direct child there; a field\'s view is in its own tree');
  await noErrors(page);
});

test('events: triggerEvent with bubbles, composed and capturePhase; taps are retargeted at component boundaries', async () => {
  const page = await open('pages/events/events');
  const ping = (options) => page.evaluate((o) => wxrt.getCurrentPages().at(-1).ping(o), options);
  assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#inner')), null, 'without >>> a selector stays in the page\'s tree');
  assert.deepEqual(await ping({}), [['innerHostPing', 'inner', 'inner', 1]]);
  assert.deepEqual(await ping({ bubbles: true }), [['innerHostPing', 'inner', 'inner', 1], ['outerPing', 'outer-box', 'inner']]);
  assert.deepEqual(await ping({ composed: true }), [['innerHostPing', 'inner', 'inner', 1]]);
  assert.deepEqual(await ping({ bubbles: true, composed: true }), [
    ['innerHostPing', 'inner', 'inner', 1], ['outerPing', 'outer-box', 'inner'],
    ['outerHostPing', 'outer', 'outer'], ['pagePing', 'page-box', 'outer'],
  ]);
  assert.deepEqual(await ping({ bubbles: true, composed: true, capturePhase: true }), [
    ['pageCapture', 'page-box', 'outer'], ['outerCapture', 'outer-box', 'inner'],
    ['innerHostPing', 'inner', 'inner', 1], ['outerPing', 'outer-box', 'inner'],
    ['outerHostPing', 'outer', 'outer'], ['pagePing', 'page-box', 'outer'],
  ]);

  await page.evaluate(() => wxrt.getCurrentPages().at(-1).reset());
  await page.click('wx-page:not([hidden]) #button');
  assert.deepEqual(await logWhen(page, '(log) => log.length >= 4', 'the tap to reach the page'), [
    ['innerTap', 'inner-box', 'button'], ['outerTap', 'outer-box', 'inner'],
    ['outerHostTap', 'outer', 'outer'], ['pageTap', 'page-box', 'outer'],
  ]);
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).reset());
  await page.click('wx-page:not([hidden]) #slotted');
  assert.deepEqual(await logWhen(page, '(log) => log.length >= 3', 'the tap on slot content to reach the page'), [
    // Inside the component the target is its <slot>; back in the page, the slotted view.
    ['outerTap', 'outer-box', ''], ['outerHostTap', 'outer', 'slotted'], ['pageTap', 'page-box', 'slotted'],
  ]);
  await noErrors(page);
});

test('behaviors: merge order, definitionFilter, hasBehavior, form-field, component-export; observers; optionalTypes; pureDataPattern; slots; generics', async () => {
  const page = await open('pages/behaviors/behaviors');
  const log = await logWhen(page, '(log) => log.includes("kit.created")', 'the kit to be created');
  assert.deepEqual(log.slice(0, 4), ['b0.created', 'b1.created', 'b2.created', 'kit.created'], 'behaviors first, used before users, a behavior used twice once');
  const kit = await page.evaluate(() => {
    const p = wxrt.getCurrentPages().at(-1);
    const k = p.selectComponent('#kit');
    return { m: k.m(), b0: k.fromB0(), filtered: k.filtered(), data: k.data, seen: k.behaviorsSeen(), owner: k.selectOwnerComponent() === p };
  });
  assert.equal(kit.m, 'b2', 'a later behavior\'s method wins');
  assert.equal(kit.b0, 'b0');
  assert.equal(kit.filtered, 'filtered:1', 'b2\'s definitionFilter added the method and got b3\'s filter');
  assert.equal(kit.data.fromB3, true, 'b3\'s filter, called by b2\'s, reached the component');
  assert.deepEqual(kit.data.obj, { x: 1, y: 2 }, 'object data fields merge');
  assert.equal(kit.data.s, 'kit');
  assert.deepEqual(kit.seen, { b0: true, b1: true, other: false, formField: true });
  assert.equal(kit.owner, true, 'selectOwnerComponent is the page');

  const text = (selector) => page.locator(`wx-page:not([hidden]) ${selector}`).first().textContent();
  assert.equal(await text('wx-kit'), '1-2-kit-auto-12[]', 'optionalTypes keep a string; a Number property converts "12"; a pure field is not rendered');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ flex: 3 }));
  await until(page, () => document.querySelector('wx-page:not([hidden]) wx-kit').textContent.startsWith('1-2-kit-3-'), undefined, { what: 'flex to become 3' });

  const observed = await page.evaluate(() => {
    const p = wxrt.getCurrentPages().at(-1);
    const k = p.selectComponent('#kit');
    const seen = [];
    for (const change of [{ 'obj.x': 2 }, { 'obj.y': 9 }, { 'deep.a.b': 1 }, { 'list[0]': 'z' }, { 'list[1]': 'w' }, { obj: { x: 7 } }]) {
      p.reset();
      k.setData(change);
      seen.push(p.entries());
    }
    p.reset();
    k.setData({ prop: 5 });
    return seen;
  });
  assert.deepEqual(observed, [
    ['observers obj.x,s 2 kit'], [], ['observers deep.** {"a":{"b":1}}'], [], ['observers list[1] w'], ['observers obj.x,s 7 kit'],
  ]);
  assert.deepEqual(await logWhen(page, '(log) => log.length === 2', 'the property observer'), ['observers prop 5', 'observer prop 5 0'],
    'observers run at setData, the property observer after the render');

  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.selectComponent('#kit').setData({ items: [1, 2] }); });
  assert.deepEqual(await logWhen(page, '(log) => log.length > 0', 'the items observer'), ['observer items 2'],
    'setting a property to the object it holds fires no observer (glass-easel compares the value given)');

  await page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#kit').setData({ value: 'v1' }));
  await page.click('wx-page:not([hidden]) #submit');
  assert.deepEqual(await until(page, () => wxrt.getCurrentPages().at(-1).submittedValue, undefined, { what: 'the form to submit' }), { kitField: 'v1' });

  assert.deepEqual(await page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#single')), { exported: 'single' });
  assert.equal(await page.locator('wx-page:not([hidden]) wx-single .sx').count(), 1, 'without multipleSlots, content for any slot goes to the one slot');
  assert.equal(await text('wx-multi wx-slot[name="a"], wx-multi'), 'AD');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('wx-page:not([hidden]) wx-multi wx-slot')].map((s) => s.textContent)), ['A', 'D']);
  assert.deepEqual(await page.evaluate(() => {
    const p = wxrt.getCurrentPages().at(-1);
    return ['#chosen', '#fallback'].map((id) => p.selectComponent(id).selectComponent('body').is);
  }), ['components/item/item', 'components/field/field'], 'generic:body picks the implementation, else componentGenerics\' default');
  await noErrors(page);

  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.selectComponent('#kit').setData({ boom: 1 }); });
  assert.deepEqual(await logWhen(page, '(log) => log.length > 0', 'the error lifetime'), ['kit.error boom 1'], 'what an observer throws reaches the error lifetime');
  assert.deepEqual(await page.evaluate(() => wxrt.errors().map((e) => e.message)), ['boom 1'], 'and onError');
});

test('setData in a component copies the value: a list mutated in place and passed again re-renders the row', async () => {
  const page = await open('pages/mutate/mutate');
  const rows = () => page.evaluate(() => [...document.querySelectorAll('wx-page:not([hidden]) wx-rows wx-view')].map((r) => r.textContent));
  assert.deepEqual(await rows(), ['one:open', 'two:open']);
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#rows').toggle(0));
  await until(page, () => document.querySelector('wx-page:not([hidden]) wx-rows wx-view').textContent === 'one:done', undefined, { what: 'row one to show done' });
  assert.deepEqual(await rows(), ['one:done', 'two:open']);
  assert.equal(await page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#rows').keepReference()), 'nine', 'a change after setData does not reach the data');
  await until(page, () => document.querySelector('wx-page:not([hidden]) wx-rows wx-view').textContent === 'nine:open', undefined, { what: 'the new list' });
  await noErrors(page);
});

test('a component whose module calls Page() is made from page options, as in glass-easel', async () => {
  const page = await open('pages/paged/paged');
  const describe = () => page.evaluate(() => wxrt.getCurrentPages().at(-1).selectComponent('#paged').describe());
  await until(page, () => document.querySelectorAll('wx-page:not([hidden]) wx-paged wx-view').length === 2, undefined, { what: 'the two tabs' });
  assert.equal(await describe(), 'paged:Size');
  await page.locator('wx-page:not([hidden]) wx-paged wx-view').nth(1).click();
  // The component's classes are scoped (`<scope>--on`).
  await until(page, () => [...document.querySelectorAll('wx-page:not([hidden]) wx-paged wx-view')]
    .find((tab) => /--on\b/.test(tab.className))?.textContent === 'Mine', undefined, { what: 'the second tab to be on' });
  assert.equal(await describe(), 'paged:Mine');
  await noErrors(page);
});

test('a component that uses itself renders 50 levels deep', async () => {
  const page = await open('pages/deep/deep');
  assert.equal(await page.locator('wx-page:not([hidden]) wx-tree').count(), 51);
  assert.equal(await page.evaluate(() => document.querySelectorAll('wx-page:not([hidden]) wx-tree wx-tree wx-tree').length), 49);
  await noErrors(page);
});

test('Vant (the npm package): tabs, collapse, checkbox and radio groups, grid, row, tabbar render and answer taps', async () => {
  const page = await open('pages/vant/vant');
  await noErrors(page);
  const phone = (selector) => page.locator(`wx-page:not([hidden]) ${selector}`);
  // The titles are drawn from van-tabs' children, found with getRelationNodes.
  const titles = await until(page, () => {
    const nav = document.querySelector('wx-page:not([hidden]) wx-van-tabs wx-scroll-view');
    const text = nav?.textContent.replace(/\s+/g, ' ').trim();
    return text === 'First Second Third' && text;
  }, undefined, { what: 'the three tab titles' });
  assert.equal(titles, 'First Second Third');
  const data = () => page.evaluate(() => wxrt.currentPage().data);

  await phone('wx-van-tabs wx-scroll-view').getByText('Second', { exact: true }).click();
  await until(page, () => wxrt.currentPage().data.tab === 1, undefined, { what: 'the tab change event' });
  await phone('wx-van-checkbox').nth(1).getByText('Y', { exact: true }).click();
  await until(page, () => wxrt.currentPage().data.checked.join() === 'y', undefined, { what: 'the checkbox group change event' });
  await phone('wx-van-radio').nth(1).getByText('Two', { exact: true }).click();
  await until(page, () => wxrt.currentPage().data.radio === '2', undefined, { what: 'the radio group change event' });
  await phone('wx-van-tabbar-item').nth(1).getByText('Me', { exact: true }).click();
  await until(page, () => wxrt.currentPage().data.bar === 1, undefined, { what: 'the tabbar change event' });
  assert.equal(await phone('wx-van-grid-item').count(), 2);
  assert.equal(await phone('wx-van-col').count(), 2);
  // van-button has wx://form-field-button and van-field wx://form-field (Vant's `field: true`).
  await phone('#vsend wx-button').click();
  assert.deepEqual(await until(page, () => wxrt.currentPage().data.sent, undefined, { what: 'the Vant form to be sent' }), { who: 'ann' });
  // Last: the collapse animates its height open, moving everything below it while it does.
  await phone('wx-van-collapse-item').first().getByText('Alpha', { exact: true }).click();
  await until(page, () => wxrt.currentPage().data.open.join() === 'a', undefined, { what: 'the collapse change event' });
  assert.deepEqual(await data(), { tab: 1, open: ['a'], checked: ['y'], radio: '2', bar: 1, sent: { who: 'ann' } });
  await noErrors(page);
});

test('moved: a keyed row reordered moves its components, slot content and inner ones before the row\'s own', async () => {
  const page = await open('pages/moves/moves');
  await logWhen(page, '(log) => log.includes("x.ready") && log.includes("y.ready")', 'the rows to be ready');
  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.setData({ names: ['y', 'x'] }); });
  assert.deepEqual(await logWhen(page, '(log) => log.includes("y.moved")', 'row y to move'), ['y-slot.moved', 'y-inner.moved', 'y.moved'],
    'only y moved (x kept its place), as glass-easel\'s list diff moves what is out of the longest ordered run');
  assert.deepEqual(await page.evaluate(() => [...document.querySelectorAll('wx-page:not([hidden]) wx-life')].map((el) => el.firstElementChild.firstChild.data)),
    ['y', 'y-inner', 'y-slot', 'x', 'x-inner', 'x-slot']);
  await page.evaluate(() => { const p = wxrt.getCurrentPages().at(-1); p.reset(); p.setData({ names: ['y', 'x', 'z'] }); });
  await logWhen(page, '(log) => log.includes("z.attached")', 'row z to attach');
  assert.deepEqual(await page.evaluate(() => wxrt.getCurrentPages().at(-1).entries().filter((e) => e.endsWith('.moved'))), [], 'appending moves nothing');
  await noErrors(page);
});

test('forms: wx://form-field components are fields, form-field-group lets the form into a component, form-field-button its buttons', async () => {
  const page = await open('pages/form/form');
  const submits = () => page.evaluate(() => wxrt.currentPage().data.submits);
  // A button inside a component without wx://form-field-button does not reach the form.
  await page.click('wx-page:not([hidden]) #plain-submit');
  await page.click('wx-page:not([hidden]) #custom wx-button');
  await until(page, () => wxrt.currentPage().data.submits.length > 0, undefined, { what: 'the form to submit' });
  assert.deepEqual(await submits(), [{ top: 't', direct: 7, inGroup: 'g', nested: 'n', slotted: 's' }],
    'one submit, from the custom button; the plain component\'s own input is not collected, its slot content is');
  await page.locator('wx-page:not([hidden]) input').first().fill('changed');
  await page.click('wx-page:not([hidden]) #custom-reset wx-button');
  await until(page, () => wxrt.currentPage().data.resets === 1, undefined, { what: 'the form to reset' });
  assert.equal(await page.locator('wx-page:not([hidden]) input').first().inputValue(), 't');
  await noErrors(page);
});

test('resize: the workbench\'s device change reaches pageLifetimes.resize, onResize and wx.onWindowResize, in that order', async () => {
  const page = await open('pages/resize/resize');
  await logWhen(page, '(log) => log.includes("sized.ready")', 'the component to be ready');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).reset());
  await page.selectOption('#device', 'iphone-14');
  const log = await logWhen(page, '(log) => log.some((e) => e.startsWith("wx.onWindowResize"))', 'the resize to reach the listeners');
  const size = { windowWidth: 390, windowHeight: 844 - 20 - 44, screenWidth: 390, screenHeight: 844 };
  assert.deepEqual(log, [
    `sized.resize ${JSON.stringify(size)}`,
    `page.onResize ${JSON.stringify({ size, deviceOrientation: 'portrait' })}`,
    `wx.onWindowResize ${JSON.stringify({ size: { windowWidth: 390, windowHeight: 780 } })}`,
  ]);
  assert.equal(await page.evaluate(() => wx.getSystemInfoSync().windowWidth), 390, 'system info follows');
  await page.evaluate(() => { wxrt.getCurrentPages().at(-1).reset(); return wxrt.resize({ width: 844, height: 390 }); });
  const turned = await page.evaluate(() => wxrt.getCurrentPages().at(-1).entries());
  assert.match(turned[1], /"deviceOrientation":"landscape"/);
  assert.equal(turned.length, 3);
  assert.equal(await page.evaluate(() => wx.getSystemInfoSync().deviceOrientation), 'landscape');
  await noErrors(page);
});

test('a page written with Component(): created and attached (with the query) before its children, all before onLoad', async () => {
  const page = await open('pages/cpage/cpage&query=q%3Dx');
  const log = await logWhen(page, '(log) => log.includes("cpage.onReady") && log.includes("child.routeDone")', 'the page to be ready');
  assert.ok(log.indexOf('late.ready') >= 0 && log.indexOf('late.ready') < log.indexOf('cpage.onReady'),
    `a component onLoad's setData shows is ready before the page's onReady: ${log}`);
  // Without the late component (its created comes after onLoad, with the render onLoad's setData asked for).
  const loaded = log.indexOf('cpage.onLoad x');
  assert.deepEqual(log.filter((e, i) => !e.startsWith('late.') && !(e === '?.created' && i > loaded)), [
    'cpage.created ', 'cpage.attached x', '?.created', 'child.attached', 'cpage.onLoad x',
    'cpage.show', 'child.show', 'cpage.onShow', 'child.ready', 'cpage.ready', 'cpage.onReady', 'child.routeDone',
  ]);
  await noErrors(page);
});
