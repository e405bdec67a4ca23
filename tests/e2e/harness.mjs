// Shared harness for the end-to-end tests: the `wxrt serve` dev server, headless
// Chromium through playwright-core, and a fresh browser context per test file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { before, after } from 'node:test';
import { ROOT, WXRT_BIN, launchBrowser, startServer } from '../../scripts/headless.mjs';

export { ROOT, launchBrowser, startServer };
export const FIXTURES = path.join(ROOT, 'tests/e2e/fixtures');
export const BIN = WXRT_BIN;
// Where tests save their screenshots: git-ignored, so a test run leaves the tree as it was.
// `npm run screenshots` points it elsewhere and copies the README's pictures from there.
export const SCREENSHOTS = process.env.WXRT_SCREENSHOTS || path.join(ROOT, 'target/e2e-screenshots');

const BUILD_OUTPUTS = ['target/release/wxrt', 'www/index.js', 'pkg/wxrt_wasm_bg.wasm', 'pkg/wxrt_wasm.js', 'pkg/wxrt-preview.js'];

/** Fails with a clear message when the build outputs the tests need are missing. */
export function assertBuilt() {
  const missing = BUILD_OUTPUTS.filter((p) => !existsSync(path.join(ROOT, p)));
  if (missing.length) {
    throw new Error(`missing build output: ${missing.join(', ')}; run \`npm run build\` first`);
  }
}

/** Waits until the fixture page has imported wxrt (or reports why it could not). */
export async function waitReady(page, { timeoutMs = 20000 } = {}) {
  const handle = await page.waitForFunction(
    () => window.ready === true || typeof window.loadError === 'string',
    null,
    { timeout: timeoutMs },
  );
  await handle.dispose();
  const loadError = await page.evaluate(() => window.loadError);
  if (loadError) {
    const log = page.wxrtLog ? page.wxrtLog.join('\n') : '';
    throw new Error(`fixture page did not load wxrt: ${loadError}\n${log}`);
  }
}

/**
 * Registers before/after hooks for one test file: a server for `serveDir`, one
 * browser, one fresh context (a fresh profile: empty localStorage and IndexedDB).
 * Returns an object whose fields are filled in by the `before` hook.
 */
