// Location: the simulated position (or the browser's), getLocation and its kin, choosing and
// opening a place. Core's `apis::location` decides (requiredPrivateInfos, GCJ-02, the fuzzy
// blur, the places around, which updates run); this family reads the position and draws.
//
// Where the phone is comes from the simulated phone: `position` (`{latitude, longitude,
// altitude?, accuracy?, speed?}`, WGS-84) and `locationSource` (`'simulated'`, `'browser'`
// for navigator.geolocation, `'unavailable'` for a phone that cannot tell).

import { element, openLayer, pickFromSheet } from '../ui.js';
import { DEFAULT_POSITION } from './position.js';

export function install(host, rules) {
  const { phone } = host;
  const declared = () => host.program()?.appJson?.requiredPrivateInfos;

  const simulated = () => ({ ...DEFAULT_POSITION, ...(phone.get('position', undefined) ?? {}) });
  const fromBrowser = (p) => ({
    latitude: p.coords.latitude,
    longitude: p.coords.longitude,
    altitude: p.coords.altitude ?? 0,
    accuracy: p.coords.accuracy,
    speed: p.coords.speed ?? -1,
  });
  const browserFix = () => new Promise((resolve, reject) => {
    if (!globalThis.navigator?.geolocation) reject(new Error('no geolocation'));
    else navigator.geolocation.getCurrentPosition((p) => resolve(fromBrowser(p)), reject, { timeout: 15000 });
  });

  /** Where the phone is now (WGS-84), or `<api>:fail …` when it cannot tell. */
  const where = async (api) => {
    const source = phone.get('locationSource', 'simulated');
    if (source === 'unavailable') throw rules.locationFailure(api, 'unavailable');
    if (source !== 'browser') return simulated();
    try {
      return await browserFix();
    } catch {
      throw rules.locationFailure(api, 'unavailable');
    }
  };

  // WeChat's order: the app.json declaration, the privacy agreement, then the scope (dialog
  // on first use).
  const gate = async (api, scope) => {
    rules.checkPrivateInfo(api, declared());
    await host.requirePrivacy?.(api);
    if (scope) await host.requireScope(scope, api);
  };

  // onLocationChange: listeners hear the position while updates run (core's LocationUpdates),
  // each time the developer moves the simulated phone or the browser reports a new fix.
  const updates = new rules.LocationUpdates();
  const listeners = new Set();
  const errorListeners = new Set();
  let updateType;
  let browserWatch;
  const shown = () => globalThis.document?.visibilityState !== 'hidden';
  const emit = (position) => {
    if (!updates.delivers(shown())) return;
    const report = rules.locationReport(position, updateType, true);
    for (const listener of [...listeners]) listener({ ...report });
  };
  const emitError = (api) => {
    const failure = rules.locationFailure(api, 'unavailable');
    for (const listener of [...errorListeners]) listener({ errCode: 1, errMsg: failure.errMsg });
  };
  const follow = () => {
    stopFollowing();
    const source = phone.get('locationSource', 'simulated');
    if (source === 'browser' && globalThis.navigator?.geolocation) {
      browserWatch = navigator.geolocation.watchPosition((p) => emit(fromBrowser(p)), () => emitError('onLocationChange'));
    }
  };
  const stopFollowing = () => {
    if (browserWatch !== undefined) navigator.geolocation.clearWatch(browserWatch);
    browserWatch = undefined;
  };
  phone.watch((patch) => {
    if (!updates.running()) return;
    if ('locationSource' in patch) follow();
    if (!('position' in patch) && !('locationSource' in patch)) return;
    const source = phone.get('locationSource', 'simulated');
    if (source === 'unavailable') emitError('onLocationChange');
    else if (source !== 'browser') emit(simulated());
  });

  const startUpdates = async (api, background, options) => {
    await gate(api, background ? 'scope.userLocationBackground' : 'scope.userLocation');
    // The first fix comes at once, as the phone's location service starts with one.
    const first = await where(api);
    updateType = options?.type;
    updates.start(background);
    follow();
    queueMicrotask(() => emit(first));
    return { errMsg: `${api}:ok` };
  };

  // WeChat's map page, without tiles: the place named, its coordinates and a route button.
  const mapPage = ({ latitude, longitude, name, address, scale }) => {
    const back = element('button', { type: 'button', className: 'wxrt-back', textContent: '‹' });
    const route = element('button', { type: 'button', className: 'wxrt-route', textContent: '导航' });
    const page = element('div', { className: 'wxrt-page wxrt-open-location' }, [
      element('header', {}, [back, element('span', { textContent: name || '位置' })]),
      element('div', { className: 'wxrt-place' }, [
        element('h2', { className: 'wxrt-place-name', textContent: name || '[位置]' }),
        element('p', { className: 'wxrt-place-address', textContent: address || '' }),
        element('p', { className: 'wxrt-note', textContent: `${latitude.toFixed(6)}, ${longitude.toFixed(6)} · 缩放 ${scale}` }),
      ]),
      route,
    ]);
    const layer = openLayer('wxrt-open-location-layer', page);
    back.addEventListener('click', () => layer.remove());
    route.addEventListener('click', () => {
      route.textContent = '已选择导航（模拟：不会离开小程序）';
      route.disabled = true;
    });
  };

  return {
    getLocation: async (options = {}) => {
      await gate('getLocation', 'scope.userLocation');
      const position = await where('getLocation');
      return { ...rules.locationReport(position, options.type, Boolean(options.altitude)), errMsg: 'getLocation:ok' };
    },
    getFuzzyLocation: async (options = {}) => {
      await gate('getFuzzyLocation', 'scope.userFuzzyLocation');
      const { latitude, longitude } = await where('getFuzzyLocation');
      return { ...rules.fuzzyLocation(latitude, longitude, options.type), errMsg: 'getFuzzyLocation:ok' };
    },
    chooseLocation: async (options = {}) => {
      await gate('chooseLocation');
      const centre = typeof options.latitude === 'number' && typeof options.longitude === 'number'
        ? options : await where('chooseLocation');
      const places = rules.nearbyPlaces(centre.latitude, centre.longitude);
      const index = await pickFromSheet({
        title: '选择位置',
        className: 'wxrt-choose-location',
        items: places.map((p) => ({ text: `${p.name} · ${p.address}` })),
      });
      if (index < 0) throw rules.locationFailure('chooseLocation', 'cancel');
      return { ...places[index], errMsg: 'chooseLocation:ok' };
    },
    openLocation: async (options) => {
      mapPage({ ...options, scale: rules.openLocationScale(options.scale) });
      return { errMsg: 'openLocation:ok' };
    },
    startLocationUpdate: (options) => startUpdates('startLocationUpdate', false, options),
    startLocationUpdateBackground: (options) => startUpdates('startLocationUpdateBackground', true, options),
    stopLocationUpdate: async () => {
      updates.stop();
      stopFollowing();
      return { errMsg: 'stopLocationUpdate:ok' };
    },
    onLocationChange: (listener) => {
      if (typeof listener === 'function') listeners.add(listener);
    },
    offLocationChange: (listener) => {
      if (typeof listener === 'function') listeners.delete(listener);
      else listeners.clear();
    },
    onLocationChangeError: (listener) => {
      if (typeof listener === 'function') errorListeners.add(listener);
    },
    offLocationChangeError: (listener) => {
      if (typeof listener === 'function') errorListeners.delete(listener);
      else errorListeners.clear();
    },
  };
}
