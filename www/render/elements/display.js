// Display and navigation components: text, image, icon, navigator and scroll-view
// (progress, rich-text and swiper are in occasional.js).

import { attr, environment, fire, flag, number } from './common.js';
import { tempFileUrl } from '../../files.js';

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
    // A picked file (`wx.chooseImage`'s `wxfile://tmp_…`) shows as WeChat shows it.
    const url = src ? (src.startsWith('wxfile://') && tempFileUrl(src)) || environment.assetUrl(node.o?.path ?? '', src) : '';
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

export const displayElements = {
  text,
  image,
  icon,
  navigator,
  'scroll-view': scrollView,
};
