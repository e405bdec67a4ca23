/// <reference types="miniprogram-api-typings" />

/**
 * Type declarations for the `wxrt` npm package.
 *
 * The `wx` functions are typed with WeChat's own declarations from
 * `miniprogram-api-typings`, so code written against `wx.*` type-checks unchanged.
 * Those declarations also describe the mini-program globals (`wx`, `App`, `Page`,
 * `console`, ...); a project that compiles with the `DOM` lib sees duplicate global
 * names inside them and needs `"skipLibCheck": true` (set by Vite's templates).
 *
 * @example
 * ```ts
 * import { createRuntime } from 'wxrt'
 *
 * const rt = await createRuntime({ appid: 'wx1234567890abcdef' })
 * rt.wx.setStorageSync('profile', { name: 'Ada', visits: 3 })
 * const profile = rt.wx.getStorageSync<{ name: string; visits: number }>('profile')
 * const { keys, currentSize } = await rt.wx.getStorageInfo()
 * ```
 */

/**
 * The subset of the Web Storage interface the runtime uses. `localStorage`,
 * `sessionStorage` and simple in-memory test doubles all satisfy it.
 */
export interface StorageLike {
  /** The number of entries. */
  readonly length: number
  /** The name of the entry at `index`, or `null`. */
  key(index: number): string | null
  /** The value stored under `key`, or `null`. */
  getItem(key: string): string | null
  /** Stores `value` under `key`; may throw a `QuotaExceededError`. */
  setItem(key: string, value: string): void
  /** Removes the entry under `key`, if any. */
  removeItem(key: string): void
}

/** Options for {@link createRuntime}. */
export interface CreateRuntimeOptions {
  /**
   * The mini-program's appid: 1 to 64 characters from `A-Z a-z 0-9 _ -`.
   * Storage is kept apart per (appid, user).
   */
  appid: string
  /**
   * The user the storage belongs to: 1 to 64 characters from `A-Z a-z 0-9 _ -`.
   * @defaultValue `'wxrt-user'`
   */
  user?: string
  /**
   * Where entries are kept. Entries are named `wxrt:<appid>:<user>:<key>`; nothing
   * outside that prefix is ever read, changed or removed.
   * @defaultValue `globalThis.localStorage`
   */
  storage?: StorageLike
  /**
   * The 16-byte AES-128 key for `setStorage({ encrypt: true })` and
   * `getStorage({ encrypt: true })`.
   * @defaultValue a random key per (appid, user), created on first use and kept in IndexedDB
   */
  encryptionKey?: Uint8Array
  /**
   * Where to load the WebAssembly module from, when it is not beside the shim: a URL,
   * a `Response`, the bytes, or a compiled `WebAssembly.Module`. Only the first
   * runtime of a page loads it; see {@link init}.
   */
  module?: unknown
  /** Where `wx.login` and `wx.checkSession` get their answers. */
  wechat?: WeChatOptions
  /**
   * WeChat's request domain list (`https://api.example.com[:port]`): `wx.request` to any
   * other server fails with `request:fail url not in domain list`. Empty: every server.
   * `wx.connectSocket` is checked against it too, `wss://` as `https://` and `ws://` as `http://`.
   */
  requestDomains?: string[]
  /**
   * A dev server's forwarding route (`'/__wxrt/proxy'` under `wxrt serve`): requests to
   * other origins go through it, so backends without CORS headers answer; sockets to other
   * origins go through its relay at `<proxy>/socket`, which sends their `header`.
   */
  proxy?: string
  /**
   * Where background fetches come from. Without it `wx.getBackgroundFetchData` and its
   * siblings are absent (`canIUse` says `false`).
   */
  backgroundFetch?: BackgroundFetchOptions
  /** The simulated user's profile, as `wx.getUserProfile` answers it. */
  profile?: { nickName?: string; avatarUrl?: string }
  /**
   * The simulated phone's screen in px (integers, 200 to 4096); 375 × 667 unless given.
   * 750 rpx are its width; `wx.getSystemInfoSync()` reports it.
   */
  screen?: { width: number; height: number }
  /** Records every `wx` call for `calls()` and `watchCalls()` (the workbench's Calls panel). */
  recordCalls?: boolean
  /**
   * The simulated phone's settings at the start (see {@link PhoneSettings}); change them
   * later with {@link Runtime.phone}.
   */
  phone?: PhoneSettings
}

/**
 * What the simulated phone answers where a browser cannot (the workbench's Phone panel
 * sets the same). Every setting is optional; absent means its default.
 */
