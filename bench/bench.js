// Storage benchmarks, run inside the page. Every wxrt figure is measured beside
// its baseline (raw localStorage + the browser's JSON) in the same page and
// the same run: rounds interleave the two sides, and each side's figure is the
// median of its per-operation times.
//
// The driver (run.mjs) calls `window.wxrtBench.run(options)`.

import { createRuntime } from 'wxrt';
import { batchSize, median, quantile, ratio } from './stats.js';
import { infoValue, largeValue, largeVariants, smallValue } from './data.js';

const APPID = 'wxbench';
const USER = 'bench';
/** Where wxrt keeps this app's and user's keys in localStorage. */
const PREFIX = `wxrt:${APPID}:${USER}:`;
/** Writes and reads cycle over this many keys per side... */
const KEYS = 4;
/** ...and this many values, so consecutive writes to one key change it. */
const VARIANTS = 5;
const INFO_KEYS = 2000;

let wx = null;
/** Results of every timed call are stored here so no call can be skipped. */
let sink = null;

const ready = (async () => {
  localStorage.clear();
  const rt = await createRuntime({ appid: APPID, user: USER });
  wx = rt.wx;
  wx.clearStorageSync();
})();

/** Let the page run pending tasks (storage IPC, GC) between timed batches. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 0));

function timeBatch(fn, n) {
  const t0 = performance.now();
  fn(n);
  return performance.now() - t0;
}

/**
 * Per-op time in ms: double the batch until it lasts `minMs` (this also warms
 * up), then take the median of a few batches of that size, so one stall
 * (GC, the OS scheduling another process) can't skew the batch size.
 */
async function calibrate(fn, minMs) {
  let n = 1;
  while (timeBatch(fn, n) < minMs && n < 1 << 22) n *= 2;
  const perOp = [];
  for (let k = 0; k < 5; k++) {
    await pause();
    perOp.push(timeBatch(fn, n) / n);
  }
  return median(perOp);
}

/**
 * Time `wxrt` against `baseline`. Each is `(n) => void` running n operations.
 * Rounds alternate which side goes first (A B, B A, ...).
 */
async function compare(name, wxrt, baseline, { rounds, batchMs, ownBatch = false }) {
  // The first pass warms both sides up (JIT, caches); the second, warm, sizes the batches.
  let perA = 0;
  let perB = 0;
  for (let pass = 0; pass < 2; pass++) {
    perA = await calibrate(wxrt, batchMs);
    perB = await calibrate(baseline, batchMs);
  }
  // Both sides run batches of the same size, set by the faster side: the cost
  // of an operation right after a pause differs from one mid-batch, so equal
  // batches compare like with like. `ownBatch` gives each side its own size,
  // for a baseline that is orders of magnitude slower (the storage-info scan).
  const nA = batchSize(ownBatch ? perA : Math.min(perA, perB), batchMs);
  const nB = ownBatch ? batchSize(perB, batchMs) : nA;
  timeBatch(wxrt, nA);
  await pause();
  timeBatch(baseline, nB);

  const a = [];
  const b = [];
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [[wxrt, nA, a], [baseline, nB, b]] : [[baseline, nB, b], [wxrt, nA, a]];
    for (const [fn, n, out] of order) {
      await pause();
      out.push(timeBatch(fn, n) / n);
    }
  }
  const paired = a.map((x, i) => x / b[i]);
  const wxrtMs = median(a);
  const baseMs = median(b);
  return {
    name,
    wxrt_us: wxrtMs * 1000,
    baseline_us: baseMs * 1000,
    ratio: ratio(wxrtMs, baseMs),
    ops_per_batch: { wxrt: nA, baseline: nB },
    rounds,
    // Spread of the per-round ratios: how much one round's ratio can be trusted.
    round_ratio_median: median(paired),
    round_ratio_q1: quantile(paired, 0.25),
    round_ratio_q3: quantile(paired, 0.75),
    samples_us: { wxrt: a.map((x) => x * 1000), baseline: b.map((x) => x * 1000) },
  };
}

/** 100 000-unit plain fillers that bring a namespace to wxrt's plain budget. */
const PLAIN_BUDGET_FILLERS = 15;

function keysFor(label) {
  return {
    wx: Array.from({ length: KEYS }, (_, i) => `${label}:${i}`),
    raw: Array.from({ length: KEYS }, (_, i) => `raw:${label}:${i}`),
  };
}

/** Writes: cycle keys and values so every write changes what a key holds. */
function setCase(label, values) {
  const keys = keysFor(label);
  let i = 0;
  let j = 0;
  return {
    wxrt(n) {
      for (let k = 0; k < n; k++, i++) wx.setStorageSync(keys.wx[i % KEYS], values[i % VARIANTS]);
    },
    baseline(n) {
      for (let k = 0; k < n; k++, j++) {
        localStorage.setItem(keys.raw[j % KEYS], JSON.stringify(values[j % VARIANTS]));
      }
    },
  };
}

/** Reads: store one value per key on each side first, then cycle over the keys. */
function getCase(label, values) {
  const keys = keysFor(label);
  for (let k = 0; k < KEYS; k++) {
    wx.setStorageSync(keys.wx[k], values[k % VARIANTS]);
    localStorage.setItem(keys.raw[k], JSON.stringify(values[k % VARIANTS]));
  }
  let i = 0;
  let j = 0;
  return {
    wxrt(n) {
      for (let k = 0; k < n; k++, i++) sink = wx.getStorageSync(keys.wx[i % KEYS]);
    },
    baseline(n) {
      for (let k = 0; k < n; k++, j++) sink = JSON.parse(localStorage.getItem(keys.raw[j % KEYS]));
    },
  };
}

