// How costs grow with size, each as a ratio measured in one page and one run:
//
// - `list_10000_first_render_over_innerhtml_ratio`: a 10,000-row `wx:for` list's first
//   render (setData from an empty list to the callback, then a forced layout) over the
//   same markup built by `innerHTML` beside it in the same viewport, forced layout too.
// - `setdata_one_row_10000_over_1000_ratio`: setData of one row's field in a 10,000-row
//   list over the same in a 1,000-row list: the cost must not grow with the list.
// - `storage_info_5000_over_50_ratio`, `storage_get_5000_over_50_ratio`:
//   getStorageInfoSync and a getStorageSync hit with 5,000 keys stored, over 50 keys.
//
// Each also yields a curve (median time against size) for the README's chart.
// The lists are bench/render-app's page; storage a runtime of its own in that page.

import { join } from 'node:path';
import { median, round } from './stats.js';
import { ROOT, launchBrowser, startServer } from '../scripts/headless.mjs';

const APP_DIR = join(ROOT, 'bench', 'render-app');
const LIST_SIZES = [1000, 3000, 10000];
const KEY_COUNTS = [50, 500, 5000];

/** In the page: list timings per size, alternating wxrt and innerHTML rounds. */
async function listCurves({ sizes, rounds }) {
  await wxrt.launched;
  const [index] = wxrt.getCurrentPages();
  const rowsOf = (n) => Array.from({ length: n }, (_, i) => ({ id: i, title: `Row ${i}`, done: false }));
  const viewport = document.querySelector('wx-page:not([hidden])').parentElement;
  const timed = (changes) => new Promise((resolve) => {
    const started = performance.now();
    index.setData(changes, () => {
      void viewport.scrollHeight;
      resolve(performance.now() - started);
    });
  });
  const out = {};
  for (const n of sizes) {
    const render = [];
    const html = [];
    const update = [];
    const domUpdate = [];
    let markup = '';
    let drawn = 0;
    for (let r = 0; r < rounds; r += 1) {
      await timed({ rows: [] });
      render.push(await timed({ rows: rowsOf(n) }));
      drawn = document.querySelectorAll('wx-page:not([hidden]) .row').length;
      markup ||= document.querySelector('wx-page:not([hidden]) .list').outerHTML;
      update.push(await timed({ [`rows[${(r * 37) % n}].title`]: `Changed ${r}` }));
      await timed({ rows: [] });
      // The baseline: the very DOM wxrt drew, from its markup, in the same place.
      const holder = document.createElement('div');
      viewport.append(holder);
      const started = performance.now();
      holder.innerHTML = markup;
      void viewport.scrollHeight;
      html.push(performance.now() - started);
      // The browser's own share of a one-row change: the same text change made straight in
      // that DOM, laid out. Its layout walks the whole block, so it grows with the list too.
      const title = holder.querySelectorAll('.title')[(r * 37) % n];
      const changed = performance.now();
      title.textContent = `Changed ${r}`;
      void viewport.scrollHeight;
      domUpdate.push(performance.now() - changed);
      holder.remove();
      await new Promise((resolve) => setTimeout(resolve));
    }
    out[n] = { render, html, update, domUpdate, rows: drawn };
  }
  return out;
}

/** In the page: storage timings per key count (per-op µs, medians of batches). */
async function storageCurves({ counts, rounds }) {
  // A runtime of its own, as bench.js has: the preview's `wx` records every call for
  // its Calls panel, which is not what an app's storage costs.
  const { createRuntime } = await import('/__wxrt/www/index.js');
  const { wx } = await createRuntime({ appid: 'wxbenchscale', user: 'bench' });
  const perOp = (fn, n) => {
    const started = performance.now();
    for (let i = 0; i < n; i += 1) fn(i);
    return ((performance.now() - started) / n) * 1000;
  };
  const out = {};
  let sink = 0;
  for (const count of counts) {
    wx.clearStorageSync();
    for (const k of Object.keys(localStorage)) if (k.startsWith('raw-')) localStorage.removeItem(k);
    for (let i = 0; i < count; i += 1) {
      const value = { id: i, name: `value ${i}`, tags: ['a', 'b'] };
      wx.setStorageSync(`key-${i}`, value);
      localStorage.setItem(`raw-${i}`, JSON.stringify(value));
    }
    const info = [];
    const get = [];
    const raw = [];
    for (let r = 0; r < rounds; r += 1) {
      // Batches of several milliseconds: this page's clock ticks in 0.1 ms.
      info.push(perOp(() => { sink += wx.getStorageInfoSync().keys.length; }, 500));
      get.push(perOp((i) => { sink += wx.getStorageSync(`key-${(i * 7919) % count}`).id; }, 2000));
      // The browser's own read at that size, for reference: localStorage slows too.
      raw.push(perOp((i) => { sink += JSON.parse(localStorage.getItem(`raw-${(i * 7919) % count}`)).id; }, 2000));
      await new Promise((resolve) => setTimeout(resolve));
    }
    out[count] = { info, get, raw, keys: wx.getStorageInfoSync().keys.length };
  }
  wx.clearStorageSync();
  for (const k of Object.keys(localStorage)) if (k.startsWith('raw-')) localStorage.removeItem(k);
  return { out, sink };
}