export interface PhoneSettings {
  /**
   * How a permission dialog is answered: `'ask'` shows WeChat's dialog and waits for a
   * click, `'allow'` and `'deny'` answer at once. @defaultValue 'ask'
   */
  authorize?: 'ask' | 'allow' | 'deny'
  // Each family's settings follow, in its section.
  // phone: files
  /** Whether the user completes the album's save (`'cancel'`: `saveImageToPhotosAlbum:fail cancel`). @defaultValue 'save' */
  album?: 'save' | 'cancel'
  // phone: location
  /**
   * Where the simulated phone is, in WGS-84 (`getLocation({type: 'gcj02'})` shifts it).
   * @defaultValue Beijing, `{latitude: 39.9042, longitude: 116.4074, altitude: 43.5, accuracy: 65, speed: -1}`
   */
  position?: { latitude: number; longitude: number; altitude?: number; accuracy?: number; speed?: number }
  /**
   * Where location comes from: the `position` setting, the browser's geolocation, or nowhere
   * (location calls fail with `system permission denied`). @defaultValue 'simulated'
   */
  locationSource?: 'simulated' | 'browser' | 'unavailable'
  // phone: frame
  // phone: device
  /** The network type; `'none'` makes wx.request and wx.uploadFile fail. @defaultValue 'wifi' (or 'none' when the browser is offline) */
  networkType?: 'wifi' | '5g' | '4g' | '3g' | '2g' | 'none' | 'unknown'
  /** getNetworkType's `signalStrength` (dBm). @defaultValue 0 */
  signalStrength?: number
  /** The theme for apps with app.json `"darkmode": true`; `'auto'` follows prefers-color-scheme. @defaultValue 'auto' */
  theme?: 'auto' | 'light' | 'dark'
  /** What wx.scanCode scans, or `'cancel'` (the user backs out). @defaultValue a QR code of 'https://wxrt.invalid/scanned' */
  scanCode?: { result: string; scanType?: string; path?: string } | 'cancel'
  /** Battery percentage. @defaultValue 100 */
  batteryLevel?: number
  /** Whether the battery is charging. @defaultValue false */
  batteryCharging?: boolean
  /** Screen brightness 0–1 (wx.setScreenBrightness changes it). @defaultValue 0.5 */
  screenBrightness?: number
  /** The keyboard's height when a text field takes focus (px). @defaultValue 300 */
  keyboardHeight?: number
  /** What the accelerometer reads, in g. @defaultValue {x: 0, y: 0, z: -1} */
  accelerometer?: { x: number; y: number; z: number }
  /** The system's switches (each on unless set false) and orientation. */
  systemSetting?: { bluetoothEnabled?: boolean; locationEnabled?: boolean; wifiEnabled?: boolean; deviceOrientation?: 'portrait' | 'landscape' }
  /** WeChat's own permissions on the phone, each `'authorized'` unless set. */
  appAuthorizeSetting?: Partial<Record<'albumAuthorized' | 'bluetoothAuthorized' | 'cameraAuthorized' | 'locationAuthorized' | 'microphoneAuthorized' | 'notificationAuthorized' | 'phoneCalendarAuthorized', 'authorized' | 'denied' | 'not determined'>>
  // phone: socket
  // phone: media
  // phone: open
  /**
   * Other mini-programs previewed with wxrt, `{appId: preview URL}`: `navigateToMiniProgram`
   * to one of them opens its preview in a new tab, launched with scene 1037 and
   * `referrerInfo` `{appId, extraData}`. @defaultValue {}
   */
  miniPrograms?: Record<string, string>
  /**
   * How the dialogs of other mini-programs, customer service, official accounts, the saved
   * address/invoice pickers, the calendar and the phone-number consent are answered. @defaultValue 'ask'
   */
  openDialogs?: 'ask' | 'allow' | 'cancel'
  /** What the WeChat Pay cashier does. @defaultValue 'ask' */
  payment?: 'ask' | 'pay' | 'cancel' | 'fail'
  /** The failure's detail with `payment: 'fail'` (`requestPayment:fail <detail>`). @defaultValue 'system error' */
  paymentFailure?: string
  /** How subscription-message sheets are answered. @defaultValue 'ask' */
  subscribe?: 'ask' | 'accept' | 'reject'
  /** Whether requestSubscribeMessage must come from a tap, as on WeChat. @defaultValue 'enforce' */
  tapRule?: 'enforce' | 'off'
  /** How the privacy-agreement popup is answered (an app's own onNeedPrivacyAuthorization popup comes first). @defaultValue 'ask' */
  privacy?: 'ask' | 'agree' | 'disagree'
  /** Whether ad units get an ad, or fail with 1004 (no ad). @defaultValue 'none' */
  ads?: 'none' | 'fill'
  /** The address chooseAddress offers. @defaultValue WeChat DevTools' (张三, 广州市海珠区新港中路397号) */
  address?: Record<string, string>
  /** The invoice title chooseInvoiceTitle offers. */
  invoiceTitle?: Record<string, string>
  /** The number the getPhoneNumber consent shows. @defaultValue '138****8000' */
  phoneNumber?: string
  /** checkIsAddedToMyMiniProgram's answer. @defaultValue false */
  addedToMyMiniProgram?: boolean
}

