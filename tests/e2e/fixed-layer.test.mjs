// `position: fixed` in a page is fixed to the page window of the simulated phone, as to
// WeChat's webview (below the navigation bar), not to the browser's window, and stays
// there while the page scrolls.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, launchBrowser, openPreview, startServer } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(path.join(FIXTURES, 'projects/fixed-layer'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The bar's and the button's place relative to the page window, in px. */
const places = () => {
  const window = document.querySelector('#page').getBoundingClientRect();
  const bar = document.querySelector('wx-page:not([hidden]) #bar').getBoundingClientRect();
  const fab = document.querySelector('wx-page:not([hidden]) #fab').getBoundingClientRect();
  return {
    barBottom: Math.round(window.bottom - bar.bottom),
    barWidth: Math.round(bar.width - window.width),
    fabTop: Math.round(fab.top - window.top),
    fabRight: Math.round(window.right - fab.right),
  };
};

test('fixed elements are placed in the phone\'s page window and stay there while it scrolls', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    const expected = { barBottom: 0, barWidth: 0, fabTop: 16, fabRight: 16 };
    assert.deepEqual(await page.evaluate(places), expected);
    await page.evaluate(() => { document.querySelector('#page').scrollTop = 500; });
    await page.waitForFunction(() => document.querySelector('#page').scrollTop === 500);
    assert.deepEqual(await page.evaluate(places), expected);
  } finally {
    await context.close();
  }
});
