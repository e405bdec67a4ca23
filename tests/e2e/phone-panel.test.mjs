// The workbench's Phone panel: the simulated phone's settings apply from the first line of
// the app and survive a reload; the permission answers are listed and can be forgotten; the
// simulated album lists what the app saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, SCREENSHOTS, launchBrowser, openPreview, startServer, textOf, until, waitLaunched } from './harness.mjs';

let work;
let server;
let browser;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'wxrt-phone-'));
  server = await startServer(path.join(PROJECTS, 'phone-app'), { args: ['--state-dir', work] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

test('a permission asked at onLoad waits for the dialog; the Phone panel lists the answer and forgets it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openPreview({ server, context });
  assert.equal(page.startError, undefined);
  await page.click('.wxrt-authorize button[data-value="true"]');
  await textOf(page, '#result', 'authorize:ok');

  await page.click('#tab-phone');
  await page.waitForSelector('#scope-rows select[aria-label="scope.camera"]');
  assert.equal(await page.inputValue('#scope-rows select[aria-label="scope.camera"]'), 'true');
  await page.selectOption('#scope-rows select[aria-label="scope.camera"]', '');
  await until(page, async () => JSON.stringify(await wxrt.scopes()) === '{}', undefined, { what: 'the answer forgotten' });

  // What the app saves to the album is listed, each file downloadable.
  await page.evaluate(() => wxrt.phone.set({ authorize: 'allow' }));
  assert.equal(await page.evaluate(() => wxrt.getCurrentPages()[0].saveToAlbum()), 'saveImageToPhotosAlbum:ok');
  await textOf(page, '#album-rows a', 'dot.png');
  assert.match(await page.getAttribute('#album-rows a', 'href'), /^blob:/);
  assert.equal(await page.isHidden('#album-empty'), true);

  // Chosen in the panel, kept for the reload: onLoad's request is denied without a dialog.
  await page.selectOption('#phone-authorize', JSON.stringify('deny'));
  await page.reload();
  await waitLaunched(page);
  await textOf(page, '#result', 'authorize:fail auth deny');
  assert.equal(await page.locator('.wxrt-authorize').count(), 0);
  assert.deepEqual(await page.evaluate(() => wxrt.phone.get()), { authorize: 'deny' });
  await page.click('#tab-phone');
  await page.waitForSelector('#scope-rows select[aria-label="scope.camera"]');
  assert.equal(await page.inputValue('#scope-rows select[aria-label="scope.camera"]'), 'false');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'workbench-phone.png') });
  await page.click('#scopes-reset');
  await until(page, async () => JSON.stringify(await wxrt.scopes()) === '{}', undefined, { what: 'every answer forgotten' });
  await page.click('#album-clear');
  await page.waitForSelector('#album-empty', { state: 'visible' });
  assert.equal(await page.locator('#album-rows tr').count(), 0);
  assert.deepEqual(await page.evaluate(() => wxrt.album()), []);
  await context.close();
});