/** What {@link Runtime.frame} reads. */
export interface FrameState {
  window: {
    navigationBarLoading?: boolean
    homeButton?: boolean
    backgroundColor?: string
    backgroundColorTop?: string
    backgroundColorBottom?: string
    backgroundTextStyle?: 'dark' | 'light'
    alertBeforeUnload?: string
  }
  tabBar: null | {
    items: { pagePath: string; text: string; iconPath: string; selectedIconPath: string; badge: string | null; redDot: boolean }[]
    color: string
    selectedColor: string
    backgroundColor: string
    borderStyle: string
    hidden: boolean
  }
  enableDebug: boolean
}

/** What {@link Runtime.device} reads. */
export interface DeviceState {
  vibrations: { api: 'vibrateShort' | 'vibrateLong'; type: string; ms: number }[]
  calls: string[]
  keepScreenOn: boolean
  clipboard: string
}

/** One key as a storage inspector lists it. */
export interface StorageEntry {
  key: string
  /** The type the value comes back as; `'corrupt'` when the entry cannot be read. */
  type: 'string' | 'number' | 'boolean' | 'date' | 'undefined' | 'null' | 'array' | 'object' | 'corrupt'
  format: 'plain' | 'compressed' | 'encrypted' | 'corrupt'
  /** What it counts towards the 10 MB: key and value, UTF-8. */
  bytes: number
}

/** One recorded `wx` call (`recordCalls`). */
export interface WxCall {
  id: number
  /** The method, e.g. `'setStorage'`. */
  name: string
  /** The arguments as given, abridged for display (functions named, long parts cut). */
  args: unknown[]
  /** When it was called (ms since 1970). */
  at: number
  state: 'pending' | 'ok' | 'fail'
  /** The outcome's errMsg, once it has one. */
  errMsg?: string
  durationMs?: number
}

/** What the dev server's WeChat stand-in knows of a user's login. */
export interface LoginState {
  codes: Array<{ code: string; issuedAt: number; state: 'valid' | 'used' | 'expired' }>
  session: { generation: number; keyAgeMs: number; idleMs: number } | null
}

/** A script or compile error, located in the project's files where it can be. */
export interface ReportedError {
  message: string
  stack: string
  file?: string
  line?: number
  column?: number
  /** The stack's frames in the project's own files, innermost first. */
  frames: Array<{ fn: string; file: string; line: number; column: number }>
}

/** A dev server that plays WeChat's background-fetch server (`wxrt serve`). */
export interface BackgroundFetchOptions {
  /** Base URL of its endpoints: `'/__wxrt/background-fetch'` under `wxrt serve`. */
  server: string
  /** The outcome of the prefetch the server started for this page load, if any. */
  launch?: Promise<BackgroundFetchOutcome>
  /** Whether a prefetch URL is configured (each later cold start prefetches). */
  prefetch?: boolean
  /** Whether a periodic URL is configured (due updates run while the page is open). */
  periodic?: boolean
  /** Time between periodic updates. @defaultValue 12 hours */
  periodicIntervalMs?: number
}

/** What the server answers for one fetch. */
export interface BackgroundFetchOutcome {
  fetchType: 'pre' | 'periodic'
  url: string | null
  params: Array<[string, string]>
  grey: boolean
  status: number | null
  bytes: number | null
  cached: boolean
  reason: string | null
  fetchedData: string | null
  preview: string | null
  path: string
  query: string
  scene: number
}

/** One background fetch as the debugging views show it. */
export interface BackgroundFetchRecord {
  fetchType: 'pre' | 'periodic'
  /** The URL requested, with its parameters; `null` when nothing was sent. */
  url: string | null
  /** The parameters, unencoded, in the order sent. */
  params: Record<string, string>
  /** Whether the grey download URL was used. */
  grey: boolean
  status: number | null
  bytes: number | null
  /** Whether the body was cached (a string of at most 256 KB). */
  cached: boolean
  /** Why nothing was sent or cached. */
  reason: string | null
  /** The start of the body. */
  preview: string | null
}

