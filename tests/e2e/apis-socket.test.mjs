// Sockets (www/apis/socket/): connectSocket's SocketTask over a real WebSocket server (the
// `ws` package from node_modules, on a free port), the legacy single-socket functions on
// the latest task, the limit of five, and the failure branches: refused connection, bad
// url, a domain not in the list, over the limit, send on a closed socket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECTS, appid, launchBrowser, openPreview, startServer, useBrowser, ROOT } from './harness.mjs';

const { Server } = createRequire(`${ROOT}/package.json`)('ws');

const env = useBrowser();
let page;
let server;
let url;
const seen = [];

// A port nothing listens on: bound, read, closed.
const freePort = () => new Promise((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

before(async () => {
  server = new Server({ host: '127.0.0.1', port: 0, handleProtocols: (protocols) => protocols[0] ?? false });
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${server.address().port}/echo`;
  server.on('connection', (socket, request) => {
    seen.push({ protocol: socket.protocol, url: request.url, token: request.headers['x-token'], referer: request.headers.referer });
    socket.on('message', (data) => {
      if (data === 'close me') socket.close(4001, 'asked');
      else socket.send(data);
    });
  });
});

after(() => new Promise((resolve) => server.close(resolve)));

const create = (options = {}) => page.evaluate(async ({ id, options }) => {
  const { createRuntime } = await import('wxrt');
  window.rt = await createRuntime({ appid: id, storage: sessionStorage, ...options });
  window.events = [];
}, { id: appid('sockets'), options });

test('a SocketTask opens, echoes text and ArrayBuffer, and closes with code and reason', async () => {
  page = await env.open();
  await create();
  assert.deepEqual(await page.evaluate(() => ['connectSocket', 'onSocketOpen', 'sendSocketMessage', 'closeSocket'].map((n) => rt.wx.canIUse(n))),
    [true, true, true, true]);
  // Without a project to scan, the family loads at the first asynchronous call.
  assert.equal(await page.evaluate(() => rt.wx.closeSocket().catch((e) => e.errMsg)), 'closeSocket:fail WebSocket is not connected');
  await page.evaluate((url) => {
    const task = rt.wx.connectSocket({ url, protocols: ['chat'], tcpNoDelay: true, success: (r) => events.push(['success', r.errMsg]) });
    window.task = task;
    task.onOpen((r) => {
      events.push(['open', typeof r.header]);
      task.send({ data: 'hello', success: (s) => events.push(['sent', s.errMsg]) });
      task.send({ data: new Uint8Array([1, 2, 3]).buffer });
    });
    task.onMessage(({ data }) => events.push(['message', typeof data === 'string' ? data : [...new Uint8Array(data)]]));
    task.onClose((r) => events.push(['close', r.code, r.reason]));
  }, url);
  await page.waitForFunction(() => events.filter((e) => e[0] === 'message').length === 2);
  assert.deepEqual(await page.evaluate(() => events), [
    ['success', 'connectSocket:ok'], ['open', 'object'], ['sent', 'sendSocketMessage:ok'],
    ['message', 'hello'], ['message', [1, 2, 3]],
  ]);
  assert.deepEqual(seen.at(-1), { protocol: 'chat', url: '/echo', token: undefined, referer: undefined });
  await page.evaluate(() => task.close({ code: 4000, reason: 'bye', success: (r) => events.push(['closed', r.errMsg]) }));
  await page.waitForFunction(() => events.some((e) => e[0] === 'close'));
  assert.deepEqual((await page.evaluate(() => events)).slice(5), [['closed', 'closeSocket:ok'], ['close', 4000, 'bye']]);
  const late = await page.evaluate(() => new Promise((resolve) => task.send({ data: 'x', fail: (e) => resolve(e.errMsg) })));
  assert.equal(late, 'sendSocketMessage:fail WebSocket is not connected');
});

test('the legacy functions act on the most recent task', async () => {
  await page.evaluate((url) => {
    events.length = 0;
    rt.wx.onSocketOpen(() => {
      events.push(['open']);
      rt.wx.sendSocketMessage({ data: 'legacy' });
    });
    rt.wx.onSocketMessage(({ data }) => {
      events.push(['message', data]);
      rt.wx.sendSocketMessage({ data: 'close me' });
    });
    rt.wx.onSocketClose(({ code, reason }) => events.push(['close', code, reason]));
    window.older = rt.wx.connectSocket({ url: `${url}?older` });
    older.onMessage(({ data }) => events.push(['older heard', data]));
    window.newer = rt.wx.connectSocket({ url });
  }, url);
  await page.waitForFunction(() => events.some((e) => e[0] === 'close'));
  const events = await page.evaluate(() => events);
  assert.deepEqual(events.filter((e) => e[0] !== 'open'), [['message', 'legacy'], ['close', 4001, 'asked']],
    'the server closed the newer task; the older one never heard the legacy send');
  assert.equal(await page.evaluate(() => rt.wx.closeSocket().catch((e) => e.errMsg)), 'closeSocket:fail WebSocket is not connected',
    'the latest task is gone: the older one does not take over');
  await page.evaluate(() => new Promise((resolve) => { older.onClose(resolve); older.close({}); }));
});

test('a refused connection reports onError then onClose 1006', async () => {
  const port = await freePort();
  const got = await page.evaluate((port) => new Promise((resolve) => {
    const out = [];
    const task = rt.wx.connectSocket({ url: `ws://127.0.0.1:${port}/`, success: (r) => out.push(r.errMsg) });
    task.onOpen(() => out.push('opened'));
    task.onError((e) => out.push(e.errMsg));
    task.onClose((e) => {
      out.push(e.code);
      resolve(out);
    });
  }), port);
  assert.deepEqual(got, ['connectSocket:ok', 'connectSocket:fail WebSocket connection failed', 1006]);
});