export async function measureScale({ rounds = 11 } = {}) {
  const server = await startServer(APP_DIR);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.wxrt);
    const lists = await page.evaluate(listCurves, { sizes: LIST_SIZES, rounds });
    const { out: keys } = await page.evaluate(storageCurves, { counts: KEY_COUNTS, rounds: rounds * 2 + 1 });
    const m = (xs) => round(median(xs), 4);
    const big = LIST_SIZES.at(-1);
    const most = KEY_COUNTS.at(-1);
    const least = KEY_COUNTS[0];
    const warnings = [];
    for (const n of LIST_SIZES) if (lists[n].rows !== n) warnings.push(`the ${n}-row list drew ${lists[n].rows} rows`);
    for (const n of KEY_COUNTS) if (keys[n].keys !== n) warnings.push(`storage held ${keys[n].keys} keys, not ${n}`);
    return {
      list_10000_first_render_over_innerhtml_ratio: round(median(lists[big].render) / median(lists[big].html), 3),
      setdata_one_row_10000_over_1000_ratio: round(median(lists[big].update) / median(lists[1000].update), 3),
      storage_info_5000_over_50_ratio: round(median(keys[most].info) / median(keys[least].info), 3),
      storage_get_5000_over_50_ratio: round(median(keys[most].get) / median(keys[least].get), 3),
      warnings,
      details: {
        rounds,
        list_ms: Object.fromEntries(LIST_SIZES.map((n) => [n, { first_render: m(lists[n].render), inner_html: m(lists[n].html), set_one_row: m(lists[n].update), dom_one_row: m(lists[n].domUpdate) }])),
        // The same ratio for the one-row change made straight in the DOM: the part of the
        // figure that is the browser's layout, which no renderer can take away.
        dom_one_row_10000_over_1000_ratio: round(median(lists[big].domUpdate) / median(lists[1000].domUpdate), 3),
        raw_get_5000_over_50_ratio: round(median(keys[most].raw) / median(keys[least].raw), 3),
        storage_us: Object.fromEntries(KEY_COUNTS.map((n) => [n, { info: m(keys[n].info), get: m(keys[n].get), raw_get: m(keys[n].raw) }])),
      },
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The curves as text: one bar per size, scaled to the largest time of each curve. */
export function scaleChart(details, width = 40) {
  const lines = ['time against size (median; each bar scaled to its curve\'s largest):'];
  const curve = (title, points, unit) => {
    const top = Math.max(...points.map(([, v]) => v));
    lines.push(`  ${title}`);
    for (const [size, value] of points) {
      const bar = '█'.repeat(Math.max(1, Math.round((value / top) * width)));
      lines.push(`    ${String(size).padStart(6)}  ${bar} ${value} ${unit}`);
    }
  };
  const lists = Object.entries(details.list_ms).map(([n, v]) => [Number(n), v]);
  curve('wx:for first render, rows', lists.map(([n, v]) => [n, v.first_render]), 'ms');
  curve('the same DOM by innerHTML, rows', lists.map(([n, v]) => [n, v.inner_html]), 'ms');
  curve('setData of one row, rows', lists.map(([n, v]) => [n, v.set_one_row]), 'ms');
  curve('the same change straight in the DOM, rows', lists.map(([n, v]) => [n, v.dom_one_row]), 'ms');
  const keys = Object.entries(details.storage_us).map(([n, v]) => [Number(n), v]);
  curve('getStorageInfoSync, keys stored', keys.map(([n, v]) => [n, v.info]), 'µs');
  curve('getStorageSync hit, keys stored', keys.map(([n, v]) => [n, v.get]), 'µs');
  curve('raw localStorage.getItem + JSON.parse, keys stored', keys.map(([n, v]) => [n, v.raw_get]), 'µs');
  return lines;
}
