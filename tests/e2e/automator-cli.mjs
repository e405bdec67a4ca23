// What the automator tests share: `wxrt auto <project>` started as a CI script starts
// DevTools' `cli auto` before `automator.connect()`, and a poll for conditions only the
// client can observe (it has no DOM to wait on).
import { spawn } from 'node:child_process';
import { BIN } from './harness.mjs';

/** Starts `wxrt auto <project> --auto-port 0`; resolves with its endpoint once it listens. */
export function startAuto(project, { timeoutMs = 30_000, args = [] } = {}) {
  const child = spawn(BIN, ['auto', project, '--auto-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('it did not print its endpoint in time'), timeoutMs);
    function fail(why) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`wxrt auto ${project}: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
    }
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const m = /^wxrt auto: (ws:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        wsEndpoint: m[1],
        exited,
        output: () => ({ stdout, stderr }),
        /** Ctrl-C, as a developer stops it; resolves with how it exited. */
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          const how = await exited;
          clearTimeout(kill);
          return how;
        },
      });
    });
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
  });
}

/** Polls `fn` until it returns something truthy; fails after `timeoutMs`. */
export async function until(fn, what, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}
