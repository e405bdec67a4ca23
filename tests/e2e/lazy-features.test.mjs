// Features a page may not use (animations, picker-view, the rarer built-in elements,
// selector queries, overlays…) are chunks of their own (www/render/features.js): a project
// that names none of them never downloads them, one that names them gets them before its
// code runs, so their synchronous wx methods and their elements work on a page reached
// long after launch, exactly as when they were in the main script.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, ROOT, launchBrowser, startServer, until, waitLaunched } from './harness.mjs';
import { featuresUsedBy } from '../../www/render/features.js';

const FEATURE_CHUNK = /preview-chunk-(animation|canvas|selector-query|intersection-observer|picker-view|page-meta|custom-tab-bar|wxs-feature|occasional|overlays)-/;
// The other wasm builds: the tools (app.json's checks, the compilers: the server's work)
// and the API families' (encrypt: true's cipher among them).
const OTHER_WASM = /(wxrt_tools|wxrt_apis)(-[\w-]+\.js|_bg\.wasm)$/;

let browser;
let stateDir;
const servers = {};

before(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-lazy-features-'));
  for (const name of ['lazy-features', 'plain-app']) {
    servers[name] = await startServer(path.join(PROJECTS, name), { args: ['--state-dir', stateDir, '--no-watch'] });
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  for (const server of Object.values(servers)) await server.close();
  rmSync(stateDir, { recursive: true, force: true });
});

/** The preview of `project`, with the feature chunks it fetched before its launch ended. */
async function open(project) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const fetched = [];
  const otherWasm = [];
  page.on('request', (request) => {
    const match = FEATURE_CHUNK.exec(request.url());
    if (match) fetched.push(match[1]);
    const other = OTHER_WASM.exec(request.url());
    if (other) otherWasm.push(other[0]);
  });
  await page.goto(servers[project].url);
  await waitLaunched(page);
  assert.equal(page.startError, undefined);
  return { page, context, atLaunch: [...fetched].sort(), fetched, otherWasmAtLaunch: [...otherWasm] };
}

const errors = (page) => page.evaluate(() => wxrt.errors().map((e) => e.message));

test('a project naming no feature downloads none; wx.canIUse is unchanged; overlays load at the first call', async () => {
  const { page, context, atLaunch, fetched, otherWasmAtLaunch } = await open('plain-app');
  try {
    assert.deepEqual(atLaunch, []);
    assert.deepEqual(otherWasmAtLaunch, []);
    const canIUse = await page.evaluate(() => ['createAnimation', 'createSelectorQuery', 'createIntersectionObserver', 'createCanvasContext', 'showToast']
      .map((name) => wx.canIUse(name)));
    assert.deepEqual(canIUse, [true, true, true, true, true]);
    // Asynchronous: the first call waits for the chunk; calls made meanwhile keep their order.
    const shown = await page.evaluate(async () => {
      const seen = [];
      wx.hideLoading();
      await wx.showLoading({ title: 'Loading' });
      seen.push(document.querySelector('.wxrt-loading')?.textContent ?? null);
      wx.showToast({ title: 'Saved', duration: 60000 });
      await wx.hideToast();
      seen.push(document.querySelector('.wxrt-toast, .wxrt-loading'));
      await wx.showToast({ title: 'Done', duration: 60000 });
      seen.push(document.querySelector('.wxrt-toast')?.textContent ?? null);
      return seen;
    });
    assert.deepEqual(shown, ['◌Loading', null, '✓Done']);
    assert.deepEqual(fetched, ['overlays']);
    await page.locator('#count').click();
    await until(page, () => document.querySelector('wx-page:not([hidden]) #count')?.textContent === '1');
    assert.deepEqual(await errors(page), []);
  } finally {
    await context.close();
  }
});

test('reached by a computed name or the console: a selector query waits for its chunk; createAnimation fails saying why, then works', async () => {
  const { page, context, fetched } = await open('plain-app');
  try {
    const answers = await page.evaluate(() => new Promise((resolve) => {
      wx[['create', 'SelectorQuery'].join('')]().select('#count').boundingClientRect().selectViewport().scrollOffset()
        .exec(resolve);
    }));
    assert.equal(answers[0].id, 'count');
    assert.equal(answers[1].scrollTop, 0);
    assert.deepEqual(fetched, ['selector-query']);
    const first = await page.evaluate(() => {
      try {
        wx[['create', 'Animation'].join('')]();
        return 'returned';
      } catch (error) {
        return error.message;
      }
    });
    assert.match(first, /createAnimation .*computed name/);
    const actions = await until(page, () => {
      try {
        return wx.createAnimation({ duration: 10 }).opacity(0.5).step().export().actions;
      } catch {
        return undefined;
      }
    }, undefined, { what: 'createAnimation once the chunk arrived' });
    assert.deepEqual(actions[0].animates, [{ type: 'style', args: ['opacity', 0.5] }]);
  } finally {
    await context.close();
  }
});

