// Load on the WeChat stand-in (`wxrt wechat-server`), loopback only and bounded: how many
// code exchanges per second it answers with concurrent clients, and whether any code is
// ever accepted twice. Each client is a user of its own and stays under WeChat's limits: 100
// exchanges per minute, and the stand-in keeps only a user's 50 newest codes.

import { spawn } from 'node:child_process';
import { WXRT_BIN } from '../scripts/headless.mjs';

const APPID = 'wxbench0000000001';
const SECRET = 'bench-secret';

function startStandIn() {
  return new Promise((resolve, reject) => {
    const child = spawn(WXRT_BIN, ['wechat-server', '--port', '0', '--app', `${APPID}:${SECRET}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error('wechat-server printed no address')), 10000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^wxrt wechat-server at (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('error', reject);
  });
}

async function login(url, user) {
  const response = await fetch(`${url}__wxrt/wechat/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appid: APPID, user }),
  });
  return (await response.json()).code;
}

async function exchange(url, code) {
  const query = new URLSearchParams({ appid: APPID, secret: SECRET, js_code: code, grant_type: 'authorization_code' });
  return (await fetch(`${url}sns/jscode2session?${query}`)).json();
}

/**
 * `clients` concurrent clients, each exchanging `perClient` codes of users of its own, then
 * every code once more (all must fail with 40029). Returns the figures.
 */
export async function measureStandIn({ clients = 16, perClient = 45 } = {}) {
  const standIn = await startStandIn();
  try {
    const codes = await Promise.all(Array.from({ length: clients }, async (_, c) => {
      const mine = [];
      for (let i = 0; i < perClient; i += 1) mine.push(await login(standIn.url, `bench-${c}`));
      return mine;
    }));
    const started = performance.now();
    const firsts = await Promise.all(codes.map(async (mine) => {
      const answers = [];
      for (const code of mine) answers.push(await exchange(standIn.url, code));
      return answers;
    }));
    const seconds = (performance.now() - started) / 1000;
    const all = codes.flat();
    const accepted = firsts.flat().filter((a) => typeof a.openid === 'string').length;
    const again = await Promise.all(all.map((code) => exchange(standIn.url, code)));
    const acceptedTwice = again.filter((a) => a.errcode !== 40029).length;
    return {
      rps: Math.round(all.length / seconds),
      exchanges: all.length,
      clients,
      accepted,
      accepted_twice: acceptedTwice,
    };
  } finally {
    standIn.stop();
  }
}
