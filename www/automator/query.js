// Which elements `page.$(selector)` and `element.$(selector)` find, as DevTools finds them:
// the selector is WXSS-like (tags, `#id`, `.class`, `[attr]`, descendant and `>`), tags are
// WXML tags (`view`, a custom component's tag, `page` for the page root) and match at any
// depth, while `.class` and `#id` match only in the scope queried (the page's template, or
// a custom component's own template when asked of its element), with the class names as
// the author wrote them. `a >>> b` goes on inside the components `a` matches, as
// selectComponent's selectors do. Only elements a template wrote are found: never the
// inner DOM of built-in components.

import { matchesCompound, ownerOf, parseSelector } from '../render/tree.js';

// The page root stands for the page's `<page>`: DevTools answers it as `body`.
const PAGE_NODE = { t: 'page', a: {} };
const nodeOf = (el) => (el.wxPageRoot ? PAGE_NODE : el.wxNode);
const isWxElement = (el) => Boolean(el.wxPageRoot || (el.wxNode && el.wxNode.t !== 'slot'));

/** The template elements under `root` (not `root` itself), in document order. */
function descendants(root) {
  const out = [];
  const walk = (el) => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (isWxElement(child)) out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

// `.class` and `#id` name only the template queried; a tag names its elements anywhere.
function matchesIn(el, compound, scope) {
  if ((compound.id !== undefined || compound.classes.length) && (el.wxPageRoot || ownerOf(el) !== scope)) return false;
  return matchesCompound(el, compound, nodeOf(el));
}

/** The nearest template element above `el` (the page root at most). */
function parentOf(el) {
  if (el.wxPageRoot) return undefined;
  for (let up = el.parentElement; up; up = up.parentElement) {
    if (isWxElement(up)) return up;
  }
  return undefined;
}

/** Whether `el` matches `steps[0..=i]` (space and `>` only). */
function matchesSteps(el, steps, i, scope) {
  if (!matchesIn(el, steps[i].compound, scope)) return false;
  if (i === 0) return true;
  if (steps[i].combinator === '>') {
    const parent = parentOf(el);
    return Boolean(parent) && matchesSteps(parent, steps, i - 1, scope);
  }
  for (let up = parentOf(el); up; up = parentOf(up)) {
    if (matchesSteps(up, steps, i - 1, scope)) return true;
  }
  return false;
}

/** `steps` cut at each `>>>`: the parts matched in one scope each. */
function segmentsOf(steps) {
  const out = [[]];
  for (const step of steps) {
    if (step.combinator === '>>>') out.push([]);
    out.at(-1).push({ ...step, combinator: step.combinator === '>>>' ? ' ' : step.combinator });
  }
  return out;
}

/** The scope a query from element `el` searches: a component's own template, else the one `el` is in. */
export function scopeOf(el) {
  return el.wxComponent?.view?.ctx ?? ownerOf(el);
}

/**
 * The elements `selector` finds below `root` (and the page root itself, asked of a page),
 * `scope` being the template whose classes and ids it names; document order. A selector
 * it cannot parse finds nothing.
 */
export function query(root, scope, selector) {
  const groups = parseSelector(String(selector));
  if (!groups) return [];
  const found = new Set();
  for (const steps of groups) {
    let places = [{ root, scope }];
    const parts = segmentsOf(steps);
    parts.forEach((part, k) => {
      const matched = [];
      for (const place of places) {
        const candidates = descendants(place.root);
        if (place.root.wxPageRoot) candidates.unshift(place.root);
        for (const el of candidates) {
          if (matchesSteps(el, part, part.length - 1, place.scope)) matched.push(el);
        }
      }
      if (k === parts.length - 1) for (const el of matched) found.add(el);
      else places = matched.filter((el) => el.wxComponent?.view).map((el) => ({ root: el, scope: el.wxComponent.view.ctx }));
    });
  }
  return [...found].sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}
