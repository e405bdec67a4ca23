// `video` and `audio`: the browser's media elements inside `wx-video` / `wx-audio`, with
// WeChat's attributes and events. `<video>` shows danmu (`danmu-list`, `enable-danmu`,
// `danmu-btn`, and `VideoContext.sendDanmu`) and goes full screen inside the phone, as it
// covers the phone's screen in WeChat. A chunk of its own (features.js); the contexts
// (`wx.createVideoContext`, `wx.createAudioContext`) are in the media family (www/apis/media/).

import { attr, environment, fire, flag, installElementStyle, number } from './common.js';
import { tempFileUrl } from '../../files.js';

const STYLE = `
wx-video { display: inline-block; position: relative; width: 300px; height: 225px; background: #000; overflow: hidden; }
wx-video > video { display: block; width: 100%; height: 100%; }
wx-video[wx-fullscreen] { position: fixed; inset: 0; width: 100%; height: 100%; z-index: 1000; }
.wx-video-danmu { position: absolute; inset: 0 0 40px 0; pointer-events: none; overflow: hidden; }
.wx-video-danmu > span { position: absolute; left: 100%; white-space: nowrap; font-size: 16px; text-shadow: 0 0 2px #000;
  animation: wx-danmu 6s linear forwards; }
@keyframes wx-danmu { to { transform: translateX(calc(-100vw - 100%)); } }
.wx-video-danmu-btn { position: absolute; right: 8px; bottom: 48px; font-size: 12px; color: #fff; background: rgba(0,0,0,.5);
  border: 1px solid #fff; border-radius: 10px; padding: 0 8px; }
wx-audio { display: inline-block; }
wx-audio > .wx-audio-info { display: block; font-size: 13px; }
`;

const mediaSrc = (node) => {
  const src = String(attr(node, 'src', ''));
  if (!src) return '';
  return (src.startsWith('wxfile://') && tempFileUrl(src)) || environment.assetUrl(node.o?.path ?? '', src);
};

// WeChat's object-fit names are CSS's.
const FITS = new Set(['contain', 'fill', 'cover']);

/** Shows one danmu `{text, color}` flying across `layer`, on one of a few rows. */
export function showDanmu(layer, { text, color }) {
  const item = document.createElement('span');
  item.textContent = String(text ?? '');
  item.style.color = String(color ?? '#ffffff');
  layer.wxRow = ((layer.wxRow ?? -1) + 1) % 4;
  item.style.top = `${4 + layer.wxRow * 22}px`;
  item.addEventListener('animationend', () => item.remove());
  layer.append(item);
  return item;
}

const video = {
  create() {
    installElementStyle(document, 'media', STYLE);
    const dom = document.createElement('wx-video');
    const el = document.createElement('video');
    el.playsInline = true;
    const danmu = document.createElement('div');
    danmu.className = 'wx-video-danmu';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'wx-video-danmu-btn';
    button.textContent = '弹幕';
    dom.append(el, danmu, button);
    dom.wxVideo = el;
    dom.wxDanmu = danmu;
    button.addEventListener('click', () => {
      dom.wxDanmuOn = !dom.wxDanmuOn;
      danmu.hidden = !dom.wxDanmuOn;
    });
    el.addEventListener('play', () => fire(dom, 'play', {}));
    el.addEventListener('pause', () => fire(dom, 'pause', {}));
    el.addEventListener('ended', () => fire(dom, 'ended', {}));
    el.addEventListener('waiting', () => fire(dom, 'waiting', {}));
    el.addEventListener('loadedmetadata', () => fire(dom, 'loadedmetadata', { width: el.videoWidth, height: el.videoHeight, duration: el.duration }));
    el.addEventListener('error', () => fire(dom, 'error', { errMsg: el.error?.message || `MEDIA_ERR ${el.error?.code ?? ''}`.trim() }));
    // The browser's own full-screen button (controls), as the context's requestFullScreen.
    el.addEventListener('fullscreenchange', () => fire(dom, 'fullscreenchange', { fullScreen: document.fullscreenElement === el, direction: 'vertical' }));
    let shown = 0;
    el.addEventListener('timeupdate', () => {
      fire(dom, 'timeupdate', { currentTime: el.currentTime, duration: el.duration });
      // Danmu of the list whose time passed since the last update; a seek back replays none.
      const now = el.currentTime;
      if (dom.wxDanmuOn && now > shown) {
        for (const item of dom.wxDanmuList ?? []) {
          if (Number(item?.time) > shown && Number(item?.time) <= now) showDanmu(danmu, item);
        }
      }
      shown = now;
    });
    el.addEventListener('seeked', () => { shown = el.currentTime; });
    return dom;
  },
  update(dom, node) {
    const el = dom.wxVideo;
    const url = mediaSrc(node);
    if (el.getAttribute('src') !== url) {
      if (url) el.src = url;
      else el.removeAttribute('src');
      const initial = number(node, 'initial-time', 0);
      if (initial) el.currentTime = initial;
    }
    // controls defaults to true in WeChat.
    el.controls = attr(node, 'controls', true) !== false && attr(node, 'controls', true) !== 'false';
    el.autoplay = flag(node, 'autoplay');
    el.loop = flag(node, 'loop');
    el.muted = flag(node, 'muted');
    const poster = String(attr(node, 'poster', ''));
    if (poster) el.poster = environment.assetUrl(node.o?.path ?? '', poster);
    else el.removeAttribute('poster');
    const fit = String(attr(node, 'object-fit', 'contain'));
    el.style.objectFit = FITS.has(fit) ? fit : 'contain';
    const list = attr(node, 'danmu-list', []);
    dom.wxDanmuList = Array.isArray(list) ? list : [];
    if (dom.wxDanmuOn === undefined || dom.wxEnableDanmu !== flag(node, 'enable-danmu')) {
      dom.wxEnableDanmu = flag(node, 'enable-danmu');
      dom.wxDanmuOn = dom.wxEnableDanmu;
    }
    dom.wxDanmu.hidden = !dom.wxDanmuOn;
    dom.querySelector('.wx-video-danmu-btn').hidden = !flag(node, 'danmu-btn');
  },
  ownsChildren: true,
};

const audio = {
  create() {
    installElementStyle(document, 'media', STYLE);
    const dom = document.createElement('wx-audio');
    const el = document.createElement('audio');
    const info = document.createElement('span');
    info.className = 'wx-audio-info';
    dom.append(info, el);
    dom.wxAudio = el;
    el.addEventListener('play', () => fire(dom, 'play', {}));
    el.addEventListener('pause', () => fire(dom, 'pause', {}));
    el.addEventListener('ended', () => fire(dom, 'ended', {}));
    el.addEventListener('timeupdate', () => fire(dom, 'timeupdate', { currentTime: el.currentTime, duration: el.duration }));
    // WeChat's codes: 1 aborted, 2 network, 3 decode, 4 not supported, as MediaError's.
    el.addEventListener('error', () => fire(dom, 'error', { errMsg: el.error?.code ?? 0 }));
    return dom;
  },
  update(dom, node) {
    const el = dom.wxAudio;
    const url = mediaSrc(node);
    if (el.getAttribute('src') !== url) {
      if (url) el.src = url;
      else el.removeAttribute('src');
    }
    el.controls = flag(node, 'controls');
    el.loop = flag(node, 'loop');
    const name = String(attr(node, 'name', ''));
    const author = String(attr(node, 'author', ''));
    dom.firstChild.textContent = [name, author].filter(Boolean).join(' - ');
    dom.firstChild.hidden = !el.controls;
  },
  ownsChildren: true,
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { video, audio };
