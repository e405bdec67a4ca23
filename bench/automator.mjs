// The automation protocol's cost, with the published miniprogram-automator client:
//
// - `automator_call_over_ws_echo_ratio`: the median round trip of `page.data()` against
//   `wxrt auto` over the median round trip of the same request text through a bare
//   WebSocket echo server, both with the `ws` library the client itself uses, in
//   interleaved rounds of one run (A B B A ...), so the machine's drift cancels.
// - `automator_launch_to_ready_ms`: from `automator.launch({ cliPath: wxrt })` to the
//   first page's onReady (its wall-clock stamp, read back with evaluate). The client
//   itself sleeps 5 s after connecting before launch() resolves; that is not counted,
//   and is reported beside it as `launch_resolved_ms`.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { median, quantile, round } from './stats.js';
import { ROOT } from '../scripts/headless.mjs';

const APP = join(ROOT, 'bench', 'automator-app');
const CLI = join(ROOT, 'bin', 'wxrt.mjs');

const requireHere = createRequire(import.meta.url);
// The `ws` the client speaks through (its own dependency, not one of ours).
const requireClient = createRequire(requireHere.resolve('miniprogram-automator/package.json'));

/** A bare echo server and a client of it; `roundTrip(text)` resolves when the echo is back. */
async function echo(WebSocket) {
  const server = new WebSocket.Server({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  const client = new WebSocket(`ws://127.0.0.1:${server.address().port}`);
  await new Promise((resolve, reject) => {
    client.once('open', resolve);
    client.once('error', reject);
  });
  let waiting;
  client.on('message', () => waiting?.());
  return {
    roundTrip: (text) => new Promise((resolve) => {
      waiting = resolve;
      client.send(text);
    }),
    close() {
      client.close();
      server.close();
    },
  };
}

const elapsed = async (fn) => {
  const start = performance.now();
  await fn();
  return performance.now() - start;
};

export async function measureAutomator({ rounds = 201 } = {}) {
  const automator = requireHere('miniprogram-automator');
  const WebSocket = requireClient('ws');
  const started = Date.now();
  const miniProgram = await automator.launch({ cliPath: CLI, projectPath: APP });
  const launchResolved = Date.now() - started;
  let bare;
  try {
    const readyAt = await miniProgram.evaluate(() => getApp().globalData.readyAt);
    const page = await miniProgram.currentPage();
    bare = await echo(WebSocket);
    // The request as the client writes it for page.data(), echoed back as it is.
    const text = JSON.stringify({ id: '6f1c0a52-8a53-4d6e-b9a4-2f7b8f0d9e11', method: 'Page.getData', params: { pageId: page.id } });
    for (let i = 0; i < 20; i += 1) {
      await page.data();
      await bare.roundTrip(text);
    }
    const calls = [];
    const echoes = [];
    for (let i = 0; i < rounds; i += 1) {
      const order = i % 2 === 0 ? ['call', 'echo'] : ['echo', 'call'];
      for (const side of order) {
        if (side === 'call') calls.push(await elapsed(() => page.data()));
        else echoes.push(await elapsed(() => bare.roundTrip(text)));
      }
    }
    const call = median(calls);
    const base = median(echoes);
    return {
      ratio: round(call / base, 3),
      launchToReadyMs: readyAt ? readyAt - started : null,
      details: {
        app: 'bench/automator-app',
        page_data_ms: round(call, 4),
        page_data_q1_ms: round(quantile(calls, 0.25), 4),
        page_data_q3_ms: round(quantile(calls, 0.75), 4),
        echo_ms: round(base, 4),
        echo_q1_ms: round(quantile(echoes, 0.25), 4),
        echo_q3_ms: round(quantile(echoes, 0.75), 4),
        rounds,
        launch_resolved_ms: launchResolved,
      },
    };
  } finally {
    bare?.close();
    await miniProgram.close();
  }
}
