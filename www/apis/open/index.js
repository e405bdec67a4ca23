// Open capabilities: account info, other mini-programs, payment, subscription messages,
// sharing, addresses, invoices, analytics, ads, privacy: simulated, each outcome chosen on
// the simulated phone (or by the developer clicking the sheet it draws). Core's
// `apis::open` decides; this family draws, asks the phone, and records what the app asked
// for (the handle's `openRecords()` lists it: where it would have gone, what it reported).

import { asyncApi } from '../../async-api.js';
import { ENV_VERSION } from '../../environment.js';
import { environment } from '../../render/elements/common.js';
import { choose, pickFromSheet } from '../ui.js';
import { adFactory } from './ads.js';
import { logManager, realtimeLogManager } from './logs.js';
import { cashier, confirmGoing, namedPage, subscribeSheet } from './sheets.js';
import { SIMULATED_ADDRESS, SIMULATED_INVOICE_TITLE } from './saved.js';

const randomBase64 = (bytes) => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))));
// What the app passed, as the record keeps it: functions and other uncloneable values as text.
const cloneable = (value) => {
  try {
    return structuredClone(value);
  } catch {
    return JSON.parse(JSON.stringify(value ?? null, (_, v) => (typeof v === 'function' ? String(v) : v)));
  }
};
const TAP_EVENTS = new Set(['click', 'touchend', 'pointerup']);
const fromTap = (event) => Boolean((event?.isTrusted || environment.userGestures.has(event)) && TAP_EVENTS.has(event.type));
const randomId = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

