// The `transitionend` / `animation*` events, which WeChat bubbles like touches. Any page
// may have CSS transitions, so this stays with the renderer, apart from animation.js.

import { dispatch, wxElementOf } from './events.js';

/**
 * The browser's transition and CSS animation events inside `root`, as WeChat's bubbling
 * `transitionend`, `animationstart`, `animationiteration` and `animationend`.
 */
export function listenForTransitions(root) {
  const forward = (event) => {
    const el = wxElementOf(event.target);
    if (!el || el !== event.target) return;
    dispatch(el, event.type, { elapsedTime: event.elapsedTime, ...(event.propertyName ? { propertyName: event.propertyName } : { animationName: event.animationName }) }, {}, { bubbles: true });
  };
  const types = ['transitionend', 'animationstart', 'animationiteration', 'animationend'];
  for (const type of types) root.addEventListener(type, forward);
  return () => {
    for (const type of types) root.removeEventListener(type, forward);
  };
}
