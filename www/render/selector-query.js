// `wx.createSelectorQuery()` and a component's `this.createSelectorQuery()`: selectors
// written as in WXSS (`#id`, `.class`, `view`), answered from the rendered DOM. As in
// WeChat a query sees only the nodes of one page's or component's own template (its
// "shadow tree", slot content included, other components' insides not), `.in(component)`
// moves it into a component, and `exec` answers every request in the order it was made,
// after the views have drawn what was set before it. A chunk of its own (features.js).

import { datasetOf } from './events.js';
import { scopeOfInstance, selectIn } from './selectors.js';

const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `properties: ['scrollX']` reads the attribute `scroll-x`, or a component's property. */
function propertyOf(el, name) {
  const component = el.wxComponent?.instance;
  if (component && name in component.data) return component.data[name];
  const attrs = el.wxNode?.a ?? {};
  if (name in attrs) return attrs[name];
  return attrs[kebab(name)];
}

function marksOf(el) {
  const marks = {};
  for (let node = el; node; node = node.parentNode) {
    for (const [name, value] of Object.entries(node.wxNode?.a ?? {})) {
      if (name.startsWith('mark:') && !(name.slice(5) in marks)) marks[name.slice(5)] = value;
    }
    if (node.wxPageRoot) break;
  }
  return marks;
}

/**
 * What `fields({node: true})` gives: a built-in component's own node object when it has one
 * (scroll-view's ScrollViewContext), else the element.
 */
function nodeOf(el) {
  if (el.localName === 'wx-scroll-view') return scrollViewContext(el);
  return el.wxNodeApi ?? el;
}

/** WeChat's ScrollViewContext over a rendered scroll-view. */
function scrollViewContext(el) {
  return {
    scrollTo({ top, left, animated = true, duration } = {}) {
      el.scrollTo({ top: top ?? el.scrollTop, left: left ?? el.scrollLeft, behavior: animated && duration !== 0 ? 'smooth' : 'auto' });
    },
    scrollIntoView(selector) {
      const ctx = el.wxNode?.o;
      selectIn(el, ctx, selector)[0]?.scrollIntoView({ block: 'start', inline: 'start' });
    },
    get scrollEnabled() {
      return el.style.overflow !== 'hidden';
    },
    set scrollEnabled(value) {
      el.style.overflow = value ? '' : 'hidden';
    },
  };
}

function describe(el, fields, origin) {
  const out = {};
  if (fields.id) out.id = el.id ?? '';
  if (fields.dataset) out.dataset = datasetOf(el.wxNode?.a);
  if (fields.mark) out.mark = marksOf(el);
  if (fields.rect || fields.size) {
    const rect = el.getBoundingClientRect();
    if (fields.rect) Object.assign(out, { left: rect.left - origin.left, right: rect.right - origin.left, top: rect.top - origin.top, bottom: rect.bottom - origin.top });
    if (fields.size) Object.assign(out, { width: rect.width, height: rect.height });
  }
  if (fields.scrollOffset) Object.assign(out, { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollWidth: el.scrollWidth, scrollHeight: el.scrollHeight });
  for (const name of fields.properties ?? []) out[name] = propertyOf(el, name);
  if (fields.computedStyle) {
    const style = getComputedStyle(el);
    for (const name of fields.computedStyle) out[name] = style.getPropertyValue(kebab(name));
  }
  // Only nodes with a context (video, map, canvas…) have one; none of wxrt's components do.
  if (fields.context) out.context = el.wxContext ?? null;
  if (fields.node) out.node = nodeOf(el);
  return out;
}

class NodesRef {
  constructor(query, selector, all) {
    this.query = query;
    this.selector = selector;
    this.all = all;
  }

  fields(fields, callback) {
    this.query.requests.push({ ref: this, fields: { ...fields }, callback });
    return this.query;
  }

  boundingClientRect(callback) {
    return this.fields({ id: true, dataset: true, rect: true, size: true }, callback);
  }

  scrollOffset(callback) {
    return this.fields({ id: true, dataset: true, scrollOffset: true }, callback);
  }

  node(callback) {
    return this.fields({ node: true }, callback);
  }

  context(callback) {
    return this.fields({ context: true }, callback);
  }
}

export class SelectorQuery {
  /** `scope()` gives `{root, ctx, viewport}`: where to look and how classes are scoped. */
  constructor(scope) {
    this.scope = scope;
    this.requests = [];
  }

  in(component) {
    const outer = this.scope;
    const inner = () => scopeOfInstance(component);
    if (component?.__wxrtComponent || component?.__wxrtScope) {
      this.scope = () => ({ ...inner(), viewport: outer().viewport });
    }
    return this;
  }

  select(selector) {
    return new NodesRef(this, selector, false);
  }

  selectAll(selector) {
    return new NodesRef(this, selector, true);
  }

  selectViewport() {
    return new NodesRef(this, null, false);
  }

  /** Answers every request after the current task, as WeChat answers asynchronously. */
  exec(callback) {
    if (pending.push({ query: this, callback }) === 1) setTimeout(answerPending);
    return new NodesRef(this, null, false);
  }

  /** What each request finds now, in order. */
  measure() {
    const { root, ctx, viewport } = this.scope();
    const origin = viewport?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return this.requests.map(({ ref, fields }) => {
      if (ref.selector === null) {
        const result = viewport ? { ...describe(viewport, fields, origin), ...(fields.id ? { id: '' } : {}), ...(fields.dataset ? { dataset: {} } : {}) } : null;
        if (result && fields.node) result.node = scrollViewContext(viewport);
        return result;
      }
      const found = selectIn(root, ctx, ref.selector);
      return ref.all ? found.map((el) => describe(el, fields, origin)) : (found[0] ? describe(found[0], fields, origin) : null);
    });
  }

  /** Each request's callback with its result, then `exec`'s with them all. */
  deliver(results, callback) {
    this.requests.forEach(({ callback: each }, i) => {
      if (typeof each === 'function') each(results[i]);
    });
    if (typeof callback === 'function') callback(results);
  }
}

// The queries `exec` was called for in one task, answered together a task later, as
// WeChat's view layer answers what the logic layer sent it at once: all are measured
// first, then their callbacks run, each in the order `exec` was called. So a callback's
// setData cannot move what a query sent beside it measures, and the page lays out once
// for the lot instead of once per query (UI libraries measure in every component's
// `ready`).
const pending = [];

function answerPending() {
  const batch = pending.splice(0);
  // A query that fails (a selector the page cannot read) or a callback that throws is
  // reported as its own task's error would be, and the others are answered all the same.
  const measured = batch.map(({ query }) => attempt(() => query.measure()));
  batch.forEach(({ query, callback }, i) => {
    if (measured[i].ok) attempt(() => query.deliver(measured[i].value, callback));
  });
}

function attempt(fn) {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    globalThis.reportError(error);
    return { ok: false };
  }
}
