// What the families draw on the phone: WeChat's dialogs and sheets (permission requests,
// action sheets, the cashier, the settings page). Only drawing: what a choice means is the
// calling family's.

const STYLE = `
.wxrt-layer{position:fixed;inset:0;z-index:2147483000;display:flex;flex-direction:column;justify-content:flex-end;background:rgb(0 0 0/60%);font:16px/1.4 -apple-system,"PingFang SC",sans-serif;color:#000}
.wxrt-layer.wxrt-center{justify-content:center;align-items:center}
.wxrt-panel{background:#fff;border-radius:12px 12px 0 0;overflow:hidden}
.wxrt-center .wxrt-panel{border-radius:12px;width:min(300px,80vw)}
.wxrt-panel h2{margin:20px 24px 4px;font-size:15px;font-weight:600}
.wxrt-panel p{margin:4px 24px 20px;font-size:17px;white-space:pre-wrap;word-break:break-word}
.wxrt-panel .wxrt-note{margin:12px 24px;font-size:13px;color:#888}
.wxrt-buttons{display:flex;gap:12px;padding:0 24px 24px;justify-content:center}
.wxrt-buttons button{flex:1;max-width:140px;height:40px;border:0;border-radius:6px;background:#f2f2f2;font:inherit;font-weight:600;cursor:pointer}
.wxrt-buttons button.wxrt-primary{background:#07c160;color:#fff}
.wxrt-items button{display:block;width:100%;height:56px;border:0;border-top:1px solid #eee;background:#fff;font:inherit;cursor:pointer}
.wxrt-items button:first-child{border-top:0}
.wxrt-items .wxrt-cancel{border-top:8px solid #f2f2f2}
.wxrt-page{position:fixed;inset:0;z-index:2147483000;display:flex;flex-direction:column;background:#ededed;font:16px/1.4 -apple-system,"PingFang SC",sans-serif}
.wxrt-page header{display:flex;align-items:center;height:44px;padding:0 12px;background:#ededed;font-weight:600}
.wxrt-page header button{border:0;background:none;font:inherit;cursor:pointer;margin-right:8px}
.wxrt-page label{display:flex;justify-content:space-between;align-items:center;padding:14px 16px;background:#fff;border-top:1px solid #eee}
`;

/** An element `tag` with `props` and `children`. */
export function element(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** Shows `content` in a layer of `className` over the page; returns the layer. */
export function openLayer(className, content) {
  if (typeof document === 'undefined' || !document.body) throw new Error('no page to show it on');
  if (!document.getElementById('wxrt-apis-style')) {
    document.head.append(element('style', { id: 'wxrt-apis-style', textContent: STYLE }));
  }
  const layer = element('div', { className }, [content]);
  layer.setAttribute('role', 'dialog');
  layer.setAttribute('aria-modal', 'true');
  document.body.append(layer);
  return layer;
}

/**
 * A dialog of `title`, `text` and `buttons` (`[{text, value, primary}]`), at the bottom
 * (`sheet`) or the centre; resolves with the value of the button pressed.
 */
export function choose({ title, text, note, buttons, className = '', sheet = true }) {
  return new Promise((resolve) => {
    const parts = [];
    if (title) parts.push(element('h2', { textContent: title }));
    if (text) parts.push(element('p', { textContent: text }));
    if (note) parts.push(element('div', { className: 'wxrt-note', textContent: note }));
    const row = element('div', { className: 'wxrt-buttons' }, buttons.map((b) => {
      const button = element('button', { type: 'button', textContent: b.text, className: b.primary ? 'wxrt-primary' : '' });
      button.dataset.value = String(b.value);
      button.addEventListener('click', () => {
        layer.remove();
        resolve(b.value);
      });
      return button;
    }));
    parts.push(row);
    const layer = openLayer(`wxrt-layer ${sheet ? '' : 'wxrt-center'} ${className}`, element('div', { className: 'wxrt-panel' }, parts));
  });
}

/**
 * An action sheet of `items` (`[{text, color}]`) above a cancel button; resolves with the
 * index tapped, or -1 for cancel (or a tap on the mask).
 */
export function pickFromSheet({ items, title, cancelText = '取消', className = '' }) {
  return new Promise((resolve) => {
    const close = (index) => {
      layer.remove();
      resolve(index);
    };
    const buttons = items.map((item, index) => {
      const button = element('button', { type: 'button', textContent: item.text });
      if (item.color) button.style.color = item.color;
      button.dataset.index = String(index);
      button.addEventListener('click', () => close(index));
      return button;
    });
    const cancel = element('button', { type: 'button', className: 'wxrt-cancel', textContent: cancelText });
    cancel.addEventListener('click', () => close(-1));
    const parts = title ? [element('div', { className: 'wxrt-note', textContent: title })] : [];
    const layer = openLayer(`wxrt-layer ${className}`, element('div', { className: 'wxrt-panel wxrt-items' }, [...parts, ...buttons, cancel]));
    layer.addEventListener('click', (event) => {
      if (event.target === layer) close(-1);
    });
  });
}
