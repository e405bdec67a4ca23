// `wx.showModal`, `wx.showToast`/`hideToast`, `wx.showLoading`/`hideLoading` as overlays
// on the page. Core checks the options; this file only draws. A toast and a loading
// indicator share one place on screen, as in WeChat: showing one replaces the other.
// Every one of them is asynchronous, so this is a chunk loaded at the first call (index.js).

const STYLE = `
.wxrt-mask{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center}
.wxrt-mask.wxrt-dim{background:rgb(0 0 0/60%)}
.wxrt-mask.wxrt-pass{pointer-events:none}
.wxrt-modal{width:min(300px,80vw);background:#fff;border-radius:12px;overflow:hidden;text-align:center;font:16px/1.4 -apple-system,"PingFang SC",sans-serif;color:#000}
.wxrt-modal h2{margin:24px 24px 8px;font-size:17px;font-weight:600}
.wxrt-modal p{margin:0 24px 24px;color:#666;white-space:pre-wrap;word-break:break-word}
.wxrt-modal input{display:block;box-sizing:border-box;width:calc(100% - 48px);margin:0 24px 24px;padding:8px;font:inherit}
.wxrt-modal footer{display:flex;border-top:1px solid #e5e5e5}
.wxrt-modal button{flex:1;height:50px;border:0;background:none;font:inherit;font-weight:600;cursor:pointer}
.wxrt-modal button+button{border-left:1px solid #e5e5e5}
.wxrt-toast{min-width:120px;max-width:60vw;padding:16px;border-radius:10px;background:rgb(0 0 0/75%);color:#fff;text-align:center;font:15px/1.4 -apple-system,"PingFang SC",sans-serif}
.wxrt-toast .wxrt-icon{display:block;font-size:36px;line-height:1.2;margin-bottom:6px}
`;

const ICONS = { success: '✓', error: '✕', loading: '◌' };

function ensureStyle() {
  if (document.getElementById('wxrt-overlay-style')) return;
  const style = document.createElement('style');
  style.id = 'wxrt-overlay-style';
  style.textContent = STYLE;
  document.head.append(style);
}

function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/**
 * The overlay APIs, each `(options) => result or Promise` (index.js gives them WeChat's
 * async shape); `checks` are core's option checks (wasm), `failure` builds errors.
 */
export function overlayCalls({ checkModal, checkToast, failure }) {
  let toast; // { node, timer, kind: 'toast' | 'loading' }

  const requireDocument = (api) => {
    if (typeof document === 'undefined' || !document.body) throw failure(api, 'no page to show it on');
    ensureStyle();
  };

  const removeToast = () => {
    if (!toast) return;
    clearTimeout(toast.timer);
    toast.node.remove();
    toast = undefined;
  };

  const showToastLike = (api, kind, options) => {
    const { title, icon, duration } = checkToast(api, options);
    requireDocument(api);
    removeToast();
    const body = [];
    if (icon !== 'none') body.push(element('span', { className: 'wxrt-icon', textContent: ICONS[icon] }));
    body.push(element('span', { className: 'wxrt-title', textContent: title }));
    const box = element('div', { className: `wxrt-toast wxrt-${kind}`, role: 'status' }, body);
    const node = element('div', { className: `wxrt-mask ${options.mask ? '' : 'wxrt-pass'}` }, [box]);
    document.body.append(node);
    toast = { node, kind };
    if (kind === 'toast') toast.timer = setTimeout(removeToast, duration);
    return { errMsg: `${api}:ok` };
  };

  const hide = (api, kind) => {
    if (toast?.kind === kind) removeToast();
    return { errMsg: `${api}:ok` };
  };

  const showModal = (options = {}) => {
    checkModal(options);
    requireDocument('showModal');
    const {
      title = '', content = '', showCancel = true, cancelText = '取消', cancelColor = '#000000',
      confirmText = '确定', confirmColor = '#576B95', editable = false, placeholderText = '',
    } = options;
    return new Promise((resolve) => {
      const input = editable ? element('input', { className: 'wxrt-modal-input', placeholder: placeholderText, value: content }) : undefined;
      const close = (confirm) => {
        node.remove();
        resolve({
          confirm,
          cancel: !confirm,
          ...(editable ? { content: confirm ? input.value : null } : {}),
          errMsg: 'showModal:ok',
        });
      };
      const button = (text, color, confirm) => {
        const b = element('button', { type: 'button', className: confirm ? 'wxrt-modal-confirm' : 'wxrt-modal-cancel', textContent: text });
        b.style.color = color;
        b.addEventListener('click', () => close(confirm));
        return b;
      };
      const buttons = showCancel ? [button(cancelText, cancelColor, false), button(confirmText, confirmColor, true)] : [button(confirmText, confirmColor, true)];
      const parts = [];
      if (title) parts.push(element('h2', { textContent: title }));
      if (input) parts.push(input);
      else if (content) parts.push(element('p', { textContent: content }));
      parts.push(element('footer', {}, buttons));
      const dialog = element('div', { className: 'wxrt-modal', role: 'dialog' }, parts);
      dialog.setAttribute('aria-modal', 'true');
      const node = element('div', { className: 'wxrt-mask wxrt-dim' }, [dialog]);
      document.body.append(node);
      (input ?? buttons[buttons.length - 1]).focus();
    });
  };

  return {
    showModal,
    showToast: (options) => showToastLike('showToast', 'toast', options ?? {}),
    hideToast: () => hide('hideToast', 'toast'),
    showLoading: (options) => showToastLike('showLoading', 'loading', options ?? {}),
    hideLoading: () => hide('hideLoading', 'loading'),
  };
}
