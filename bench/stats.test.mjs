// Self-check of the benchmark's own helpers: `node --test bench/`.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { largeValue, smallValue } from './data.js';
import { pairOrder, stageMedians, summarizeBoot } from './boot.mjs';
import { BOOT_KINDS, compose } from './boot-trace.mjs';
import { CPU_PARTS, canReadCpu, snapshot, spent } from './boot-cpu.mjs';
import { buildFingerprint, confirmTargets } from './confirm.mjs';
import { bundleSizes, gzipSize } from './sizes.mjs';
import { batchSize, median, prng, quantile, ratio, round } from './stats.js';

test('median of odd and even lists, input untouched', () => {
  const xs = [5, 1, 3];
  assert.equal(median(xs), 3);
  assert.deepEqual(xs, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), RangeError);
});

test('quantiles interpolate between ranks', () => {
  assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([3, 1], 0), 1);
  assert.equal(quantile([3, 1], 1), 3);
});

test('ratio divides and refuses a non-positive baseline', () => {
  assert.equal(ratio(3, 2), 1.5);
  assert.ok(Number.isNaN(ratio(1, 0)));
  assert.ok(Number.isNaN(ratio(1, -1)));
  assert.ok(Number.isNaN(ratio(NaN, 1)));
});

test('batch size reaches the target time and stays in bounds', () => {
  assert.equal(batchSize(0.002, 10), 5000);
  assert.equal(batchSize(0.3, 10), 34);
  assert.equal(batchSize(50, 10), 1);
  assert.equal(batchSize(0, 10, { max: 99 }), 99);
});

test('round keeps significant digits', () => {
  assert.equal(round(1.23456, 3), 1.23);
  assert.equal(round(12345.6, 3), 12300);
  assert.equal(round(0.0012345, 2), 0.0012);
  assert.equal(round(0), 0);
});

test('the generator is deterministic and the large value is about 100 KB', () => {
  const a = prng(42);
  const b = prng(42);
  for (let i = 0; i < 5; i++) assert.equal(a(), b());
  const text = JSON.stringify(largeValue());
  assert.equal(text, JSON.stringify(largeValue()));
  assert.ok(text.length >= 100 * 1024 && text.length < 102 * 1024, `${text.length} chars`);
  assert.ok(JSON.stringify(smallValue()).length < 300);
});

test('gzip size matches zlib at level 9 and round-trips', () => {
  const data = Buffer.from('wxrt '.repeat(1000));
  const size = gzipSize(data);
  assert.equal(size, gzipSync(data, { level: 9 }).length);
  assert.ok(size < data.length / 10);
  assert.equal(gunzipSync(gzipSync(data, { level: 9 })).toString(), data.toString());
});

