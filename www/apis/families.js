// The long tail of `wx` (files, permissions, location, the page frame, the device,
// sockets, media, open capabilities), one family per folder here mirroring its module in
// core (crates/core/src/apis/). Each family is a chunk, with the families' wasm, loaded
// the first time the page uses it, so a page that never calls them never downloads them.
//
// Every method exists on `wx` from the start (so `wx.canIUse` and typeof checks answer as
// on a phone). An asynchronous one loads its family at the first call, and so does one
// that answers nothing (a listener's `on…`/`off…`, `reportAnalytics`): it takes effect once
// the family is in, in call order, and what it listens for comes from the family anyway.
// A synchronous one (`getFileSystemManager()`, `connectSocket()` returning its task) must
// answer at once: as with the renderer's features (render/features.js), the project's text
// is read before its code runs and the families it names are loaded first; reached only by
// a computed name, the call says why it cannot answer yet.

import { asyncApi } from '../async-api.js';
import { apisWasm } from './wasm.js';
import { projectText } from '../project-text.js';

/**
 * `later`: asynchronous, WeChat's callback/Promise shape (the family's function returns the
 * result or throws the failure). `quiet`: returns nothing, so it may wait for its family.
 * `now`: answers synchronously, or has a shape of its own (a task object beside
 * callbacks), so it is named in the preload scan.
 */
const FAMILIES = {
  scope: {
    load: () => import('./scope/index.js'),
    later: ['authorize', 'openSetting', 'getSetting'],
    quiet: [],
    now: [],
  },
  files: {
    load: () => import('./files/index.js'),
    later: [
      'previewImage', 'previewMedia', 'getImageInfo', 'compressImage', 'saveImageToPhotosAlbum',
      'saveVideoToPhotosAlbum', 'openDocument', 'chooseVideo', 'chooseMessageFile', 'saveFile',
      'getSavedFileList', 'getSavedFileInfo', 'removeSavedFile', 'getFileInfo',
    ],
    quiet: [],
    now: ['getFileSystemManager', 'downloadFile', 'arrayBufferToBase64', 'base64ToArrayBuffer'],
  },
  location: {
    load: () => import('./location/index.js'),
    later: ['getLocation', 'getFuzzyLocation', 'chooseLocation', 'openLocation', 'startLocationUpdate',
      'startLocationUpdateBackground', 'stopLocationUpdate'],
    quiet: ['onLocationChange', 'offLocationChange', 'onLocationChangeError', 'offLocationChangeError'],
    now: [],
  },
  frame: {
    load: () => import('./frame/index.js'),
    later: [
      'showNavigationBarLoading', 'hideNavigationBarLoading', 'setTabBarBadge', 'removeTabBarBadge',
      'showTabBarRedDot', 'hideTabBarRedDot', 'setTabBarStyle', 'setTabBarItem', 'showTabBar', 'hideTabBar',
      'hideHomeButton', 'setBackgroundColor', 'setBackgroundTextStyle', 'showActionSheet',
      'enableAlertBeforeUnload', 'disableAlertBeforeUnload', 'loadFontFace', 'setEnableDebug',
    ],
    quiet: [],
    now: [],
  },
  device: {
    load: () => import('./device/index.js'),
    later: [
      'setClipboardData', 'getClipboardData', 'makePhoneCall', 'vibrateShort', 'vibrateLong', 'setKeepScreenOn',
      'getNetworkType', 'hideKeyboard', 'getScreenBrightness', 'setScreenBrightness', 'scanCode', 'getBatteryInfo',
      'startAccelerometer', 'stopAccelerometer',
    ],
    quiet: [
      'onNetworkStatusChange', 'offNetworkStatusChange', 'onThemeChange', 'offThemeChange',
      'onKeyboardHeightChange', 'offKeyboardHeightChange', 'onAccelerometerChange', 'offAccelerometerChange',
      'onUserCaptureScreen', 'offUserCaptureScreen',
    ],
    now: ['getBatteryInfoSync', 'getSystemSetting', 'getAppAuthorizeSetting'],
  },
  socket: {
    load: () => import('./socket/index.js'),
    later: ['sendSocketMessage', 'closeSocket'],
    quiet: ['onSocketOpen', 'onSocketError', 'onSocketMessage', 'onSocketClose'],
    now: ['connectSocket'],
  },
  media: {
    load: () => import('./media/index.js'),
    later: ['setInnerAudioOption', 'playBackgroundAudio', 'pauseBackgroundAudio', 'seekBackgroundAudio',
      'stopBackgroundAudio', 'getBackgroundAudioPlayerState'],
    quiet: ['onBackgroundAudioPlay', 'onBackgroundAudioPause', 'onBackgroundAudioStop'],
    now: [
      'createInnerAudioContext', 'getBackgroundAudioManager', 'createVideoContext', 'createAudioContext',
      'canvasToTempFilePath', 'canvasGetImageData', 'canvasPutImageData', 'createOffscreenCanvas',
    ],
  },
  open: {
    load: () => import('./open/index.js'),
    later: ['navigateToMiniProgram', 'navigateBackMiniProgram', 'exitMiniProgram', 'openEmbeddedMiniProgram',
      'requestPayment', 'showShareMenu', 'hideShareMenu', 'updateShareMenu', 'showShareImageMenu', 'getShareInfo',
      'chooseAddress', 'chooseInvoiceTitle', 'chooseInvoice', 'requirePrivacyAuthorize', 'getPrivacySetting',
      'openPrivacyContract', 'openCustomerServiceChat', 'openOfficialAccountArticle', 'openOfficialAccountChat',
      'openOfficialAccountProfile', 'getExtConfig', 'checkIsAddedToMyMiniProgram', 'getWeRunData', 'addPhoneCalendar'],
    quiet: ['reportAnalytics', 'reportEvent', 'reportMonitor', 'onNeedPrivacyAuthorization'],
    now: [
      'getAccountInfoSync', 'requestSubscribeMessage', 'getLogManager', 'getRealtimeLogManager',
      'createInterstitialAd', 'createRewardedVideoAd', 'getExtConfigSync',
    ],
  },
};

