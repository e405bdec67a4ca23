// `page-meta` (the page's own properties, written in its WXML) and its `navigation-bar`
// child. page-meta sets the page node's style (`page-style`, `page-font-size`), the root
// font size (`root-font-size`, what `rem` means), the page's scroll position
// (`scroll-top`, `scroll-duration`, then `scrolldone`) and reports `scroll` and `resize`;
// the window backgrounds (pull-down and overscroll areas) have no place here and are
// ignored. navigation-bar sets
// the page's navigation bar (`title`, `front-color`, `background-color`, `loading`) as
// the wx.setNavigationBar* APIs would. Neither draws anything itself.

import { attr, environment, fire, flag, number } from './common.js';
import { inlineStyle } from '../patch.js';

// What wx.getSystemInfoSync() reports as fontSizeSetting.
const SYSTEM_FONT_SIZE = 16;

const pageRoot = (dom) => dom.closest('wx-page');
const windowOf = (dom) => pageRoot(dom)?.parentElement;

/** `scroll-top="100px"` / `"200rpx"` / `100` as px. */
function scrollPx(value, windowEl) {
  const text = String(value ?? '').trim();
  if (text === '') return undefined;
  const n = parseFloat(text);
  if (!Number.isFinite(n)) return undefined;
  if (text.endsWith('rpx')) return (n * (windowEl?.clientWidth ?? 375)) / 750;
  return n;
}

/** A font size attribute as CSS: rpx converted, `system` the user's WeChat font size. */
const fontSize = (value) => (String(value) === 'system' ? `${SYSTEM_FONT_SIZE}px` : inlineStyle(String(value ?? '')));

/** The document's root font size: this page-meta's while its page shows. */
function rootFontSize(dom) {
  const html = dom.ownerDocument.documentElement;
  const size = pageRoot(dom)?.hidden ? '' : dom.wxRootFontSize;
  if (size) {
    html.style.fontSize = size;
    html.wxFontSizeBy = dom;
  } else if (html.wxFontSizeBy === dom) {
    html.style.removeProperty('font-size');
    html.wxFontSizeBy = undefined;
  }
}

const pageMeta = {
  create() {
    const dom = document.createElement('wx-page-meta');
    dom.style.display = 'none';
    dom.wxListen = () => {
      const win = windowOf(dom);
      if (!win || dom.wxListening === win) return;
      dom.wxListening = win;
      const onScroll = () => {
        if (pageRoot(dom)?.hidden) return;
        fire(dom, 'scroll', { scrollTop: win.scrollTop });
      };
      const resize = new ResizeObserver(() => {
        if (!dom.wxSized) {
          dom.wxSized = true;
          return;
        }
        fire(dom, 'resize', { size: { windowWidth: win.clientWidth, windowHeight: win.clientHeight } });
      });
      win.addEventListener('scroll', onScroll, { passive: true });
      resize.observe(win);
      // Each page is its own document in WeChat: its root font size holds while it shows.
      const shown = new MutationObserver(() => rootFontSize(dom));
      shown.observe(pageRoot(dom), { attributes: true, attributeFilter: ['hidden'] });
      dom.wxUnlisten = () => {
        win.removeEventListener('scroll', onScroll);
        resize.disconnect();
        shown.disconnect();
        dom.wxRootFontSize = '';
        rootFontSize(dom);
      };
    };
    return dom;
  },
  update(dom, node, old) {
    // Attached after the first update of a new page: apply once it is in its page.
    const apply = () => {
      const root = pageRoot(dom);
      if (!root) return;
      dom.wxListen();
      const o = old?.a ?? {};
      const a = node.a;
      if (!old || a['page-style'] !== o['page-style'] || a['page-font-size'] !== o['page-font-size']) {
        const style = inlineStyle(String(attr(node, 'page-style', '')));
        root.style.cssText = style;
        const size = fontSize(attr(node, 'page-font-size', ''));
        if (size) root.style.fontSize = size;
      }
      if (!old || a['root-font-size'] !== o['root-font-size']) {
        const size = fontSize(attr(node, 'root-font-size', ''));
        dom.wxRootFontSize = size !== 'auto' ? size : '';
        rootFontSize(dom);
      }
      if (!old || a['scroll-top'] !== o['scroll-top']) {
        const win = windowOf(dom);
        const top = scrollPx(a['scroll-top'], win);
        if (win && top !== undefined) {
          const duration = number(node, 'scroll-duration', 300);
          // scrolldone answers a change of scroll-top, not the first value.
          const done = () => fire(dom, 'scrolldone', {});
          const target = Math.min(top, win.scrollHeight - win.clientHeight);
          if (old && Math.abs(win.scrollTop - target) < 1) setTimeout(done);
          else if (old) win.addEventListener('scrollend', done, { once: true });
          win.scrollTo({ top, behavior: old && duration > 0 ? 'smooth' : 'auto' });
        }
      }
    };
    if (pageRoot(dom)) apply();
    else queueMicrotask(apply);
  },
  destroy(dom) {
    dom.wxUnlisten?.();
  },
};

const navigationBar = {
  create() {
    const dom = document.createElement('wx-navigation-bar');
    dom.style.display = 'none';
    return dom;
  },
  update(dom, node, old) {
    const apply = () => {
      const page = environment.pageOf(dom);
      if (!page) return;
      const o = old?.a ?? {};
      const a = node.a;
      const change = {};
      if ((!old && a.title !== undefined) || a.title !== o.title) change.navigationBarTitleText = String(attr(node, 'title', ''));
      if ((!old && a['front-color'] !== undefined) || a['front-color'] !== o['front-color']) {
        change.navigationBarTextStyle = String(attr(node, 'front-color', '#000000')).toLowerCase() === '#ffffff' ? 'white' : 'black';
      }
      if ((!old && a['background-color'] !== undefined) || a['background-color'] !== o['background-color']) {
        change.navigationBarBackgroundColor = String(attr(node, 'background-color', ''));
      }
      if (!old || flag(node, 'loading') !== flag(old, 'loading')) change.navigationBarLoading = flag(node, 'loading');
      if (Object.keys(change).length) environment.setPageWindow(page, change);
    };
    if (dom.closest('wx-page')) apply();
    else queueMicrotask(apply);
  },
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { 'page-meta': pageMeta, 'navigation-bar': navigationBar };