/** A DOM element, typed loosely so projects without the DOM lib type-check. */
export interface ElementLike {
  readonly ownerDocument: unknown
  scrollTop: number
}

/** A mini-program's sources, for {@link createRuntime} without a server. */
export interface ProjectSources {
  /** Project paths (`app.json`, `app.js`, `pages/index/index.js`, ...) to their text. */
  files: Record<string, string>
  /** The version the update check compares; a hash of `files` when absent. */
  version?: string
  /**
   * The project compiled (WXML, WXSS, ES modules), as `wxrt serve` sends it in
   * `/__wxrt/project`. Without it the runtime loads the tools build and compiles in the page.
   */
  compiled?: CompiledProject
  /**
   * app.json checked, as `wxrt serve` sends it in `/__wxrt/project` (`launch`): the
   * routes and network timeouts the runtime launches from. Without it the runtime loads
   * the tools build and checks app.json in the page.
   */
  launch?: object | null
  /**
   * A file a compiler plugin made → the file it was made from, line for line
   * (`{"pages/a/a.js": "pages/a/a.ts"}`): errors are reported at the file written.
   */
  writtenAs?: Record<string, string>
}

/** A compiled file, or why it did not compile (`file:line:column: message`). */
export type CompiledFile<T> = T | { error: string }

/** What core's project compiler makes of a project. */
export interface CompiledProject {
  wxml: Record<string, CompiledFile<{ code: string }>>
  wxss: Record<string, CompiledFile<{ css: string; scope: string }>>
  js: Record<string, CompiledFile<{ code: string }>>
}

/** How a cold start is asked for, as the preview URL's parameters say it. */
export interface LaunchRequest {
  /** The page to open; the entry page when absent. */
  path?: string
  /** The launch query. */
  query?: string | Record<string, string>
  /** The scene value. @defaultValue 1001 */
  scene?: number
  /** For launches from a shared card. */
  shareTicket?: string
  /** When another mini-program opened this one. */
  referrerInfo?: { appId: string; extraData?: unknown }
}

/** Options for {@link createRuntime} with a mini-program to run. */
export interface CreateProjectRuntimeOptions extends CreateRuntimeOptions {
  /** The mini-program to run. */
  project: ProjectSources
  /** The launch options: an object, or a URL query string (`'?path=...&scene=1011'`). */
  launch?: LaunchRequest | string
  /** How long the app survives in the background. @defaultValue 300000 */
  destroyAfterMs?: number
  /** Whether the tab's visibility sends the app to the background. @defaultValue true */
  followVisibility?: boolean
  /** Prefix of module URLs in stack traces. @defaultValue `''` */
  sourceRoot?: string
  /**
   * Where to draw the pages (the phone's screen; it scrolls). Without it the app runs
   * headless: lifecycle and data, no DOM, and no `pageScrollTo`/`createSelectorQuery`.
   */
  container?: ElementLike
  /** Where `<image src>` paths of the project are served from. @defaultValue `''` (the page's origin root) */
  assetBase?: string
}

/** A page as the automation handle describes it. */
export interface PageSnapshot {
  id: number
  route: string
  query: Record<string, string>
  data: Record<string, unknown>
}

/** One lifecycle event, in the order they happened. */
export interface HookCall {
  /** `'App'`, or the page's route. */
  target: string
  /** `onLaunch`, `onShow`, `onLoad`, ... */
  hook: string
  /** What the hook was given (a copy). */
  arg?: unknown
}

/** The user a runtime belongs to when `createRuntime` is given none. */
export declare const DEFAULT_USER: 'wxrt-user'

/**
 * Loads the WebAssembly module, once per page; later calls return the same Promise.
 * `createRuntime` calls it itself, so calling it first is only a way to start the
 * download early or to say where the module is (see {@link CreateRuntimeOptions.module}).
 */
export declare function init(module?: unknown): Promise<unknown>

/** Names of the `wx` storage functions a {@link Runtime} provides. */
export type StorageApiName =
  | 'setStorage'
  | 'setStorageSync'
  | 'getStorage'
  | 'getStorageSync'
  | 'removeStorage'
  | 'removeStorageSync'
  | 'clearStorage'
  | 'clearStorageSync'
  | 'getStorageInfo'
  | 'getStorageInfoSync'
  | 'batchSetStorage'
  | 'batchSetStorageSync'
  | 'batchGetStorage'
  | 'batchGetStorageSync'

/** Names of the `wx` login and network functions a {@link Runtime} provides. */
export type NetworkApiName = 'login' | 'checkSession' | 'request' | 'uploadFile' | 'chooseImage' | 'chooseMedia'

