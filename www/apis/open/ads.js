// Ads (`createInterstitialAd`, `createRewardedVideoAd`): core's AdUnitState decides what
// load/show/close mean; here the placeholder is drawn and the listeners called. The
// simulated phone's `ads` says whether an ad fills the unit (`'fill'`) or WeChat answers
// 1004 "no ad" (`'none'`, the default: units are not approved for ads in development).

import { element, openLayer } from '../ui.js';

const plain = (error) => ({ errMsg: error.errMsg, errCode: error.errCode });

/** `createInterstitialAd` / `createRewardedVideoAd` for `host`, one unit per adUnitId (unless `multiton`). */
export function adFactory(host, rules, record) {
  const units = new Map();
  return (api, rewarded, options) => {
    rules.checkOptions(api, options);
    const key = `${api}:${options.adUnitId}`;
    if (!options.multiton && units.has(key)) return units.get(key);
    const state = new rules.AdUnitState(rewarded);
    const on = { load: new Set(), error: new Set(), close: new Set() };
    const call = (set, payload) => { for (const f of [...set]) f(payload); };
    let loading;
    const load = () => {
      loading ??= new Promise((resolve, reject) => setTimeout(() => {
        loading = undefined;
        try {
          state.load(host.phone.get('ads', 'none') === 'fill');
        } catch (error) {
          call(on.error, plain(error));
          reject(plain(error));
          return;
        }
        call(on.load, {});
        resolve({ errMsg: 'load:ok' });
      }));
      return loading;
    };
    const placeholder = () => {
      const buttons = rewarded
        ? [['看完关闭', true, 'wxrt-ad-ended'], ['提前关闭', false, 'wxrt-ad-early']]
        : [['×', false, 'wxrt-ad-close']];
      const panel = element('div', { className: 'wxrt-panel wxrt-ad' }, [
        element('h2', { textContent: rewarded ? '激励视频广告（模拟）' : '插屏广告（模拟）' }),
        element('p', { textContent: options.adUnitId }),
        element('div', { className: 'wxrt-buttons' }, buttons.map(([text, ended, className]) => {
          const button = element('button', { type: 'button', textContent: text, className });
          button.addEventListener('click', () => {
            layer.remove();
            const isEnded = state.close(ended);
            call(on.close, rewarded ? { isEnded } : undefined);
            // WeChat fetches the next ad once one is closed.
            load().catch(() => {});
          });
          return button;
        })),
      ]);
      const layer = openLayer('wxrt-layer wxrt-center wxrt-ad-layer', panel);
    };
    const ad = {
      load,
      show: () => new Promise((resolve, reject) => {
        try {
          state.show();
        } catch (error) {
          reject(plain(error));
          return;
        }
        placeholder();
        resolve({ errMsg: 'show:ok' });
      }),
      destroy: () => {
        state.destroy();
        units.delete(key);
      },
      onLoad: (f) => typeof f === 'function' && on.load.add(f),
      offLoad: (f) => (f ? on.load.delete(f) : on.load.clear()),
      onError: (f) => typeof f === 'function' && on.error.add(f),
      offError: (f) => (f ? on.error.delete(f) : on.error.clear()),
      onClose: (f) => typeof f === 'function' && on.close.add(f),
      offClose: (f) => (f ? on.close.delete(f) : on.close.clear()),
    };
    units.set(key, ad);
    record(api, { adUnitId: options.adUnitId });
    // WeChat loads a unit as soon as it is created; its listeners, attached right after,
    // hear the outcome.
    load().catch(() => {});
    return ad;
  };
}

/**
 * One load of a banner (`<ad>`, `<ad-custom>`: render/elements/ad.js) by core's rules for a
 * unit, with the same simulated outcome as the API's units; rejects with `binderror`'s
 * detail `{errMsg, errCode}`.
 */
export async function loadBanner(host, rules) {
  const state = new rules.AdUnitState(false);
  try {
    state.load(host.phone.get('ads', 'none') === 'fill');
  } catch (error) {
    throw plain(error);
  } finally {
    state.free();
  }
}