test('features named only on a page reached after launch are loaded before the code runs and work there', async () => {
  const { page, context, atLaunch } = await open('lazy-features');
  try {
    assert.deepEqual(atLaunch, ['animation', 'occasional', 'picker-view', 'selector-query']);
    await page.evaluate(() => wx.navigateTo({ url: '/pages/later/later' }));
    const top = 'wx-page:not([hidden])';
    // wx.createAnimation in onReady, played through the `animation` attribute.
    await until(page, (sel) => {
      const box = document.querySelector(`${sel} #box`);
      return box && getComputedStyle(box).transform === 'matrix(1, 0, 0, 1, 40, 0)';
    }, top, { what: 'the box moved 40px by its animation' });
    // picker-view: value [2] under a 50px indicator.
    await until(page, (sel) => document.querySelector(`${sel} wx-picker-view-column`)?.scrollTop === 100, top, { what: 'the picker-view column at row 2' });
    const drawn = await page.evaluate((sel) => ({
      slides: document.querySelectorAll(`${sel} #sw wx-swiper-item`).length,
      dots: document.querySelectorAll(`${sel} #sw .wx-swiper-dots > i`).length,
      swiperHeight: document.querySelector(`${sel} #sw`).getBoundingClientRect().height,
      rich: document.querySelector(`${sel} #rt`).innerHTML,
    }), top);
    assert.deepEqual(drawn, { slides: 2, dots: 2, swiperHeight: 150, rich: '<b>bold</b>' });
    const rect = await until(page, () => wxrt.getCurrentPages().at(-1).rect, undefined, { what: 'the selector query answered' });
    assert.equal(rect.width, 20);
    assert.deepEqual(await errors(page), []);
  } finally {
    await context.close();
  }
});

test('the preview script the page downloads first holds none of the feature modules', () => {
  const { sources } = JSON.parse(readFileSync(path.join(ROOT, 'pkg/wxrt-preview.js.map'), 'utf8'));
  const lazy = ['render/animation.js', 'render/canvas-context.js', 'render/elements/canvas.js', 'render/selector-query.js',
    'render/intersection-observer.js', 'render/elements/picker-view.js', 'render/elements/page-meta.js',
    'render/elements/occasional.js', 'render/custom-tab-bar.js', 'render/wxs-source.js', 'render/wxs-events.js', 'www/overlays.js'];
  assert.deepEqual(sources.filter((source) => lazy.some((file) => source.endsWith(file))), []);
});

test('what the project text names is what loads: scripts by API name, templates by tag or attribute, app.json', () => {
  const used = (files) => [...featuresUsedBy({ 'app.json': '{}', ...files })].sort();
  assert.deepEqual(used({ 'a.js': 'Page({})', 'a.wxml': '<view class="animation picker">x</view>' }), []);
  assert.deepEqual(used({ 'a.js': 'this.animate("#a", [], 100)', 'b.js': 'wx.createSelectorQuery()' }), ['animation', 'selectorQuery']);
  assert.deepEqual(used({ 'a.wxml': '<view animation="{{a}}"/><picker-view/><canvas canvas-id="c"/>' }), ['animation', 'canvas', 'pickerView']);
  assert.deepEqual(used({ 'a.wxml': '<picker mode="date"><view/></picker>' }), ['occasionalElements']);
  assert.deepEqual(used({ 'a.wxml': '<page-meta><navigation-bar/></page-meta>', 'u.wxs': 'module.exports = {}' }), ['pageMeta', 'wxs']);
  assert.deepEqual(used({ 'app.json': '{"tabBar":{"custom":true,"list":[]}}' }), ['customTabBar']);
  // Names in other files (styles, json) are not uses.
  assert.deepEqual(used({ 'a.wxss': '.x { animation: spin 1s; }', 'a.json': '{"createAnimation": 1}' }), []);
});
