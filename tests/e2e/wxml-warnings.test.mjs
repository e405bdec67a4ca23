// WXML that WeChat's compiler accepts with a warning (a duplicate attribute, an unknown
// `wx:` attribute) runs, with WeChat's behaviour; the preview counts the warnings on its
// badge without popping the problems overlay open, and they are not script errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser, openPreview, startServer, textOf } from './harness.mjs';

const FILES = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
  'app.js': 'App({})',
  'pages/index/index.js': "Page({ data: { show: true, items: ['a', 'b'] } })",
  // Line 2: the first `wx:if` counts; line 3: `wx:item` is ignored, `item` stays the name;
  // line 4: a tag no usingComponents declares renders as a plain element.
  'pages/index/index.wxml': [
    '<view id="top">',
    '  <view id="first" wx:if="{{show}}" wx:if="{{!show}}">first wins</view>',
    '  <view class="row" wx:for="{{items}}" wx:item="x" wx:key="*this">{{item}}</view>',
    '  <my-widget id="widget">plain</my-widget>',
    '</view>',
  ].join('\n'),
};

let work;
let server;
let browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'wxrt-wxml-warnings-'));
  const project = path.join(work, 'app');
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), text);
  }
  server = await startServer(project);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('WXML warnings: the page runs as in WeChat, the badge counts them, the overlay stays shut', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openPreview({ server, context });
  assert.equal(page.startError, undefined);

  const shown = '#page wx-page:not([hidden])';
  await textOf(page, `${shown} #first`, 'first wins');
  await textOf(page, `${shown} #top`, /first wins\s*a\s*b\s*plain/);
  await textOf(page, `${shown} wx-my-widget#widget`, 'plain');

  await textOf(page, '#errors-badge', '3 warnings');
  assert.equal(await page.evaluate(() => document.getElementById('errors-badge').classList.contains('wb-badge-warning')), true);
  assert.equal(await page.evaluate(() => document.getElementById('problems').hidden), true, 'warnings alone do not open the overlay');
  assert.deepEqual(await page.evaluate(() => wxrt.errors()), [], 'warnings are not script errors');

  await page.click('#errors-badge');
  await page.waitForSelector('#problems:not([hidden])');
  await textOf(page, '#problem-list', /warning: pages\/index\/index\.wxml:2:37\s*duplicate attribute `wx:if`: the first value is used/);
  await textOf(page, '#problem-list', /warning: pages\/index\/index\.wxml:3:40\s*unknown directive `wx:item` is ignored/);
  await textOf(page, '#problem-list', /warning: pages\/index\/index\.wxml:4:3\s*`<my-widget>` is not a built-in component and not in `usingComponents`/);
  await context.close();
});
