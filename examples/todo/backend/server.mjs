#!/usr/bin/env node
// The todo example's own backend, following WeChat's classic login flow: the app sends
// the code from wx.login; this server exchanges it at jscode2session (here wxrt's
// stand-in; in production https://api.weixin.qq.com) with the app secret, keeps the
// openid and session_key on the server, and hands the app a random session id of its own.
//
//   node examples/todo/backend/server.mjs --port 8081 --wechat http://127.0.0.1:8080
//
// The app secret is read from ../wxrt.config.json, as `wxrt serve` reads it.
//
// It also answers WeChat's data prefetch (`GET /prefetch`, configured in wxrt.config.json's
// backgroundFetch): the request carries the token the app set (our session id) or, before
// it set one, a login code to exchange; the answer is the day's tip for that user.

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => {
  if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
  return pairs;
}, []));
const port = Number(args.port ?? 8081);
const wechat = args.wechat ?? 'http://127.0.0.1:8080';
const { appid } = JSON.parse(readFileSync(new URL('../project.config.json', import.meta.url), 'utf8'));
const { appSecret } = JSON.parse(readFileSync(new URL('../wxrt.config.json', import.meta.url), 'utf8'));

/** session id → { openid, sessionKey, since } */
const sessions = new Map();

async function login(code) {
  const query = new URLSearchParams({ appid, secret: appSecret, js_code: code, grant_type: 'authorization_code' });
  const answer = await (await fetch(`${wechat}/sns/jscode2session?${query}`)).json();
  if (!answer.openid) return { error: `jscode2session: ${answer.errcode} ${answer.errmsg}` };
  const session = randomBytes(16).toString('hex');
  sessions.set(session, { openid: answer.openid, sessionKey: answer.session_key, since: Date.now() });
  return { session };
}

const TIPS = ['Small steps: add one todo now.', 'Tap a todo to see it alone.', 'Done is better than perfect.'];

/** Who a prefetch is for: the session the token names, or the user the code belongs to. */
async function prefetchUser(params) {
  if (params.get('token')) return sessions.get(params.get('token'))?.openid;
  if (!params.get('code')) return undefined;
  const query = new URLSearchParams({ appid, secret: appSecret, js_code: params.get('code'), grant_type: 'authorization_code' });
  return (await (await fetch(`${wechat}/sns/jscode2session?${query}`)).json()).openid;
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://backend');
  const reply = (body, status = 200) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  try {
    if (url.pathname === '/login') return reply(await login(url.searchParams.get('code') ?? ''));
    if (url.pathname === '/prefetch') {
      const openid = await prefetchUser(url.searchParams);
      const tip = TIPS[new Date().getDate() % TIPS.length];
      return reply({ tip, for: openid ?? 'a guest', by: url.searchParams.get('token') ? 'token' : 'code' });
    }
    const user = sessions.get(url.searchParams.get('session') ?? '');
    if (url.pathname === '/api/me') {
      return reply(user ? { code: 0, data: { openid: user.openid, since: user.since } } : { code: 'expired' });
    }
    return reply({ code: 'not found' }, 404);
  } catch (error) {
    return reply({ code: 'error', message: error.message }, 500);
  }
});

server.listen(port, '127.0.0.1', () => {
  console.log(`todo backend at http://127.0.0.1:${server.address().port}/ (WeChat API at ${wechat})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
