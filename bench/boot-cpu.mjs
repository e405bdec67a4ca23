// What a cold boot costs the whole machine: the CPU time each of Chromium's processes
// spends from the boot's start to the first page's onReady, read from /proc (Linux).
//
// Boot-trace.mjs shows the page's main thread; this shows what else runs beside it. On a
// machine with few cores, the renderer's worker threads (script streaming, software
// raster, V8's optimizing compilers, the wasm's tiers) and the browser process share the
// cores with that main thread, so a boot ends sooner only when the total goes down, not
// when work moves from the main thread to another one.
//
// Each sample is one page in a fresh context: the renderer that draws it starts with the
// navigation, so its whole CPU time (the process's start included, as for the blank page)
// is the boot's. The other processes are counted as the difference over the boot.

import { readFileSync, readdirSync } from 'node:fs';
import { bootTo, probedContext } from './boot.mjs';
import { round } from './stats.js';

export const CPU_PARTS = ['renderer_main', 'renderer_workers', 'browser', 'gpu', 'utilities'];

const TICK_MS = 10; // USER_HZ is 100 on Linux.

/** `true` when this system exposes per-process CPU times as Linux does. */
export function canReadCpu() {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
}

// The fields of a /proc stat line after the command name, which may hold spaces and
// parentheses: they follow the last `)` (state first, then the parent's pid).
const fieldsOf = (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ');

// utime + stime of a /proc stat line, in ms.
const cpuMs = (stat) => {
  const fields = fieldsOf(stat);
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};

function read(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // The process or thread has just ended.
  }
}

/** Pid → `{parent, stat}` (its parent's pid, its stat line) of every process now. */
function processes() {
  const out = new Map();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = read(`/proc/${pid}/stat`);
    if (stat) out.set(Number(pid), { parent: Number(fieldsOf(stat)[1]), stat });
  }
  return out;
}

/** CPU ms per part of the browser whose process is `root` and all it started. */
export function snapshot(root) {
  const tree = processes();
  const within = (pid) => {
    for (let p = pid; p > 1; p = tree.get(p)?.parent) if (p === root) return true;
    return false;
  };
  const parts = Object.fromEntries(CPU_PARTS.map((part) => [part, 0]));
  const renderers = new Map();
  for (const [pid, { stat }] of tree) {
    if (!within(pid)) continue;
    const cmdline = read(`/proc/${pid}/cmdline`);
    if (cmdline === undefined) continue;
    const type = /--type=([\w-]+)/.exec(cmdline)?.[1];
    if (pid === root) parts.browser += cpuMs(stat);
    else if (type === 'renderer') {
      const main = cpuMs(read(`/proc/${pid}/task/${pid}/stat`) ?? stat);
      renderers.set(pid, { main, workers: cpuMs(stat) - main });
    } else if (type === 'gpu-process') parts.gpu += cpuMs(stat);
    else parts.utilities += cpuMs(stat);
  }
  return { parts, renderers };
}

/** What `after` adds to `before`: renderers new since `before` count whole. */
export function spent(before, after) {
  const out = Object.fromEntries(CPU_PARTS.map((part) => [part, after.parts[part] - before.parts[part]]));
  for (const [pid, r] of after.renderers) {
    const was = before.renderers.get(pid) ?? { main: 0, workers: 0 };
    out.renderer_main += r.main - was.main;
    out.renderer_workers += r.workers - was.workers;
  }
  return out;
}

/** The pid of `browser`'s own process, as Chromium reports it. */
async function browserPid(browser) {
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
    const pid = processInfo.find((p) => p.type === 'browser')?.id;
    if (!pid) throw new Error('boot CPU: Chromium named no browser process');
    return pid;
  } finally {
    await cdp.detach();
  }
}

/**
 * The mean CPU ms per part of `runs` cold boots of `url` in `browser`; `blank` loads a
 * page to its load event instead of booting an app to its first onReady.
 */
export async function cpuOfBoots(browser, url, { runs = 9, blank = false } = {}) {
  const root = await browserPid(browser);
  const samples = [];
  for (let i = 0; i < runs; i += 1) {
    const context = await probedContext(browser);
    try {
      const page = await context.newPage();
      const before = snapshot(root);
      const started = performance.now();
      if (blank) await page.goto(url, { waitUntil: 'load' });
      else await bootTo(page, url);
      const wall = performance.now() - started;
      samples.push({ ...spent(before, snapshot(root)), wall });
    } finally {
      await context.close();
    }
  }
  // The mean, not the median: /proc counts in 10 ms ticks, and only an average of
  // several boots resolves finer than that.
  const mean = (xs) => round(xs.reduce((a, b) => a + b, 0) / xs.length);
  const out = { runs };
  for (const part of [...CPU_PARTS, 'wall']) out[`${part}_ms`] = mean(samples.map((s) => s[part]));
  out.total_ms = mean(samples.map((s) => CPU_PARTS.reduce((sum, part) => sum + s[part], 0)));
  return out;
}
