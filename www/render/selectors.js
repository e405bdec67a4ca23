// Selectors as WeChat writes them (WXSS-style, inside one page's or component's own
// template), for everything that finds rendered elements: pageScrollTo, animate,
// observers, selector queries.

import { selectIn as selectTree } from './tree.js';

/** A WXSS-style selector as a DOM selector for elements rendered in `scope`. */
export function domSelector(selector, ctx) {
  return String(selector).replace(/(^|[\s>+~,(])([a-zA-Z][\w-]*)|\.([\w-]+)/g, (match, before, tag, cls) => {
    if (cls !== undefined) return ctx?.kind === 'component' ? `.${ctx.scope}--${cls}` : `.${cls}`;
    return `${before}wx-${tag}`;
  });
}

/**
 * The elements of the template of `ctx` under `root` that `selector` matches, in document
 * order: the component model's selector engine (tree.js), shared with selectComponent, so
 * `>>>`, `,` lists and class names as written work alike in both.
 */
export function selectIn(root, ctx, selector) {
  if (!root) return [];
  return selectTree(root, ctx, String(selector));
}

/**
 * The render scope of a page or component instance (`{root, ctx}`), or undefined: what
 * `.in(component)` and the observers read.
 */
export function scopeOfInstance(instance) {
  const owner = instance?.__wxrtComponent;
  if (owner) return owner.host ? { root: owner.host, ctx: owner.view?.ctx } : undefined;
  return instance?.__wxrtScope?.();
}
