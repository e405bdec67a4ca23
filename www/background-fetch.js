// `wx.setBackgroundFetchToken`, `getBackgroundFetchToken`, `getBackgroundFetchData` and
// `onBackgroundFetchData` over core's BackgroundFetch. The fetches themselves are the dev
// server's, which plays WeChat's server: the prefetch of this page load starts when the
// page is requested (the preview hands its outcome in as `launch`); a cold start after the
// app was destroyed, a due periodic update and the debugging triggers ask over HTTP.

import { asyncApi } from './async-api.js';
import { Listeners } from './listeners.js';

// Outside the app's storage namespace (`wxrt:<appid>:<user>:`): the cache does not count
// against the 10 MB quota and clearStorage leaves it alone, as in WeChat.
const recordKey = (appid, user) => `wxrt-background-fetch:${appid}:${user}`;
// How often a due periodic update is looked for while the page is open.
const PERIODIC_CHECK_MS = 60_000;

/** The dev server's background-fetch endpoints under `base` (`/__wxrt/background-fetch`). */
export function serverFetchSource(base) {
  const post = async (route, body) => {
    const response = await fetch(`${base}/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error ?? `HTTP ${response.status}`);
    return answer;
  };
  return {
    prefetch: (user, launch) => post('prefetch', { user, ...launch }),
    periodic: (user) => post('periodic', { user }),
    setToken: (user, token) => post('token', { user, token }),
  };
}

// The launch query as WeChat passes it to the prefetch: `k=v&k=v`, values as launched.
const queryString = (query) => Object.entries(query ?? {}).map(([k, v]) => `${k}=${v}`).join('&');

/**
 * The APIs and the runtime's hooks for (appid, user). `launch` is the outcome of the
 * prefetch the server started for this page load (a Promise), if any; `now` is the
 * runtime's clock.
 */
export function backgroundFetch({
  BackgroundFetch, appid, user, storage, source, launch, config = {}, failure, guard, now,
}) {
  const key = recordKey(appid, user);
  let stored;
  try {
    stored = JSON.parse(storage.getItem(key) ?? 'null') ?? undefined;
  } catch {
    console.warn(`wxrt: the background fetch cache of ${appid} (${user}) was unreadable and is dropped`);
  }
  const state = new BackgroundFetch(stored, config.periodicIntervalMs ?? 12 * 60 * 60 * 1000);
  const listeners = new Listeners();
  const watchers = new Set();
  // The last outcome of each fetch type, for the debugging views.
  const last = new Map();
  let latest;
  let periodicInFlight;
  let foreground = false;
  let launchPending = false;

  const persist = () => {
    try {
      storage.setItem(key, JSON.stringify(state.record()));
    } catch (error) {
      console.warn(`wxrt: the background fetch cache could not be saved: ${error.message}`);
    }
  };

  function deliver(outcome) {
    last.set(outcome.fetchType, outcome);
    latest = outcome;
    const payload = state.arrived(outcome, now());
    persist();
    if (payload) listeners.emit(payload, guard);
    else if (outcome.reason) console.warn(`wxrt background fetch (${outcome.fetchType}): ${outcome.reason}`);
    for (const watcher of watchers) watcher(describe(outcome));
    return outcome;
  }

  // A fetch that never got an answer from the dev server still ends, without data.
  const unanswered = (fetchType) => (error) => deliver({
    fetchType, url: null, params: [], grey: false, status: null, bytes: null, cached: false,
    reason: `the dev server did not answer: ${error.message}`, fetchedData: null, preview: null,
  });

  function fetchNow(fetchType, request) {
    state.begin(fetchType);
    return request().then(deliver, unanswered(fetchType));
  }

  if (launch && config.prefetch !== false) {
    launchPending = true;
    fetchNow('pre', () => launch);
  }

  function prefetch(launchOptions) {
    return fetchNow('pre', () => source.prefetch(user, {
      path: launchOptions.path, query: queryString(launchOptions.query), scene: launchOptions.scene,
    }));
  }

  function periodic() {
    periodicInFlight ??= fetchNow('periodic', () => source.periodic(user)).finally(() => { periodicInFlight = undefined; });
    return periodicInFlight;
  }

  function checkPeriodic() {
    if (foreground) state.used(now());
    if (config.periodic && !periodicInFlight && state.periodicDue(now()).due) periodic();
  }
  const timer = setInterval(checkPeriodic, PERIODIC_CHECK_MS);

  const apis = {
    setBackgroundFetchToken: asyncApi(async (options) => {
      const token = state.setToken(options);
      persist();
      try {
        await source.setToken(user, token);
      } catch (error) {
        throw failure('setBackgroundFetchToken', error.message);
      }
      return { errMsg: 'setBackgroundFetchToken:ok' };
    }),
    getBackgroundFetchToken: asyncApi(() => state.getToken()),
    getBackgroundFetchData: asyncApi((options) => state.getData(options)),
    onBackgroundFetchData: (listener) => listeners.add(listener),
  };

  return {
    apis,
    /** What the runtime tells it: cold starts, showing and hiding, time moving. */
    lifecycle: {
      coldStart(launchOptions) {
        // The first cold start's prefetch is the one the page load started.
        if (launchPending) launchPending = false;
        else if (config.prefetch) prefetch(launchOptions);
      },
      shown() {
        foreground = true;
        checkPeriodic();
      },
      hidden() {
        state.used(now());
        foreground = false;
        persist();
      },
      tick: checkPeriodic,
    },
    /** The debugging handle's methods. */
    debug: {
      triggerPrefetch: (launchOptions) => prefetch(launchOptions).then(describe),
      triggerPeriodicFetch: () => periodic().then(describe),
      lastBackgroundFetch(fetchType) {
        const outcome = fetchType === undefined ? latest : last.get(fetchType);
        return outcome ? describe(outcome) : undefined;
      },
      watchBackgroundFetch(watcher) {
        watchers.add(watcher);
        return () => watchers.delete(watcher);
      },
    },
    dispose() {
      clearInterval(timer);
      state.free();
    },
  };
}

/** An outcome as the debugging views show it: the request's parameters as an object. */
function describe(outcome) {
  const { fetchType, url, params, grey, status, bytes, cached, reason, preview } = outcome;
  return { fetchType, url, params: Object.fromEntries(params ?? []), grey, status, bytes, cached, reason, preview };
}
