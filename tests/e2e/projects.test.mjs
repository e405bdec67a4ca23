// Projects that cannot start, or start with broken modules: the preview names the file
// and what is wrong instead of showing a blank page; module errors reach onError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, WAIT_MS, eventually, launchBrowser, openPreview, startServer, textOf, waitLaunched } from './harness.mjs';

async function withProject(name, search, check) {
  const server = await startServer(path.join(PROJECTS, name));
  let browser;
  try {
    browser = await launchBrowser();
    const env = { server, context: await browser.newContext() };
    const page = await openPreview(env, search);
    await check(page);
  } finally {
    await browser?.close();
    await server.close();
  }
}

test('bad JSON in app.json is shown with the file and position', async () => {
  await withProject('bad-json', '', async (page) => {
    assert.match(page.startError, /^app\.json: bad JSON: .*line 3/);
    await textOf(page, '#problems', /app\.json: bad JSON/);
    await page.waitForSelector('#problems', { state: 'visible' });
  });
});

test('every app.json problem is listed: a missing page file, a tab page not in pages', async () => {
  await withProject('broken-pages', '', async (page) => {
    assert.equal(page.startError, [
      'app.json: ["pages"][1] "pages/gone/gone" has no file pages/gone/gone.js',
      'app.json: ["tabBar"]["list"] should have 2 to 5 items, got 1',
      'app.json: ["tabBar"]["list"][0]["pagePath"] "pages/x/x" is not in ["pages"]',
    ].join('\n'));
    await textOf(page, '#problems', /pages\/gone\/gone\.js/);
  });
});

test('a syntax error names the file and line, reaches App.onError, and the other pages run', async () => {
  await withProject('syntax-error', '', async (page) => {
    assert.equal(page.startError, undefined);
    const result = await page.evaluate(() => ({
      errors: wxrt.getApp().globalData.errors,
      data: wxrt.currentPage().data,
    }));
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0], /pages\/b\/b\.js:4:\d+: Unexpected token/);
    assert.deepEqual(result.data, { ok: true });
    const messages = await page.evaluate(() => wxrt.wx.navigateTo({ url: '/pages/b/b' }).then(() => wxrt.errors().map((e) => e.message)));
    assert.ok(messages.some((m) => m.includes('Page "pages/b/b" has not been registered yet')));
    await textOf(page, '#problems', /pages\/b\/b\.js:4/);
    // A page json core refuses is listed too, and the app's window is shown instead.
    await textOf(page, '#problems', /pages\/a\/a\.json: \["navigationBarTitleText"\] should be String, got Number/);
  });
});

test('a missing module names the requiring file and line', async () => {
  await withProject('missing-module', '', async (page) => {
    const errors = await eventually(async () => {
      const seen = await page.evaluate(() => wxrt.getApp().globalData.errors);
      assert.equal(seen.length, 2, seen.join('\n---\n'));
      return seen;
    }, { what: 'both module errors at App.onError' });
    assert.match(errors[0], /module "utils\/helper\.js" is not defined, require args is '\.\.\/\.\.\/utils\/helper' \(pages\/a\/a\.js:3\)/);
    assert.match(errors[1], /Page "pages\/a\/a" has not been registered yet/);
  });
});

test('module paths as WeChat resolves them (a leading / from the file\'s folder, app.json resolveAlias from the root), and a replaced global reaches later modules', async () => {
  await withProject('module-paths', '', async (page) => {
    const result = await page.evaluate(() => ({ data: wxrt.currentPage().data, errors: wxrt.errors().map((e) => e.message) }));
    assert.deepEqual(result.errors, []);
    const { slash, ...resolved } = result.data;
    assert.deepEqual(resolved, {
      // ColorUI 3: mp-cu/main.js imports '/store/index', its own mp-cu/store, and replaces
      // the global Page and Component for the modules that load after it.
      storeName: 'mp-cu/store',
      injected: 'page',
      root: 'utils/a',
      short: 'utils/a',
      // The longest alias wins: '@u/deep/*' over '@u/*'.
      longest: 'lib/deep/b',
      // An alias into a package: the dev server keeps the file it reaches.
      toast: 'ui/toast',
      packageStore: 'ui/store',
    });
    assert.match(slash, /^module "pages\/a\/utils\/a\.js" is not defined, require args is '\/utils\/a' \(pages\/a\/a\.js:\d+\); a leading "\/" is from this file's folder, as in WeChat: the root's utils\/a takes an app\.json "resolveAlias"/);
    await textOf(page, 'wx-badge', 'badge component');
    // What nothing reaches is left out of the bundle, as DevTools' unused-file filter does.
    const files = await page.evaluate(() => fetch('/__wxrt/project').then((r) => r.json()).then((b) => Object.keys(b.files)));
    assert.ok(files.includes('miniprogram_npm/ui/toast/toast.js') && files.includes('miniprogram_npm/ui/store/index.js'));
    assert.ok(!files.includes('miniprogram_npm/ui/unused/unused.js'));
  });
});

test('the update check notices a changed project: by content hash, then by version', async () => {
  const { cp, mkdtemp, readFile, rm, writeFile } = await import('node:fs/promises');
  const os = await import('node:os');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wxrt-update-'));
  await cp(path.join(PROJECTS, 'shop'), dir, { recursive: true });
  // The test reloads by itself after each edit; live reload would race it.
  const server = await startServer(dir, { args: ['--no-watch'] });
  let browser;
  try {
    browser = await launchBrowser();
    const env = { server, context: await browser.newContext() };
    const page = await openPreview(env);
    // What the update manager tells listeners registered after a reload: `count` events,
    // and whatever else arrives with them.
    const check = async (count) => {
      await page.reload();
      await waitLaunched(page);
      return page.evaluate(({ count, limitMs }) => new Promise((resolve) => {
        const events = [];
        // Listeners that come late are answered in timers of their own: one more turn
        // of the event loop gathers the rest of the answer.
        const heard = (event) => { events.push(event); if (events.length === count) setTimeout(() => resolve(events)); };
        const manager = wxrt.wx.getUpdateManager();
        manager.onCheckForUpdate((r) => heard(r.hasUpdate));
        manager.onUpdateReady(() => heard('ready'));
        setTimeout(() => resolve(events), limitMs);
      }), { count, limitMs: WAIT_MS });
    };
    assert.deepEqual(await check(1), [false]);
    const utils = path.join(dir, 'utils/format.js');
    await writeFile(utils, `${await readFile(utils, 'utf8')}\n// new release\n`);
    assert.deepEqual(await check(2), [true, 'ready']);
    assert.deepEqual(await check(1), [false], 'the new version is now the one this browser ran');

    const config = path.join(dir, 'project.config.json');
    const withVersion = (version) => JSON.stringify({ ...JSON.parse(original), version });
    const original = await readFile(config, 'utf8');
    await writeFile(config, withVersion('1.0.0'));
    assert.deepEqual(await check(2), [true, 'ready'], 'from a content hash to a version');
    await writeFile(utils, `${await readFile(utils, 'utf8')}\n// same version, other content\n`);
    assert.deepEqual(await check(1), [false], 'a version, when given, is what counts');
    await writeFile(config, withVersion('1.0.1'));
    assert.deepEqual(await check(2), [true, 'ready']);
  } finally {
    await browser?.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
