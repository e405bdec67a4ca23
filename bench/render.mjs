// Incremental rendering: updating one field of one row in a 1000-row `wx:for` list
// (setData with a path) against rendering the same list from scratch, both timed from the
// setData call to its callback (the DOM is patched by then), then forcing layout, in the
// same page (bench/render-app), alternating, medians over many rounds.

import { join } from 'node:path';
import { median, quantile, round } from './stats.js';
import { ROOT, launchBrowser, startServer } from '../scripts/headless.mjs';

const APP_DIR = join(ROOT, 'bench', 'render-app');

export async function measureRender({ rounds = 21, rows = 1000 } = {}) {
  const server = await startServer(APP_DIR);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.wxrt);
    return await page.evaluate(async ({ rounds, rows }) => {
      await wxrt.launched;
      const [index] = wxrt.getCurrentPages();
      const list = () => Array.from({ length: rows }, (_, i) => ({ id: i, title: `Row ${i}`, done: false }));
      const timed = (changes) => new Promise((resolve) => {
        const started = performance.now();
        index.setData(changes, () => {
          void document.body.offsetHeight;
          resolve(performance.now() - started);
        });
      });
      const full = [];
      const update = [];
      let checked = true;
      for (let r = 0; r < rounds; r += 1) {
        await timed({ rows: [] });
        full.push(await timed({ rows: list() }));
        const at = (r * 37) % rows;
        update.push(await timed({ [`rows[${at}].title`]: `Changed ${r}` }));
        const shown = document.querySelectorAll('wx-page:not([hidden]) .row')[at]?.textContent ?? '';
        if (!shown.includes(`Changed ${r}`) || document.querySelectorAll('wx-page:not([hidden]) .row').length !== rows) checked = false;
      }
      return { full, update, checked };
    }, { rounds, rows }).then(({ full, update, checked }) => ({
      figure: round(median(update) / median(full), 3),
      details: {
        rows,
        rounds,
        full_render_ms: round(median(full), 4),
        update_one_field_ms: round(median(update), 4),
        full_q1_ms: round(quantile(full, 0.25), 4),
        full_q3_ms: round(quantile(full, 0.75), 4),
        update_q1_ms: round(quantile(update, 0.25), 4),
        update_q3_ms: round(quantile(update, 0.75), 4),
        dom_checked: checked,
      },
    }));
  } finally {
    await browser.close();
    await server.close();
  }
}
