// Boot time of a mini-program in the preview page: from navigation start to
// the first page's onReady, minus what loading a blank page costs in the same
// run (the browser's own share: a tab, a renderer, a connection, a document).
//
// By default every sample navigates a fresh browser context (cold HTTP cache,
// empty localStorage), so each boot is a first visit; with `reload`, each side
// keeps one context, so each boot after the warm-up is a developer's reload
// (files revalidated from the HTTP cache, storage kept). Pairs interleave the two sides
// (app blank, blank app, ...) and the figure is the median of the per-pair
// differences, so slow drift of the machine cancels within a pair.
//
// The app side: an init script, present before any page script, turns
// `globalThis.wxrt` into a setter. When the preview assigns the runtime, the
// setter stamps performance.now() on the first page's onReady (as the hook is
// logged) and again when `wxrt.launched` settles, which is right after onReady
// ran. The figure uses the latter. performance.now() counts from the
// navigation's start (performance.timeOrigin). The blank side: the
// navigation entry's loadEventEnd, on the same clock.
//
// The probe says it is done with a console message rather than being polled: polling
// (waitForFunction) injects Playwright's own script into the page while it boots, and
// that evaluation (10-20 ms of the main thread) was counted as the app's.

import { median, quantile, round } from './stats.js';

/** The first page of examples/todo and the index of its onReady in the hook log. */
export const FIRST_PAGE = 'pages/index/index';
export const ONREADY_INDEX = 4;
/** The first page of examples/tdesign-gallery (its boot is `component_gallery_boot_ms_over_blank`). */
export const GALLERY_FIRST_PAGE = 'pages/form/form';

/** Which side goes first in pair `i`: A B, B A, A B, ... */
export function pairOrder(i) {
  return i % 2 === 0 ? ['app', 'blank'] : ['blank', 'app'];
}

/**
 * The figure and its details from `pairs`, a list of `{ app_ms, blank_ms }`
 * (and optionally `onready_ms`, the app's onReady stamp).
 */
export function summarizeBoot(pairs) {
  if (!pairs.length) throw new RangeError('no boot samples');
  const app = pairs.map((p) => p.app_ms);
  const blank = pairs.map((p) => p.blank_ms);
  const diff = pairs.map((p) => p.app_ms - p.blank_ms);
  const onReady = pairs.map((p) => p.onready_ms).filter(Number.isFinite);
  return {
    over_blank_ms: median(diff),
    app_ms: median(app),
    blank_ms: median(blank),
    app_onready_call_ms: onReady.length === pairs.length ? median(onReady) : null,
    diff_q1_ms: quantile(diff, 0.25),
    diff_q3_ms: quantile(diff, 0.75),
    diff_min_ms: Math.min(...diff),
    diff_max_ms: Math.max(...diff),
    app_q1_ms: quantile(app, 0.25),
    app_q3_ms: quantile(app, 0.75),
    blank_q1_ms: quantile(blank, 0.25),
    blank_q3_ms: quantile(blank, 0.75),
    pairs: pairs.length,
  };
}

/**
 * Median of each named stage over `samples` (objects of ms stamps), in the
 * order of the first sample; null for a stage some sample lacks.
 */
export function stageMedians(samples) {
  const out = {};
  for (const name of Object.keys(samples[0] ?? {})) {
    const xs = samples.map((s) => s[name]);
    out[name] = xs.every(Number.isFinite) ? round(median(xs), 3) : null;
  }
  return out;
}

/** What the boot probe logs once the boot has ended, launched or not. */
const BOOT_DONE = 'wxrt-bench: boot done';

