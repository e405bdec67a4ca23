// Permissions: `wx.authorize`, `wx.getSetting`, `wx.openSetting`, and the check every family
// makes before using a scope (`requireScope`). Core's ScopeBook decides; the answers are
// kept per (appid, user) beside, never inside, the app's storage, as WeChat keeps them
// until the mini-program is deleted. A first use asks in WeChat's dialog, unless the
// simulated phone answers for the user (`authorize: 'allow' | 'deny'`, set in the
// workbench or by `wxrt.phone.set`).

import { choose, element, openLayer } from '../ui.js';

const keyOf = (appid, user) => `wxrt-scopes:${appid}:${user}`;

export function install(host, rules) {
  const { storage, appid, user, phone } = host;
  const key = keyOf(appid, user);
  const book = new rules.Scopes(storage.getItem(key) ?? '');
  const save = () => storage.setItem(key, book.save());
  // One dialog at a time, as on the phone: a second request waits for the first answer.
  let queue = Promise.resolve();

  const dialog = (scope) => choose({
    className: 'wxrt-authorize',
    title: `${host.appName()} 申请`,
    text: rules.Scopes.describe(scope),
    buttons: [{ text: '拒绝', value: false }, { text: '允许', value: true, primary: true }],
  });

  const ask = (scope, api) => {
    const asked = queue.then(async () => {
      // Asked while the previous dialog was open: that answer may already decide this one.
      if (book.require(scope, api) === 'go') return;
      const preset = phone.get('authorize', 'ask');
      const granted = preset === 'ask' ? await dialog(scope) : preset === 'allow';
      try {
        book.answer(scope, granted, api);
      } finally {
        save();
      }
    });
    queue = asked.catch(() => {});
    return asked;
  };

  /** Resolves when `api` may use `scope`; rejects with `<api>:fail auth deny` otherwise. */
  const requireScope = async (scope, api) => {
    if (book.require(scope, api) === 'ask') await ask(scope, api);
  };

  const authSetting = () => ({ 'scope.userInfo': true, ...book.settings() });
  const setting = async (api, options) => ({
    authSetting: authSetting(),
    ...(options?.withSubscriptions ? { subscriptionsSetting: (await host.subscriptionsSetting?.()) ?? { mainSwitch: true } } : {}),
    errMsg: `${api}:ok`,
  });

  // WeChat's settings page for this mini-program: a switch per scope it has asked for.
  const settingsPage = () => new Promise((resolve) => {
    const rows = Object.entries(book.settings()).map(([scope, granted]) => {
      const input = element('input', { type: 'checkbox', checked: granted });
      input.dataset.scope = scope;
      input.addEventListener('change', () => {
        book.switchScope(scope, input.checked);
        save();
      });
      return element('label', {}, [element('span', { textContent: rules.Scopes.describe(scope) }), input]);
    });
    const back = element('button', { type: 'button', className: 'wxrt-back', textContent: '‹ 返回' });
    const page = element('div', { className: 'wxrt-page wxrt-settings' }, [
      element('header', {}, [back, element('span', { textContent: '设置' })]),
      element('div', { className: 'wxrt-note', textContent: '允许使用' }),
      ...rows,
    ]);
    const layer = openLayer('wxrt-settings-layer', page);
    back.addEventListener('click', () => {
      layer.remove();
      resolve();
    });
  });

  return {
    authorize: async ({ scope }) => {
      if (book.authorize(scope) === 'ask') await ask(scope, 'authorize');
      return { errMsg: 'authorize:ok' };
    },
    getSetting: (options) => setting('getSetting', options),
    openSetting: async (options) => {
      await settingsPage();
      return setting('openSetting', options);
    },
    requireScope,
    // The workbench and the handle: every scope asked, changed or forgotten by hand.
    scopes: () => book.settings(),
    setScope: (scope, granted) => {
      if (granted === undefined) book.forget(scope);
      else book.record(scope, Boolean(granted));
      save();
    },
    resetScopes: () => {
      book.reset();
      save();
    },
  };
}
