// What a component is given: a path setData in the page (`'form.name'`) reaches the
// component holding `{{form}}` and fires its observer; an untyped property given
// `undefined` takes its default; the instance names its renderer as WeChat does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, launchBrowser, openPreview, startServer } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(path.join(FIXTURES, 'projects/property-paths'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const shown = () => document.querySelector('#shown').textContent;

test('a path setData of an object a component holds reaches it; untyped undefined takes the default', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    assert.equal(await page.evaluate(shown), 'Ada|1|none');
    await page.evaluate(() => wxrt.getCurrentPages()[0].rename('Grace'));
    await page.waitForFunction((fn) => new Function(`return (${fn})`)()() === 'Grace|2|none', shown.toString());
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages()[0].selectComponent('#shown').renderer), 'webview');
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await context.close();
  }
});
