// `Element.callFunction`: DevTools' table of what the client's element subclasses do to
// built-in components (`input.input(value)`, `swiper.swipeTo(index)`, …), each acting as
// the user would, so the component's own events follow.

const TABLE = {
  input: { input: (el, value) => type(el, value) },
  textarea: { input: (el, value) => type(el, value) },
  'scroll-view': {
    scrollTo(el, x, y) {
      el.scrollTo({ left: Number(x) || 0, top: Number(y) || 0, behavior: 'instant' });
    },
    scrollTop: (el) => el.scrollTop,
    scrollLeft: (el) => el.scrollLeft,
    scrollWidth: (el) => el.scrollWidth,
    scrollHeight: (el) => el.scrollHeight,
  },
  swiper: {
    swipeTo(el, index) {
      el.wxGo?.(Number(index), 'touch');
    },
  },
  switch: {
    tap(el) {
      el.wxField?.click();
    },
  },
  slider: {
    slideTo(el, value) {
      const input = el.wxField;
      if (!input) return;
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
  },
};

/** What typing `value` into an input or textarea does: its text, then `bindinput`. */
function type(el, value) {
  const field = el.wxField;
  if (!field) return;
  field.value = String(value);
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: String(value) }));
}

/** The function `name` (`'input.input'`) of the table, or undefined. */
export function functionNamed(name) {
  const [tag, fn] = String(name).split('.');
  const family = Object.hasOwn(TABLE, tag) ? TABLE[tag] : undefined;
  return family && Object.hasOwn(family, fn) ? family[fn] : undefined;
}
