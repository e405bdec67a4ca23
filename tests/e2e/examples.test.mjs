// The pages in examples/ work as the README says: served by `wxrt serve`, no bundler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, assertBuilt, eventually, launchBrowser, startServer, textOf, until } from './harness.mjs';

test('examples/import-map counts visits across reloads', async () => {
  assertBuilt();
  const server = await startServer(path.join(ROOT, 'examples/import-map'));
  let browser;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await textOf(page, '#visits', /^1 \(1 KB of 10240 KB used\)$/);
    await page.reload();
    await textOf(page, '#visits', /^2 \(1 KB of 10240 KB used\)$/);
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    await server.close();
  }
});

/** A port nobody listens on now, for a server that must be named before it starts. */
const freePort = () => new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

test('examples/todo (what npm start previews) launches, signs in through its backend, keeps todos in storage, and navigates', async () => {
  assertBuilt();
  // As npm start runs it: WeChat's prefetch (wxrt serve) asks the backend for the day's tip.
  const backendPort = await freePort();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-todo-'));
  const server = await startServer(path.join(ROOT, 'examples/todo'), { args: ['--prefetch-url', `http://127.0.0.1:${backendPort}/prefetch`, '--state-dir', stateDir] });
  const backend = spawn(process.execPath, [path.join(ROOT, 'examples/todo/backend/server.mjs'), '--port', String(backendPort), '--wechat', server.url.replace(/\/$/, '')], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Everything started is stopped whatever fails: a server left running would keep this
  // test file from ever ending.
  let browser;
  try {
    const backendUrl = await new Promise((resolve, reject) => {
      backend.stdout.setEncoding('utf8');
      backend.stdout.on('data', (d) => { const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(d); if (m) resolve(m[1]); });
      backend.on('exit', (code) => reject(new Error(`backend exited with ${code}`)));
    });
    browser = await launchBrowser();
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}?query=${encodeURIComponent(`backend=${backendUrl}`)}`);
    await page.waitForFunction(() => globalThis.wxrt);
    await until(page, () => wxrt.currentPage()?.data.user.startsWith('o'), null, { what: 'the sign-in through the backend' });
    const firstUser = await page.evaluate(() => wxrt.currentPage().data.user);
    // The prefetch may have been sent before the backend listened: fetch once more, as
    // the preview's button does, and the tip reaches the page through the listener.
    const tipFetch = await page.evaluate(() => wxrt.triggerPrefetch());
    assert.deepEqual([tipFetch.status, tipFetch.cached], [200, true]);
    await until(page, () => wxrt.currentPage().data.tip.length > 0, null, { what: 'the tip from the prefetch' });
    const todos = await page.evaluate(async () => {
      await wxrt.launched;
      const [index] = wxrt.getCurrentPages();
      index.onDraftInput({ detail: { value: 'Buy tea' } });
      index.addTodo();
      const { todos } = wxrt.currentPage().data;
      index.openTodo({ currentTarget: { dataset: { id: todos[0].id } } });
      return todos.map((t) => t.title);
    });
    assert.deepEqual(todos, ['Buy tea']);
    // openTodo navigates: the detail page is current once it has loaded.
    const detail = await until(page, () => {
      const current = wxrt.currentPage();
      return current?.route === 'pages/detail/detail' && [current.route, current.data.todo && current.data.todo.title];
    }, null, { what: 'the detail page opened' });
    assert.deepEqual(detail, ['pages/detail/detail', 'Buy tea']);
    const result = await page.evaluate(async () => {
      await wxrt.switchTab('/pages/logs/logs');
      return {
        stored: wx.getStorageSync('todos').length,
        logs: wxrt.currentPage().data.logs.length,
        errors: wxrt.errors(),
      };
    });
    assert.deepEqual(result, { stored: 1, logs: 1, errors: [] });
    await textOf(page, '#nav-title', 'Launch log');
    assert.deepEqual(errors, []);
    // The backend's session id is stored.
    await until(page, () => wx.getStorageSync('session').length === 32, null, { what: "the backend's session id stored" });

    // The preview's user switch: another simulated user on the same phone has another
    // openid and storage of their own; switching back finds the first user's todos.
    const signedIn = () => until(page, () => globalThis.wxrt?.currentPage()?.data.user?.startsWith('o'), null, { what: 'the sign-in after the switch' });
    await page.click('#tab-users');
    await eventually(async () => assert.equal(await page.inputValue('#user-name'), 'wxrt-user'), { what: 'the current user in the form' });
    await page.fill('#user-name', 'bob');
    await Promise.all([page.waitForNavigation(), page.click('#user-switch button')]);
    await signedIn();
    const bob = await page.evaluate(() => ({ user: wxrt.currentPage().data.user, todos: wx.getStorageSync('todos'), route: wxrt.currentPage().route }));
    assert.notEqual(bob.user, firstUser);
    assert.deepEqual([bob.todos, bob.route], ['', 'pages/index/index']);
    assert.match(page.url(), /[?&]user=bob(&|$)/);
    assert.match(page.url(), /backend%3D/, 'the launch options are kept');
    await page.fill('#user-name', 'wxrt-user');
    await Promise.all([page.waitForNavigation(), page.click('#user-switch button')]);
    await signedIn();
    assert.deepEqual(await page.evaluate(() => [wxrt.currentPage().data.user, wx.getStorageSync('todos').length]), [firstUser, 1]);
    assert.deepEqual(errors, []);
  } finally {
    await browser?.close();
    backend.kill();
    await server.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
