// `wx.login` and `wx.checkSession`. Codes come from a stand-in for WeChat's servers: the
// dev server's (`wxrt serve`, which also answers the developer's backend at
// /sns/jscode2session) or, without a server, core's own running inside the page.

import { asyncApi } from './async-api.js';

// Which session_key generation this browser's last login belongs to, per (appid, user):
// what checkSession asks about. Beside the app's storage, never inside it.
const generationKey = (appid, user) => `wxrt-login:${appid}:${user}`;

async function postJson(url, body, signal) {
  return replyOf(await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  }));
}

async function replyOf(response) {
  const reply = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(reply.error ?? `HTTP ${response.status}`);
  return reply;
}

/** The dev server's stand-in, at `base` (e.g. `/__wxrt/wechat`). */
export function serverStandIn(base) {
  return {
    login: ({ appid, user }, signal) => postJson(`${base}/login`, { appid, user }, signal),
    checkSession: ({ appid, user, generation }) => postJson(`${base}/check-session`, { appid, user, generation }),
    /** `{signature, encryptedData, iv}` of `rawData` for the user's session, `{}` without one. */
    userData: ({ appid, user, rawData }) => postJson(`${base}/user-data`, { appid, user, rawData }),
    /** `{codes: [{code, issuedAt, state}], session: {generation, keyAgeMs, idleMs} | null}`. */
    state: async ({ appid, user }) => replyOf(await fetch(`${base}/state?${new URLSearchParams({ appid, user })}`)),
    /** Sets the given flags (`tester`, `blocked`) of the user; resolves with all of them. */
    markUser: ({ appid, user, ...flags }) => postJson(`${base}/user`, { appid, user, ...flags }),
  };
}

/** Core's stand-in in the page (`standIn()` resolves to the wasm `WeChatStandIn`), behind the same interface. */
export function pageStandIn(standIn) {
  return {
    login: async ({ appid, user }) => (await standIn()).login(appid, user, Date.now()),
    checkSession: async ({ appid, user, generation }) => (await standIn()).checkSession(appid, user, generation, Date.now()),
    userData: async ({ appid, user, rawData }) => (await standIn()).userData(appid, user, rawData, Date.now()),
  };
}

function timeoutOf(options) {
  const timeout = options?.timeout;
  return typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
}

/** `{ login, checkSession }` for the `wx` of (appid, user). */
export function loginApis({ appid, user, storage, standIn, failure }) {
  const key = generationKey(appid, user);
  return {
    login: asyncApi(async (options) => {
      const timeout = timeoutOf(options);
      const abort = new AbortController();
      const timer = timeout && setTimeout(() => abort.abort(), timeout);
      try {
        const grant = await standIn.login({ appid, user }, abort.signal);
        storage.setItem(key, String(grant.generation));
        return { code: grant.code, errMsg: 'login:ok' };
      } catch (error) {
        throw failure('login', abort.signal.aborted ? 'timeout' : error.message);
      } finally {
        clearTimeout(timer);
      }
    }),
    checkSession: asyncApi(async () => {
      const generation = storage.getItem(key);
      if (generation === null) throw failure('checkSession', 'session time out, need relogin');
      const result = await standIn.checkSession({ appid, user, generation: Number(generation) })
        .catch((error) => ({ ok: false, reason: error.message }));
      if (!result.ok) throw failure('checkSession', result.reason);
      return { errMsg: 'checkSession:ok' };
    }),
  };
}
