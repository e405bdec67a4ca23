// The `wxrt` package: WeChat's `wx` API for mini-program code running in a browser.
// This file only installs the wasm runtime as WeChat-shaped functions; behaviour lives
// in the Rust core.

import initWasm, {
  BackgroundFetch, Network, Runtime, checkModal, checkToast,
} from '../pkg/wxrt_wasm.js';
import { checkedLaunch, compiledProject, loadTools } from './tools.js';
import { SCREEN, SDK_VERSION, environmentApis } from './environment.js';
import { CallLog } from './call-log.js';
import { asyncApi, runReportingLater } from './async-api.js';
import { loadEncryptionKey } from './storage/key-store.js';
import { lendCipher } from './storage/cipher.js';
import { automation } from './automation.js';
import { loginApis, pageStandIn, serverStandIn } from './login.js';
import { networkCalls, requestApi, uploadApi } from './request.js';
import { TempFiles, fileApis } from './files.js';
import { backgroundFetch as backgroundFetchClient, serverFetchSource } from './background-fetch.js';
import { appJsonOf, MiniProgram } from './mini-program.js';
import { loadFeaturesFor } from './render/features.js';
import { installFamilies } from './apis/families.js';
import { environment } from './render/elements/common.js';
import { Phone } from './apis/phone.js';
import { launchSearch } from './launch-search.js';
import { fastStorageReads } from './storage/reads.js';
import { projectText } from './project-text.js';

/** A WeChat failure (an Error carrying `errMsg`) of `api`, for the shim's own checks. */
const failure = (api, reason) => Runtime.failure(api, reason);

/** The simulated user when `createRuntime` is given none. */
export const DEFAULT_USER = 'wxrt-user';

const SYNC_APIS = [
  'setStorageSync', 'getStorageSync', 'removeStorageSync', 'clearStorageSync',
  'getStorageInfoSync', 'batchSetStorageSync', 'batchGetStorageSync',
];
const ASYNC_APIS = [
  'removeStorage', 'clearStorage', 'getStorageInfo', 'batchSetStorage', 'batchGetStorage',
];
const OVERLAY_APIS = ['showModal', 'showToast', 'hideToast', 'showLoading', 'hideLoading'];
// Only these take `encrypt`, and only they may need to load the cipher first.
const ENCRYPTABLE_APIS = ['setStorage', 'getStorage'];

let wasmReady;

/**
 * Loads the WebAssembly module once; later calls reuse it. `module` is optional:
 * anything wasm-bindgen's init accepts (URL, Response, bytes, WebAssembly.Module).
 */
export function init(module) {
  wasmReady ??= initWasm(module === undefined ? undefined : { module_or_path: module });
  return wasmReady;
}

function wantsEncryption(options) {
  return options !== null && typeof options === 'object' && Boolean(options.encrypt);
}

function buildWx(runtime, storage, ensureKey) {
  // Core knows what this build implements; a runtime without a project has no routes.
  const wx = {
    canIUse: (schema) => runtime.canIUse(schema)
      && typeof wx[String(schema).replace(/^wx\./, '').split('.')[0]] === 'function',
  };
  for (const name of SYNC_APIS) wx[name] = runtime[name].bind(runtime);
  wx.getStorageSync = fastStorageReads(runtime, storage);
  for (const name of ASYNC_APIS) wx[name] = asyncApi((options) => runtime[name](options));
  for (const name of ENCRYPTABLE_APIS) {
    wx[name] = asyncApi((options) => (wantsEncryption(options) && !runtime.hasCipher()
      ? ensureKey(name).then(() => runtime[name](options))
      : runtime[name](options)));
  }
  // Not frozen: the lifecycle APIs are added to it, and tests mock methods on it.
  return wx;
}

