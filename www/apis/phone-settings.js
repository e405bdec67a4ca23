// The simulated phone's settings as the workbench's Phone panel lists them: what each is
// called, what it may be, and its default. Each family owns its section; the families read
// the values through `host.phone` (phone.js). The handle (`wxrt.phone.set`) takes the same
// keys and values.

import { DEFAULT_POSITION } from './location/position.js';
import { SIMULATED_ADDRESS, SIMULATED_INVOICE_TITLE } from './open/saved.js';

/**
 * `{key, family, label, kind, choices?, default}`: `kind` is `'choice'` (one of `choices`,
 * `[value, label]` pairs), `'text'`, `'number'` or `'json'` (any JSON value).
 */
export const PHONE_SETTINGS = [
  // phone: scope
  {
    key: 'authorize',
    family: 'scope',
    label: 'Permission dialogs',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['allow', 'Always allow'], ['deny', 'Always deny']],
    default: 'ask',
  },
  // phone: files
  {
    key: 'album',
    family: 'files',
    label: 'Saving to the album',
    kind: 'choice',
    choices: [['save', 'The user saves'], ['cancel', 'The user cancels (fail cancel)']],
    default: 'save',
  },
  // phone: location
  {
    key: 'position',
    family: 'location',
    label: 'Position (WGS-84: latitude, longitude, altitude, accuracy, speed)',
    kind: 'json',
    default: DEFAULT_POSITION,
  },
  {
    key: 'locationSource',
    family: 'location',
    label: 'Location comes from',
    kind: 'choice',
    choices: [['simulated', 'The position above'], ['browser', "The browser's geolocation"], ['unavailable', 'Nowhere (location unavailable)']],
    default: 'simulated',
  },
  // phone: frame
  // phone: device
  {
    key: 'networkType',
    family: 'device',
    label: 'Network (none: requests fail)',
    kind: 'choice',
    choices: [['wifi', 'Wi-Fi'], ['5g', '5G'], ['4g', '4G'], ['3g', '3G'], ['2g', '2G'], ['none', 'No network'], ['unknown', 'Unknown']],
    default: 'wifi',
  },
  { key: 'signalStrength', family: 'device', label: 'Signal strength (dBm)', kind: 'number', default: 0 },
  {
    key: 'theme',
    family: 'device',
    label: 'Theme (with app.json darkmode)',
    kind: 'choice',
    choices: [['auto', "The browser's"], ['light', 'Light'], ['dark', 'Dark']],
    default: 'auto',
  },
  { key: 'scanCode', family: 'device', label: 'What scanCode scans: {result, scanType, path} or "cancel"', kind: 'json', default: { result: 'https://wxrt.invalid/scanned', scanType: 'QR_CODE' } },
  { key: 'batteryLevel', family: 'device', label: 'Battery level (%)', kind: 'number', default: 100 },
  { key: 'batteryCharging', family: 'device', label: 'Charging', kind: 'choice', choices: [[false, 'No'], [true, 'Yes']], default: false },
  { key: 'screenBrightness', family: 'device', label: 'Screen brightness (0–1)', kind: 'number', default: 0.5 },
  { key: 'keyboardHeight', family: 'device', label: 'Keyboard height (px)', kind: 'number', default: 300 },
  { key: 'accelerometer', family: 'device', label: 'Accelerometer {x, y, z} (g)', kind: 'json', default: { x: 0, y: 0, z: -1 } },
  { key: 'systemSetting', family: 'device', label: 'System switches {bluetoothEnabled, locationEnabled, wifiEnabled, deviceOrientation}', kind: 'json', default: {} },
  { key: 'appAuthorizeSetting', family: 'device', label: "WeChat's permissions {cameraAuthorized: 'denied', ...}", kind: 'json', default: {} },
  // phone: socket
  // phone: media
  // phone: open
  {
    key: 'miniPrograms',
    family: 'open',
    label: 'Other mini-programs previewed here {appId: preview URL}: navigateToMiniProgram opens them',
    kind: 'json',
    default: {},
  },
  {
    key: 'openDialogs',
    family: 'open',
    label: 'Other mini-programs, customer service, official accounts, saved address/invoice, calendar, phone number',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['allow', 'Always allow'], ['cancel', 'Always cancel']],
    default: 'ask',
  },
  {
    key: 'payment',
    family: 'open',
    label: 'WeChat Pay cashier',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['pay', 'Pay'], ['cancel', 'Cancel'], ['fail', 'Fail']],
    default: 'ask',
  },
  { key: 'paymentFailure', family: 'open', label: 'Payment failure detail (errMsg after "fail ")', kind: 'text', default: '' },
  {
    key: 'subscribe',
    family: 'open',
    label: 'Subscription messages',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['accept', 'Accept all'], ['reject', 'Reject all']],
    default: 'ask',
  },
  {
    key: 'tapRule',
    family: 'open',
    label: 'requestSubscribeMessage only from a tap',
    kind: 'choice',
    choices: [['enforce', 'Yes, as WeChat'], ['off', 'No (for scripted calls)']],
    default: 'enforce',
  },
  {
    key: 'privacy',
    family: 'open',
    label: 'Privacy agreement popup',
    kind: 'choice',
    choices: [['ask', 'Ask me'], ['agree', 'Agree'], ['disagree', 'Disagree']],
    default: 'ask',
  },
  {
    key: 'ads',
    family: 'open',
    label: 'Ads',
    kind: 'choice',
    choices: [['none', 'No ad (error 1004)'], ['fill', 'An ad fills the unit']],
    default: 'none',
  },
  { key: 'address', family: 'open', label: 'Saved address (chooseAddress)', kind: 'json', default: SIMULATED_ADDRESS },
  { key: 'invoiceTitle', family: 'open', label: 'Saved invoice title (chooseInvoiceTitle)', kind: 'json', default: SIMULATED_INVOICE_TITLE },
  { key: 'phoneNumber', family: 'open', label: 'Phone number (button open-type="getPhoneNumber")', kind: 'text', default: '138****8000' },
  {
    key: 'addedToMyMiniProgram',
    family: 'open',
    label: 'Added to My Mini Programs',
    kind: 'choice',
    choices: [[false, 'No'], [true, 'Yes']],
    default: false,
  },
];
