// The bundle carries only the files of npm packages that the app reaches (DevTools'
// "filter unused files"); an edit that starts using another component of a package
// brings its files in on the live reload, without restarting the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, launchBrowser, openPreview, startServer, textOf, until, waitLaunched } from './harness.mjs';

test('a library component the app starts using arrives with the live reload', async () => {
  const work = mkdtempSync(path.join(tmpdir(), 'wxrt-npm-reach-'));
  const project = path.join(work, 'npm-app');
  cpSync(path.join(PROJECTS, 'npm-app'), project, { recursive: true });
  // A component of the package that the app does not use yet.
  const tag = path.join(project, 'node_modules/fake-ui/dist/tag/tag');
  cpSync(path.join(project, 'node_modules/fake-ui/dist/badge'), path.dirname(tag), { recursive: true });
  for (const ext of ['js', 'json', 'wxml']) rmSync(path.join(path.dirname(tag), `badge.${ext}`));
  writeFileSync(`${tag}.js`, 'Component({ properties: { text: String } })');
  writeFileSync(`${tag}.json`, '{ "component": true }');
  writeFileSync(`${tag}.wxml`, '<view class="tag">tag {{text}}</view>');

  const server = await startServer(project);
  const browser = await launchBrowser();
  try {
    const bundleFiles = (page) => until(page, async () => {
      const response = await fetch('/__wxrt/project');
      return Object.keys((await response.json()).files).filter((f) => f.startsWith('miniprogram_npm/fake-ui/'));
    }, null, { what: 'the bundle' });
    const page = await openPreview({ server, context: await browser.newContext() });
    assert.equal(page.startError, undefined);
    await textOf(page, '#badge', /badge #3/);
    assert.deepEqual((await bundleFiles(page)).filter((f) => f.includes('/tag/')), []);

    // One edit at a time, each reloading the page: the declaration, then its use.
    const reloaded = async (edit) => {
      await Promise.all([page.waitForEvent('load'), edit()]);
      await waitLaunched(page);
      assert.equal(page.startError, undefined);
    };
    const json = path.join(project, 'pages/index/index.json');
    const wxml = path.join(project, 'pages/index/index.wxml');
    await reloaded(() => writeFileSync(json, JSON.stringify({
      usingComponents: { 'scoped-card': '@fake/scoped/card/index', 'fake-tag': 'fake-ui/tag/tag' },
    })));
    await reloaded(() => writeFileSync(wxml, `${readFileSync(wxml, 'utf8')}<fake-tag id="tag" text="new" />\n`));
    await textOf(page, '#tag', 'tag new');
    assert.deepEqual((await bundleFiles(page)).filter((f) => f.includes('/tag/')), [
      'miniprogram_npm/fake-ui/tag/tag.js',
      'miniprogram_npm/fake-ui/tag/tag.json',
      'miniprogram_npm/fake-ui/tag/tag.wxml',
    ]);
    const errors = await page.evaluate(() => wxrt.errors().map((e) => e.message));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