// The runtime of one mini-program for one simulated user; options are documented in
// index.d.ts, which ships beside this file.
export async function createRuntime(options = {}) {
  const {
    appid, user = DEFAULT_USER, storage = globalThis.localStorage, encryptionKey, module,
    project, launch, destroyAfterMs, sourceRoot, followVisibility = true, wechat = {},
    requestDomains = [], proxy, backgroundFetch, container, profile, assetBase = '',
    recordCalls = false, phone: phoneSettings,
  } = options;
  const screen = screenOf(options.screen);
  if (typeof appid !== 'string') {
    throw new TypeError(`createRuntime: appid should be a String, got ${typeof appid}`);
  }
  if (!storage) {
    throw new TypeError('createRuntime: no localStorage here; pass options.storage');
  }
  await init(module);
  const runtime = new Runtime(appid, String(user), storage);
  // wasm-bindgen would coerce a string or array-like into zero bytes: a silent weak key.
  if (encryptionKey !== undefined && !(encryptionKey instanceof Uint8Array && encryptionKey.length === 16)) {
    runtime.free();
    throw new TypeError('createRuntime: encryptionKey should be a Uint8Array of 16 bytes');
  }

  let keyLoading;
  const ensureKey = (api) => {
    keyLoading ??= Promise.resolve(encryptionKey ?? loadEncryptionKey(appid, user)).then((key) => lendCipher(runtime, key));
    return keyLoading.catch((error) => {
      keyLoading = undefined;
      throw failure(api, `encrypt is unavailable: ${error.message}`);
    });
  };

  // Another tab's writes arrive as `storage` events; the index must follow them.
  const onStorage = (event) => {
    if (event.storageArea === storage) runtime.storageChanged(event.key);
  };
  globalThis.addEventListener?.('storage', onStorage);

  const wx = buildWx(runtime, storage, ensureKey);
  // Without a server, the stand-in lives in the page, from the tools build: loaded on the
  // first login, so a runtime that never logs in never downloads it.
  const secret = wechat.appSecret ?? randomSecret();
  let inPage;
  let inPageLoading;
  const standInInPage = () => {
    inPageLoading ??= loadTools().then((tools) => {
      inPage = new tools.WeChatStandIn(appid, secret, Boolean(wechat.unionid));
      return inPage;
    });
    return inPageLoading;
  };
  const standIn = wechat.server === undefined ? pageStandIn(standInInPage) : serverStandIn(wechat.server);
  Object.assign(wx, loginApis({ appid, user, storage, standIn, failure }));
  let network;
  try {
    network = new Network(requestDomains.map(String));
  } catch (error) {
    inPage?.free();
    runtime.free();
    throw new TypeError(`createRuntime: requestDomains: ${error.message}`);
  }
  let program;
  // A throwing request callback reaches onError when an app runs, the page otherwise.
  const guard = (call) => (program ? program.guard(call) : runReportingLater(call));
  const calls = networkCalls(network);
  const temp = new TempFiles();
  const phone = new Phone(phoneSettings);
  const offline = () => phone.get('networkType') === 'none';
  wx.request = requestApi({ Network, network, calls, proxy, guard, offline });
  wx.uploadFile = uploadApi({ Network, network, calls, proxy, guard, temp, offline });
  Object.assign(wx, fileApis({ temp, failure }));
  wx.env = { USER_DATA_PATH: 'wxfile://usr' };
  // Undocumented, but read by libraries to check the base library (echarts' ec-canvas:
  // `wx.version.version`).
  wx.version = { version: SDK_VERSION };
  // Drawn by a chunk loaded at the first call (all asynchronous, so nothing waits for
  // it before then); calls made meanwhile run in the order they were made.
  let overlays;
  for (const name of OVERLAY_APIS) {
    wx[name] = asyncApi((options) => {
      overlays ??= import('./overlays.js').then((m) => m.overlayCalls({ checkModal, checkToast, failure }));
      return overlays.then((calls) => calls[name](options));
    });
  }
  // Background fetch needs a server that plays WeChat's; without one the APIs are absent.
  const fetches = backgroundFetch?.server === undefined ? undefined : backgroundFetchClient({
    BackgroundFetch,
    appid,
    user: String(user),
    storage,
    source: serverFetchSource(backgroundFetch.server),
    launch: backgroundFetch.launch,
    config: backgroundFetch,
    failure,
    guard,
    now: () => (program ? program.now() : Date.now()),
  });
  if (fetches) Object.assign(wx, fetches.apis);
  // light or dark: the simulated phone's, else the browser's; undefined without app.json's darkmode.
  const phoneTheme = () => ['light', 'dark'].find((t) => t === phone.get('theme')) ?? (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
  const theme = () => (program?.appJson?.darkmode === true ? phoneTheme() : undefined);
  Object.assign(wx, environmentApis({
    screen,
    theme,
    hasTabBar: () => Boolean(program?.onTabPage()) && !program.frame?.tabBar?.hidden,
    profile: profile ?? {},
    userData: (rawData) => standIn.userData?.({ appid, user: String(user), rawData }) ?? Promise.resolve({}),
    failure,
  }));
  // The families (www/apis/) load on first use; what they may use of this runtime is `host`.
  const host = {
    appid,
    user: String(user),
    storage,
    phone,
    failure,
    temp,
    guard,
    program: () => program,
    /** Whether the project's scripts name `name` (what a family may load ahead for). */
    projectNames: (name) => Boolean(project?.files) && projectText(project.files, '.js').includes(name),
    // Sockets check their URLs against the request domain list, and cross-origin ones go
    // through the dev server's relay, which lives under its request proxy.
    requestDomains: requestDomains.map(String),
    socketRelay: proxy ? `${proxy}/socket` : undefined,
    appName: () => program?.appJson?.window?.navigationBarTitleText || appid,
    // WeChat's own toasts (the clipboard's), taken before the call log wraps wx: not the app's calls.
    showToast: wx.showToast,
    theme,
    phoneTheme,
    // The simulated phone has no network: requests fail as WeChat's do offline.
    offline,
    // downloadFile shares wx.request's queue, domain list and proxy.
    net: { Network, network, calls, proxy },
  };
  const families = installFamilies(wx, host);
  // The privacy agreement (www/apis/open/), which app.json's `__usePrivacyCheck__` puts before
  // every API touching private information.
  host.requirePrivacy = async (api) => {
    if (program?.appJson?.__usePrivacyCheck__ === true) await families.load('open').then(({ methods }) => methods.requirePrivacy(api));
  };
  host.openSetting = () => wx.openSetting();
  // getSetting({withSubscriptions: true}): the subscription answers kept by the open family.
  host.subscriptionsSetting = () => families.load('open').then(({ methods }) => methods.subscriptionsSetting());
  // `<button open-type>` kinds answered by the open family (render/elements/form-controls.js).
  environment.openType = (type) => families.load('open').then(({ methods }) => methods.openType(type));
  // `<ad>` (render/elements/ad.js) loads as the open family's ad units do.
  environment.loadAd = () => families.load('open').then(({ rules }) => import('./apis/open/ads.js').then((ads) => ads.loadBanner(host, rules)));
  const scopes = () => families.load('scope').then(({ methods }) => methods);
  host.requireScope = (scope, api) => scopes().then((methods) => methods.requireScope(scope, api));
  let interruptTimer;
  const networkLifecycle = {
    setAppTimeouts: (request, upload) => network.setAppTimeouts(request, upload),
    hidden(now) {
      const deadline = network.hide(now);
      clearTimeout(interruptTimer);
      interruptTimer = setTimeout(() => calls.interrupt(network.interrupt(program.now())), deadline - now);
    },
    shown(now) {
      clearTimeout(interruptTimer);
      calls.interrupt(network.show(now));
    },
    tick: (now) => calls.interrupt(network.interrupt(now)),
  };
  const handle = {
    appid,
    user,
    wx,
    /**
     * The backend's `GET /sns/jscode2session`, answered by the in-page WeChat stand-in
     * (only without `wechat.server`): `{openid, session_key}` or `{errcode, errmsg}`.
     */
    code2Session(query) {
      if (wechat.server !== undefined) throw new Error('code2Session: this runtime logs in through the server at wechat.server; ask its /sns/jscode2session');
      // Before the first wx.login nothing was issued: every code is unknown, as WeChat says.
      if (!inPage) return { errcode: 40029, errmsg: 'invalid code' };
      return inPage.code2Session(query, Date.now());
    },
    /**
     * Every key of this (appid, user) as an inspector lists it, in getStorageInfo order:
     * `[{key, type, format, bytes}]` (see Runtime.storageEntries).
     */
    storageEntries: () => runtime.storageEntries(),
    /** `getStorageSync(key)` for inspectors: not a call of the app's, so never recorded. */
    storageValue: (key) => runtime.getStorageSync(key),
    /** `getStorageInfoSync()` for inspectors, never recorded. */
    storageInfo: () => runtime.getStorageInfoSync(),
    /**
     * The simulated phone (www/apis/phone.js): `get()` every setting changed from its
     * default, `set(patch)` changes them (`undefined` restores one), `watch(fn)`.
     */
    phone: {
      get: () => phone.snapshot(),
      set: (patch) => phone.set(patch),
      watch: (watcher) => phone.watch(watcher),
    },
    /** Every permission scope this user has answered: `{'scope.camera': true, ...}`. */
    scopes: () => scopes().then((methods) => methods.scopes()),
    /** Answers `scope` by hand (`true`/`false`), or forgets the answer (`undefined`). */
    setScope: (scope, granted) => scopes().then((methods) => methods.setScope(scope, granted)),
    /** Forgets every answer: each scope asks again at its next use. */
    resetScopes: () => scopes().then((methods) => methods.resetScopes()),
    /**
     * Loads every API family now, so each synchronous `wx` method answers at its first call
     * even when the project's code never names it (the automator's calls).
     */
    loadApis: () => families.loadAll().then(() => undefined),
    /** The simulated photo album, oldest first: `[{id, name, type, size, time}]`. */
    album: () => families.load('files').then(({ methods }) => methods.album()),
    /** The Blob of album entry `id` (the workbench's download link). */
    albumBlob: (id) => families.load('files').then(({ methods }) => methods.albumBlob(id)),
    /** Empties this user's album. */
    clearAlbum: () => families.load('files').then(({ methods }) => methods.clearAlbum()),
    /** The page frame's state: `{window, tabBar, enableDebug}` (www/apis/frame/). */
    frame: () => families.load('frame').then(({ methods }) => methods.state()),
    /**
     * The user's back button or key: asks first when the page called
     * wx.enableAlertBeforeUnload; resolves whether the page was left.
     */
    userBack: (delta = 1) => (program?.currentPages().at(-1)?.__wxrtWindow?.alertBeforeUnload
      ? families.load('frame').then(({ methods }) => methods.userBack(delta))
      : wx.navigateBack({ delta }).then(() => true)),
    /** What the device did: `{vibrations, calls, keepScreenOn, clipboard}` (www/apis/device/). */
    device: () => families.load('device').then(({ methods }) => methods.state()),
    /** The user takes a screenshot: wx.onUserCaptureScreen's listeners hear it. */
    captureScreen: () => families.load('device').then(({ methods }) => methods.captureScreen()),
    /**
     * What the app asked of the simulated open capabilities (www/apis/open/), oldest first:
     * `{api, at, ...detail}` (mini-programs it would open, payments, analytics, logs, ads...).
     */
    openRecords: () => families.load('open').then(({ methods }) => methods.records()),
    /**
     * The capsule's "•••" menu: share items the page allows (calling onShareAppMessage /
     * onShareTimeline and showing what would be shared) and the settings page; resolves
     * `{menu, title, path|query, imageUrl?}` when something was shared.
     */
    openCapsuleMenu: () => families.load('open').then(({ methods }) => methods.capsuleMenu()),
    dispose() {
      globalThis.removeEventListener?.('storage', onStorage);
      clearTimeout(interruptTimer);
      fetches?.dispose();
      inPage?.free();
      network.free();
      runtime.free();
    },
  };
  if (fetches) {
    const launchOptions = () => program?.lifecycle.launchOptions() ?? { path: '', query: {}, scene: 1001 };
    Object.assign(handle, {
      /** Runs a prefetch now, for the current launch options; resolves with what it did. */
      triggerPrefetch: () => fetches.debug.triggerPrefetch(launchOptions()),
      /** Runs a periodic update now; resolves with what it did. */
      triggerPeriodicFetch: () => fetches.debug.triggerPeriodicFetch(),
      /**
       * The last background fetch (of `fetchType` `'pre'` or `'periodic'` when given):
       * `{fetchType, url, params, grey, status, bytes, cached, reason, preview}`.
       */
      lastBackgroundFetch: (fetchType) => fetches.debug.lastBackgroundFetch(fetchType),
      /** Calls `watcher` with each background fetch as it ends; returns the unsubscriber. */
      watchBackgroundFetch: (watcher) => fetches.debug.watchBackgroundFetch(watcher),
    });
  }
  if (wechat.server !== undefined) {
    Object.assign(handle, {
      /** What the dev server's stand-in knows of this user: codes issued and the session. */
      loginState: () => standIn.state({ appid, user: String(user) }),
      /** Marks this user at the stand-in (`{tester, blocked}`); resolves with both flags. */
      markUser: (flags = {}) => standIn.markUser({ appid, user: String(user), ...flags }),
    });
  }
  const callLog = recordCalls ? new CallLog() : undefined;
  if (callLog) {
    Object.assign(handle, {
      /** The recorded `wx` calls, oldest first: `{id, name, args, at, state, errMsg, durationMs}`. */
      calls: () => callLog.list(),
      /** Calls `watcher(call)` as each call starts and ends; returns the unsubscriber. */
      watchCalls: (watcher) => callLog.watch(watcher),
    });
  }
  if (project === undefined) {
    callLog?.install(wx);
    return handle;
  }

  let compiled;
  try {
    // The chunks of what the project uses (render/features.js): its code may call their
    // synchronous wx methods from its first line.
    [compiled] = await Promise.all([
      compiledProject(projectFiles(project), project.compiled),
      container ? loadFeaturesFor(project.files) : undefined,
      families.preload(project.files),
    ]);
  } catch (error) {
    handle.dispose();
    throw error;
  }
  try {
    // A darkmode app's `@name` values come from its theme file, resolved as the app reads them.
    const themed = /"darkmode"\s*:\s*true/.test(project.files['app.json'] ?? '')
      ? await families.load('device').then(({ methods }) => (json) => methods.themed(json, project.files)) : (json) => json;
    const files = projectFiles(project);
    const appJson = themed(appJsonOf(files));
    program = new MiniProgram({
      themed, appJson, launchConfig: await checkedLaunch(project.launch, appJson, files),
      appid, wx, storage, files, writtenAs: project.writtenAs, search: launchSearch(launch),
      version: project.version, destroyAfterMs, sourceRoot, network: networkLifecycle,
      backgroundFetch: fetches?.lifecycle,
      compiled, screen,
      render: container ? { container, assetBase, screen } : undefined,
    });
  } catch (error) {
    handle.dispose();
    throw error;
  }
  // Before the launch, which is queued: app.js's first calls are recorded too.
  callLog?.install(wx);
  return automation(handle, program, { followVisibility, callLog });
}

// `{width, height}` in px over the default phone; the bars keep their heights.
function screenOf(given) {
  // A copy: resize() changes this runtime's screen in place, never the default.
  if (given === undefined) return { ...SCREEN };
  const { width, height } = given ?? {};
  for (const [name, value] of [['width', width], ['height', height]]) {
    if (!Number.isInteger(value) || value < 200 || value > 4096) {
      throw new TypeError(`createRuntime: screen.${name} should be an integer number of px from 200 to 4096, got ${value}`);
    }
  }
  return { ...SCREEN, width, height };
}

// Without a secret of its own, the in-page stand-in gets one nobody knows: exchanges then
// fail with 40125, as they would with a wrong secret.
function randomSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function projectFiles(project) {
  const files = project?.files;
  if (files === null || typeof files !== 'object') {
    throw new TypeError('createRuntime: project.files should be an Object of {path: source text}');
  }
  for (const [path, text] of Object.entries(files)) {
    if (typeof text !== 'string') throw new TypeError(`createRuntime: project.files["${path}"] should be a String`);
  }
  return files;
}
