// Class and style scoping as WeChat isolates it, checked with the computed styles the
// browser applies: styleIsolation (isolated, apply-shared via addGlobalClass, shared in
// the JS options, page-isolated in a page's json), `~` and `^`, external classes with
// dynamic values, `:host`, virtualHost, classes computed by WXS, icon fonts (a project
// file, a data: URL, a remote font that never loads), and Vant's primary button.
//
// The fixture (fixtures/projects/styling-app) is copied to a temporary folder, where the
// test adds what must not live in the tree: a font file, and @vant/weapp linked into its
// node_modules/ (the dev server resolves it as DevTools' npm build would).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, ROOT, launchBrowser, openPreview, startServer, until } from './harness.mjs';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const VANT = path.join(ROOT, 'node_modules/@vant/weapp');

let browser;
let server;
let page;
let dir;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'wxrt-styling-'));
  cpSync(path.join(PROJECTS, 'styling-app'), dir, { recursive: true });
  cpSync(FONT, path.join(dir, 'components/font/fixture.ttf'));
  const base64 = readFileSync(FONT).toString('base64');
  writeFileSync(path.join(dir, 'components/font/font.wxss'), [
    "@font-face { font-family: 'fixture-local'; src: url('./fixture.ttf') format('truetype'); }",
    `@font-face { font-family: 'fixture-inline'; src: url(data:font/ttf;base64,${base64}) format('truetype'); }`,
    "@font-face { font-family: 'fixture-remote'; src: url(//fonts.invalid/never.woff2) format('woff2'); }",
    ".local { font-family: 'fixture-local', monospace; }",
    ".inline { font-family: 'fixture-inline', monospace; }",
    ".remote { font-family: 'fixture-remote'; font-size: 20px; }",
  ].join('\n'));
  // @vant/weapp as a dependency in node_modules, linked to the repository's copy.
  mkdirSync(path.join(dir, 'node_modules/@vant'), { recursive: true });
  symlinkSync(VANT, path.join(dir, 'node_modules/@vant/weapp'), 'dir');
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'styling-app', private: true, dependencies: { '@vant/weapp': '*' } }));
  mkdirSync(path.join(dir, 'pages/vant'), { recursive: true });
  writeFileSync(path.join(dir, 'pages/vant/vant.json'), JSON.stringify({ usingComponents: { 'van-button': '@vant/weapp/button/index' } }));
  writeFileSync(path.join(dir, 'pages/vant/vant.js'), 'Page({})');
  writeFileSync(path.join(dir, 'pages/vant/vant.wxml'), '<van-button id="primary" type="primary">OK</van-button><van-button id="plain">Cancel</van-button>');
  const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8'));
  app.pages.push('pages/vant/vant');
  writeFileSync(path.join(dir, 'app.json'), JSON.stringify(app));

  server = await startServer(dir, { args: ['--state-dir', path.join(dir, '.state'), '--no-watch'] });
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  page = await openPreview({ server, context });
  assert.equal(page.startError, undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Waits until `property` of the element at `selector` (in the shown page) is `expected`. */
function styleOf(selector, property, expected) {
  return until(page, ([s, p, e]) => {
    const el = document.querySelector(`wx-page:not([hidden]) ${s}`);
    return el && getComputedStyle(el)[p] === e;
  }, [selector, property, expected], { what: `${selector} ${property} to be ${expected}` });
}

async function computed(selector, property) {
  return page.evaluate(([s, p]) => {
    const el = document.querySelector(`wx-page:not([hidden]) ${s}`);
    return el ? getComputedStyle(el)[p] : undefined;
  }, [selector, property]);
}

const BLACK = 'rgb(0, 0, 0)';

test('app.wxss and the page style the page; an isolated component keeps only its own classes and :host', async () => {
  await styleOf('#app-class', 'color', 'rgb(255, 0, 0)');
  await styleOf('#page-class', 'color', 'rgb(0, 0, 255)');
  const inner = (n) => `#iso > wx-view:nth-child(${n})`;
  await styleOf(inner(1), 'color', 'rgb(0, 0, 200)');
  assert.equal(await computed(inner(2), 'color'), 'rgb(0, 0, 255)', 'app-red does not reach it: the color is inherited from the host');
  // The host is styled by the page (class="page-blue") and by the component's :host.
  await styleOf('#iso', 'borderTopColor', 'rgb(0, 128, 0)');
  assert.equal(await computed('#iso', 'color'), 'rgb(0, 0, 255)');
  // `~` and `^` name the page's (here also the parent's) classes.
  await styleOf(inner(4), 'color', 'rgb(0, 0, 255)');
  await styleOf(inner(5), 'color', 'rgb(0, 128, 0)');
});

test('external classes take the host\'s value, and follow it when it changes', async () => {
  const ext = '#iso > wx-view:nth-child(6)';
  await styleOf(ext, 'color', 'rgb(0, 128, 0)');
  await styleOf(ext, 'fontWeight', '700');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setExt('page-italic'));
  await styleOf(ext, 'fontStyle', 'italic');
  await styleOf(ext, 'fontWeight', '400');
});

