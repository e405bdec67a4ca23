// The contexts of elements on the page: `wx.createVideoContext(id, component)` and the
// legacy `wx.createAudioContext(id, component)`. As WeChat's, a context is made at once and
// finds its element when used, in the component given or else the page on top; a context
// whose element is not there does nothing, as WeChat's does.

import { scopeOfInstance } from '../../render/selectors.js';
import { showDanmu } from '../../render/elements/media.js';
import { fire } from '../../render/elements/common.js';
import { mediaUrl } from './audio.js';

/** The element `wx-<tag>` whose attribute `name` is `value`, in `instance`'s scope or the top page's. */
export function findInScope(host, tag, name, value, instance) {
  const top = host.program()?.currentPages?.().at(-1);
  const { root, ctx } = scopeOfInstance(instance) ?? scopeOfInstance(top) ?? {};
  return [...(root?.querySelectorAll(`wx-${tag}`) ?? [])]
    .find((el) => String(el.wxNode?.a[name] ?? '') === String(value) && (!ctx || el.wxNode.o === ctx));
}

/** `wx.createVideoContext(id, component)`'s object. */
export class VideoContext {
  constructor(host, rules, id, instance) {
    this.find = () => findInScope(host, 'video', 'id', id, instance);
    this.rules = rules;
  }

  with(action) {
    const dom = this.find();
    if (dom?.wxVideo) action(dom.wxVideo, dom);
  }

  play() {
    this.with((el) => el.play().catch(() => {}));
  }

  pause() { this.with((el) => el.pause()); }

  /** Pauses and goes back to the start. */
  stop() {
    this.with((el) => {
      el.pause();
      el.currentTime = 0;
    });
  }

  seek(position) { this.with((el) => { el.currentTime = Math.max(0, Number(position) || 0); }); }

  playbackRate(rate) {
    if (!this.rules.videoAcceptsRate(Number(rate))) return;
    this.with((el) => { el.playbackRate = Number(rate); });
  }

  sendDanmu({ text, color } = {}) {
    this.with((el, dom) => {
      if (dom.wxDanmuOn) showDanmu(dom.wxDanmu, { text, color });
    });
  }

  // Full screen covers the phone's screen (the page's container), as WeChat's player covers
  // the phone's: the browser's own full screen needs a user gesture WeChat does not.
  requestFullScreen(options = {}) {
    this.with((el, dom) => {
      // An attribute, not a class: the page's next render rewrites the class attribute.
      if (dom.hasAttribute('wx-fullscreen')) return;
      dom.setAttribute('wx-fullscreen', '');
      const landscape = this.rules.videoLandscape(options?.direction ?? undefined)
        ?? (el.videoWidth > el.videoHeight);
      fire(dom, 'fullscreenchange', { fullScreen: true, direction: landscape ? 'horizontal' : 'vertical' });
    });
  }

  exitFullScreen() {
    this.with((el, dom) => {
      if (!dom.hasAttribute('wx-fullscreen')) return;
      dom.removeAttribute('wx-fullscreen');
      fire(dom, 'fullscreenchange', { fullScreen: false, direction: 'vertical' });
    });
  }
}

/** `wx.createAudioContext(id, component)`'s object, for the legacy `<audio>`. */
export class AudioContext {
  constructor(host, id, instance) {
    this.find = () => findInScope(host, 'audio', 'id', id, instance)?.wxAudio;
    this.from = () => host.program()?.currentPages?.().at(-1)?.route ?? '';
  }

  setSrc(src) {
    const el = this.find();
    if (el) el.src = mediaUrl(String(src ?? ''), this.from());
  }

  play() { this.find()?.play().catch(() => {}); }

  pause() { this.find()?.pause(); }

  seek(position) {
    const el = this.find();
    if (el) el.currentTime = Math.max(0, Number(position) || 0);
  }
}
