// The keyboard: the page's own text fields are real inputs, so focusing one is the
// keyboard coming up (its height is the simulated phone's `keyboardHeight`), blurring it
// the keyboard going down; wx.hideKeyboard blurs the focused field.

import { Listeners } from '../../listeners.js';

const typing = (node) => node instanceof Element && node.matches('input, textarea, [contenteditable=""], [contenteditable="true"]');

export function keyboardApis(host) {
  const listeners = new Listeners();
  let watching = false;
  const emit = (height) => listeners.emit({ height }, host.guard);
  const watch = () => {
    if (watching || typeof document === 'undefined') return;
    watching = true;
    document.addEventListener('focusin', (event) => {
      if (typing(event.target)) emit(Number(host.phone.get('keyboardHeight', 300)));
    });
    document.addEventListener('focusout', (event) => {
      if (typing(event.target) && !typing(event.relatedTarget)) emit(0);
    });
  };
  return {
    apis: {
      onKeyboardHeightChange: (listener) => {
        watch();
        listeners.add(listener);
      },
      offKeyboardHeightChange: (listener) => listeners.remove(listener),
      hideKeyboard: () => {
        const focused = globalThis.document?.activeElement;
        if (typing(focused)) focused.blur();
        return { errMsg: 'hideKeyboard:ok' };
      },
    },
  };
}
