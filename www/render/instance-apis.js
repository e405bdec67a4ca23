// The methods WeChat gives every page and component instance for what is drawn:
// `createIntersectionObserver`, `animate` and `clearAnimation`. Each works inside the
// instance's own template, as its selector queries do. Their code is in chunks
// (features.js), loaded before the app runs when the project names them.

import { deferred, need } from './features.js';
import { selectIn } from './selectors.js';

/**
 * The methods for the instance whose render scope `scope()` gives (`{root, ctx}`, or
 * undefined before it is drawn); `viewport` is the page window's element.
 */
export function instanceApis(scope, viewport) {
  const targets = (selector) => {
    const { root, ctx } = scope() ?? {};
    return selectIn(root, ctx, selector);
  };
  return {
    createIntersectionObserver(options) {
      return deferred('intersectionObserver', ({ WxIntersectionObserver }) => new WxIntersectionObserver({ scope, viewport, options: options ?? {} }));
    },
    animate(selector, keyframes, duration, callback) {
      const { animateElements } = need('animation', 'animate');
      // A scroll-driven animation passes `{scrollSource, …}` here: not supported, said so.
      if (callback !== undefined && typeof callback !== 'function') {
        console.warn('wxrt: animate() driven by a scroll-view (ScrollTimeline) is not supported; the animation runs on time instead');
        animateElements(targets(selector), keyframes, duration);
        return;
      }
      animateElements(targets(selector), keyframes, duration, callback);
    },
    clearAnimation(selector, options, callback) {
      const { clearElements } = need('animation', 'clearAnimation');
      if (typeof options === 'function') clearElements(targets(selector), undefined, options);
      else clearElements(targets(selector), options, callback);
    },
  };
}
