// `ad` and `ad-custom`: WeChat's banner ads. No ad platform answers here, so a unit loads
// as the open family's ad units do (www/apis/open/ads.js, the simulated phone's `ads`):
// with an ad it draws a labelled placeholder of a banner's size and fires `load`; without
// one it fires `error` and stays empty, taking no height, as WeChat's failed ad does. A
// chunk of its own (features.js): few pages show ads.

import { attr, environment, fire, installElementStyle, number } from './common.js';

// WeChat: a banner is as wide as its container (never under 300px) and keeps its aspect
// ratio; the exact ratio is not published, a video ad is 16:9.
const STYLE = `
wx-ad, wx-ad-custom { display: block; }
.wx-ad-banner { position: relative; box-sizing: border-box; width: 100%; min-width: 300px; aspect-ratio: 16 / 5; display: flex; align-items: center; justify-content: center; background: #f2f2f2; color: #888; border: 1px solid #e5e5e5; font-size: 14px; }
.wx-ad-banner.wx-ad-video { aspect-ratio: 16 / 9; }
.wx-ad-banner.wx-ad-black { background: #2c2c2c; color: #bbb; border-color: #3a3a3a; }
.wx-ad-label { position: absolute; left: 6px; bottom: 4px; font-size: 11px; opacity: .8; }
.wx-ad-close { position: absolute; top: 0; right: 0; width: 28px; height: 28px; border: 0; background: transparent; color: inherit; font-size: 18px; cursor: pointer; }
`;

// WeChat refuses refresh intervals under 30 s.
const MIN_INTERVAL = 30;

function placeholder(dom, node) {
  const type = String(attr(node, 'ad-type', 'banner'));
  const banner = document.createElement('div');
  banner.className = `wx-ad-banner wx-ad-${type === 'video' ? 'video' : 'banner'}`;
  banner.classList.toggle('wx-ad-black', attr(node, 'ad-theme') === 'black');
  banner.textContent = `${type === 'video' ? '视频' : type === 'grid' ? '格子' : 'Banner'}广告（模拟）`;
  const label = document.createElement('span');
  label.className = 'wx-ad-label';
  label.textContent = '广告';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'wx-ad-close';
  close.textContent = '×';
  close.setAttribute('aria-label', '关闭广告');
  close.addEventListener('click', (event) => {
    event.stopPropagation();
    dom.replaceChildren();
    fire(dom, 'close', {});
  });
  banner.append(label, close);
  return banner;
}

function load(dom) {
  const loading = environment.loadAd?.();
  if (!loading) return;
  const unit = dom.wxUnit;
  loading.then(() => {
    if (dom.wxUnit !== unit || dom.wxDestroyed) return;
    dom.replaceChildren(placeholder(dom, dom.wxNode));
    fire(dom, 'load', {});
  }, (error) => {
    if (dom.wxUnit !== unit || dom.wxDestroyed) return;
    dom.replaceChildren();
    fire(dom, 'error', { errCode: error?.errCode, errMsg: error?.errMsg });
  });
}

const ad = {
  create(node) {
    installElementStyle(document, 'ad', STYLE);
    return document.createElement(`wx-${node.t}`);
  },
  update(dom, node, old) {
    const unit = String(attr(node, 'unit-id', ''));
    const seconds = number(node, 'ad-intervals', 0);
    if (!old || unit !== dom.wxUnit) {
      dom.wxUnit = unit;
      load(dom);
    }
    if (seconds !== dom.wxIntervals) {
      dom.wxIntervals = seconds;
      clearInterval(dom.wxTimer);
      if (seconds >= MIN_INTERVAL) dom.wxTimer = setInterval(() => load(dom), seconds * 1000);
    }
  },
  destroy(dom) {
    dom.wxDestroyed = true;
    clearInterval(dom.wxTimer);
  },
  ownsChildren: true,
};

/** The elements this feature draws, by tag (features.js). */
export const elements = { ad, 'ad-custom': ad };
