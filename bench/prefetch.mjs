// What background prefetch buys: the time from navigation to a mini-program's data in
// hand when it reads the data WeChat prefetched at cold start (getBackgroundFetchData,
// then onBackgroundFetchData), divided by the time when it instead requests the data in
// its first page's onLoad. The developer's server answers both after 300 ms; the app's
// code package takes as long to arrive (the browser holds the project's response back
// 300 ms, as a phone network would a large package). Every boot is a first visit (a fresh
// browser context), and the two ways alternate (A B, B A, ...) in one run.

import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, quantile, round } from './stats.js';
import { pairOrder } from './boot.mjs';
import { ROOT, launchBrowser, startServer } from '../scripts/headless.mjs';

const APP_DIR = join(ROOT, 'bench', 'prefetch-app');
const ANSWER_AFTER_MS = 300;
const CODE_ARRIVES_AFTER_MS = 300;

function developerServer() {
  const body = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, title: `item ${i}` })) });
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('access-control-allow-origin', '*');
      res.end(body);
    }, ANSWER_AFTER_MS);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => { server.closeAllConnections?.(); server.close(); },
  })));
}

async function timeToData(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.route('**/__wxrt/project', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, CODE_ARRIVES_AFTER_MS));
      await route.continue();
    });
    await page.goto(url);
    const handle = await page.waitForFunction(() => globalThis.benchDataAt, null, { timeout: 20000 });
    const at = await handle.jsonValue();
    return at;
  } finally {
    await context.close();
  }
}

/** The ratio and its details, over `pairs` pairs of first visits. */
export async function measurePrefetch({ pairs = 11 } = {}) {
  const developer = await developerServer();
  const stateDir = mkdtempSync(join(tmpdir(), 'wxrt-bench-fetch-'));
  const server = await startServer(APP_DIR, { args: ['--state-dir', stateDir, '--prefetch-url', `${developer.url}/prefetch`] });
  const browser = await launchBrowser();
  const launch = (mode) => `${server.url}?query=${encodeURIComponent(`mode=${mode}&api=${encodeURIComponent(`${developer.url}/data`)}`)}`;
  try {
    const samples = { prefetch: [], request: [] };
    const sources = new Set();
    // One of each first, not counted: the server's and the browser's first-use costs.
    await timeToData(browser, launch('prefetch'));
    await timeToData(browser, launch('request'));
    for (let i = 0; i < pairs; i += 1) {
      for (const side of pairOrder(i)) {
        const mode = side === 'app' ? 'prefetch' : 'request';
        const at = await timeToData(browser, launch(mode));
        samples[mode].push(at.ms);
        sources.add(at.source);
      }
    }
    const prefetch = median(samples.prefetch);
    const request = median(samples.request);
    return {
      figure: round(prefetch / request, 3),
      details: {
        prefetch_ms: round(prefetch, 4),
        request_ms: round(request, 4),
        prefetch_q1_ms: round(quantile(samples.prefetch, 0.25), 4),
        prefetch_q3_ms: round(quantile(samples.prefetch, 0.75), 4),
        request_q1_ms: round(quantile(samples.request, 0.25), 4),
        request_q3_ms: round(quantile(samples.request, 0.75), 4),
        server_answers_after_ms: ANSWER_AFTER_MS,
        code_arrives_after_ms: CODE_ARRIVES_AFTER_MS,
        pairs,
        // Which way the prefetch side got its data: `get` (cached before onLaunch asked)
        // or `listener` (arrived after).
        prefetch_sources: [...sources].filter((s) => s !== 'request').sort(),
      },
    };
  } finally {
    await browser.close();
    await server.close();
    developer.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