/** Names of the `wx` overlay functions a {@link Runtime} provides (drawn on the page). */
export type InteractionApiName = 'showModal' | 'showToast' | 'hideToast' | 'showLoading' | 'hideLoading'

/** Names of the `wx` functions of the families loaded on first use (www/apis/). */
export type FamilyApiName =
  | ScopeApiName
  | FilesApiName
  | LocationApiName
  | FrameApiName
  | DeviceApiName
  | SocketApiName
  | MediaApiName
  | OpenApiName
/** Permissions (www/apis/scope/). */
export type ScopeApiName = 'authorize' | 'getSetting' | 'openSetting'
/** Images and files (www/apis/files/); the legacy saved-file methods are {@link LegacyFileApis}. */
export type FilesApiName =
  | 'previewImage' | 'previewMedia' | 'downloadFile' | 'getImageInfo' | 'compressImage'
  | 'saveImageToPhotosAlbum' | 'saveVideoToPhotosAlbum' | 'openDocument' | 'chooseVideo'
  | 'chooseMessageFile' | 'getFileSystemManager' | 'arrayBufferToBase64' | 'base64ToArrayBuffer'
  | 'env'

type FileOk = { errMsg: string }
type FileCallbacks<R> = {
  success?(res: R & FileOk): void
  fail?(error: FileOk & { errno?: number }): void
  complete?(res: FileOk): void
}
/** A WeChat async method: with a callback it returns nothing, without one a Promise. */
type FileAsync<O, R> = {
  (option: O & FileCallbacks<R> & ({ success(res: R & FileOk): void } | { fail(error: FileOk): void } | { complete(res: FileOk): void })): void
  (option: O): Promise<R & FileOk>
}
/**
 * The legacy file methods WeChat still answers but miniprogram-api-typings' `Wx` (5.2.3)
 * lacks: saved files (`wxfile://store_…`, 10 MB in all) and file digests.
 */
export interface LegacyFileApis {
  saveFile: FileAsync<{ tempFilePath: string }, { savedFilePath: string }>
  getSavedFileList: FileAsync<Record<string, never> | undefined, { fileList: Array<{ filePath: string; size: number; createTime: number }> }>
  getSavedFileInfo: FileAsync<{ filePath: string }, { size: number; createTime: number }>
  removeSavedFile: FileAsync<{ filePath: string }, Record<string, never>>
  getFileInfo: FileAsync<{ filePath: string; digestAlgorithm?: 'md5' | 'sha1' }, { size: number; digest: string }>
}

/** An entry of the simulated photo album (`Runtime.album()`). */
export interface AlbumEntry {
  id: string
  /** The saved file's name. */
  name: string
  /** Its MIME type. */
  type: string
  size: number
  /** When it was saved, ms since the epoch. */
  time: number
}
/** Location (www/apis/location/). */
export type LocationApiName =
  | 'getLocation'
  | 'getFuzzyLocation'
  | 'chooseLocation'
  | 'openLocation'
  | 'startLocationUpdate'
  | 'startLocationUpdateBackground'
  | 'stopLocationUpdate'
  | 'onLocationChange'
  | 'offLocationChange'
  | 'onLocationChangeError'
  | 'offLocationChangeError'
/** The page frame (www/apis/frame/). */
export type FrameApiName =
  | 'showNavigationBarLoading' | 'hideNavigationBarLoading' | 'setTabBarBadge' | 'removeTabBarBadge'
  | 'showTabBarRedDot' | 'hideTabBarRedDot' | 'setTabBarStyle' | 'setTabBarItem' | 'showTabBar' | 'hideTabBar'
  | 'hideHomeButton' | 'setBackgroundColor' | 'setBackgroundTextStyle' | 'showActionSheet'
  | 'enableAlertBeforeUnload' | 'disableAlertBeforeUnload' | 'loadFontFace' | 'setEnableDebug'
/** The device (www/apis/device/). */
export type DeviceApiName =
  | 'setClipboardData' | 'getClipboardData' | 'makePhoneCall' | 'vibrateShort' | 'vibrateLong' | 'setKeepScreenOn'
  | 'getNetworkType' | 'onNetworkStatusChange' | 'offNetworkStatusChange' | 'onThemeChange' | 'offThemeChange'
  | 'onKeyboardHeightChange' | 'offKeyboardHeightChange' | 'hideKeyboard' | 'getScreenBrightness'
  | 'setScreenBrightness' | 'scanCode' | 'getBatteryInfo' | 'getBatteryInfoSync' | 'onAccelerometerChange'
  | 'offAccelerometerChange' | 'startAccelerometer' | 'stopAccelerometer' | 'onUserCaptureScreen'
  | 'offUserCaptureScreen' | 'getSystemSetting' | 'getAppAuthorizeSetting'
