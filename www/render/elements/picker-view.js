// `picker-view` and `picker-view-column`: columns of rows scrolled under a selection band
// (the indicator). Each row is as tall as the indicator, as WeChat sizes them; scrolling
// snaps to a row; `value` (row index per column) scrolls them; the user's scrolling fires
// `pickstart`, then `change` with `detail.value` when the columns come to rest (at once
// when the finger lifts with `immediate-change`), then `pickend`.

import { attr, fire, flag, installElementStyle } from './common.js';
import { scopedClasses } from '../patch.js';

// WeChat's default indicator is 34 px tall, between two hairlines, under white fades.
const STYLE = `
wx-picker-view { display: block; position: relative; overflow: hidden; }
.wx-picker-view-columns { display: flex; height: 100%; }
wx-picker-view-column { display: block; flex: 1; height: 100%; overflow-y: auto; position: relative; scroll-snap-type: y mandatory; scrollbar-width: none; overscroll-behavior: contain; }
wx-picker-view-column::-webkit-scrollbar { display: none; }
.wx-picker-view-content > * { display: block; box-sizing: border-box; height: var(--wx-picker-item-height, 34px); overflow: hidden; scroll-snap-align: center; }
.wx-picker-view-mask { position: absolute; inset: 0; z-index: 2; pointer-events: none; background-repeat: no-repeat; background-position: top, bottom;
  background-image: linear-gradient(180deg, rgb(255 255 255 / 95%), rgb(255 255 255 / 60%)), linear-gradient(0deg, rgb(255 255 255 / 95%), rgb(255 255 255 / 60%)); }
.wx-picker-view-indicator { position: absolute; left: 0; right: 0; top: 50%; transform: translateY(-50%); height: 34px; z-index: 3; pointer-events: none;
  border-top: 1px solid #e5e5e5; border-bottom: 1px solid #e5e5e5; box-sizing: border-box; }
`;

const columnsOf = (dom) => [...dom.wxChildren.children].filter((el) => el.localName === 'wx-picker-view-column');
const rowsOf = (column) => column.wxChildren.children.length;

/** The row under the indicator in `column`. */
function rowAt(column, itemHeight) {
  const rows = rowsOf(column);
  if (!rows || !itemHeight) return 0;
  return Math.max(0, Math.min(rows - 1, Math.round(column.scrollTop / itemHeight)));
}

/** The `value` attribute as row indices, one per column, each within its column. */
function valueOf(node, columns) {
  const given = attr(node, 'value', []);
  const list = Array.isArray(given) ? given : [];
  return columns.map((column, i) => Math.max(0, Math.min(Math.max(rowsOf(column) - 1, 0), Math.trunc(Number(list[i]) || 0))));
}

/**
 * Sizes rows, padding and fades from the indicator's height; scrolls the columns to the
 * value when it was set (`reposition`) or the rows changed size.
 */
function layout(dom, reposition) {
  const height = dom.clientHeight;
  const itemHeight = dom.wxIndicator.offsetHeight;
  if (!height || !itemHeight) return;
  const resized = dom.wxItemHeight !== itemHeight;
  dom.wxItemHeight = itemHeight;
  const pad = Math.max(0, (height - itemHeight) / 2);
  dom.wxMask.style.backgroundSize = `100% ${pad}px`;
  const columns = columnsOf(dom);
  dom.wxCurrent = valueOf({ a: { value: dom.wxCurrent ?? [] } }, columns);
  columns.forEach((column, i) => {
    column.style.setProperty('--wx-picker-item-height', `${itemHeight}px`);
    column.wxChildren.style.padding = `${pad}px 0`;
    const top = dom.wxCurrent[i] * itemHeight;
    const moving = column.wxMoving && !reposition;
    if ((reposition || resized || dom.wxPending) && !moving && Math.abs(column.scrollTop - top) >= 1) column.scrollTop = top;
  });
  dom.wxPending = false;
}

/** The user moved the columns: `change` when the rows under the indicator differ. */
function settle(dom, { end }) {
  const columns = columnsOf(dom);
  const value = columns.map((column) => rowAt(column, dom.wxItemHeight));
  const changed = value.length !== (dom.wxCurrent ?? []).length || value.some((v, i) => v !== dom.wxCurrent[i]);
  if (changed && dom.wxPicking) {
    dom.wxCurrent = value;
    fire(dom, 'change', { value });
  }
  if (end && dom.wxPicking && !columns.some((column) => column.wxMoving)) {
    dom.wxPicking = false;
    fire(dom, 'pickend', {});
  }
}

const pickerView = {
  create() {
    installElementStyle(document, 'picker-view', STYLE);
    const dom = document.createElement('wx-picker-view');
    const columns = document.createElement('div');
    columns.className = 'wx-picker-view-columns';
    const mask = document.createElement('div');
    mask.className = 'wx-picker-view-mask';
    const indicator = document.createElement('div');
    indicator.className = 'wx-picker-view-indicator';
    dom.append(columns, mask, indicator);
    Object.assign(dom, { wxChildren: columns, wxMask: mask, wxIndicator: indicator });
    dom.wxResize = new ResizeObserver(() => layout(dom, false));
    dom.wxResize.observe(dom);
    return dom;
  },
  update(dom, node, old) {
    dom.wxIndicator.style.cssText = String(attr(node, 'indicator-style', ''));
    dom.wxIndicator.className = `wx-picker-view-indicator ${scopedClasses(attr(node, 'indicator-class', ''), node.o)}`.trim();
    dom.wxMask.style.cssText = String(attr(node, 'mask-style', ''));
    dom.wxMask.className = `wx-picker-view-mask ${scopedClasses(attr(node, 'mask-class', ''), node.o)}`.trim();
    // Only a new `value` moves the columns; the user's scrolling stays otherwise.
    const reposition = !old || JSON.stringify(old.a.value) !== JSON.stringify(node.a.value);
    if (reposition) dom.wxCurrent = valueOf(node, columnsOf(dom));
    // Not laid out yet (not in the page): the first layout scrolls to the value.
    dom.wxPending = reposition && !dom.clientHeight ? true : dom.wxPending;
    layout(dom, reposition);
  },
  destroy(dom) {
    dom.wxResize?.disconnect();
  },
};

const pickerViewColumn = {
  create() {
    const dom = document.createElement('wx-picker-view-column');
    const content = document.createElement('div');
    content.className = 'wx-picker-view-content';
    dom.append(content);
    dom.wxChildren = content;
    const picker = () => dom.parentNode?.parentNode?.localName === 'wx-picker-view' ? dom.parentNode.parentNode : undefined;
    const start = () => {
      const view = picker();
      if (!view) return;
      dom.wxMoving = true;
      if (!view.wxPicking) {
        view.wxPicking = true;
        fire(view, 'pickstart', {});
      }
    };
    dom.addEventListener('pointerdown', start);
    dom.addEventListener('wheel', start, { passive: true });
    dom.addEventListener('pointerup', () => {
      const view = picker();
      if (view && flag(view.wxNode, 'immediate-change')) settle(view, { end: false });
    });
    dom.addEventListener('scrollend', () => {
      dom.wxMoving = false;
      const view = picker();
      if (view) settle(view, { end: true });
    });
    return dom;
  },
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { 'picker-view': pickerView, 'picker-view-column': pickerViewColumn };