// Which family each synchronous method is of, and one expression naming them all: the
// project's scripts are searched once, several times faster than a search per name.
const FAMILY_OF = new Map(Object.entries(FAMILIES).flatMap(([family, f]) => f.now.map((method) => [method, family])));
const NAMED = new RegExp([...FAMILY_OF.keys()].join('|'), 'g');

/** The names of the families whose synchronous methods the project text (`{path: text}`) names. */
export function familiesUsedBy(files) {
  const used = new Set();
  for (const [method] of projectText(files, '.js').matchAll(NAMED)) used.add(FAMILY_OF.get(method));
  return used;
}

/**
 * Installs every family method on `wx`. `host` is what the families may use of the
 * runtime (see index.js); each family's `install(host, rules)` returns its methods.
 */
export function installFamilies(wx, host) {
  // Per runtime: each family keeps the state of the runtime it was installed for.
  const modules = {};
  const loading = {};
  const load = (name) => {
    // An install may be asynchronous (files reads the user's files back first).
    loading[name] ??= Promise.all([FAMILIES[name].load(), apisWasm()])
      .then(async ([family, rules]) => {
        modules[name] = { methods: await family.install(host, rules), rules };
        return modules[name];
      });
    return loading[name];
  };
  for (const [name, family] of Object.entries(FAMILIES)) {
    for (const method of family.later) {
      wx[method] = asyncApi((options) => load(name).then(({ methods, rules }) => {
        rules.checkOptions(method, options);
        return methods[method](options);
      }));
    }
    for (const method of family.quiet) {
      wx[method] = (...args) => {
        const loaded = modules[name];
        if (loaded) loaded.methods[method](...args);
        else load(name).then(({ methods }) => methods[method](...args));
      };
    }
    for (const method of family.now) {
      wx[method] = (...args) => {
        const loaded = modules[name];
        if (loaded) return loaded.methods[method](...args);
        load(name).catch(() => {});
        throw new Error(`wxrt: wx.${method} comes with the project's code when a file names it; here it was reached by a computed name or from the console, so it was not loaded before this call (it is loading now: call again)`);
      };
    }
  }
  return {
    /** Loads the families the project `files` names a synchronous method of. */
    preload: (files) => Promise.all([...familiesUsedBy(files)].map(load)),
    /** The family `name`'s methods and the families' wasm, loading them if need be. */
    load,
    /** Loads every family: each synchronous method then answers at once, whoever calls it. */
    loadAll: () => Promise.all(Object.keys(FAMILIES).map(load)),
  };
}