/** Sockets (www/apis/socket/). */
export type SocketApiName =
  | 'connectSocket'
  | 'onSocketOpen'
  | 'onSocketError'
  | 'onSocketMessage'
  | 'onSocketClose'
  | 'sendSocketMessage'
  | 'closeSocket'
/** Media (www/apis/media/). */
export type MediaApiName =
  | 'createInnerAudioContext'
  | 'setInnerAudioOption'
  | 'getBackgroundAudioManager'
  | 'playBackgroundAudio'
  | 'pauseBackgroundAudio'
  | 'seekBackgroundAudio'
  | 'stopBackgroundAudio'
  | 'getBackgroundAudioPlayerState'
  | 'onBackgroundAudioPlay'
  | 'onBackgroundAudioPause'
  | 'onBackgroundAudioStop'
  | 'createAudioContext'
  | 'createVideoContext'
  | 'canvasToTempFilePath'
  | 'canvasGetImageData'
  | 'canvasPutImageData'
  | 'createOffscreenCanvas'
/** Open capabilities (www/apis/open/). */
export type OpenApiName =
  | 'getAccountInfoSync'
  | 'navigateToMiniProgram'
  | 'navigateBackMiniProgram'
  | 'exitMiniProgram'
  | 'openEmbeddedMiniProgram'
  | 'requestPayment'
  | 'requestSubscribeMessage'
  | 'showShareMenu'
  | 'hideShareMenu'
  | 'updateShareMenu'
  | 'showShareImageMenu'
  | 'getShareInfo'
  | 'reportAnalytics'
  | 'reportMonitor'
  | 'reportEvent'
  | 'createInterstitialAd'
  | 'createRewardedVideoAd'
  | 'chooseAddress'
  | 'chooseInvoiceTitle'
  | 'chooseInvoice'
  | 'requirePrivacyAuthorize'
  | 'getPrivacySetting'
  | 'openPrivacyContract'
  | 'onNeedPrivacyAuthorization'
  | 'openCustomerServiceChat'
  | 'openOfficialAccountArticle'
  | 'openOfficialAccountChat'
  | 'openOfficialAccountProfile'
  | 'getExtConfigSync'
  | 'getExtConfig'
  | 'getRealtimeLogManager'
  | 'getLogManager'
  | 'checkIsAddedToMyMiniProgram'
  | 'getWeRunData'
  | 'addPhoneCalendar'

/** One thing the app asked of the simulated open capabilities ({@link Runtime.openRecords}). */
export interface OpenRecord {
  /** The `wx` method (or `privacy` for an answered privacy popup). */
  api: string
  /** When, in ms since the epoch. */
  at: number
  /** What the call named: `appId`, `path`, `eventName`, `data`, `outcome`... */
  [detail: string]: unknown
}

/** Names of the `wx` background-fetch functions (with {@link CreateRuntimeOptions.backgroundFetch}). */
export type BackgroundFetchApiName =
  | 'setBackgroundFetchToken'
  | 'getBackgroundFetchToken'
  | 'getBackgroundFetchData'
  | 'onBackgroundFetchData'

/** Where `wx.login` gets its codes. */
export interface WeChatOptions {
  /**
   * Base URL of a dev server's WeChat stand-in (`'/__wxrt/wechat'` under `wxrt serve`).
   * Without it, a stand-in inside the page issues the codes (see {@link Runtime.code2Session}).
   */
  server?: string
  /** The in-page stand-in's app secret, which `code2Session` then requires. @defaultValue a random one */
  appSecret?: string
  /** Whether the in-page stand-in returns a `unionid`. @defaultValue false */
  unionid?: boolean
}

/** WeChat's `jscode2session` answer: a session, or an error. */
export type Code2SessionResult =
  | { openid: string; session_key: string; unionid?: string }
  | { errcode: number; errmsg: string }

/**
 * The `wx` object of a {@link Runtime}: WeChat's storage functions with WeChat's
 * signatures, plus `canIUse`.
 *
 * Async forms take `success`/`fail`/`complete` callbacks (delivered after the call
 * returns: `success` or `fail`, then `complete` with the same object) or, with none
 * of the three, return a Promise. Failures are `Error`s carrying `errMsg`, e.g.
 * `getStorage:fail data not found`; sync forms throw them.
 */
