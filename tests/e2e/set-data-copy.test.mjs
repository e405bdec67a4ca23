// setData copies the value it is given, as WeChat's does: the classic todo app (read the list
// from this.data, mutate a row in place, pass the same array back) updates exactly the rows
// that changed, what was passed is not shared with the page's data, and data changed
// without setData is not seen (the view keeps a copy of its own, as WeChat's view layer).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURES, launchBrowser, openPreview, startServer } from './harness.mjs';

let browser;
let server;
let stateDir;

before(async () => {
  browser = await launchBrowser();
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-set-data-'));
  server = await startServer(path.join(FIXTURES, 'projects/todos-in-place'), { args: ['--state-dir', stateDir] });
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

/** Each row as `name|completed-class|icon type`, in DOM order. */
const rows = (page) => page.evaluate(() => [...document.querySelectorAll('wx-page:not([hidden]) .item')].map((row) => [
  row.querySelector('.name').textContent,
  row.classList.contains('completed') ? 'completed' : 'active',
  row.querySelector('.checkbox').getAttribute('type'),
].join('|')));

const waitRows = (page, expected) => page.waitForFunction(
  (want) => JSON.stringify([...document.querySelectorAll('wx-page:not([hidden]) .item')].map((row) => [
    row.querySelector('.name').textContent,
    row.classList.contains('completed') ? 'completed' : 'active',
    row.querySelector('.checkbox').getAttribute('type'),
  ].join('|'))) === JSON.stringify(want),
  expected,
);

test('a list mutated in place and passed to setData again updates exactly the changed rows', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    assert.deepEqual(await rows(page), ['Buy milk|active|circle', 'Walk the dog|completed|success', 'Write tests|active|circle']);
    await page.evaluate(() => {
      window.before = [...document.querySelectorAll('.item')];
      window.mutated = [];
      new MutationObserver((records) => {
        for (const r of records) window.mutated.push(r.target.closest?.('.item')?.id ?? r.target.parentElement?.closest('.item')?.id ?? 'outside');
      }).observe(document.querySelector('wx-page:not([hidden])'), { subtree: true, attributes: true, childList: true, characterData: true });
    });

    // toggle: only the first row's class and icon change
    await page.click('#todo-0 .checkbox');
    await waitRows(page, ['Buy milk|completed|success', 'Walk the dog|completed|success', 'Write tests|active|circle']);
    await page.waitForFunction(() => document.querySelector('.left').textContent === '1 item left');
    const touchedRows = await page.evaluate(() => [...new Set(window.mutated.filter((id) => id !== 'outside'))]);
    assert.deepEqual(touchedRows, ['todo-0'], 'only the toggled row changed in the DOM');
    assert.equal(await page.evaluate(() => [...document.querySelectorAll('.item')].every((row, i) => row === window.before[i])), true, 'rows were patched, not re-created');

    // toggle back a completed one
    await page.click('#todo-1 .checkbox');
    await waitRows(page, ['Buy milk|completed|success', 'Walk the dog|active|circle', 'Write tests|active|circle']);

    // remove
    await page.click('#todo-2 .remove');
    await waitRows(page, ['Buy milk|completed|success', 'Walk the dog|active|circle']);
    await page.waitForFunction(() => document.querySelector('.left').textContent === '1 item left');

    // clear completed
    await page.click('.clear');
    await waitRows(page, ['Walk the dog|active|circle']);
    await page.waitForFunction(() => document.querySelector('.left').textContent === '1 item left');
  } finally {
    await context.close();
  }
});

test('what was passed to setData is copied: mutating it afterwards changes neither data nor the page', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    const kept = await page.evaluate(() => {
      const todos = wxrt.getCurrentPages()[0];
      const list = [{ name: 'fresh', completed: false }];
      todos.setData({ todos: list });
      list[0].name = 'mutated after setData';
      return todos.data.todos[0].name;
    });
    assert.equal(kept, 'fresh');
    await page.waitForFunction(() => document.querySelectorAll('.item').length === 1 && document.querySelector('#todo-0 .name').textContent === 'fresh');
  } finally {
    await context.close();
  }
});

test('data changed without setData is not drawn, even when another setData re-renders; a later setData of it is', async () => {
  const context = await browser.newContext();
  const page = await openPreview({ server, context });
  try {
    assert.equal(page.startError, undefined);
    await page.evaluate(() => {
      const todos = wxrt.getCurrentPages()[0];
      todos.renameQuietly();
      todos.setData({ leftCount: 7 });
    });
    await page.waitForFunction(() => document.querySelector('.left').textContent === '7 items left');
    assert.equal(await page.textContent('#todo-0 .name'), 'Buy milk');
    assert.equal(await page.evaluate(() => wxrt.getCurrentPages()[0].data.todos[0].name), 'renamed without setData');
    await page.evaluate(() => wxrt.getCurrentPages()[0].save());
    await page.waitForFunction(() => document.querySelector('#todo-0 .name').textContent === 'renamed without setData');
  } finally {
    await context.close();
  }
});
