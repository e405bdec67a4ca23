#!/usr/bin/env node
// `wxrt` as `npm install wxrt` puts it in node_modules/.bin: runs the native binary
// ($WXRT_BIN, else target/release/wxrt in this package) with the same arguments, stdio
// and signals, and exits as it does. This is the `cliPath` miniprogram-automator's
// `launch` spawns (`wxrt ... auto --project <dir> --auto-port <port>`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const binary = process.env.WXRT_BIN || fileURLToPath(new URL('../target/release/wxrt', import.meta.url));

if (!existsSync(binary)) {
  process.stderr.write(
    `wxrt: the native binary is missing (${binary}).\n` +
      'Build it in the wxrt package folder with `npm run build` (it needs Rust), or point WXRT_BIN at a wxrt binary.\n',
  );
  process.exit(1);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit' });
// Passed on rather than acted on: the binary closes its Chromium before it exits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  process.stderr.write(`wxrt: cannot run ${binary}: ${error.message}\n`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so our parent sees what the binary did.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
