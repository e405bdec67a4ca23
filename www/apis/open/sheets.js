// The open family's sheets: WeChat's cashier, the subscription sheet, the privacy popup and
// the pages naming where the phone would go. Only drawing: each resolves with what was
// pressed, and the family decides what it means.

import { choose, element, openLayer } from '../ui.js';

/** A confirmation of where the phone would go: resolves true (允许) or false (取消). */
export function confirmGoing({ title, text, note, className, sheet = false, allowText = '允许' }) {
  return choose({
    className: `wxrt-open-dialog ${className}`,
    title,
    text,
    note,
    sheet,
    buttons: [{ text: '取消', value: false }, { text: allowText, value: true, primary: true }],
  });
}

/** WeChat Pay's cashier for a `package`: resolves `'pay' | 'cancel' | 'fail'`. */
export function cashier({ pkg, signType, appName }) {
  return choose({
    className: 'wxrt-cashier',
    title: `${appName} · 微信支付`,
    text: pkg,
    note: `签名方式 ${signType}（模拟收银台：金额由商户后台决定，这里不可知）`,
    buttons: [
      { text: '取消', value: 'cancel' },
      { text: '支付失败', value: 'fail' },
      { text: '支付', value: 'pay', primary: true },
    ],
  });
}

/**
 * The subscription sheet for `ids`: a switch per template and "always keep"; resolves
 * `{answers: [bool], keep: bool}` (取消 rejects every id, as WeChat reports it).
 */
export function subscribeSheet({ ids, appName }) {
  return new Promise((resolve) => {
    const switches = ids.map((id) => {
      const input = element('input', { type: 'checkbox', checked: true });
      input.dataset.tmplId = id;
      return input;
    });
    const keep = element('input', { type: 'checkbox', className: 'wxrt-keep' });
    const close = (allowed) => {
      layer.remove();
      resolve({ answers: switches.map((s) => allowed && s.checked), keep: keep.checked });
    };
    const buttons = [['取消', false, ''], ['允许', true, 'wxrt-primary']].map(([text, allowed, className]) => {
      const button = element('button', { type: 'button', textContent: text, className });
      button.dataset.value = String(allowed);
      button.addEventListener('click', () => close(allowed));
      return button;
    });
    const panel = element('div', { className: 'wxrt-panel wxrt-page-rows' }, [
      element('h2', { textContent: `${appName} 申请发送以下订阅消息` }),
      ...ids.map((id, i) => element('label', {}, [element('span', { textContent: id }), switches[i]])),
      element('label', {}, [element('span', { textContent: '总是保持以上选择，不再询问' }), keep]),
      element('div', { className: 'wxrt-buttons' }, buttons),
    ]);
    const layer = openLayer('wxrt-layer wxrt-subscribe', panel);
  });
}

/** A page over the phone saying where WeChat would be now (`title`, `lines`); resolves when closed. */
export function namedPage({ className, title, lines }) {
  return new Promise((resolve) => {
    const back = element('button', { type: 'button', className: 'wxrt-back', textContent: '‹ 返回' });
    const page = element('div', { className: `wxrt-page ${className}` }, [
      element('header', {}, [back, element('span', { textContent: title })]),
      ...lines.map((line) => element('label', { textContent: line })),
    ]);
    const layer = openLayer(`${className}-layer`, page);
    back.addEventListener('click', () => {
      layer.remove();
      resolve();
    });
  });
}