export type RuntimeWx = Pick<WechatMiniprogram.Wx, StorageApiName | NetworkApiName | InteractionApiName | FamilyApiName>
  & LegacyFileApis
  & Partial<Pick<WechatMiniprogram.Wx, BackgroundFetchApiName>> & {
  /**
   * Whether this runtime implements the named `wx` API, e.g. `canIUse('setStorage')`
   * is `true` and `canIUse('startSoterAuthentication')` is `false` (not provided).
   */
  canIUse(name: string): boolean
}

/** A mini-program runtime bound to one (appid, user) storage namespace. */
export interface Runtime {
  /** The appid this runtime was created with. */
  readonly appid: string
  /** The user this runtime was created with (`'wxrt-user'` unless given). */
  readonly user: string
  /** The `wx` API, as mini-program code calls it. */
  readonly wx: RuntimeWx
  /**
   * What the developer's backend would get from `GET /sns/jscode2session` with this
   * query, from the in-page stand-in (throws when `wechat.server` is set).
   */
  code2Session(query: { appid?: string; secret?: string; js_code?: string; grant_type?: string }): Code2SessionResult
  /** With `backgroundFetch`: runs a prefetch now for the current launch options. */
  triggerPrefetch?(): Promise<BackgroundFetchRecord>
  /** With `backgroundFetch`: runs a periodic update now. */
  triggerPeriodicFetch?(): Promise<BackgroundFetchRecord>
  /** With `backgroundFetch`: the last fetch (of the type, when given), `undefined` before one ends. */
  lastBackgroundFetch?(fetchType?: 'pre' | 'periodic'): BackgroundFetchRecord | undefined
  /** With `backgroundFetch`: calls `watcher` as each fetch ends; returns the unsubscriber. */
  watchBackgroundFetch?(watcher: (fetch: BackgroundFetchRecord) => void): () => void
  /** Every key of this (appid, user), in `getStorageInfo` order. */
  storageEntries(): StorageEntry[]
  /** `getStorageSync(key)` for inspectors (never recorded as a call of the app's). */
  storageValue(key: string): unknown
  /** `getStorageInfoSync()` for inspectors (never recorded). */
  storageInfo(): { keys: string[]; currentSize: number; limitSize: number }
  /** The simulated phone: what it answers where a browser cannot. */
  readonly phone: {
    /** Every setting changed from its default. */
    get(): PhoneSettings
    /** Changes the named settings; `undefined` restores a default. */
    set(patch: PhoneSettings): void
    /** Calls `watcher` after each change; returns the unsubscriber. */
    watch(watcher: (patch: PhoneSettings) => void): () => void
  }
  /** Every permission scope this user has answered, e.g. `{'scope.camera': true}`. */
  scopes(): Promise<Record<string, boolean>>
  /** Answers `scope` as the user would (`true`/`false`), or forgets the answer (`undefined`). */
  setScope(scope: string, granted: boolean | undefined): Promise<void>
  /** Forgets every answer: each scope asks again at its next use. */
  resetScopes(): Promise<void>
  /** The simulated photo album (saveImageToPhotosAlbum, saveVideoToPhotosAlbum, the viewer's 保存图片), oldest first. */
  album(): Promise<AlbumEntry[]>
  /** The content of album entry `id` (a Blob), for a download link; undefined when there is none. */
  albumBlob(id: string): Promise<{ readonly size: number; readonly type: string; arrayBuffer(): Promise<ArrayBuffer> } | undefined>
  /** Empties this user's album. */
  clearAlbum(): Promise<void>
  /** The page frame as the frame APIs left it: the top page's window changes, the tab bar (null before a tab bar API), the debug switch. */
  frame(): Promise<FrameState>
  /** The user's back button: asks first when the page called wx.enableAlertBeforeUnload; resolves whether the page was left. */
  userBack(delta?: number): Promise<boolean>
  /** Loads every API family now, so each synchronous `wx` method answers at its first call even when the project never names it. */
  loadApis(): Promise<void>
  /** What the device did: vibrations, phone calls (nothing dialled), the screen lock, the page's clipboard. */
  device(): Promise<DeviceState>
  /** The user takes a screenshot: wx.onUserCaptureScreen's listeners hear it. */
  captureScreen(): Promise<void>
  /**
   * What the app asked of the simulated open capabilities, oldest first: each
   * `{api, at, ...detail}` (mini-programs it would open, payments, reportAnalytics, logs, ads).
   */
  openRecords(): Promise<OpenRecord[]>
  /**
   * The capsule's "•••" menu on the phone: the share items the current page allows (its
   * onShareAppMessage / onShareTimeline are called and what would be shared is shown) and the
   * settings page. Resolves what was shared, or `undefined`.
   */
  openCapsuleMenu(): Promise<{ menu: 'shareAppMessage' | 'shareTimeline'; title: string; path?: string; query?: string; imageUrl?: string } | undefined>
  /** With `wechat.server`: the codes issued to this user and their session. */
  loginState?(): Promise<LoginState>
  /** With `wechat.server`: sets the given flags of this user; resolves with both. */
  markUser?(flags?: { tester?: boolean; blocked?: boolean }): Promise<{ tester: boolean; blocked: boolean }>
  /** With `recordCalls`: the recorded `wx` calls, oldest first (the last 1000). */
  calls?(): WxCall[]
  /** With `recordCalls`: calls `watcher` as each call starts and ends; returns the unsubscriber. */
  watchCalls?(watcher: (call: WxCall) => void): () => void
  /**
   * Detaches the runtime from the page: it stops following changes made by other
   * tabs (the `storage` event).
   */
  dispose(): void
}

