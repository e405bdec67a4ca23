// Default looks of built-in components defined outside base-style.js, injected once per
// document ahead of every WXSS sheet, so a project's styles override them.

const installed = new Set();

/** Puts `css` (named `name`) into `document` once. */
export function installElementStyle(document, name, css) {
  if (installed.has(name) || !document?.head) return;
  installed.add(name);
  const style = document.createElement('style');
  style.dataset.wxrt = name;
  style.textContent = css;
  document.head.prepend(style);
}
