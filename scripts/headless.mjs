// What the end-to-end tests and the benchmark share: the `wxrt serve` dev server started
// on a free port, and the system Chromium with the flags that work on these machines.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WXRT_BIN = path.join(ROOT, 'target/release/wxrt');
export const CHROMIUM = process.env.WXRT_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling hosts this machine
// cannot reach; --no-sandbox because tests run as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Starts `wxrt serve <dir> --port 0 [...args]` and resolves once it prints its address,
 * with `{ url, port, servedDir, output(), close(), kill() }`; `url` ends with '/' and
 * `output()` is what it printed so far (the last 20,000 characters of stdout and stderr).
 */
export function startServer(dir, { timeoutMs = 20000, args = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(WXRT_BIN, ['serve', dir, '--port', '0', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let printed = '';
    let settled = false;
    const fail = (why) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`wxrt serve ${dir}: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    };
    const timer = setTimeout(() => fail(`no address printed within ${timeoutMs} ms`), timeoutMs);
    child.stderr.setEncoding('utf8');
    const print = (d) => { printed = (printed + d).slice(-20000); };
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); print(d); });
    child.stdout.setEncoding('utf8');
    // Keep reading after the address: a full pipe would block the server.
    child.stdout.on('data', (d) => {
      print(d);
      if (settled) return;
      stdout += d;
      const m = /^wxrt serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/)\s*$/m.exec(stdout);
      if (!m) return;
      settled = true;
      clearTimeout(timer);
      const exited = new Promise((res) => child.once('exit', res));
      const running = () => child.exitCode === null && child.signalCode === null;
      resolve({
        url: m[2],
        port: Number(m[3]),
        servedDir: m[1],
        output: () => printed,
        kill() {
          if (running()) child.kill();
        },
        async close() {
          if (!running()) return;
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(t);
        },
      });
    });
    child.on('error', (e) => fail(e.message));
    child.on('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

/** Launches the system Chromium headless. */
export async function launchBrowser() {
  let playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error('playwright-core is not installed; run `npm install` first');
  }
  return playwright.chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
