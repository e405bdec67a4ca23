// app.json "lazyCodeLoading": "requiredComponents": WeChat runs a page's module when the
// page first opens, once per launch, instead of every page's at launch
// (tests/e2e/fixtures/projects/lazy-code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, openPreview, until, useBrowser } from './harness.mjs';

const env = useBrowser({ serveDir: path.join(PROJECTS, 'lazy-code') });

const ran = (page) => page.evaluate(() => wxrt.getApp().globalData.ran);
const errors = (page) => page.evaluate(() => wxrt.errors().map((e) => e.message));

test('a page module runs when its page first opens, once per launch; an unopened broken page reports nothing', async () => {
  const page = await openPreview(env);
  try {
    assert.equal(page.startError, undefined);
    assert.deepEqual(await ran(page), ['a'], 'only the launch page at launch');
    assert.deepEqual(await errors(page), [], 'the broken page has not run');
    await page.evaluate(() => wxrt.navigateTo('/pages/b/b'));
    await until(page, () => wxrt.currentPage()?.route === 'pages/b/b' && document.querySelector('wx-page:not([hidden]) #name')?.textContent === 'b');
    assert.deepEqual(await ran(page), ['a', 'b']);
    await page.evaluate(() => wxrt.navigateBack());
    await until(page, () => wxrt.currentPage()?.route === 'pages/a/a');
    await page.evaluate(() => wxrt.navigateTo('/pages/b/b'));
    await until(page, () => wxrt.currentPage()?.route === 'pages/b/b' && wxrt.getCurrentPages().length === 2);
    assert.deepEqual(await ran(page), ['a', 'b'], 'a second instance runs nothing');
    await page.evaluate(() => wxrt.navigateTo('/pages/broken/broken').catch(() => {}));
    await until(page, () => wxrt.errors().some((e) => e.message.includes('the broken page module ran')), null, { what: "the broken page's error" });
  } finally {
    await page.close();
  }
});
