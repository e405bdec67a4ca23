// Where a cold boot's main-thread time goes: Chromium's trace of the page's main thread
// from navigation start to the first page's onReady, split into what the browser did
// (the navigation and document, CSS, style, layout and paint), compiling JavaScript and
// WebAssembly, running JavaScript, and garbage collection; `other` is task time no
// trace event names. Tracing slows the page, so these are traced
// milliseconds: the shares, not the sums, are what compare with the untraced boot.

import { bootTo, probedContext } from './boot.mjs';
import { median, round } from './stats.js';

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute',
  'disabled-by-default-v8.compile', 'v8.wasm', 'blink', 'blink.user_timing', 'loading',
].join(',');

/** Trace event name → what it is, for the events whose own time is counted. */
const KINDS = [
  // The navigation and the document itself: committing, parsing HTML, its ready states.
  ['document', /^(ParseHTML|DocumentLoader::|NavigationBodyLoader::|HTMLDocumentParser::|Document::(FinishedParsing|SetReadyState|shutdown)|Frame::Detach|ResponseBodyLoader::|LocalWindowProxy::|V8\.DeserializeContext)/],
  ['css_parse', /^(CSSParserImpl::|ParseAuthorStyleSheet|StyleElement::|Blink\.ParseStyleSheet)/],
  ['style_layout_paint', /^(UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|ScheduleStyleRecalculation|HitTest|IntersectionObserverController|Blink\.(Style|Paint|ForcedStyleAndLayout|Layout)|LocalFrameView::|WebFrameWidgetImpl::UpdateLifecycle|SlotAssignmentEngine::)/],
  ['wasm_compile', /^(wasm\.|v8\.wasm\.|FlushInstructionCache)/],
  ['js_compile', /^(V8\.(Compile|Parse|PreParse|CollectSourcePositions|Optimize|Maglev|FinalizeBaseline|FinalizeMaglev)|v8\.(compile|compileModule|produceModuleCache))/],
  ['gc', /^(V8\.GC|MinorGC|MajorGC|V8\.Scavenge|BlinkGC)/],
  ['js_run', /^(FunctionCall|RunMicrotasks|v8\.(evaluateModule|callFunction|run|newInstance)|EvaluateScript|TimerFire|EventDispatch|FireAnimationFrame|V8\.(BytecodeBudgetInterrupt|HandleInterrupts|StackGuard)|v8\.callModuleMethod)/],
];

export const BOOT_KINDS = [...KINDS.map(([kind]) => kind), 'other'];

function kindOf(name) {
  return KINDS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'other';
}

/**
 * Own (exclusive) time per kind, in ms, of the complete events of one thread between
 * `from` and `to` (trace µs). An event of no known kind counts as what encloses it; a
 * top-level task's time inside no known event is `other`; time outside every task is not
 * counted.
 */
export function compose(events, from, to) {
  const inside = events
    .filter((e) => e.ph === 'X' && e.ts >= from && e.ts < to && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const own = new Map();
  const kinds = new Map();
  const stack = [];
  for (const e of inside) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) own.set(parent, own.get(parent) - e.dur);
    own.set(e, e.dur);
    // An event of no known kind (Blink's finer steps) is part of what encloses it.
    const kind = kindOf(e.name);
    kinds.set(e, kind === 'other' && parent ? kinds.get(parent) : kind);
    stack.push(e);
  }
  const out = Object.fromEntries(BOOT_KINDS.map((k) => [k, 0]));
  for (const [e, us] of own) out[kinds.get(e)] += Math.max(0, us) / 1000;
  return out;
}

/**
 * Traces `runs` cold boots of `url` in fresh contexts of `browser`, each ended by the boot
 * probe of boot.mjs. Returns the median traced ms of each kind and
 * of the whole main thread's busy time, with the untraced-comparable stage: traced ms
 * from navigation start to onReady.
 */
export async function traceBoot(browser, url, { runs = 3 } = {}) {
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await probedContext(browser);
    try {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const events = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      await bootTo(page, url);
      const onReadyMs = await page.evaluate(() => window.__wxrtBoot?.launched_ms);
      await cdp.send('Tracing.end');
      await complete;
      samples.push(sampleOf(events, url, onReadyMs));
    } finally {
      await context.close();
    }
  }
  const kinds = Object.fromEntries(BOOT_KINDS.map((k) => [k, round(median(samples.map((s) => s.kinds[k])))]));
  return {
    unit: 'traced ms of the page\'s main thread, navigation start to onReady, median of cold boots',
    runs,
    onready_traced_ms: round(median(samples.map((s) => s.onReadyMs))),
    busy_ms: round(median(samples.map((s) => s.busy))),
    ...kinds,
  };
}

function sampleOf(events, url, onReadyMs) {
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame
    && String(e.args.data.documentLoaderURL ?? '').startsWith(url.split('?')[0]));
  if (!start) throw new Error('the trace has no navigationStart for the page');
  // The page's main thread: the one that evaluated the preview's script.
  const script = events.find((e) => e.pid === start.pid && (e.name === 'v8.evaluateModule' || e.name === 'EvaluateScript'));
  if (!script) throw new Error('the trace has no script evaluation on the page\'s process');
  const thread = events.filter((e) => e.pid === script.pid && e.tid === script.tid);
  const from = start.ts;
  const to = from + onReadyMs * 1000;
  const kinds = compose(thread, from, to);
  const busy = Object.values(kinds).reduce((a, b) => a + b, 0);
  return { kinds, busy, onReadyMs };
}
