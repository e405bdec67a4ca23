// The built-in elements few pages use: progress, rich-text, swiper, slider and picker. A
// chunk of its own (features.js), loaded before the first render when a WXML file of the
// project names one of them.

import { attr, fire, flag, installElementStyle, number } from './common.js';

// Each slide is one swiper-sized cell of a grid, whatever the project's own rules on
// swiper-item say about flex: WeChat positions its slides absolutely, so a project's
// `swiper-item { flex: 1 }` (weapp-douban's splash) has no effect there and must have none
// here. A slide is the containing block of its absolutely positioned content, as WeChat's is.
const STYLE = `
wx-progress { display: flex; align-items: center; }
.wx-progress-bar { flex: 1; display: block; overflow: hidden; }
.wx-progress-inner { display: block; height: 100%; transition: width .3s; }
.wx-progress-info { margin-left: 15px; font-size: 16px; }
wx-swiper { display: block; position: relative; height: 150px; overflow: hidden; }
.wx-swiper-track { display: grid; grid-auto-flow: column; grid-auto-columns: 100%; grid-template-rows: 100%; width: 100%; height: 100%; transition: transform .5s; }
.wx-swiper-track.wx-swiper-vertical { grid-auto-flow: row; grid-auto-rows: 100%; grid-template-rows: none; grid-template-columns: 100%; }
.wx-swiper-track > wx-swiper-item { position: relative; width: 100%; height: 100%; overflow: hidden; }
.wx-swiper-dots { position: absolute; bottom: 10px; left: 0; right: 0; display: flex; justify-content: center; gap: 8px; }
.wx-swiper-dots > i { width: 8px; height: 8px; border-radius: 50%; }
wx-slider { display: flex; align-items: center; margin: 10px 18px; }
wx-slider > input { flex: 1; }
.wx-slider-value { margin-left: 14px; min-width: 2em; }
wx-picker { position: relative; }
.wx-picker-native { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; cursor: pointer; }
`;

// Every element here brings the style of them all: they come in one chunk anyway.
const styled = (controller) => ({
  ...controller,
  create(node) {
    installElementStyle(document, 'occasional', STYLE);
    return controller.create(node);
  },
});

const progress = {
  create() {
    const dom = document.createElement('wx-progress');
    const bar = document.createElement('span');
    bar.className = 'wx-progress-bar';
    const fill = document.createElement('span');
    fill.className = 'wx-progress-inner';
    bar.append(fill);
    const info = document.createElement('span');
    info.className = 'wx-progress-info';
    dom.append(bar, info);
    dom.setAttribute('role', 'progressbar');
    return dom;
  },
  update(dom, node) {
    const percent = Math.max(0, Math.min(100, number(node, 'percent', 0)));
    const [bar, info] = dom.children;
    bar.style.height = `${number(node, 'stroke-width', 6)}px`;
    bar.style.background = String(attr(node, 'backgroundColor', attr(node, 'background-color', '#EBEBEB')));
    bar.firstChild.style.width = `${percent}%`;
    bar.firstChild.style.background = String(attr(node, 'activeColor', attr(node, 'active-color', attr(node, 'color', '#09BB07'))));
    info.hidden = !flag(node, 'show-info');
    info.textContent = `${percent}%`;
    dom.setAttribute('aria-valuenow', String(percent));
  },
  ownsChildren: true,
};

// rich-text shows trusted-looking markup from data: only these tags and attributes pass.
const RICH_TAGS = new Set(['a', 'abbr', 'b', 'br', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'fieldset', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'label', 'legend', 'li', 'ol', 'p', 'q', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'pre', 'small', 'big']);
const RICH_ATTRS = new Set(['class', 'style', 'src', 'alt', 'width', 'height', 'colspan', 'rowspan', 'title']);