export function install(host, rules) {
  const { phone, storage, appid, user } = host;
  const records = [];
  const record = (api, detail = {}) => { records.push({ api, ...detail, at: Date.now() }); };

  // A dialog's answer: the simulated phone's `openDialogs` ('allow' | 'cancel'), else the user's click.
  const decide = (ask) => {
    const preset = phone.get('openDialogs', 'ask');
    return preset === 'ask' ? ask() : preset === 'allow';
  };
  const confirmOr = async (api, dialog) => {
    if (!(await decide(() => confirmGoing(dialog)))) throw rules.openCancelled(api);
  };

  // Subscription messages: answers kept per (appid, user), shown by getSetting.
  const subsKey = `wxrt-subscriptions:${appid}:${user}`;
  const subs = new rules.SubscribeBook(storage.getItem(subsKey) ?? '');

  // The privacy agreement: agreeing is kept per (appid, user); refusing asks again next time.
  const privacyKey = `wxrt-privacy:${appid}:${user}`;
  const agreed = () => storage.getItem(privacyKey) === '1';
  const needPrivacy = new Set();
  const contractName = () => rules.privacyContractName(host.appName());
  const askPrivacy = async (api) => {
    if (agreed()) return;
    // The app's own popup (onNeedPrivacyAuthorization) answers first; WeChat uses the last listener.
    const listener = [...needPrivacy].at(-1);
    const preset = phone.get('privacy', 'ask');
    let yes;
    if (listener) {
      yes = await new Promise((resolve) => listener((answer) => {
        // 'exposureAuthorization' only reports that the app's popup was seen: the call still waits.
        if (answer?.event === 'exposureAuthorization') record('privacy', { referrer: api, exposed: true });
        else resolve(answer?.event === 'agree');
      }, { referrer: api }));
    } else if (preset !== 'ask') {
      yes = preset === 'agree';
    } else {
      yes = await choose({
        className: 'wxrt-privacy',
        title: '用户隐私保护提示',
        text: `在使用当前小程序服务之前，请仔细阅读${contractName()}。如你同意，请点击“同意”开始使用。`,
        buttons: [{ text: '拒绝', value: false }, { text: '同意', value: true, primary: true }],
      });
    }
    if (yes) storage.setItem(privacyKey, '1');
    record('privacy', { referrer: api, agreed: yes });
    rules.privacyAnswer(api, yes);
  };

  const openTarget = (base, launch, extraData) => {
    const url = new URL(base, location.href);
    for (const [name, value] of Object.entries(launch)) if (value !== '') url.searchParams.set(name, String(value));
    url.searchParams.set('referrerExtraData', JSON.stringify(extraData));
    globalThis.open?.(url.href, '_blank');
    return url.href;
  };

  const goToMiniProgram = async (api, options, sheet) => {
    const target = rules.miniProgramTarget(api, options.appId, options.shortLink);
    const envVersion = rules.miniProgramEnvVersion(options.envVersion);
    await confirmOr(api, {
      className: `wxrt-${api}`,
      sheet,
      title: host.appName(),
      text: `即将打开「${target}」小程序`,
      note: `${options.path || '首页'} · ${envVersion}`,
    });
    const extraData = cloneable(options.extraData ?? {});
    // A target the developer also previews here (the phone's `miniPrograms`: appId → its
    // preview URL) opens in a new tab, launched as WeChat launches it from this app.
    const preview = phone.get('miniPrograms', {})?.[target];
    const opened = typeof preview === 'string' ? openTarget(preview, rules.targetLaunch(String(options.path ?? ''), host.appid), extraData) : undefined;
    record(api, { appId: target, path: options.path ?? '', extraData, envVersion, ...(opened ? { opened } : {}) });
    return { errMsg: `${api}:ok` };
  };

  // A saved address / invoice title / invoice the user picks (使用) or not (取消).
  const savedInfo = async (api, scope, title, shown, result) => {
    await host.requirePrivacy(api);
    await host.requireScope(scope, api);
    await confirmOr(api, { className: `wxrt-${api}`, sheet: true, title, allowText: '使用', text: shown });
    record(api);
    return { ...result, errMsg: `${api}:ok` };
  };
  const lines = (info) => Object.values(info).filter((v) => typeof v === 'string' && v).join('\n');

  // WeChat offers sharing to a chat when the page defines onShareAppMessage, and to the
  // timeline when it also defines onShareTimeline; hideShareMenu takes either away.
  const shareMenu = { shown: true, withShareTicket: false, menus: ['shareAppMessage', 'shareTimeline'] };
  // What a share shows: the page's answer over WeChat's defaults (the mini-program's name,
  // the current page); `promise` (2.12.0) may replace it if it settles within 3 s.
  const shareContent = async (page, hook) => {
    const answer = page[hook]({ from: 'menu' }) ?? {};
    const query = Object.entries(page.options ?? {}).map(([k, v]) => `${k}=${v}`).join('&');
    const base = hook === 'onShareAppMessage'
      ? { title: host.appName(), path: `/${page.route}${query ? `?${query}` : ''}` }
      : { title: host.appName(), query };
    let late = {};
    if (answer.promise && typeof answer.promise.then === 'function') {
      late = await Promise.race([answer.promise.then((v) => v ?? {}, () => ({})), new Promise((r) => setTimeout(() => r({}), 3000))]);
    }
    const { promise, ...given } = { ...answer, ...late };
    return { ...base, ...given };
  };
  const ad = adFactory(host, rules, record);

  const subscribe = async (options, tap) => {
    rules.checkOptions('requestSubscribeMessage', options);
    const ask = subs.plan(options.tmplIds, tap);
    let answers = [];
    let keep = false;
    if (ask.length) {
      const preset = phone.get('subscribe', 'ask');
      ({ answers, keep } = preset === 'ask'
        ? await subscribeSheet({ ids: ask, appName: host.appName() })
        : { answers: ask.map(() => preset === 'accept'), keep: false });
    }
    const result = subs.answer(Uint8Array.from(answers, Number), keep);
    storage.setItem(subsKey, subs.save());
    record('requestSubscribeMessage', { result });
    return { ...result, errMsg: 'requestSubscribeMessage:ok' };
  };

  const ext = () => {
    const text = host.program()?.files?.['ext.json'];
    if (typeof text !== 'string') return {};
    try {
      const json = JSON.parse(text);
      // ext.json applies only when enabled (`extEnable`, true unless set false).
      return json?.extEnable === false ? {} : (json?.ext ?? {});
    } catch {
      return {};
    }
  };

  return {
    getAccountInfoSync: () => ({
      miniProgram: { appId: appid, envVersion: ENV_VERSION, version: '' },
      plugin: {},
    }),
    navigateToMiniProgram: (options) => goToMiniProgram('navigateToMiniProgram', options, false),
    openEmbeddedMiniProgram: (options) => goToMiniProgram('openEmbeddedMiniProgram', options, true),
    navigateBackMiniProgram: async (options = {}) => {
      await confirmOr('navigateBackMiniProgram', { className: 'wxrt-navigateBackMiniProgram', title: host.appName(), text: '返回上一个小程序' });
      record('navigateBackMiniProgram', { extraData: cloneable(options.extraData ?? {}) });
      return { errMsg: 'navigateBackMiniProgram:ok' };
    },
    exitMiniProgram: async () => {
      await confirmOr('exitMiniProgram', { className: 'wxrt-exitMiniProgram', title: host.appName(), text: '退出小程序' });
      record('exitMiniProgram');
      namedPage({ className: 'wxrt-exited', title: host.appName(), lines: ['小程序已关闭（模拟：返回即回到小程序）'] });
      return { errMsg: 'exitMiniProgram:ok' };
    },
    requestPayment: async (options) => {
      const preset = phone.get('payment', 'ask');
      const outcome = rules.isPaymentOutcome(preset)
        ? preset
        : await cashier({ pkg: options.package, signType: options.signType ?? 'MD5', appName: host.appName() });
      record('requestPayment', { package: options.package, outcome });
      rules.paymentResult(outcome, String(phone.get('paymentFailure', '')));
      return { errMsg: 'requestPayment:ok' };
    },
    // Tap-only, as WeChat: the call must run synchronously inside a tap handler. The
    // renderer dispatches `tap` synchronously from the page's trusted click, so the event
    // being dispatched (window.event) tells; a call from a timer, a Promise or the console
    // has none.
    requestSubscribeMessage: (options) => {
      const tap = phone.get('tapRule', 'enforce') === 'off' || fromTap(globalThis.event);
      return asyncApi((o) => subscribe(o, tap))(options);
    },
    showShareMenu: async (options = {}) => {
      Object.assign(shareMenu, {
        shown: true,
        withShareTicket: Boolean(options.withShareTicket),
        menus: options.menus ?? ['shareAppMessage', 'shareTimeline'],
      });
      record('showShareMenu', { ...structuredClone(shareMenu) });
      return { errMsg: 'showShareMenu:ok' };
    },
    hideShareMenu: async (options = {}) => {
      const hidden = options.menus ?? ['shareAppMessage', 'shareTimeline'];
      shareMenu.menus = shareMenu.menus.filter((m) => !hidden.includes(m));
      shareMenu.shown = shareMenu.menus.length > 0;
      record('hideShareMenu', { menus: hidden });
      return { errMsg: 'hideShareMenu:ok' };
    },
    updateShareMenu: async (options = {}) => {
      if (options.withShareTicket !== undefined) shareMenu.withShareTicket = options.withShareTicket;
      const { success, fail, complete, ...rest } = options;
      record('updateShareMenu', cloneable(rest));
      return { errMsg: 'updateShareMenu:ok' };
    },
    showShareImageMenu: async (options) => {
      record('showShareImageMenu', { path: options.path });
      pickFromSheet({ className: 'wxrt-share-image', title: options.path, items: [{ text: '发送给朋友' }, { text: '收藏' }, { text: '保存图片' }] })
        .then((index) => record('showShareImageMenu', { path: options.path, chosen: index }));
      return { errMsg: 'showShareImageMenu:ok' };
    },
    getShareInfo: async (options) => {
      record('getShareInfo', { shareTicket: options.shareTicket });
      return { encryptedData: randomBase64(96), iv: randomBase64(16), cloudID: randomId(), errMsg: 'getShareInfo:ok' };
    },
    reportAnalytics: (eventName, data) => record('reportAnalytics', { eventName, data: cloneable(data ?? {}) }),
    reportEvent: (eventId, data) => record('reportEvent', { eventId, data: cloneable(data ?? {}) }),
    reportMonitor: (name, value) => record('reportMonitor', { name, value }),
    getLogManager: () => logManager('getLogManager', ['debug', 'info', 'log', 'warn'], record),
    getRealtimeLogManager: () => realtimeLogManager(record),
    createInterstitialAd: (options) => ad('createInterstitialAd', false, options),
    createRewardedVideoAd: (options) => ad('createRewardedVideoAd', true, options),
    chooseAddress: () => {
      const address = phone.get('address', SIMULATED_ADDRESS);
      return savedInfo('chooseAddress', 'scope.address', '使用微信收货地址', lines(address), address);
    },
    chooseInvoiceTitle: () => {
      const title = phone.get('invoiceTitle', SIMULATED_INVOICE_TITLE);
      return savedInfo('chooseInvoiceTitle', 'scope.invoiceTitle', '选择发票抬头', lines(title), title);
    },
    // The invoices in the user's card bag: WeChat gives their card ids and codes for the
    // developer's server to look up (a JSON text).
    chooseInvoice: () => savedInfo('chooseInvoice', 'scope.invoice', '选择发票', '卡包中的发票（模拟）', {
      invoiceInfo: JSON.stringify([{ card_id: randomId(), encrypt_code: randomBase64(24), app_id: appid }]),
    }),
    requirePrivacyAuthorize: async () => {
      await askPrivacy('requirePrivacyAuthorize');
      return { errMsg: 'requirePrivacyAuthorize:ok' };
    },
    getPrivacySetting: async () => ({
      needAuthorization: !agreed(),
      privacyContractName: contractName(),
      errMsg: 'getPrivacySetting:ok',
    }),
    openPrivacyContract: async () => {
      record('openPrivacyContract');
      namedPage({ className: 'wxrt-privacy-contract', title: contractName(), lines: [`${contractName()}（模拟：内容在微信公众平台填写）`] });
      return { errMsg: 'openPrivacyContract:ok' };
    },
    onNeedPrivacyAuthorization: (listener) => {
      if (typeof listener === 'function') needPrivacy.add(listener);
    },
    openCustomerServiceChat: async (options) => {
      await confirmOr('openCustomerServiceChat', {
        className: 'wxrt-openCustomerServiceChat', title: '微信客服', text: `打开客服会话：${options.extInfo?.url ?? ''}`, note: `corpId ${options.corpId}`,
      });
      record('openCustomerServiceChat', { corpId: options.corpId, url: options.extInfo?.url });
      return { errMsg: 'openCustomerServiceChat:ok' };
    },
    openOfficialAccountArticle: async ({ url }) => {
      await confirmOr('openOfficialAccountArticle', { className: 'wxrt-openOfficialAccountArticle', title: '公众号文章', text: url });
      record('openOfficialAccountArticle', { url });
      return { errMsg: 'openOfficialAccountArticle:ok' };
    },
    openOfficialAccountChat: async ({ username }) => {
      await confirmOr('openOfficialAccountChat', { className: 'wxrt-openOfficialAccountChat', title: '公众号会话', text: username });
      record('openOfficialAccountChat', { username });
      return { errMsg: 'openOfficialAccountChat:ok' };
    },
    openOfficialAccountProfile: async ({ username }) => {
      await confirmOr('openOfficialAccountProfile', { className: 'wxrt-openOfficialAccountProfile', title: '公众号主页', text: username });
      record('openOfficialAccountProfile', { username });
      return { errMsg: 'openOfficialAccountProfile:ok' };
    },
    getExtConfigSync: () => ext(),
    getExtConfig: async () => ({ extConfig: ext(), errMsg: 'getExtConfig:ok' }),
    checkIsAddedToMyMiniProgram: async () => ({
      added: phone.get('addedToMyMiniProgram', false) === true,
      errMsg: 'checkIsAddedToMyMiniProgram:ok',
    }),
    getWeRunData: async () => {
      await host.requireScope('scope.werun', 'getWeRunData');
      record('getWeRunData');
      // Opaque as on a phone: only the developer's server, with the session key, could read it.
      return { encryptedData: randomBase64(192), iv: randomBase64(16), cloudID: randomId(), errMsg: 'getWeRunData:ok' };
    },
    addPhoneCalendar: async (options) => {
      await host.requireScope('scope.addPhoneCalendar', 'addPhoneCalendar');
      const when = new Date(options.startTime * 1000).toLocaleString();
      await confirmOr('addPhoneCalendar', {
        className: 'wxrt-addPhoneCalendar', title: '添加到手机日历', text: options.title, note: when, allowText: '添加',
      });
      record('addPhoneCalendar', { title: options.title, startTime: options.startTime, endTime: options.endTime });
      return { errMsg: 'addPhoneCalendar:ok' };
    },
    /**
     * `<button open-type>` (the renderer's button): resolves the detail of the event WeChat
     * fires (`getphonenumber`, `agreeprivacyauthorization`), or nothing when it fires none.
     */
    openType: async (type) => {
      record(`open-type:${type}`);
      if (type === 'agreePrivacyAuthorization') {
        // Tapping the app's own agree button is the user agreeing, listener or not.
        storage.setItem(privacyKey, '1');
        return {};
      }
      if (type === 'getPhoneNumber') {
        const allowed = await decide(() => confirmGoing({
          className: 'wxrt-getPhoneNumber', title: `${host.appName()} 申请获取并验证你的手机号`, text: String(phone.get('phoneNumber', '138****8000')), allowText: '允许',
        }));
        // `code` is what the developer's server exchanges (phonenumber.getPhoneNumber).
        return allowed ? { errMsg: 'getPhoneNumber:ok', code: randomId() } : { errMsg: 'getPhoneNumber:fail user deny' };
      }
      await namedPage({
        className: `wxrt-open-type-${type}`,
        title: type === 'contact' ? '客服消息' : '意见反馈',
        lines: [`${host.appName()} · ${type === 'contact' ? '客服会话（模拟）' : '反馈页面（模拟）'}`],
      });
      return undefined;
    },
    // For the other families (host.requirePrivacy, when app.json says `__usePrivacyCheck__:
    // true`): an API touching private information first needs the agreement.
    requirePrivacy: askPrivacy,
    // The capsule's "•••" menu: the share items the page allows, each calling its handler
    // and showing what would be shared; also the settings page.
    capsuleMenu: async () => {
      const page = host.program()?.currentPages().at(-1);
      const items = [];
      if (shareMenu.menus.includes('shareAppMessage')) items.push(['发送给朋友', 'shareAppMessage', 'onShareAppMessage']);
      if (shareMenu.menus.includes('shareTimeline')) items.push(['分享到朋友圈', 'shareTimeline', 'onShareTimeline']);
      const offered = typeof page?.onShareAppMessage === 'function'
        ? items.filter(([, , hook]) => typeof page[hook] === 'function') : [];
      const index = await pickFromSheet({
        className: 'wxrt-capsule-menu',
        items: [...offered.map(([text]) => ({ text })), { text: '设置' }],
      });
      if (index < 0) return undefined;
      if (index === offered.length) {
        await host.openSetting();
        return undefined;
      }
      const [, menu, hook] = offered[index];
      const content = await shareContent(page, hook);
      record(menu, { route: page.route, ...content });
      await namedPage({
        className: 'wxrt-share-card',
        title: menu === 'shareAppMessage' ? '发送给朋友' : '分享到朋友圈',
        lines: Object.entries(content).map(([key, value]) => `${key}: ${value}`),
      });
      return { menu, ...content };
    },
    // getSetting({withSubscriptions: true}) (host.subscriptionsSetting).
    subscriptionsSetting: () => subs.settings(),
    // The handle: what the app asked for.
    records: () => structuredClone(records),
  };
}
