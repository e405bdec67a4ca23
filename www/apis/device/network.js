// The network type: the simulated phone's `networkType` (wifi, 5g, 4g, 3g, 2g, none,
// unknown), else the browser's online state. Listeners hear each change of either.
// wx.request / uploadFile read the same setting: on `none` they fail (www/request.js).

import { Listeners } from '../../listeners.js';

export function networkApis(host, rules) {
  const { phone } = host;
  const listeners = new Listeners();
  const current = () => {
    const set = phone.get('networkType', undefined);
    if (set !== undefined) return rules.networkType(String(set));
    return globalThis.navigator?.onLine === false ? 'none' : 'wifi';
  };
  let last = current();
  const changed = () => {
    const now = current();
    if (now === last) return;
    last = now;
    listeners.emit({ isConnected: rules.isConnected(now), networkType: now }, host.guard);
  };
  phone.watch((patch) => {
    if ('networkType' in patch) changed();
  });
  globalThis.addEventListener?.('online', changed);
  globalThis.addEventListener?.('offline', changed);
  return {
    apis: {
      getNetworkType: () => {
        const networkType = current();
        return {
          networkType,
          signalStrength: Number(phone.get('signalStrength', 0)),
          hasSystemProxy: false,
          weakNet: networkType === '2g',
          errMsg: 'getNetworkType:ok',
        };
      },
      onNetworkStatusChange: (listener) => listeners.add(listener),
      offNetworkStatusChange: (listener) => listeners.remove(listener),
    },
  };
}