function richNodes(nodes) {
  if (typeof nodes === 'string') {
    const template = document.createElement('template');
    template.innerHTML = nodes;
    return [...template.content.childNodes].map(cleanHtml).filter(Boolean);
  }
  return (Array.isArray(nodes) ? nodes : []).map((item) => {
    if (item?.type === 'text') return document.createTextNode(String(item.text ?? ''));
    const name = String(item?.name ?? '').toLowerCase();
    if (!RICH_TAGS.has(name)) return null;
    const el = document.createElement(name);
    for (const [key, value] of Object.entries(item.attrs ?? {})) if (RICH_ATTRS.has(key)) el.setAttribute(key, String(value));
    el.append(...richNodes(item.children ?? []));
    return el;
  }).filter(Boolean);
}

function cleanHtml(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const name = node.tagName.toLowerCase();
  if (!RICH_TAGS.has(name)) return document.createTextNode(node.textContent ?? '');
  const el = document.createElement(name);
  for (const { name: key, value } of node.attributes) if (RICH_ATTRS.has(key) && !/^\s*javascript:/i.test(value)) el.setAttribute(key, value);
  el.append(...[...node.childNodes].map(cleanHtml).filter(Boolean));
  return el;
}

const richText = {
  update(dom, node, old) {
    if (old && old.a.nodes === node.a.nodes) return;
    dom.replaceChildren(...richNodes(node.a.nodes));
  },
  ownsChildren: true,
};

/** `swiper`: one `swiper-item` at a time, by `current`, swiped or autoplayed. */
const swiper = {
  create() {
    const dom = document.createElement('wx-swiper');
    const track = document.createElement('div');
    track.className = 'wx-swiper-track';
    const dots = document.createElement('div');
    dots.className = 'wx-swiper-dots';
    dom.append(track, dots);
    dom.wxChildren = track;
    dom.wxCurrent = 0;
    dom.wxGo = (index, source) => {
      const count = track.children.length;
      if (count === 0) return;
      const circular = flag(dom.wxNode, 'circular');
      let next = index;
      if (next >= count) next = circular ? 0 : count - 1;
      if (next < 0) next = circular ? count - 1 : 0;
      if (next === dom.wxCurrent) return;
      dom.wxCurrent = next;
      swiper.layout(dom);
      const item = track.children[next];
      fire(dom, 'change', { current: next, currentItemId: item?.wxNode?.a['item-id'] ?? '', source });
    };
    let startX;
    dom.addEventListener('pointerdown', (event) => {
      startX = event.clientX;
    });
    dom.addEventListener('pointerup', (event) => {
      if (startX === undefined) return;
      const dx = event.clientX - startX;
      startX = undefined;
      if (Math.abs(dx) > 30) dom.wxGo(dom.wxCurrent + (dx < 0 ? 1 : -1), 'touch');
    });
    return dom;
  },
  layout(dom) {
    const track = dom.firstChild;
    const vertical = flag(dom.wxNode, 'vertical');
    track.classList.toggle('wx-swiper-vertical', vertical);
    track.style.transform = vertical ? `translateY(-${dom.wxCurrent * 100}%)` : `translateX(-${dom.wxCurrent * 100}%)`;
    const dots = dom.lastChild;
    dots.hidden = !flag(dom.wxNode, 'indicator-dots');
    const count = track.children.length;
    if (dots.children.length !== count) dots.replaceChildren(...Array.from({ length: count }, () => document.createElement('i')));
    [...dots.children].forEach((dot, i) => {
      dot.classList.toggle('wx-swiper-dot-active', i === dom.wxCurrent);
      dot.style.background = i === dom.wxCurrent
        ? String(attr(dom.wxNode, 'indicator-active-color', '#000'))
        : String(attr(dom.wxNode, 'indicator-color', 'rgba(0, 0, 0, .3)'));
    });
  },
  update(dom, node, old) {
    if (!old || attr(node, 'current') !== attr(old, 'current')) dom.wxCurrent = number(node, 'current', 0);
    swiper.layout(dom);
    clearInterval(dom.wxTimer);
    if (flag(node, 'autoplay')) {
      dom.wxTimer = setInterval(() => dom.wxGo(dom.wxCurrent + 1 < dom.firstChild.children.length ? dom.wxCurrent + 1 : (flag(dom.wxNode, 'circular') ? 0 : dom.wxCurrent), 'autoplay'), number(node, 'interval', 5000));
    }
  },
  destroy(dom) {
    clearInterval(dom.wxTimer);
  },
};