test('bundle sizes add the wasm and the preview\'s script, not the tools chunk', () => {
  const root = mkdtempSync(join(tmpdir(), 'wxrt-bench-'));
  try {
    mkdirSync(join(root, 'pkg'), { recursive: true });
    writeFileSync(join(root, 'pkg', 'wxrt_wasm_bg.wasm'), Buffer.alloc(4096, 1));
    writeFileSync(join(root, 'pkg', 'wxrt-preview.js'), 'export const a = 1;\n');
    writeFileSync(join(root, 'pkg', 'preview-chunk-x.js'), 'the tools: not downloaded by the preview');
    const s = bundleSizes(root);
    assert.deepEqual(
      s.files.map((f) => f.file),
      ['pkg/wxrt_wasm_bg.wasm', 'pkg/wxrt-preview.js'],
    );
    assert.equal(s.bundle_wasm_bytes, 4096);
    assert.equal(s.bundle_wasm_gzip_bytes, gzipSize(Buffer.alloc(4096, 1)));
    assert.equal(s.bundle_gzip_bytes, s.bundle_wasm_gzip_bytes + s.bundle_js_gzip_bytes);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('boot pairs alternate which side goes first', () => {
  assert.deepEqual([0, 1, 2, 3].map(pairOrder), [
    ['app', 'blank'],
    ['blank', 'app'],
    ['app', 'blank'],
    ['blank', 'app'],
  ]);
});

test('the boot figure is the median per-pair difference, with each side beside it', () => {
  const pairs = [
    { app_ms: 100, blank_ms: 40, onready_ms: 98 },
    { app_ms: 130, blank_ms: 50, onready_ms: 127 },
    { app_ms: 90, blank_ms: 45, onready_ms: 88 },
  ];
  const s = summarizeBoot(pairs);
  assert.equal(s.over_blank_ms, 60);
  assert.equal(s.app_ms, 100);
  assert.equal(s.blank_ms, 45);
  assert.equal(s.app_onready_call_ms, 98);
  assert.equal(s.diff_min_ms, 45);
  assert.equal(s.diff_max_ms, 80);
  assert.equal(s.pairs, 3);
  assert.equal(summarizeBoot([{ app_ms: 1, blank_ms: 0 }]).app_onready_call_ms, null);
  assert.throws(() => summarizeBoot([]), RangeError);
});

test('boot stages: a median per stage, null when a sample lacks one', () => {
  assert.deepEqual(stageMedians([{ a: 1, b: 5 }, { a: 3, b: undefined }, { a: 2, b: 7 }]), { a: 2, b: null });
  assert.deepEqual(stageMedians([]), {});
});

test('a boot trace is split by the own time of each kind, unknown steps counting as what encloses them', () => {
  const x = (name, ts, dur) => ({ name, ph: 'X', ts, dur });
  const events = [
    x('RunTask', 0, 100_000),
    x('FunctionCall', 10_000, 40_000),
    x('V8.CompileCode', 20_000, 10_000),
    x('UpdateLayoutTree', 60_000, 20_000),
    x('SomeBlinkStep', 65_000, 5_000),
    x('Unnamed', 85_000, 10_000),
    // Outside the window: not counted.
    x('RunTask', 200_000, 50_000),
    { name: 'navigationStart', ph: 'R', ts: 0 },
  ];
  const kinds = compose(events, 0, 150_000);
  assert.deepEqual(Object.keys(kinds), BOOT_KINDS);
  assert.equal(kinds.js_run, 30);
  assert.equal(kinds.js_compile, 10);
  assert.equal(kinds.style_layout_paint, 20);
  // The task's own 30 ms and the unnamed step's 10 ms.
  assert.equal(kinds.other, 40);
  assert.equal(kinds.gc, 0);
});

test('a target is met only when the previous run of the same build met it too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wxrt-confirm-'));
  try {
    const file = join(dir, 'nested', 'last-run.json');
    const run = (pass, fingerprint = 'build-a') => confirmTargets(
      { fast: { max: 1, pass: pass.fast }, small: { max: 2, pass: pass.small }, unmeasured: { max: 3, pass: null } },
      { file, fingerprint },
    );
    const first = run({ fast: true, small: true });
    assert.equal(first.previous, null);
    assert.deepEqual([first.targets.fast.met, first.targets.small.met], [false, false], 'one run is not enough');
    const second = run({ fast: true, small: false });
    assert.deepEqual(second.previous.same_build, true);
    assert.deepEqual([second.targets.fast.met, second.targets.small.met, second.targets.unmeasured.met], [true, false, false]);
    const third = run({ fast: true, small: true });
    assert.deepEqual([third.targets.fast.met, third.targets.small.met], [true, false], 'small missed in the run before');
    const otherBuild = run({ fast: true, small: true }, 'build-b');
    assert.equal(otherBuild.previous.same_build, false);
    assert.deepEqual([otherBuild.targets.fast.met, otherBuild.targets.small.met], [false, false], 'another build confirms nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the build fingerprint follows file contents, not source maps or served state', () => {
  const root = mkdtempSync(join(tmpdir(), 'wxrt-fingerprint-'));
  try {
    mkdirSync(join(root, 'www'), { recursive: true });
    writeFileSync(join(root, 'www', 'a.js'), 'one');
    const before = buildFingerprint(root, ['www']);
    writeFileSync(join(root, 'www', 'a.js.map'), '{}');
    mkdirSync(join(root, 'www', '.wxrt'));
    writeFileSync(join(root, 'www', '.wxrt', 'state.json'), '{}');
    assert.equal(buildFingerprint(root, ['www']), before);
    writeFileSync(join(root, 'www', 'a.js'), 'two');
    assert.notEqual(buildFingerprint(root, ['www']), before);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('boot CPU: what a boot adds, a renderer started during it counted whole', () => {
  const parts = (browser, gpu = 0) => ({ ...Object.fromEntries(CPU_PARTS.map((p) => [p, 0])), browser, gpu });
  const before = { parts: parts(100, 10), renderers: new Map([[7, { main: 40, workers: 20 }]]) };
  const after = {
    parts: parts(130, 15),
    renderers: new Map([[7, { main: 50, workers: 20 }], [9, { main: 120, workers: 80 }]]),
  };
  assert.deepEqual(spent(before, after), { renderer_main: 130, renderer_workers: 80, browser: 30, gpu: 5, utilities: 0 });
});

test('boot CPU: /proc read for a process and what it started', { skip: !canReadCpu() && 'no /proc here' }, async () => {
  // A child without `--type=` counts as a utility process of the browser `process.pid`. It
  // says when it has used 400 ms of CPU, however long a busy machine takes to give it that.
  const busy = 'const u = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };'
    + ' while (u() < 400); console.log("busy"); setInterval(() => {}, 1000);';
  const child = spawn(process.execPath, ['-e', busy]);
  try {
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (data) => { if (String(data).includes('busy')) resolve(); });
      child.on('exit', (code) => reject(new Error(`the busy child exited (${code})`)));
    });
    const { parts, renderers } = snapshot(process.pid);
    assert.ok(parts.utilities >= 380, `the child's 400 ms counted as ${parts.utilities} ms`);
    assert.ok(parts.browser > 0, 'this process\'s own CPU');
    assert.equal(renderers.size, 0);
  } finally {
    child.kill();
  }
});
