#!/usr/bin/env node
// What still breaks in a gallery project (examples/*-gallery): serves it with `wxrt serve`,
// opens every page of app.json in headless Chromium and prints, page by page, the errors
// the app reported (`wxrt.errors()`), uncaught page errors, the console's errors and
// warnings, whether the library's primary button has its brand colour, and the
// project's problems (`/__wxrt/project`).
//
//   node scripts/gallery-report.mjs tdesign-gallery            # or a path to a project
//   node scripts/gallery-report.mjs vant-gallery --json        # one JSON object
//   node scripts/gallery-report.mjs weui-gallery --screenshots docs/screenshots
//   node scripts/gallery-report.mjs tdesign-gallery --layout npm-build
//
// `--layout as-is` serves the project folder itself (wxrt builds its npm packages from
// node_modules); `npm-build` serves a temporary copy with `miniprogram_npm/` laid out as
// DevTools' "build npm" writes it; `auto` (the default) uses the project as it is when it
// has a miniprogram_npm or when wxrt resolves its dependencies itself, else the copy.
// The test suite (tests/e2e/galleries.test.mjs) uses the same functions.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launchBrowser, startServer } from './headless.mjs';

/**
 * What "styled" means for each library: the element its primary button draws and the
 * background colour its WXSS gives it (TDesign's --td-brand-color #0052d9, Vant's
 * --button-primary-background-color #07c160, WeUI's --weui-BRAND #07c160).
 */
export const LIBRARIES = {
  'tdesign-miniprogram': { prefix: 't-', primary: { classToken: 't-button--primary', colour: 'rgb(0, 82, 217)' } },
  '@vant/weapp': { prefix: 'van-', primary: { classToken: 'van-button--primary', colour: 'rgb(7, 193, 96)' } },
  'weui-miniprogram': { prefix: 'weui-', primary: { selector: 'wx-button[type="primary"]', colour: 'rgb(7, 193, 96)' } },
};

/** Resolves `name` (an example's folder name or a path) to a project folder. */
export function projectDir(name) {
  const candidates = [path.resolve(name), path.join(ROOT, 'examples', name)];
  const dir = candidates.find((d) => existsSync(path.join(d, 'app.json')));
  if (!dir) throw new Error(`no mini-program project (app.json) at ${candidates.join(' or ')}`);
  return dir;
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** The project's npm dependencies (package.json `dependencies`, as DevTools builds). */
export function dependencies(dir) {
  const file = path.join(dir, 'package.json');
  return existsSync(file) ? Object.keys(readJson(file).dependencies ?? {}) : [];
}

/** Finds `node_modules/<name>` from `dir` upwards, as Node resolves packages. */
function installedPackage(dir, name) {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(d) === d) return null;
  }
}

/**
 * Copies the project to a temporary folder and writes `miniprogram_npm/<name>` for each
 * dependency from the package's `miniprogram` folder (default `miniprogram_dist`), as
 * DevTools' "build npm" does. Returns the folder; the caller removes it.
 */