const encoder = new TextEncoder();

/** UTF-8 length of a string, counted the way a page would without allocating. */
function utf8Length(s) {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 2 units, 4 bytes
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * What a page would write without wxrt to answer getStorageInfoSync: scan all
 * of localStorage, keep this namespace's keys, add up their UTF-8 sizes.
 * (Counting with `new TextEncoder().encode(s).length` instead makes this scan
 * several times slower: it allocates a buffer per string.)
 */
function naiveStorageInfo(prefix) {
  const keys = [];
  let bytes = 0;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key === null || !key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const value = localStorage.getItem(key);
    keys.push(name);
    bytes += utf8Length(name) + utf8Length(value);
  }
  return { keys, currentSize: Math.ceil(bytes / 1024), limitSize: 10240 };
}

function clearAll() {
  wx.clearStorageSync();
  localStorage.clear();
}

function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Smallest step performance.now() takes here, in microseconds. */
function timerResolutionUs() {
  let best = Infinity;
  for (let s = 0; s < 20; s++) {
    const t0 = performance.now();
    let t1 = t0;
    while (t1 === t0) t1 = performance.now();
    best = Math.min(best, t1 - t0);
  }
  return Math.round(best * 1e4) / 10;
}

async function run({ rounds = 101, batchMs = 1 } = {}) {
  await ready;
  // A batch must be long against the timer's step: 200 steps at least (1 ms
  // with the 5 µs timer of a cross-origin isolated page, 20 ms without).
  const resolutionUs = timerResolutionUs();
  const opts = { rounds, batchMs: Math.max(batchMs, (resolutionUs * 200) / 1000) };
  const small = Array.from({ length: VARIANTS }, (_, v) => smallValue(v));
  const large = largeVariants(largeValue(), VARIANTS);
  const checks = {};
  const cases = {};

  clearAll();
  // Round trips first: a broken build should say so rather than time garbage.
  wx.setStorageSync('check:small', small[0]);
  checks.small_round_trip = sameJson(wx.getStorageSync('check:small'), small[0]);
  wx.setStorageSync('check:large', large[0]);
  checks.large_round_trip = sameJson(wx.getStorageSync('check:large'), large[0]);
  checks.key_prefix_seen = Object.keys(localStorage).some((k) => k.startsWith(PREFIX));
  clearAll();

  let c = setCase('small', small);
  cases.storage_set_small = await compare('set small', c.wxrt, c.baseline, opts);
  clearAll();
  c = getCase('small', small);
  cases.storage_get_small = await compare('get small', c.wxrt, c.baseline, opts);
  clearAll();
  c = setCase('big', large);
  cases.storage_set_100k = await compare('set 100 KB', c.wxrt, c.baseline, opts);
  clearAll();
  c = getCase('big', large);
  cases.storage_get_100k = await compare('get 100 KB', c.wxrt, c.baseline, opts);
  clearAll();
  // Past wxrt's plain-text budget (1.5 million UTF-16 units per namespace) large values
  // are stored compacted; reading those also unpacks and decompresses them.
  for (let i = 0; i < PLAIN_BUDGET_FILLERS; i++) wx.setStorageSync(`filler:${i}`, 'f'.repeat(100_000));
  c = getCase('compacted', large);
  checks.compacted_entry = localStorage.getItem(`${PREFIX}compacted:0`)?.slice(0, 2);
  cases.storage_get_100k_compacted = await compare('get 100 KB compacted', c.wxrt, c.baseline, opts);
  clearAll();

  for (let i = 0; i < INFO_KEYS; i++) {
    wx.setStorageSync(`item:${String(i).padStart(4, '0')}`, infoValue(i));
  }
  const info = wx.getStorageInfoSync();
  const naive = naiveStorageInfo(PREFIX);
  checks.info_wxrt_keys = info.keys.length;
  checks.info_naive_keys = naive.keys.length;
  checks.info_wxrt_current_size_kb = info.currentSize;
  checks.info_naive_current_size_kb = naive.currentSize;
  checks.info_limit_size_kb = info.limitSize;
  cases.storage_info_2000 = await compare(
    `storage info, ${INFO_KEYS} keys`,
    (n) => {
      for (let k = 0; k < n; k++) sink = wx.getStorageInfoSync();
    },
    (n) => {
      for (let k = 0; k < n; k++) sink = naiveStorageInfo(PREFIX);
    },
    { ...opts, ownBatch: true },
  );
  clearAll();
  checks.storage_left_after_clear = localStorage.length;

  const largeText = JSON.stringify(large[0]);
  return {
    cases,
    checks,
    values: {
      small_json_chars: JSON.stringify(small[0]).length,
      large_json_chars: largeText.length,
      large_json_utf8_bytes: encoder.encode(largeText).length,
      large_records: large[0].length,
      info_keys: INFO_KEYS,
    },
    env: {
      user_agent: navigator.userAgent,
      cross_origin_isolated: globalThis.crossOriginIsolated === true,
      timer_resolution_us: resolutionUs,
      batch_ms: opts.batchMs,
    },
    sink_type: typeof sink,
  };
}

window.wxrtBench = { ready, run };
