// The built-in components' default look, close to WeChat's (WeUI) defaults, and the layout
// of a rendered page. Injected once per document, before any WXSS, so a project's styles
// override it.

export const BASE_STYLE = `
wx-page { display: block; min-height: 100%; box-sizing: border-box; font-family: -apple-system-font, system-ui, "Helvetica Neue", Helvetica, "PingFang SC", "Noto Sans CJK SC", sans-serif; font-size: 16px; line-height: 1.4; color: #000; background: #fff; }
wx-page[hidden], wx-page [hidden] { display: none !important; }
wx-view, wx-scroll-view, wx-swiper-item, wx-form, wx-rich-text, wx-block { display: block; }
wx-text, wx-label, wx-navigator, wx-slot, wx-picker { display: inline; }
wx-slot { display: contents; }
wx-navigator, wx-picker { display: block; cursor: pointer; }
wx-text[selectable] { user-select: text; }
wx-text { white-space: pre-wrap; }
wx-image { display: inline-block; width: 320px; height: 240px; overflow: hidden; position: relative; }
wx-image > img { width: 100%; height: 100%; display: block; }
wx-image[mode="widthFix"] { height: auto; }
wx-image[mode="widthFix"] > img { height: auto; }
wx-button { display: block; position: relative; box-sizing: border-box; margin: 0 auto; padding: 0 14px; font-size: 18px; line-height: 2.556; text-align: center; border-radius: 5px; color: #000; background: #f8f8f8; border: 1px solid rgba(0,0,0,.2); cursor: pointer; user-select: none; }
wx-button[type="primary"] { color: #fff; background: #1aad19; }
wx-button[type="warn"] { color: #fff; background: #e64340; }
wx-button[type="default"] { color: #000; background: #f8f8f8; }
wx-button[plain] { background: transparent; color: #353535; border-color: #353535; }
wx-button[type="primary"][plain] { color: #1aad19; border-color: #1aad19; }
wx-button[type="warn"][plain] { color: #e64340; border-color: #e64340; }
wx-button[size="mini"] { display: inline-block; font-size: 13px; line-height: 2.3; padding: 0 1.34em; }
:where([wx-style="v2"]) wx-button { width: 184px; padding: 12px 24px; font-size: 17px; font-weight: 700; line-height: 1.41176471; border: 0; border-radius: 8px; color: #06ae56; background: #f2f2f2; }
:where([wx-style="v2"]) wx-button[type="primary"] { color: #fff; background: #07c160; }
:where([wx-style="v2"]) wx-button[type="warn"] { color: #fa5151; background: #f2f2f2; }
:where([wx-style="v2"]) wx-button[type="default"] { color: #06ae56; background: #f2f2f2; }
:where([wx-style="v2"]) wx-button[plain] { background: transparent; border: 1px solid currentColor; }
:where([wx-style="v2"]) wx-button[size="mini"] { width: auto; padding: 0 .75em; font-size: 16px; line-height: 2; }
wx-button[disabled] { opacity: .6; cursor: not-allowed; }
wx-button[loading]::before { content: ""; display: inline-block; width: 1em; height: 1em; margin-right: .4em; vertical-align: -0.15em; border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: wx-spin 1s linear infinite; }
@keyframes wx-spin { to { transform: rotate(360deg); } }
wx-input, wx-textarea { display: block; }
wx-input > input, wx-textarea > textarea { display: block; width: 100%; box-sizing: border-box; border: 0; outline: none; background: transparent; font: inherit; color: inherit; padding: 0; min-height: 1.4rem; }
wx-textarea > textarea { width: 300px; height: 150px; resize: none; }
wx-checkbox, wx-radio { display: inline-flex; align-items: center; cursor: pointer; }
.wx-checkbox-input, .wx-radio-input { display: inline-block; width: 22px; height: 22px; margin-right: 5px; border: 1px solid #d1d1d1; background: #fff; box-sizing: border-box; text-align: center; line-height: 20px; color: #09bb07; }
.wx-checkbox-input { border-radius: 3px; }
.wx-radio-input { border-radius: 50%; }
.wx-checkbox-input.wx-checked::before { content: "✓"; }
.wx-radio-input.wx-checked { background: #09bb07; border-color: #09bb07; box-shadow: inset 0 0 0 4px #fff; }
wx-checkbox.wx-disabled, wx-radio.wx-disabled { opacity: .5; cursor: not-allowed; }
wx-switch { display: inline-block; }
wx-switch > input.wx-switch-input { appearance: none; width: 52px; height: 32px; border-radius: 16px; background: #dfdfdf; position: relative; cursor: pointer; transition: background .2s; margin: 0; }
wx-switch > input.wx-switch-input::after { content: ""; position: absolute; top: 2px; left: 2px; width: 28px; height: 28px; border-radius: 50%; background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.4); transition: left .2s; }
wx-switch > input.wx-switch-input:checked { background: var(--wx-switch-color, #04be02); }
wx-switch > input.wx-switch-input:checked::after { left: 22px; }
wx-icon { display: inline-flex; align-items: center; justify-content: center; width: var(--wx-icon-size, 23px); height: var(--wx-icon-size, 23px); border-radius: 50%; background: var(--wx-icon-color, #999); color: #fff; font-size: calc(var(--wx-icon-size, 23px) * .6); font-weight: bold; vertical-align: middle; }
wx-icon[type="success_no_circle"], wx-icon[type="search"], wx-icon[type="download"] { background: transparent; color: var(--wx-icon-color); font-size: var(--wx-icon-size, 23px); }
wx-scroll-view { position: relative; }
.wxrt-template-error { white-space: pre-wrap; padding: 12px; margin: 12px; color: #b42318; background: #fff5f5; border: 1px solid #f1b0b0; border-radius: 8px; font: 12px/1.5 ui-monospace, monospace; }
`;

let installed = false;

/** Puts the base style into `document` once. */
export function installBaseStyle(document) {
  if (installed || !document) return;
  installed = true;
  const style = document.createElement('style');
  style.dataset.wxrt = 'base';
  style.textContent = BASE_STYLE;
  document.head.prepend(style);
}
