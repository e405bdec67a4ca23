// Display and navigation components: text, image, icon, progress, rich-text, navigator,
// scroll-view, swiper and swiper-item.

import { attr, environment, fire, flag, number } from './common.js';

const ENTITIES = { '&nbsp;': '\u00a0', '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&ensp;': '\u2002', '&emsp;': '\u2003', '&quot;': '"' };

/** `text`: `decode` turns WeChat's entities into characters; `space` widens spaces. */
const text = {
  update(dom, node) {
    dom.toggleAttribute('selectable', flag(node, 'selectable') || flag(node, 'user-select'));
    if (!flag(node, 'decode')) return;
    for (const child of dom.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.wxDecodedFrom !== child.data) {
        const decoded = child.data.replace(/&(nbsp|lt|gt|amp|apos|ensp|emsp|quot);/g, (entity) => ENTITIES[entity]);
        child.data = decoded;
        child.wxDecodedFrom = decoded;
      }
    }
  },
};

// `mode` → CSS: the scaling modes fit the picture, the others place it unscaled.
const IMAGE_MODES = {
  scaleToFill: ['fill', 'center'],
  aspectFit: ['contain', 'center'],
  aspectFill: ['cover', 'center'],
  widthFix: ['fill', 'center'],
  heightFix: ['fill', 'center'],
  top: ['none', 'top'],
  bottom: ['none', 'bottom'],
  center: ['none', 'center'],
  left: ['none', 'left'],
  right: ['none', 'right'],
  'top left': ['none', 'left top'],
  'top right': ['none', 'right top'],
  'bottom left': ['none', 'left bottom'],
  'bottom right': ['none', 'right bottom'],
};

const image = {
  create(node) {
    const dom = document.createElement('wx-image');
    const img = document.createElement('img');
    img.alt = '';
    img.draggable = false;
    dom.append(img);
    dom.wxImg = img;
    img.addEventListener('load', () => {
      const mode = attr(dom.wxNode, 'mode', 'scaleToFill');
      if (mode === 'widthFix' && img.naturalWidth) dom.style.height = `${(dom.clientWidth * img.naturalHeight) / img.naturalWidth}px`;
      if (mode === 'heightFix' && img.naturalHeight) dom.style.width = `${(dom.clientHeight * img.naturalWidth) / img.naturalHeight}px`;
      fire(dom, 'load', { width: img.naturalWidth, height: img.naturalHeight });
    });
    img.addEventListener('error', () => fire(dom, 'error', { errMsg: `GET ${img.src} 404 (Not Found)` }));
    return dom;
  },
  update(dom, node) {
    const img = dom.wxImg;
    const mode = attr(node, 'mode', 'scaleToFill');
    const [fit, position] = IMAGE_MODES[mode] ?? IMAGE_MODES.scaleToFill;
    img.style.objectFit = fit;
    img.style.objectPosition = position;
    dom.setAttribute('mode', mode);
    img.loading = flag(node, 'lazy-load') ? 'lazy' : 'eager';
    const src = String(attr(node, 'src', ''));
    const url = src ? environment.assetUrl(node.o?.path ?? '', src) : '';
    if (img.getAttribute('src') !== url) {
      if (url) img.src = url;
      else img.removeAttribute('src');
    }
  },
};

const ICON_COLORS = { success: '#09BB07', success_no_circle: '#09BB07', info: '#10AEFF', warn: '#F76260', waiting: '#10AEFF', cancel: '#F43530', download: '#09BB07', search: '#B2B2B2', clear: '#B2B2B2' };
const ICON_GLYPHS = { success: '✓', success_no_circle: '✓', info: 'i', warn: '!', waiting: '…', cancel: '✕', download: '↓', search: '⌕', clear: '✕' };

const icon = {
  update(dom, node) {
    const type = String(attr(node, 'type', ''));
    const size = attr(node, 'size', 23);
    const px = typeof size === 'number' || /^\d+(\.\d+)?$/.test(String(size)) ? `${size}px` : String(size);
    const color = String(attr(node, 'color', ICON_COLORS[type] ?? '#999'));
    // A row re-rendered with the same icon must leave its DOM alone.
    const drawn = `${type}|${px}|${color}|${dom.wxStyle ?? ''}`;
    if (dom.wxIconDrawn === drawn) return;
    dom.wxIconDrawn = drawn;
    dom.setAttribute('type', type);
    dom.textContent = ICON_GLYPHS[type] ?? '';
    dom.style.setProperty('--wx-icon-size', px);
    dom.style.setProperty('--wx-icon-color', color);
  },
  ownsChildren: true,
};

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