const slider = {
  create(node) {
    const dom = document.createElement('wx-slider');
    const input = document.createElement('input');
    input.type = 'range';
    const shown = document.createElement('span');
    shown.className = 'wx-slider-value';
    dom.append(input, shown);
    dom.wxField = input;
    input.addEventListener('input', () => {
      shown.textContent = input.value;
      fire(dom, 'changing', { value: Number(input.value) });
    });
    input.addEventListener('change', () => fire(dom, 'change', { value: Number(input.value) }));
    dom.wxValue = () => Number(input.value);
    dom.wxReset = () => {
      input.value = String(number(dom.wxNode, 'value', 0));
      shown.textContent = input.value;
    };
    return dom;
  },
  update(dom, node, old) {
    const input = dom.wxField;
    input.min = String(number(node, 'min', 0));
    input.max = String(number(node, 'max', 100));
    input.step = String(number(node, 'step', 1));
    input.disabled = flag(node, 'disabled');
    if (!old || attr(node, 'value') !== attr(old, 'value')) input.value = String(number(node, 'value', 0));
    input.style.accentColor = attr(node, 'activeColor', attr(node, 'active-color', '#1aad19'));
    dom.lastChild.hidden = !flag(node, 'show-value');
    dom.lastChild.textContent = input.value;
  },
};

/** `picker`: its children are what the user taps; a native control over them opens the choice. */
const picker = {
  create(node) {
    const dom = document.createElement('wx-picker');
    dom.wxChildren = document.createElement('span');
    dom.append(dom.wxChildren);
    return dom;
  },
  update(dom, node) {
    const mode = attr(node, 'mode', 'selector');
    if (dom.wxMode !== mode) {
      dom.wxControl?.remove();
      dom.wxMode = mode;
      const control = mode === 'date' || mode === 'time' ? document.createElement('input') : document.createElement('select');
      if (control.tagName === 'INPUT') control.type = mode;
      control.className = 'wx-picker-native';
      control.addEventListener('change', () => {
        const value = control.tagName === 'SELECT' ? Number(control.value) : control.value;
        dom.wxPicked = value;
        fire(dom, 'change', { value });
      });
      control.addEventListener('click', (event) => event.stopPropagation());
      dom.append(control);
      dom.wxControl = control;
      dom.wxValue = () => dom.wxPicked ?? attr(dom.wxNode, 'value', mode === 'selector' ? 0 : '');
      dom.wxReset = () => {
        dom.wxPicked = undefined;
      };
    }
    const control = dom.wxControl;
    control.disabled = flag(node, 'disabled');
    if (control.tagName === 'SELECT') {
      const range = attr(node, 'range', []);
      const key = attr(node, 'range-key');
      const labels = (Array.isArray(range) ? range : []).map((item) => String(key !== undefined && item && typeof item === 'object' ? item[key] : item));
      if (control.wxLabels?.join('\u0000') !== labels.join('\u0000')) {
        control.replaceChildren(...labels.map((label, index) => new Option(label, String(index))));
        control.wxLabels = labels;
      }
      control.value = String(number(node, 'value', 0));
    } else {
      control.value = String(attr(node, 'value', ''));
      if (attr(node, 'start') !== undefined) control.min = String(attr(node, 'start'));
      if (attr(node, 'end') !== undefined) control.max = String(attr(node, 'end'));
    }
  },
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { progress: styled(progress), 'rich-text': richText, swiper: styled(swiper), slider: styled(slider), picker: styled(picker) };
