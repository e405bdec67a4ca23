// WeChat's full-screen media viewer (`previewImage`, `previewMedia`): one slide at a time
// over the phone, swipe or arrow keys between them, a tap closes, a long press opens the
// menu (发送给朋友 / 收藏 / 保存图片) when `showmenu` allows.

import { element, openLayer, pickFromSheet } from '../ui.js';

const STYLE = `
.wxrt-viewer{position:fixed;inset:0;z-index:2147482000;background:#000;display:flex;align-items:center;justify-content:center;touch-action:none;user-select:none}
.wxrt-viewer img,.wxrt-viewer video{max-width:100%;max-height:100%;object-fit:contain}
.wxrt-viewer .wxrt-count{position:absolute;top:16px;left:0;right:0;text-align:center;color:#fff;font:14px sans-serif}
`;

const LONG_PRESS_MS = 500;

/**
 * Opens the viewer on `slides` (`[{url, type: 'image' | 'video', poster}]`, urls already
 * loadable) at `index`. `menu(slide)` runs the long-press menu (undefined: none).
 * Returns the viewer element.
 */
export function openViewer({ slides, index, menu }) {
  if (!document.getElementById('wxrt-viewer-style')) {
    document.head.append(element('style', { id: 'wxrt-viewer-style', textContent: STYLE }));
  }
  let current = Math.min(Math.max(0, index), slides.length - 1);
  const stage = element('div', { className: 'wxrt-stage' });
  const count = element('div', { className: 'wxrt-count' });
  const layer = openLayer('wxrt-viewer', element('div', {}, []));
  layer.replaceChildren(stage, count);
  layer.tabIndex = -1;
  const show = () => {
    const slide = slides[current];
    const media = slide.type === 'video'
      ? element('video', { src: slide.url, poster: slide.poster ?? '', controls: true })
      : element('img', { src: slide.url, alt: '' });
    media.dataset.index = String(current);
    stage.replaceChildren(media);
    count.textContent = slides.length > 1 ? `${current + 1}/${slides.length}` : '';
    layer.dataset.current = String(current);
  };
  const go = (step) => {
    const next = current + step;
    if (next < 0 || next >= slides.length) return;
    current = next;
    show();
  };
  const close = () => {
    layer.remove();
    document.removeEventListener('keydown', onKey);
  };
  const onKey = (event) => {
    if (event.key === 'ArrowRight') go(1);
    else if (event.key === 'ArrowLeft') go(-1);
    else if (event.key === 'Escape') close();
  };
  document.addEventListener('keydown', onKey);
  // A press: a swipe moves, a long press opens the menu, anything else is a tap (closes).
  let press;
  layer.addEventListener('pointerdown', (event) => {
    // A right click is the desktop's long press: contextmenu below answers it.
    if (event.button !== 0) return;
    const timer = menu && setTimeout(() => {
      press = { ...press, long: true };
      menu(slides[current]);
    }, LONG_PRESS_MS);
    press = { x: event.clientX, timer, long: false };
  });
  layer.addEventListener('pointerup', (event) => {
    if (!press) return;
    clearTimeout(press.timer);
    const dx = event.clientX - press.x;
    const { long } = press;
    press = undefined;
    if (long) return;
    if (Math.abs(dx) > 40) go(dx < 0 ? 1 : -1);
    else if (!(event.target instanceof HTMLVideoElement)) close();
  });
  layer.addEventListener('contextmenu', (event) => {
    event.preventDefault();
    if (menu && !press?.long) menu(slides[current]);
  });
  show();
  layer.focus?.();
  return layer;
}

/** The long-press menu; resolves with the item chosen (`'save'`, `'send'`, `'favorite'`) or undefined. */
export async function viewerMenu() {
  const items = [{ text: '发送给朋友', value: 'send' }, { text: '收藏', value: 'favorite' }, { text: '保存图片', value: 'save' }];
  const index = await pickFromSheet({ items, className: 'wxrt-viewer-menu' });
  return items[index]?.value;
}