/**
 * Loads the WebAssembly core (once per page) and creates a runtime for `options.appid`.
 *
 * Rejects with an `Error` naming the option when `appid` (or `user`) is not 1 to 64
 * characters from `A-Z a-z 0-9 _ -`.
 */
export declare function createRuntime(options: CreateProjectRuntimeOptions): Promise<MiniProgramRuntime>
export declare function createRuntime(options: CreateRuntimeOptions): Promise<Runtime>

/**
 * A running mini-program and the handle to drive it (`globalThis.wxrt` in a preview):
 * the concepts of WeChat's miniprogram-automator.
 */
export interface MiniProgramRuntime extends Omit<Runtime, 'wx'> {
  /** The `wx` API, with routes, app events and the update manager. */
  readonly wx: WechatMiniprogram.Wx
  /** Resolves after the first page's `onReady`. */
  readonly launched: Promise<void>
  currentPage(): PageSnapshot | undefined
  pageStack(): PageSnapshot[]
  hooks(): HookCall[]
  errors(): ReportedError[]
  /** Calls `fn` after every change of pages, data, hooks, errors or update plans; returns the unsubscriber. */
  watch(fn: () => void): () => void
  /** app.json's page routes. */
  routes(): string[]
  /** The options of the last cold start (`wx.getLaunchOptionsSync()`). */
  launchOptions(): { path: string; query: Record<string, string>; scene: number; referrerInfo: { appId?: string; extraData?: unknown } } | undefined
  appState(): 'stopped' | 'foreground' | 'background' | 'destroyed'
  /** How long the app survives in the background, in ms. */
  destroyAfterMs(): number
  /** A cold start now (what `applyUpdate()` does). */
  restart(): Promise<void>
  /** What the next cold start's update check reports, and the last check's result. */
  updateStatus(): { planned: 'ready' | 'failed' | null; lastCheck: { hasUpdate: boolean; ready?: boolean } | null }
  background(): Promise<void>
  foreground(): Promise<void>
  /** Time passing (in the background: 5 minutes destroys the app). */
  advanceClock(ms: number): Promise<void>
  memoryWarning(level?: 5 | 10 | 15): Promise<void>
  /**
   * The simulated phone takes a new size (px, 200 to 4096): system info and rpx follow,
   * the top page's components get `pageLifetimes.resize`, the page `onResize`, and
   * `wx.onWindowResize` listeners `{size: {windowWidth, windowHeight}}`.
   */
  resize(size: { width: number; height: number }): Promise<void>
  simulateUpdate(outcome: 'ready' | 'failed'): void
  /** Counts `project` as the version already run: the next cold start sees no update. */
  adoptVersion(project: { files: Record<string, string>; version?: string }): void
  navigateTo(url: string): Promise<unknown>
  redirectTo(url: string): Promise<unknown>
  navigateBack(delta?: number): Promise<unknown>
  switchTab(url: string): Promise<unknown>
  reLaunch(url: string): Promise<unknown>
  callWxMethod(name: string, ...args: unknown[]): unknown
  mockWxMethod(name: string, result: unknown): void
  restoreWxMethod(name: string): void
  /**
   * WeChat DevTools' automation protocol for this app, as `wxrt auto` forwards it: `request`
   * answers one `App.*`, `Page.*`, `Element.*` or `Tool.native` request in the wire's shape.
   */
  automator(): Promise<{
    request(method: string, params?: Record<string, unknown>, context?: { sync?: boolean }): Promise<{ result: unknown } | { error: { message: string } }>
    screenRect(): { x: number; y: number; width: number; height: number }
  }>
  getApp(): Record<string, unknown> | undefined
  getCurrentPages(): Array<Record<string, unknown>>
}
