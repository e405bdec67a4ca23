// The device: clipboard, phone calls, vibration, the screen, the network type, the theme,
// the keyboard, the battery, the scanner, the accelerometer, screen captures, the system's
// switches and the app's permissions. The browser does what it can (the clipboard,
// navigator.vibrate, the Wake Lock); the simulated phone (host.phone, chosen in the
// workbench or by `wxrt.phone.set`) is the rest. Core's `apis::device` decides what each
// value means. What was done is recorded for the handle (`wxrt.device()`).

import { clipboardApis } from './clipboard.js';
import { networkApis } from './network.js';
import { sensorApis } from './sensors.js';
import { keyboardApis } from './keyboard.js';
import { themeApis } from './theme.js';
import { sheetApis } from './sheets.js';

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  const record = { vibrations: [], calls: [], keepScreenOn: false };
  const parts = [
    clipboardApis(host, rules),
    networkApis(host, rules),
    sensorApis(host, rules, record),
    keyboardApis(host),
    themeApis(host, rules),
    sheetApis(host, rules, record),
  ];
  const methods = Object.assign({}, ...parts.map((part) => part.apis));
  return {
    ...methods,
    /** What the device did, for the handle: vibrations, calls, the screen lock, the clipboard. */
    state: () => structuredClone({ ...record, clipboard: parts[0].text() }),
    /** A darkmode app's json with its theme variables resolved (theme.js). */
    themed: parts[4].themed,
    /** The user took a screenshot: onUserCaptureScreen's listeners hear it. */
    captureScreen: () => parts[2].capture(),
  };
}