/** Runs in every document of an app context before its own scripts. */
function bootProbe(BOOT_DONE) {
  const boot = {};
  window.__wxrtBoot = boot;
  const stamp = (name) => {
    if (boot[name] === undefined) boot[name] = performance.now();
  };
  const done = () => console.debug(BOOT_DONE);
  // The preview's own report that it cannot start.
  Object.defineProperty(globalThis, 'wxrtError', {
    configurable: true,
    enumerable: true,
    get: () => boot.startError,
    set(message) {
      boot.startError = message;
      done();
    },
  });
  let value;
  Object.defineProperty(globalThis, 'wxrt', {
    configurable: true,
    enumerable: true,
    get: () => value,
    set(rt) {
      value = rt;
      stamp('runtime_ms');
      const log = rt?.program?.hookLog;
      if (Array.isArray(log)) {
        const push = log.push;
        log.push = function pushStamped(...entries) {
          if (entries.some((e) => e?.hook === 'onReady')) stamp('onready_ms');
          return push.apply(this, entries);
        };
      }
      Promise.resolve(rt?.launched).then(
        () => stamp('launched_ms'),
        (error) => {
          boot.error = `wxrt.launched rejected: ${error?.message ?? error}`;
        },
      ).then(done);
    },
  });
}

function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The preview has no favicon; Chromium's request for one is not the app's.
    if (m.type() === 'error' && !m.location()?.url?.endsWith('/favicon.ico')) problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

const TIMEOUT_MS = 30_000;

/** A browser context for one side; with the boot probe for the app side. */
async function sideContext(browser, { probe }) {
  const context = await browser.newContext();
  if (probe) await context.addInitScript(bootProbe, BOOT_DONE);
  return context;
}

/** A fresh browser context whose pages carry the boot probe. */
export const probedContext = (browser) => sideContext(browser, { probe: true });

/** Opens `url` in `page` (of a probed context) and waits until its boot has ended. */
export async function bootTo(page, url) {
  const ended = page.waitForEvent('console', { predicate: (m) => m.text() === BOOT_DONE, timeout: TIMEOUT_MS });
  await page.goto(url, { timeout: TIMEOUT_MS });
  await ended;
}

/**
 * Runs `fn(page, problems)` in a new page of `shared` (a reload: warm HTTP cache, as a
 * developer reloading the preview has it) or, without one, of a fresh context.
 */
async function withPage(browser, { probe, shared }, fn) {
  const context = shared ?? await sideContext(browser, { probe });
  try {
    const page = await context.newPage();
    const problems = watchProblems(page);
    try {
      return await fn(page, problems);
    } catch (e) {
      throw new Error(`${e.message}${problems.length ? `\n  ${problems.join('\n  ')}` : ''}`);
    }
  } finally {
    if (shared) await Promise.all(context.pages().map((page) => page.close()));
    else await context.close();
  }
}

/** One boot of the preview at `url`. */
function sampleApp(browser, url, shared) {
  return withPage(browser, { probe: true, shared }, async (page, problems) => {
    await bootTo(page, url);
    const s = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const rt = globalThis.wxrt;
      const resource = (suffix) => performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(suffix));
      const project = resource('/__wxrt/project');
      const wasm = resource('.wasm');
      return {
        ...window.__wxrtBoot,
        start_error: window.__wxrtBoot.startError,
        stages: {
          dom_content_loaded: nav?.domContentLoadedEventEnd,
          project_fetched: project?.responseEnd,
          wasm_fetch_start: wasm?.startTime,
          wasm_fetched: wasm?.responseEnd,
          runtime_created: window.__wxrtBoot.runtime_ms,
          onready_called: window.__wxrtBoot.onready_ms,
          launched: window.__wxrtBoot.launched_ms,
        },
        // What the page downloads of the project: the bundle's size drives its fetch and parse.
        project_bytes: project?.encodedBodySize ?? null,
        hooks: rt?.hooks?.() ?? [],
        errors: (rt?.errors?.() ?? []).map((e) => e.message),
      };
    });
    if (s.start_error || s.error) throw new Error(`the preview did not start: ${s.start_error ?? s.error}`);
    s.problems = problems.slice();
    return s;
  });
}

/** One load of the blank page at `url`. */
function sampleBlank(browser, url, shared) {
  return withPage(browser, { probe: false, shared }, async (page) => {
    await page.goto(url, { timeout: TIMEOUT_MS });
    return page.evaluate(async () => {
      const end = () => performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0;
      while (!(end() > 0)) await new Promise((r) => setTimeout(r, 5));
      return end();
    });
  });
}

