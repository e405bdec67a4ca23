// The npm package as users get it: `npm pack`, install the tarball into a fresh Vite
// app, build it, serve the build, and run it in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, readFile, readdir, rm, lstat, realpath, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, assertBuilt, startServer, launchBrowser } from './harness.mjs';

function sh(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      if (error) {
        error.message += `\n$ ${cmd} ${args.join(' ')}\nstdout: ${stdout}\nstderr: ${stderr}`;
        reject(error);
      } else {
        resolve({ stdout, stderr });
      }
    });
  });
}

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

let tmp;
let tarball;
let app;
let server;
let browser;

before(async () => {
  assertBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'wxrt-package-'));
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('npm pack ships the shim, its types and the wasm build, and no sources', { timeout: 120000 }, async () => {
  const { stdout } = await sh('npm', ['pack', '--pack-destination', tmp, '--json'], { cwd: ROOT });
  const [info] = JSON.parse(stdout.slice(stdout.indexOf('[')));
  tarball = path.join(tmp, info.filename);
  const { stdout: listing } = await sh('tar', ['-tzf', tarball]);
  const files = listing.split('\n').filter(Boolean);
  for (const f of ['package/package.json', 'package/www/index.js', 'package/www/index.d.ts', 'package/pkg/wxrt_wasm.js', 'package/pkg/wxrt_wasm_bg.wasm', 'package/pkg/wxrt_apis.js', 'package/pkg/wxrt_apis_bg.wasm', 'package/www/apis/families.js']) {
    assert.ok(files.includes(f), `${f} is in the tarball:\n${files.join('\n')}`);
  }
  for (const prefix of ['package/crates/', 'package/tests/', 'package/target/', 'package/node_modules/', 'package/scripts/']) {
    assert.ok(!files.some((f) => f.startsWith(prefix)), `nothing under ${prefix} is in the tarball`);
  }
  assert.ok(!files.some((f) => f.endsWith('.rs')), 'no Rust sources in the tarball');
});

test('a Vite app installs the tarball, builds, and runs wxrt in the browser', { timeout: 240000 }, async () => {
  assert.ok(tarball, 'the tarball was packed');
  app = path.join(tmp, 'app');
  await mkdir(app);
  await writeFile(path.join(app, 'package.json'), JSON.stringify({
    name: 'wxrt-vite-app',
    private: true,
    type: 'module',
    dependencies: { wxrt: `file:${tarball}` },
  }, null, 2));
  await writeFile(path.join(app, 'index.html'), `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>wxrt in a Vite app</title></head>
<body>
<pre id="out">loading</pre>
<script type="module" src="/main.js"></script>
</body>
</html>
`);
  await writeFile(path.join(app, 'main.js'), `import { createRuntime } from 'wxrt'

const out = document.getElementById('out')

async function main() {
  const rt = await createRuntime({ appid: 'vite-app' })
  rt.wx.setStorageSync('greeting', { text: 'hello from vite', n: 42, when: 'now' })
  const value = rt.wx.getStorageSync('greeting')
  const info = rt.wx.getStorageInfoSync()
  out.textContent = JSON.stringify({ value, keys: info.keys })
}

main().catch((e) => {
  out.textContent = 'error: ' + (e && (e.errMsg || e.message))
}).finally(() => {
  out.dataset.done = '1'
})
`);
  await sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: app });

  // The package is a real copy in the app, not a link back to this repository.
  const installed = path.join(app, 'node_modules/wxrt');
  assert.equal((await lstat(installed)).isSymbolicLink(), false, 'node_modules/wxrt is an installed copy');
  const installedWasm = await readFile(path.join(installed, 'pkg/wxrt_wasm_bg.wasm'));

  await sh(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', app, '--sourcemap', '--logLevel', 'warn'], { cwd: app });
  const dist = path.join(app, 'dist');
  const built = await walk(dist);

  // wxrt was resolved from the app's node_modules: the source map names that copy.
  const maps = built.filter((f) => f.endsWith('.js.map'));
  assert.ok(maps.length > 0, 'source maps were written');
  const sources = [];
  for (const m of maps) {
    const map = JSON.parse(await readFile(m, 'utf8'));
    for (const s of map.sources) sources.push(path.resolve(path.dirname(m), map.sourceRoot || '', s));
  }
  const shim = await realpath(path.join(installed, 'www/index.js'));
  assert.ok(sources.includes(shim), `the bundle is built from ${shim}; sources:\n${sources.join('\n')}`);
  assert.ok(!sources.some((s) => s.startsWith(ROOT + path.sep)), 'nothing is bundled from the repository itself');

  // The wasm is emitted as an asset, byte for byte the packaged one; the tools build
  // (compilers, in-page WeChat stand-in) is a chunk and a wasm of its own.
  const wasmFiles = built.filter((f) => f.endsWith('.wasm') && path.basename(f).startsWith('wxrt_wasm_bg'));
  assert.equal(wasmFiles.length, 1, `one runtime .wasm in dist: ${built.join(', ')}`);
  assert.ok(installedWasm.equals(await readFile(wasmFiles[0])), 'the emitted .wasm is the packaged one');
  assert.ok(built.some((f) => path.basename(f).startsWith('wxrt_tools_bg') && f.endsWith('.wasm')), 'the tools wasm is emitted apart');

  server = await startServer(dist);
  browser = await launchBrowser();
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = [];
  const wasmResponses = [];
  page.on('pageerror', (e) => log.push(`pageerror: ${e.message}`));
  page.on('console', (m) => log.push(`console.${m.type()}: ${m.text()}`));
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('.wasm')) wasmResponses.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] });
  });
  await page.goto(server.url);
  await page.waitForSelector('#out[data-done="1"]', { timeout: 30000 });
  const text = await page.textContent('#out');
  assert.deepEqual(JSON.parse(text.startsWith('error:') ? JSON.stringify({ error: text, log }) : text), {
    value: { text: 'hello from vite', n: 42, when: 'now' },
    keys: ['greeting'],
  });
  assert.ok(wasmResponses.length >= 1, 'the .wasm was fetched');
  assert.ok(!wasmResponses.some((r) => r.url.includes('wxrt_tools')), 'a storage-only runtime never fetches the tools');
  for (const r of wasmResponses) {
    assert.equal(r.status, 200, `${r.url} status`);
    assert.equal(r.type, 'application/wasm', `${r.url} content-type`);
  }
  const raw = await page.evaluate(() => localStorage.getItem('wxrt:vite-app:wxrt-user:greeting'));
  assert.ok(raw && raw.includes('hello from vite'), `stored under the wxrt namespace: ${raw}`);
  await context.close();
});
