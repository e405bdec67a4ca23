// The pages in examples/ work as the README says: served by `wxrt serve`, no bundler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, assertBuilt, launchBrowser, startServer } from './harness.mjs';

test('examples/import-map counts visits across reloads', async () => {
  assertBuilt();
  const server = await startServer(path.join(ROOT, 'examples/import-map'));
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.waitForFunction(() => document.getElementById('visits').textContent.includes('KB'));
    assert.match(await page.textContent('#visits'), /^1 \(1 KB of 10240 KB used\)$/);
    await page.reload();
    await page.waitForFunction(() => document.getElementById('visits').textContent.includes('KB'));
    assert.match(await page.textContent('#visits'), /^2 /);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
