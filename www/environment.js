// The environment APIs mini-program code asks at start, answered as a phone would but
// plainly simulated (brand `wxrt`, platform `devtools`): system and window info, settings,
// the user's (simulated) profile, and wx.nextTick.

import { asyncApi } from './async-api.js';

/**
 * The version of the app a preview runs: a development version, as DevTools' (`wx.getAccountInfoSync`,
 * `__wxConfig.envVersion`); WeChat gives `version` only to releases.
 */
export const ENV_VERSION = 'develop';

/** The platform the simulated phone reports (`wx.getSystemInfoSync().platform`, `__wxConfig.platform`). */
export const PLATFORM = 'devtools';

/** The simulated phone's screen, in px. */
export const SCREEN = { width: 375, height: 667, statusBarHeight: 20, navigationBarHeight: 44, tabBarHeight: 50 };

export const SDK_VERSION = '3.4.0';

/**
 * Where the menu button (the "capsule" at the top right) sits on `screen`, as WeChat
 * reports it on an iPhone: 87×32 px, 4 px below the status bar, 7 px from the right edge.
 */
export function menuButtonRect(screen = SCREEN) {
  const width = 87;
  const height = 32;
  const top = screen.statusBarHeight + 4;
  const right = screen.width - 7;
  return { width, height, top, right, bottom: top + height, left: right - width };
}

function deviceInfo(screen) {
  return {
    brand: 'wxrt',
    model: 'wxrt simulated phone',
    system: 'wxrt 1.0',
    platform: PLATFORM,
    pixelRatio: globalThis.devicePixelRatio || 2,
    benchmarkLevel: 1,
    abi: 'wasm32',
    cpuType: 'wasm',
    memorySize: 4096,
    screenWidth: screen.width,
    screenHeight: screen.height,
  };
}

function windowInfo(screen, hasTabBar) {
  const top = screen.statusBarHeight + screen.navigationBarHeight;
  const windowHeight = screen.height - top - (hasTabBar ? screen.tabBarHeight : 0);
  return {
    pixelRatio: globalThis.devicePixelRatio || 2,
    screenWidth: screen.width,
    screenHeight: screen.height,
    windowWidth: screen.width,
    windowHeight,
    statusBarHeight: screen.statusBarHeight,
    screenTop: top,
    safeArea: { left: 0, right: screen.width, top: screen.statusBarHeight, bottom: screen.height, width: screen.width, height: screen.height - screen.statusBarHeight },
  };
}

/**
 * The device and user APIs. `hasTabBar()` says whether the current page shows the tab
 * bar (the window is shorter); `profile` is the simulated user's profile.
 */
export function environmentApis({ screen = SCREEN, hasTabBar = () => false, theme = () => undefined, profile = {}, userData, failure }) {
  // `rawData` and, once the app has logged in, what the backend checks it with: the
  // signature and the encrypted data the stand-in makes with the user's session_key.
  const forBackend = async (info) => {
    const rawData = JSON.stringify(info);
    const signed = await userData?.(rawData).catch(() => ({}));
    return { rawData, signature: '', ...signed };
  };
  const systemInfo = () => ({
    ...deviceInfo(screen),
    ...windowInfo(screen, hasTabBar()),
    language: 'zh_CN',
    version: '8.0.50',
    SDKVersion: SDK_VERSION,
    fontSizeSetting: 16,
    // WeChat reports the theme only to apps that declare `"darkmode": true`.
    theme: theme(),
    deviceOrientation: screen.width > screen.height ? 'landscape' : 'portrait',
    enableDebug: false,
    albumAuthorized: true,
    cameraAuthorized: true,
    locationAuthorized: true,
    microphoneAuthorized: true,
    notificationAuthorized: true,
    bluetoothEnabled: false,
    locationEnabled: false,
    wifiEnabled: true,
    host: { env: 'WeChat' },
  });
  const userInfo = () => ({
    nickName: profile.nickName ?? '微信用户',
    avatarUrl: profile.avatarUrl ?? '',
    gender: 0,
    country: '',
    province: '',
    city: '',
    language: 'zh_CN',
  });
  return {
    getSystemInfoSync: systemInfo,
    getSystemInfo: asyncApi(() => ({ ...systemInfo(), errMsg: 'getSystemInfo:ok' })),
    getSystemInfoAsync: asyncApi(() => ({ ...systemInfo(), errMsg: 'getSystemInfoAsync:ok' })),
    getWindowInfo: () => windowInfo(screen, hasTabBar()),
    getDeviceInfo: () => deviceInfo(screen),
    getAppBaseInfo: () => ({ SDKVersion: SDK_VERSION, enableDebug: false, host: { env: 'WeChat' }, language: 'zh_CN', version: '8.0.50', theme: theme(), fontSizeSetting: 16 }),
    // Since 2021 WeChat gives getUserInfo an anonymous profile; getUserProfile the user's.
    getUserInfo: asyncApi(async () => {
      const info = { nickName: '微信用户', avatarUrl: '', gender: 0, country: '', province: '', city: '', language: 'zh_CN' };
      return { userInfo: info, ...(await forBackend(info)), errMsg: 'getUserInfo:ok' };
    }),
    getUserProfile: asyncApi(async (options) => {
      if (typeof options?.desc !== 'string') {
        throw failure('getUserProfile', `parameter error: parameter.desc should be String instead of ${options?.desc === undefined ? 'Undefined' : typeof options.desc};`);
      }
      const info = userInfo();
      return { userInfo: info, ...(await forBackend(info)), errMsg: 'getUserProfile:ok' };
    }),
    nextTick: (callback) => queueMicrotask(() => callback?.()),
    getMenuButtonBoundingClientRect: () => menuButtonRect(screen),
  };
}
