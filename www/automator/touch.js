// Where an element is, for gestures and reads of its box. A custom component's element is
// `display: contents` here (it has no box of its own), so its box is its content's.

/** The scrolling page viewport `el` is drawn in. */
export const viewportOf = (el) => el.closest('wx-page')?.parentElement ?? document.scrollingElement;

/** The element's box in the window: its own, or its content's when it has none. */
function rectOf(el) {
  if (getComputedStyle(el).display !== 'contents') return el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect();
}

/**
 * `el` read as DevTools reads an element's DOM properties, except that its size and
 * offsets come from `rectOf`, and `rect` is that box.
 */
export function boxView(el) {
  const rect = rectOf(el);
  const viewport = viewportOf(el);
  const frame = viewport.getBoundingClientRect();
  const own = {
    rect,
    offsetWidth: Math.round(rect.width),
    offsetHeight: Math.round(rect.height),
    offsetLeft: Math.round(rect.left - frame.left + viewport.scrollLeft),
    offsetTop: Math.round(rect.top - frame.top + viewport.scrollTop),
  };
  return new Proxy(el, {
    get(target, name) {
      if (Object.hasOwn(own, name)) return own[name];
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * A touch on `el` as the client gives it (mini-program coordinates: `clientX` from the
 * phone viewport's corner, `pageX` from the page's, each completing the other; by default
 * the element's centre): `touch`, that touch with every field, and `window`, where it is
 * in the browser window, for the pointer events that carry it.
 */
export function touchPoint(el, given) {
  const rect = rectOf(el);
  const viewport = viewportOf(el);
  const frame = viewport.getBoundingClientRect();
  const t = given && typeof given === 'object' ? given : {};
  const num = (v) => (v === undefined || v === null ? undefined : Number(v));
  const clientX = num(t.clientX) ?? (num(t.pageX) !== undefined ? num(t.pageX) - viewport.scrollLeft : rect.left + rect.width / 2 - frame.left);
  const clientY = num(t.clientY) ?? (num(t.pageY) !== undefined ? num(t.pageY) - viewport.scrollTop : rect.top + rect.height / 2 - frame.top);
  return {
    touch: {
      identifier: num(t.identifier) ?? 0,
      pageX: num(t.pageX) ?? clientX + viewport.scrollLeft,
      pageY: num(t.pageY) ?? clientY + viewport.scrollTop,
      clientX,
      clientY,
      force: num(t.force) ?? 1,
    },
    window: { clientX: frame.left + clientX, clientY: frame.top + clientY },
  };
}