test('apply-shared (addGlobalClass) takes app and page classes, and the page restyles the component', async () => {
  const inner = (n) => `#apply > wx-view:nth-child(${n})`;
  await styleOf(inner(1), 'color', 'rgb(255, 0, 0)');
  // Its own rule for the same class still applies (the element carries both names).
  await styleOf(inner(1), 'fontStyle', 'italic');
  await styleOf(inner(2), 'color', 'rgb(0, 0, 255)');
  // The page's `.own-gray` comes after the component's and wins, as in WeChat.
  await styleOf(inner(3), 'backgroundColor', 'rgb(10, 20, 30)');
});

test('a shared component (JS options) takes page classes and its rules reach the page', async () => {
  await styleOf('#shared > wx-view:nth-child(1)', 'color', 'rgb(0, 0, 255)');
  await styleOf('#shared > wx-view:nth-child(2)', 'color', 'rgb(0, 128, 128)');
  await styleOf('#from-shared', 'color', 'rgb(0, 128, 128)');
});

test('a virtual host has no box: its child is the flex item, its class and style reach it only as declared', async () => {
  await styleOf('#virtual', 'display', 'contents');
  const child = '#virtual > wx-view';
  // class="page-blue" arrives through the external class `class`, style through the property.
  await styleOf(child, 'fontWeight', '700');
  await styleOf(child, 'color', 'rgb(1, 2, 3)');
  // flex: 2 of the virtual host's child shares the 300px row with its flex: 1 sibling.
  await until(page, () => {
    const row = document.querySelector('wx-page:not([hidden]) #row');
    const widths = [...row.querySelectorAll(':scope > * > wx-view, :scope > wx-view')].map((el) => Math.round(el.getBoundingClientRect().width));
    return widths.join() === '200,100';
  }, null, { what: 'the row to split 200/100' });
  const classes = await page.evaluate(() => document.querySelector('wx-page:not([hidden]) #virtual').getAttribute('class'));
  assert.equal(classes, null, 'no class on a virtual host, not even its :host class');
  assert.notEqual(await computed(child, 'color'), 'rgb(200, 0, 0)');
});

test('classes computed by WXS are scoped like static ones, and follow the data', async () => {
  await styleOf('#bem > wx-view', 'backgroundColor', 'rgb(7, 193, 96)');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setType('danger'));
  await styleOf('#bem > wx-view', 'backgroundColor', 'rgb(238, 10, 36)');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setType('primary'));
  await styleOf('#bem > wx-view', 'backgroundColor', 'rgb(7, 193, 96)');
});

test('icon fonts load from a project file and a data: URL; a remote one that fails leaves the layout alone', async () => {
  await until(page, () => {
    const loaded = new Set([...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/["']/g, '')));
    return loaded.has('fixture-local') && loaded.has('fixture-inline');
  }, null, { what: 'both fixture fonts to load' });
  await until(page, () => [...document.fonts].some((f) => f.family.replace(/["']/g, '') === 'fixture-remote' && f.status === 'error'),
    null, { what: 'the remote font to fail' });
  const box = await page.evaluate(() => document.querySelector('wx-page:not([hidden]) #font > wx-text:nth-child(3)').getBoundingClientRect().height);
  assert.ok(box > 0, 'the text still has its box');
  const errors = await page.evaluate(() => wxrt.errors().map((e) => e.message));
  assert.deepEqual(errors, []);
});

test('a page-isolated page keeps app.wxss classes out and its own classes in', async () => {
  await page.evaluate(() => wxrt.wx.navigateTo({ url: '/pages/isolated/isolated' }));
  await styleOf('#iso-page-own', 'color', 'rgb(0, 100, 0)');
  assert.equal(await computed('#iso-page-app', 'color'), BLACK);
  // An external class given by an isolated page resolves in that page's scope.
  await styleOf('#iso2 > wx-view:nth-child(6)', 'color', 'rgb(0, 100, 0)');
  await page.evaluate(() => wxrt.wx.navigateBack());
});

test('Vant\'s button type="primary" shows Vant\'s brand colour', { skip: !existsSync(VANT) && 'no @vant/weapp in node_modules' }, async () => {
  await page.evaluate(() => wxrt.wx.navigateTo({ url: '/pages/vant/vant' }));
  await styleOf('#primary > wx-button', 'backgroundColor', 'rgb(7, 193, 96)');
  await styleOf('#primary > wx-button', 'color', 'rgb(255, 255, 255)');
  await styleOf('#plain > wx-button', 'backgroundColor', 'rgb(255, 255, 255)');
  const errors = await page.evaluate(() => wxrt.errors().map((e) => e.message));
  assert.deepEqual(errors, []);
});