test('a handshake that does not finish within timeout fails the same way', async () => {
  // Accepts the connection and never answers the handshake.
  const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
  try {
    const got = await page.evaluate((port) => new Promise((resolve) => {
      const out = [];
      const task = rt.wx.connectSocket({ url: `ws://127.0.0.1:${port}/`, timeout: 200 });
      task.onError((e) => out.push(e.errMsg));
      task.onClose((e) => {
        out.push(e.code);
        resolve(out);
      });
    }), silent.address().port);
    assert.deepEqual(got, ['connectSocket:fail WebSocket connection failed', 1006]);
  } finally {
    silent.close();
  }
});

test('bad urls, the domain list and the sixth task fail as WeChat does', async () => {
  const bad = await page.evaluate(() => new Promise((resolve) => {
    const task = rt.wx.connectSocket({ url: 'https://example.com/', fail: (e) => resolve([e.errMsg, typeof task.onOpen]) });
  }));
  assert.deepEqual(bad, ['connectSocket:fail invalid url "https://example.com/"', 'function']);
  const param = await page.evaluate(() => new Promise((resolve) => rt.wx.connectSocket({ fail: (e) => resolve([e.errMsg, e.errno]) })));
  assert.deepEqual(param, ['connectSocket:fail parameter error: parameter.url should be String instead of Undefined;', 1001]);
  const sixth = await page.evaluate((url) => new Promise((resolve) => {
    window.five = [1, 2, 3, 4, 5].map(() => rt.wx.connectSocket({ url }));
    const task = rt.wx.connectSocket({ url, fail: (e) => events.push(e.errMsg) });
    task.onError((e) => resolve([e.errMsg, events.at(-1)]));
  }), url);
  assert.deepEqual(sixth, ['connectSocket:fail exceed max task count', 'connectSocket:fail exceed max task count']);
  // One closes: a new one is allowed again.
  const again = await page.evaluate((url) => new Promise((resolve) => {
    five[0].onClose(() => {
      const task = rt.wx.connectSocket({ url });
      task.onOpen(() => resolve('open'));
      task.onError((e) => resolve(e.errMsg));
    });
    five[0].close({});
  }), url);
  assert.equal(again, 'open');
  const code = await page.evaluate(() => new Promise((resolve) => five[1].close({ code: 1001, fail: (e) => resolve(e.errMsg) })));
  assert.match(code, /^closeSocket:fail /);

  await create({ requestDomains: ['https://api.example.com'] });
  const domain = await page.evaluate(() => rt.wx.closeSocket().catch(() => {}).then(() => new Promise((resolve) => {
    rt.wx.connectSocket({ url: 'wss://other.example.com/', fail: (e) => resolve(e.errMsg) });
  })));
  assert.equal(domain, 'connectSocket:fail url not in domain list');
});

test('under wxrt serve, a cross-origin socket goes through the relay with its header', async () => {
  const browser = await launchBrowser();
  const serve = await startServer(path.join(PROJECTS, 'socket-app'));
  try {
    const preview = await openPreview({ server: serve, context: await browser.newContext() });
    assert.equal(preview.startError, undefined);
    await preview.evaluate((url) => wxrt.getCurrentPages().at(-1).connect(url, { 'X-Token': 't1' }), url);
    await preview.waitForFunction(() => wxrt.getCurrentPages().at(-1).heard.length === 1);
    assert.deepEqual(await preview.evaluate(() => wxrt.getCurrentPages().at(-1).heard), ['through the relay']);
    assert.deepEqual(seen.at(-1), {
      protocol: 'chat', url: '/echo', token: 't1', referer: 'https://servicewechat.com/wxsocketapp00001/devtools/page-frame.html',
    }, 'the header a browser cannot set, and WeChat\'s referer, reached the server');
    await preview.evaluate(() => wxrt.getCurrentPages().at(-1).task.close({ code: 4002, reason: 'done' }));
    await preview.waitForFunction(() => document.querySelector('wx-page:not([hidden]) #state')?.textContent === 'closed 4002');

    // A refused upstream fails the page's socket as a refused one would.
    const port = await freePort();
    await preview.evaluate((port) => {
      const page = wxrt.getCurrentPages().at(-1);
      page.heard.length = 0;
      page.connect(`ws://127.0.0.1:${port}/`);
    }, port);
    await preview.waitForFunction(() => document.querySelector('wx-page:not([hidden]) #state')?.textContent === 'closed 1006');
    assert.deepEqual(await preview.evaluate(() => wxrt.getCurrentPages().at(-1).heard), ['connectSocket:fail WebSocket connection failed']);

    // app.json's networkTimeout.connectSocket (500 ms here) bounds a handshake that hangs.
    const silent = net.createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => silent.once('listening', resolve));
    try {
      await preview.evaluate((port) => {
        const page = wxrt.getCurrentPages().at(-1);
        page.setData({ state: 'idle' });
        page.connect(`ws://127.0.0.1:${port}/`);
      }, silent.address().port);
      await preview.waitForFunction(() => document.querySelector('wx-page:not([hidden]) #state')?.textContent === 'closed 1006');
    } finally {
      silent.close();
    }
  } finally {
    await browser.close();
    await serve.close();
  }
});