const navigator = {
  create() {
    const dom = document.createElement('wx-navigator');
    dom.setAttribute('role', 'link');
    dom.addEventListener('click', () => {
      const node = dom.wxNode;
      const openType = String(attr(node, 'open-type', 'navigate'));
      const url = String(attr(node, 'url', ''));
      const wx = environment.wx;
      const fail = (error) => console.warn(`wxrt: navigator ${openType} ${url}: ${error.errMsg ?? error.message}`);
      if (openType === 'navigateBack') wx.navigateBack({ delta: number(node, 'delta', 1) }).catch(fail);
      else if (openType === 'redirect') wx.redirectTo({ url }).catch(fail);
      else if (openType === 'switchTab') wx.switchTab({ url }).catch(fail);
      else if (openType === 'reLaunch') wx.reLaunch({ url }).catch(fail);
      else if (openType === 'navigate') wx.navigateTo({ url }).catch(fail);
    });
    return dom;
  },
};

const LOWER_THRESHOLD = 50;

const scrollView = {
  create() {
    const dom = document.createElement('wx-scroll-view');
    let last = { top: 0, left: 0 };
    let atLower = false;
    let atUpper = true;
    dom.addEventListener('scroll', () => {
      const node = dom.wxNode;
      fire(dom, 'scroll', {
        scrollLeft: dom.scrollLeft, scrollTop: dom.scrollTop, scrollHeight: dom.scrollHeight, scrollWidth: dom.scrollWidth,
        deltaX: dom.scrollLeft - last.left, deltaY: dom.scrollTop - last.top,
      });
      last = { top: dom.scrollTop, left: dom.scrollLeft };
      const horizontal = flag(node, 'scroll-x') && !flag(node, 'scroll-y');
      const lower = number(node, 'lower-threshold', LOWER_THRESHOLD);
      const upper = number(node, 'upper-threshold', LOWER_THRESHOLD);
      const remaining = horizontal ? dom.scrollWidth - dom.clientWidth - dom.scrollLeft : dom.scrollHeight - dom.clientHeight - dom.scrollTop;
      const offset = horizontal ? dom.scrollLeft : dom.scrollTop;
      const nowLower = remaining <= lower;
      if (nowLower && !atLower) fire(dom, 'scrolltolower', { direction: horizontal ? 'right' : 'bottom' });
      atLower = nowLower;
      const nowUpper = offset <= upper;
      if (nowUpper && !atUpper) fire(dom, 'scrolltoupper', { direction: horizontal ? 'left' : 'top' });
      atUpper = nowUpper;
    });
    return dom;
  },
  update(dom, node, old) {
    dom.style.overflowX = flag(node, 'scroll-x') ? 'auto' : 'hidden';
    dom.style.overflowY = flag(node, 'scroll-y') ? 'auto' : 'hidden';
    dom.style.scrollBehavior = flag(node, 'scroll-with-animation') ? 'smooth' : 'auto';
    const changed = (name) => !old || attr(node, name) !== attr(old, name);
    if (attr(node, 'scroll-top') !== undefined && changed('scroll-top')) dom.scrollTop = number(node, 'scroll-top', 0);
    if (attr(node, 'scroll-left') !== undefined && changed('scroll-left')) dom.scrollLeft = number(node, 'scroll-left', 0);
    const into = attr(node, 'scroll-into-view');
    if (into && changed('scroll-into-view')) {
      queueMicrotask(() => {
        const target = dom.querySelector(`#${CSS.escape(String(into))}`);
        if (target) {
          const horizontal = flag(node, 'scroll-x') && !flag(node, 'scroll-y');
          if (horizontal) dom.scrollLeft = target.offsetLeft - dom.offsetLeft;
          else dom.scrollTop = target.offsetTop - dom.offsetTop;
        }
      });
    }
  },
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
    track.style.flexDirection = vertical ? 'column' : 'row';
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

export const displayElements = {
  text,
  image,
  icon,
  progress,
  'rich-text': richText,
  navigator,
  'scroll-view': scrollView,
  swiper,
};
