// A slot is not an element of the page: a component whose slot was given nothing has an
// empty box (`:empty` matches, as library styles expect), and content given later, then
// taken away again, comes and goes in the same place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, launchBrowser, openPreview, startServer } from './harness.mjs';

let browser;
let server;

before(async () => {
  browser = await launchBrowser();
  server = await startServer(path.join(FIXTURES, 'projects/slot-dom'));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Whether `#id`'s box and fallback are displayed, and the box's text. */
const state = (id) => {
  const host = document.getElementById(id);
  const box = host.querySelector('[class*="box"]');
  const fallback = host.querySelector('[class*="fallback"]');
  return [getComputedStyle(box).display !== 'none', getComputedStyle(fallback).display !== 'none', box.textContent].join('|');
};

test('an empty slot leaves its box :empty; content given later appears in the slot and can go again', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    assert.equal(await page.evaluate(state, 'empty'), 'false|true|');
    assert.equal(await page.evaluate(state, 'filled'), 'true|false|given');
    assert.equal(await page.evaluate(state, 'toggled'), 'false|true|');
    await page.evaluate(() => wxrt.getCurrentPages()[0].toggle());
    await page.waitForFunction(([fn, id]) => new Function(`return (${fn})`)()(id) === 'true|false|now given', [state.toString(), 'toggled']);
    await page.evaluate(() => wxrt.getCurrentPages()[0].toggle());
    await page.waitForFunction(([fn, id]) => new Function(`return (${fn})`)()(id) === 'false|true|', [state.toString(), 'toggled']);
    assert.deepEqual(await page.evaluate(() => wxrt.errors()), []);
  } finally {
    await context.close();
  }
});
