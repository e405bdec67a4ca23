// `wx:for` row reuse (R.memo in www/render/template-runtime.js), run in Node over the
// render context alone: which rows a render builds again and which it takes as they were,
// when rows keep their order, change, move, repeat a key, or nest the same site.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { R, touch } from '../../www/render/template-runtime.js';

const SITE = 'pages/list/list.wxml#for1';

/** Renders `rows` (objects with `id`) at one site; returns the row nodes and the ids built. */
function renderer() {
  const ctx = { memo: new Map(), memoNext: new Map() };
  return (rows, { site = SITE, inside, deps = (row, index) => [row, index] } = {}) => {
    const built = [];
    R.ctx = ctx;
    ctx.memoNext = new Map();
    const nodes = rows.map((row, index) => R.memo(site, String(row.id), deps(row, index), () => {
      built.push(row.id);
      inside?.(row);
      return [R.el('view', { id: row.id }, [], String(row.id))];
    })[0]);
    ctx.memo = ctx.memoNext;
    R.ctx = undefined;
    return { nodes, built };
  };
}

test('rows that keep their place and data are taken as they were; a changed one is built again', () => {
  const render = renderer();
  const a = { id: 1 };
  const b = { id: 2 };
  const c = { id: 3 };
  const first = render([a, b, c]);
  assert.deepEqual(first.built, [1, 2, 3]);
  const same = render([a, b, c]);
  assert.deepEqual(same.built, []);
  assert.equal(same.nodes[1], first.nodes[1], 'the very node');
  const b2 = { id: 2, title: 'changed' };
  const changed = render([a, b2, c]);
  assert.deepEqual(changed.built, [2]);
  assert.equal(changed.nodes[2], first.nodes[2]);
  // Changed in place and recorded by setData: built again too.
  touch([c]);
  assert.deepEqual(render([a, b2, c]).built, [3]);
});

test('moved, inserted and appended rows: kept rows are found by key wherever they went', () => {
  const render = renderer();
  // Rows whose template does not read their index.
  const deps = (row) => [row];
  const rows = [1, 2, 3, 4].map((id) => ({ id }));
  const first = render(rows, { deps });
  const reversed = render(rows.slice().reverse(), { deps });
  assert.deepEqual(reversed.built, []);
  assert.equal(reversed.nodes[0], first.nodes[3]);
  const zero = { id: 0 };
  const inserted = render([zero, ...rows], { deps });
  assert.deepEqual(inserted.built, [0]);
  assert.equal(inserted.nodes[1], first.nodes[0]);
  const appended = render([zero, ...rows, { id: 5 }], { deps });
  assert.deepEqual(appended.built, [5]);
  // A row that reads its index is built again where its index changed.
  const indexed = renderer();
  indexed(rows);
  assert.deepEqual(indexed([{ id: 0 }, ...rows]).built, [0, 1, 2, 3, 4]);
});

test('a key met twice builds each later occurrence afresh, in that render and the next', () => {
  const render = renderer();
  const a = { id: 1 };
  const a2 = { id: 1 };
  const b = { id: 2 };
  assert.deepEqual(render([a, a2, b]).built, [1, 1, 2]);
  const again = render([a, a2, b]);
  assert.deepEqual(again.built, [1], 'the first occurrence and row 2 are kept; the duplicate is not memoized');
  assert.notEqual(again.nodes[0], again.nodes[1]);
  // Duplicates gone: rows are kept again.
  const distinct = render([a, b]);
  assert.deepEqual(distinct.built, [2], 'row 2 moved to index 1, a new dependency');
  assert.deepEqual(render([a, b]).built, []);
});

test('a key met again after rows came out of order is a duplicate too, in that render and the next', () => {
  const render = renderer();
  const deps = (row) => [row];
  const a = { id: 1 };
  const a2 = { id: 1 };
  const b = { id: 2 };
  const c = { id: 3 };
  render([a, b], { deps });
  // Row 1 in order, row 3 out of it, then row 1 again.
  assert.deepEqual(render([a, c, a2], { deps }).built, [3, 1]);
  assert.deepEqual(render([a, c, a2], { deps }).built, [1], 'the duplicate is never kept');
});

test('the same site met again while a row builds (a recursive template) builds its own rows', () => {
  const render = renderer();
  const child = { id: 1 };
  const parent = { id: 1, child };
  const inside = (row) => {
    if (row.child) R.memo(SITE, String(row.child.id), [row.child, 0], () => [R.el('view', {}, [])]);
  };
  const first = render([parent], { inside });
  assert.deepEqual(first.built, [1]);
  assert.deepEqual(render([parent], { inside }).built, []);
});