/**
 * Measures `boot_to_onready_ms_over_blank`: `pairs` interleaved pairs after
 * `warmup` discarded ones, in `browser`. `appUrl` is the preview of a
 * mini-program whose first page is `firstPage` (FIRST_PAGE: examples/todo's);
 * `blankUrl` is blank.html.
 * Returns `{ figure, details, warnings }`.
 */
export async function measureBoot(browser, { appUrl, blankUrl, firstPage = FIRST_PAGE, pairs = 21, warmup = 2, keepSamples = false, reload = false }) {
  // Reloads share one context per side, so every sample after the warm-up finds its files
  // in the HTTP cache (revalidated: the dev server says no-cache).
  const shared = reload
    ? { app: await sideContext(browser, { probe: true }), blank: await sideContext(browser, { probe: false }) }
    : {};
  try {
    return await measurePairs(browser, { appUrl, blankUrl, firstPage, pairs, warmup, keepSamples, reload, shared });
  } finally {
    await shared.app?.close();
    await shared.blank?.close();
  }
}

async function measurePairs(browser, { appUrl, blankUrl, firstPage, pairs, warmup, keepSamples, reload, shared }) {
  const samples = [];
  const warnings = new Set();
  let firstApp;
  const stages = [];
  for (let i = 0; i < warmup + pairs; i++) {
    const pair = {};
    for (const side of pairOrder(i)) {
      if (side === 'blank') {
        pair.blank_ms = await sampleBlank(browser, blankUrl, shared.blank);
        continue;
      }
      const s = await sampleApp(browser, appUrl, shared.app);
      firstApp ??= s;
      pair.app_ms = s.launched_ms;
      pair.onready_ms = s.onready_ms;
      if (i >= warmup) stages.push(s.stages);
      const ready = s.hooks[ONREADY_INDEX];
      if (ready?.target !== firstPage || ready?.hook !== 'onReady') {
        warnings.add(`hook ${ONREADY_INDEX + 1} of the boot is ${ready ? `${ready.target} ${ready.hook}` : 'missing'}, not ${firstPage} onReady`);
      }
      if (s.onready_ms === undefined) warnings.add('the boot probe did not see onReady logged (it was logged before the runtime was assigned)');
      for (const m of s.errors) warnings.add(`the mini-program reported an error while booting: ${m}`);
      for (const p of s.problems) warnings.add(`boot: ${p}`);
    }
    if (i >= warmup) samples.push(pair);
  }
  const sum = summarizeBoot(samples);
  const r = (x) => (x === null ? null : round(x, 3));
  return {
    figure: round(sum.over_blank_ms, 3),
    details: {
      unit: reload
        ? 'ms from navigation start, median over reloads in one browser context per side (warm HTTP cache)'
        : 'ms from navigation start, median over cold loads in fresh browser contexts',
      app_launched_ms: r(sum.app_ms),
      app_onready_call_ms: r(sum.app_onready_call_ms),
      blank_load_event_end_ms: r(sum.blank_ms),
      difference_of_medians_ms: r(sum.app_ms - sum.blank_ms),
      pair_diff_q1_ms: r(sum.diff_q1_ms),
      pair_diff_q3_ms: r(sum.diff_q3_ms),
      pair_diff_min_ms: r(sum.diff_min_ms),
      pair_diff_max_ms: r(sum.diff_max_ms),
      app_q1_ms: r(sum.app_q1_ms),
      app_q3_ms: r(sum.app_q3_ms),
      blank_q1_ms: r(sum.blank_q1_ms),
      blank_q3_ms: r(sum.blank_q3_ms),
      stages_ms: stageMedians(stages),
      project_bytes: firstApp?.project_bytes ?? null,
      pairs: sum.pairs,
      warmup_pairs: warmup,
      first_page: firstPage,
      boot_hooks: firstApp ? firstApp.hooks.slice(0, ONREADY_INDEX + 1).map((h) => `${h.target} ${h.hook}`) : [],
      ...(keepSamples ? { samples_ms: samples.map((p) => ({ app: r(p.app_ms), blank: r(p.blank_ms), onready: r(p.onready_ms ?? null) })) } : {}),
    },
    warnings: [...warnings],
  };
}
