// What the device asks the user or the simulated phone: a phone call (a sheet; nothing is
// dialled, the number is recorded), a scan (the phone's `scanCode` is what the camera
// sees, or `'cancel'`), the system's switches and the app's permissions.

import { pickFromSheet } from '../ui.js';

const SCANNED = { result: 'https://wxrt.invalid/scanned', scanType: 'QR_CODE' };

export function sheetApis(host, rules, record) {
  const { phone } = host;
  return {
    apis: {
      makePhoneCall: async ({ phoneNumber }) => {
        const index = await pickFromSheet({ items: [{ text: rules.callSheet(phoneNumber) }], title: phoneNumber, className: 'wxrt-phone-call' });
        if (index !== 0) throw rules.cancelled('makePhoneCall');
        record.calls.push(phoneNumber);
        return { errMsg: 'makePhoneCall:ok' };
      },
      scanCode: () => {
        const scanned = phone.get('scanCode', SCANNED);
        if (scanned === 'cancel' || scanned === null || typeof scanned !== 'object') throw rules.cancelled('scanCode');
        const text = (value) => (value === undefined || value === null ? undefined : String(value));
        return rules.scan(String(scanned.result ?? ''), text(scanned.scanType), text(scanned.path));
      },
      getSystemSetting: () => {
        const settings = phone.get('systemSetting', {}) ?? {};
        return rules.systemSetting(settings, settings.deviceOrientation === 'landscape');
      },
      getAppAuthorizeSetting: () => rules.appAuthorizeSetting(phone.get('appAuthorizeSetting', {}) ?? {}),
    },
  };
}