export function npmBuildCopy(dir) {
  const out = mkdtempSync(path.join(tmpdir(), `wxrt-${path.basename(dir)}-`));
  cpSync(dir, out, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  for (const name of dependencies(dir)) {
    const pkg = installedPackage(dir, name);
    if (!pkg) throw new Error(`${name} is not installed (no node_modules/${name} above ${dir}); run npm install`);
    const folder = readJson(path.join(pkg, 'package.json')).miniprogram ?? 'miniprogram_dist';
    const target = path.join(out, 'miniprogram_npm', name);
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(path.join(pkg, folder), target, { recursive: true });
  }
  return out;
}

async function fetchBundle(server) {
  const res = await fetch(`${server.url}__wxrt/project`);
  if (!res.ok) throw new Error(`/__wxrt/project answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** True when the served bundle carries a built `miniprogram_npm/<dep>/` for every dependency. */
function bundleHasPackages(bundle, deps) {
  const keys = Object.keys(bundle.files ?? {});
  return deps.every((dep) => keys.some((k) => k.startsWith(`miniprogram_npm/${dep}/`)));
}

/**
 * Serves the gallery: `{ server, bundle, layout, servedDir, close() }`. See the header for
 * `layout`.
 */
export async function serveGallery(dir, { layout = 'auto' } = {}) {
  const deps = dependencies(dir);
  if (layout !== 'npm-build') {
    const server = await startServer(dir);
    const bundle = await fetchBundle(server);
    const own = existsSync(path.join(dir, 'miniprogram_npm'));
    if (layout === 'as-is' || own || bundleHasPackages(bundle, deps)) {
      return { server, bundle, layout: own ? 'miniprogram_npm' : 'as-is', servedDir: dir, close: () => server.close() };
    }
    await server.close();
  }
  const copy = npmBuildCopy(dir);
  const server = await startServer(copy);
  const bundle = await fetchBundle(server);
  return {
    server,
    bundle,
    layout: 'npm-build',
    servedDir: copy,
    async close() {
      await server.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The library a gallery uses (the first dependency LIBRARIES knows). */
export function libraryOf(dir) {
  const name = dependencies(dir).find((d) => LIBRARIES[d]);
  return name ? { name, ...LIBRARIES[name] } : null;
}

/**
 * Opens `route` in a new tab of `context` and waits until the app launched (or could not
 * start), then until the page has been quiet (no DOM change) for `quietMs`, so errors
 * raised by components' attached/ready hooks and timers are in. Returns the tab with
 * `page.log` (uncaught errors, console errors and warnings).
 */
export async function openGalleryPage(context, baseUrl, route, { quietMs = 400, timeoutMs = 20000 } = {}) {
  const page = await context.newPage();
  page.log = [];
  page.on('pageerror', (e) => page.log.push({ kind: 'pageerror', text: e.message }));
  page.on('console', (m) => {
    // A failed load is logged below with its URL, which the console line lacks.
    if (m.text().startsWith('Failed to load resource')) return;
    if (m.type() === 'error' || m.type() === 'warning') page.log.push({ kind: `console.${m.type()}`, text: m.text() });
  });
  page.on('response', (r) => {
    if (r.status() >= 400) page.log.push({ kind: 'http', text: `${r.status()} ${r.url()}` });
  });
  page.on('requestfailed', (r) => page.log.push({ kind: 'request failed', text: `${r.failure()?.errorText ?? ''} ${r.url()}` }));
  await page.goto(`${baseUrl}?path=${encodeURIComponent(route)}`);
  const started = await page
    .waitForFunction(() => globalThis.wxrt || typeof globalThis.wxrtError === 'string', null, { timeout: timeoutMs })
    .then(() => true, () => false);
  if (!started) {
    page.startError = `the preview made no runtime (globalThis.wxrt) and reported no start error within ${timeoutMs} ms`;
    return page;
  }
  page.startError = await page.evaluate(async (ms) => {
    if (globalThis.wxrtError) return globalThis.wxrtError;
    await Promise.race([globalThis.wxrt.launched, new Promise((_, reject) => setTimeout(() => reject(new Error(`not launched after ${ms} ms`)), ms))]);
    return undefined;
  }, timeoutMs).catch((e) => e.message);
  await waitQuiet(page, quietMs, timeoutMs);
  return page;
}

/** Resolves once the document has had no mutation for `quietMs` (or after `capMs`). */
export function waitQuiet(page, quietMs, capMs = 10000) {
  return page.evaluate(([quiet, cap]) => new Promise((resolve) => {
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(capTimer); resolve(); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, quiet); });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    timer = setTimeout(done, quiet);
    const capTimer = setTimeout(done, cap);
  }), [quietMs, capMs]);
}

/**
 * The primary button check: the first element drawn as the library's primary button and
 * its computed background colour, or `found: false`.
 */
export function primaryButton(page, library) {
  return page.evaluate(({ classToken, selector, colour }) => {
    const root = document.getElementById('page') ?? document.body;
    // Scoped classes are `<scope>--<class>` (see crates/core/src/wxss), so match the end.
    const matches = (el) => [...el.classList].some((c) => c === classToken || c.endsWith(`--${classToken}`));
    const el = selector ? root.querySelector(selector) : [...root.querySelectorAll('*')].find(matches);
    if (!el) return { found: false, expected: colour };
    const background = getComputedStyle(el).backgroundColor;
    return { found: true, background, expected: colour, ok: background === colour, text: el.textContent.trim().slice(0, 40) };
  }, library.primary);
}

/** How many elements in the page carry one of the library's classes (scoped or not). */
export function libraryElementCount(page, library) {
  return page.evaluate((prefix) => {
    const root = document.getElementById('page') ?? document.body;
    const re = new RegExp(`(^|--)${prefix.replace(/[-]/g, '\\-')}`);
    return [...root.querySelectorAll('*')].filter((el) => [...el.classList].some((c) => re.test(c))).length;
  }, library.prefix);
}

/** `wxrt.errors()` as `file:line:col message` lines. */
export async function appErrors(page) {
  return page.evaluate(() => (globalThis.wxrt?.errors?.() ?? []).map((e) => {
    const at = e.file ? `${e.file}:${e.line ?? '?'}:${e.column ?? '?'} ` : '';
    return `${at}${String(e.message).split('\n')[0]}`;
  }));
}

/** `promise`, or `fallback` when it has not settled after `ms` (a page stuck in a loop). */
const within = (promise, ms, fallback) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(fallback), ms))]);

const BUSY = 'the page did not answer within 15 s (its main thread is busy: an endless loop?)';

/** Everything the report says about one page. */
export async function reportPage(context, baseUrl, route, library, { screenshot } = {}) {
  const page = await within(openGalleryPage(context, baseUrl, route), 45000, null);
  if (!page) {
    const pages = context.pages();
    await Promise.all(pages.map((p) => p.close().catch(() => {})));
    return { route, startError: BUSY, errors: [], log: [], primary: null, libraryElements: null };
  }
  try {
    const result = {
      route,
      startError: page.startError ?? null,
      errors: await within(appErrors(page), 15000, [BUSY]),
      log: page.log.map((l) => `${l.kind}: ${l.text.split('\n')[0]}`),
      primary: library ? await within(primaryButton(page, library), 15000, null) : null,
      libraryElements: library ? await within(libraryElementCount(page, library), 15000, null) : null,
    };
    if (screenshot && !result.errors.includes(BUSY)) {
      mkdirSync(path.dirname(screenshot), { recursive: true });
      const phone = await page.$('#phone');
      await (phone ?? page).screenshot({ path: screenshot });
      result.screenshot = screenshot;
    }
    return result;
  } finally {
    await within(page.close(), 5000, null);
  }
}

/** Runs the whole report for one gallery. */
export async function galleryReport(name, { layout = 'auto', screenshots = null } = {}) {
  const dir = projectDir(name);
  const library = libraryOf(dir);
  const routes = readJson(path.join(dir, 'app.json')).pages;
  const served = await serveGallery(dir, { layout });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const pages = [];
    for (const route of routes) {
      const shot = screenshots ? path.join(screenshots, `gallery-${path.basename(dir).replace(/-gallery$/, '')}-${route.split('/').pop()}.png`) : undefined;
      pages.push(await reportPage(context, served.server.url, route, library, { screenshot: shot }));
    }
    return {
      project: path.relative(ROOT, dir) || dir,
      library: library?.name ?? null,
      layout: served.layout,
      problems: served.bundle.problems ?? [],
      pages,
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

function printReport(report) {
  const out = [];
  out.push(`${report.project} (${report.library ?? 'no known library'}), served ${report.layout}`);
  const errors = report.problems.filter((p) => p.severity !== 'warning').length;
  out.push(`problems: ${errors} errors, ${report.problems.length - errors} warnings`);
  for (const p of report.problems) out.push(`  ${p.severity === 'warning' ? 'warning' : 'error'}: ${p.file}${p.line ? `:${p.line}:${p.column ?? '?'}` : ''}: ${p.message}`);
  for (const p of report.pages) {
    const clean = !p.startError && p.errors.length === 0 && p.log.length === 0;
    out.push('', `${p.route}: ${clean ? 'no errors' : `${p.errors.length} errors, ${p.log.length} console/page messages`}`);
    if (p.startError) out.push(`  start error: ${p.startError}`);
    for (const e of p.errors) out.push(`  error: ${e}`);
    for (const l of p.log) out.push(`  ${l}`);
    if (p.primary) {
      out.push(p.primary.found
        ? `  primary button "${p.primary.text}": ${p.primary.background} (${p.primary.ok ? 'brand colour' : `expected ${p.primary.expected}`})`
        : '  primary button: none drawn');
    }
    if (p.libraryElements != null) out.push(`  elements with library classes: ${p.libraryElements}`);
    if (p.screenshot) out.push(`  screenshot: ${p.screenshot}`);
  }
  console.log(out.join('\n'));
}

async function main(argv) {
  const args = argv.slice(2);
  const name = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--screenshots' && args[args.indexOf(a) - 1] !== '--layout');
  if (!name) {
    console.error('usage: node scripts/gallery-report.mjs <example|dir> [--json] [--layout auto|as-is|npm-build] [--screenshots DIR]');
    process.exit(2);
  }
  const option = (flag) => {
    const i = args.indexOf(flag);
    if (i >= 0) return args[i + 1];
    const inline = args.find((a) => a.startsWith(`${flag}=`));
    return inline?.slice(flag.length + 1);
  };
  const report = await galleryReport(name, { layout: option('--layout') ?? 'auto', screenshots: option('--screenshots') ?? null });
  if (args.includes('--json')) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv).catch((e) => {
    console.error(e.stack || e.message);
    process.exit(1);
  });
}