export function useBrowser({ serveDir = FIXTURES } = {}) {
  const env = {
    server: null,
    browser: null,
    context: null,
    /** Opens `file` (relative to the served dir) in a new tab and waits for wxrt. */
    async open(file = 'index.html') {
      const page = await env.context.newPage();
      page.wxrtLog = [];
      page.on('pageerror', (e) => page.wxrtLog.push(`pageerror: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') page.wxrtLog.push(`console.${m.type()}: ${m.text()}`);
      });
      await page.goto(env.server.url + file);
      await waitReady(page);
      return page;
    },
    /** Reloads a fixture page and waits for wxrt again. */
    async reload(page) {
      await page.reload();
      await waitReady(page);
    },
  };
  before(async () => {
    assertBuilt();
    env.server = await startServer(serveDir);
    env.browser = await launchBrowser();
    env.context = await env.browser.newContext();
  });
  after(async () => {
    await env.context?.close().catch(() => {});
    await env.browser?.close().catch(() => {});
    await env.server?.close();
  });
  return env;
}

// How long a test waits for what it asserts. Generous: a busy machine slows every step,
// and a condition that holds returns at once however long the limit is.
export const WAIT_MS = 20000;

/**
 * Runs `check` (an async function that asserts) until it passes, and returns what it
 * returned. What the page, the server or the browser does after an action arrives later
 * than the action's promise, so a test states the outcome it expects and waits for it.
 * Only assertion failures are retried; after `timeoutMs` the last one is thrown, saying
 * what was awaited and for how long.
 */
export async function eventually(check, { what = 'the condition', timeoutMs = WAIT_MS } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 200)) {
    try {
      return await check();
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      if (Date.now() >= deadline) {
        error.message = `waited ${timeoutMs} ms for ${what}, still: ${error.message}`;
        throw error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Waits until `selector`'s text in `page` matches `expected` (a RegExp, or a string it
 * must equal) and returns the text; fails with the last text seen.
 */
export function textOf(page, selector, expected, { timeoutMs = WAIT_MS } = {}) {
  return eventually(async () => {
    const text = await page.textContent(selector, { timeout: timeoutMs });
    if (expected instanceof RegExp) assert.match(text ?? '', expected, `text of ${selector}`);
    else assert.equal(text, expected, `text of ${selector}`);
    return text;
  }, { what: `the text of ${selector} to be ${expected}`, timeoutMs });
}

/**
 * `page.waitForFunction(fn, arg)` whose timeout names what was awaited (Playwright's own
 * message only says that it timed out).
 */
export async function until(page, fn, arg, { what = String(fn), timeoutMs = WAIT_MS } = {}) {
  try {
    const handle = await page.waitForFunction(fn, arg, { timeout: timeoutMs });
    const value = await handle.jsonValue().catch(() => undefined);
    await handle.dispose();
    return value;
  } catch (error) {
    if (error.name === 'TimeoutError') error.message = `waited ${timeoutMs} ms in the page for ${what}\n${error.message}`;
    throw error;
  }
}

/** A namespace-unique appid for one test (allowed characters only). */
let counter = 0;
export function appid(name) {
  counter += 1;
  return `${name.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 40)}-${counter}`;
}

export const KB = 1024;
export const MB = 1024 * 1024;
export const TOTAL_LIMIT = 10 * MB; // 10485760
export const KEY_LIMIT = MB; // 1048576
export const ENCRYPTED_KEY_LIMIT = 734003;
export const ENCRYPTED_TOTAL_LIMIT = 7444889;

export const PROJECTS = path.join(FIXTURES, 'projects');

/**
 * Opens the preview of the project `env` serves, with launch options `search`
 * (`?path=...`), and waits until it launched (first page's onReady) or failed. Returns
 * the page; `page.startError` is the preview's error message when it could not start.
 */
export async function openPreview(env, search = '', { context = env.context } = {}) {
  const page = await context.newPage();
  page.wxrtLog = [];
  page.on('pageerror', (e) => page.wxrtLog.push(`pageerror: ${e.message}`));
  await page.goto(env.server.url + search);
  await waitLaunched(page);
  return page;
}

/** Waits for `wxrt.launched` (or the preview's start error) in `page`. */
export async function waitLaunched(page) {
  const handle = await page.waitForFunction(
    () => globalThis.wxrt || typeof globalThis.wxrtError === 'string',
    null,
    { timeout: 20000 },
  );
  await handle.dispose();
  page.startError = await page.evaluate(async () => {
    if (globalThis.wxrtError) return globalThis.wxrtError;
    await globalThis.wxrt.launched;
    return undefined;
  });
}

/** `wxrt.hooks()` as `Target.hook` strings, from entry `from` on. */
export async function hookNames(page, from = 0) {
  const hooks = await page.evaluate(() => wxrt.hooks());
  return hooks.slice(from).map(({ target, hook }) => `${target === 'App' ? 'App' : target.split('/').pop()}.${hook}`);
}

/** The developer's server: records each request and answers as `behaviour` says. */
export function developerServer() {
  const requests = [];
  const behaviour = { delayMs: 0, body: (url) => JSON.stringify({ from: url.pathname, n: requests.length }), type: 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://developer');
    requests.push({ path: url.pathname, raw: req.url, params: Object.fromEntries(url.searchParams), at: Date.now() });
    setTimeout(() => {
      res.setHeader('content-type', behaviour.type);
      res.end(behaviour.body(url));
    }, behaviour.delayMs);
  });
  return {
    requests,
    behaviour,
    listen: () => new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`))),
    close: () => { server.closeAllConnections?.(); server.close(); },
  };
}
