// The dev server's rebuild after one page of a project using TDesign is edited: what a
// developer waits for between saving a file and the preview reloading. The project
// (bench/tdesign-app) has only package.json and finds tdesign-miniprogram in the
// repository's node_modules, so each rebuild also lays out miniprogram_npm.
//
// It is copied into target/ (ignored by git, and inside the repository so node_modules
// is found by walking up), served with `wxrt serve`, and one page's WXML is edited
// `edits` times in a row; each edit waits for the server's `reload` event on
// /__wxrt/events, whose `compileMs` is the server's own measure of the rebuild (reading
// the project and its packages, compiling, listing problems). The figure is the median.

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, round } from './stats.js';
import { ROOT, startServer } from '../scripts/headless.mjs';

const APP = join(ROOT, 'bench', 'tdesign-app');
const PAGE = 'pages/index/index.wxml';

/** Reads server-sent events from `url`, handing each `{event, data}` to `onEvent`. */
async function listen(url, onEvent, signal) {
  const response = await fetch(url, { signal });
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) onEvent({ event, data: JSON.parse(data) });
    }
  }
}

export async function measureLiveReload({ edits = 15, timeoutMs = 20000 } = {}) {
  const dir = join(ROOT, 'target', `bench-live-reload-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(APP, dir, { recursive: true });
  const server = await startServer(dir);
  const aborted = new AbortController();
  try {
    const waiting = [];
    const events = [];
    const stream = listen(`${server.url}__wxrt/events`, (e) => {
      events.push(e);
      while (waiting.length) waiting.shift()();
    }, aborted.signal).catch((e) => {
      if (e.name !== 'AbortError') throw e;
    });
    const next = (test) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no live reload event within ${timeoutMs} ms (events: ${JSON.stringify(events.slice(-3))})`)), timeoutMs);
      const check = () => {
        const found = events.find(test);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiting.push(check);
      };
      check();
    });
    const hello = await next((e) => e.event === 'hello');
    let generation = hello.data.generation;
    const original = readFileSync(join(dir, PAGE), 'utf8');
    const samples = [];
    for (let i = 1; i <= edits; i += 1) {
      writeFileSync(join(dir, PAGE), `${original}<view>edit ${i}</view>\n`);
      const after = generation;
      const notice = await next((e) => e.event !== 'hello' && e.data.generation > after);
      if (notice.event !== 'reload') throw new Error(`the edit did not build cleanly: ${JSON.stringify(notice.data)}`);
      generation = notice.data.generation;
      samples.push(notice.data.compileMs);
    }
    aborted.abort();
    await stream;
    return {
      figure: median(samples),
      details: { app: 'bench/tdesign-app', page: PAGE, edits, compile_ms_samples: samples, min_ms: Math.min(...samples), max_ms: Math.max(...samples), median_ms: round(median(samples), 1) },
    };
  } finally {
    aborted.abort();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
