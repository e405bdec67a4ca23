// `wx.createSelectorQuery()` and a component's `this.createSelectorQuery()`: selectors
// written as in WXSS (`#id`, `.class`, `view`), answered from the rendered DOM.

import { datasetOf, wxElementOf } from './events.js';

/** A WXSS-style selector as a DOM selector for elements rendered in `scope`. */
export function domSelector(selector, ctx) {
  return String(selector).replace(/(^|[\s>+~,(])([a-zA-Z][\w-]*)|\.([\w-]+)/g, (match, before, tag, cls) => {
    if (cls !== undefined) return ctx?.kind === 'component' ? `.${ctx.scope}--${cls}` : `.${cls}`;
    return `${before}wx-${tag}`;
  });
}

function describe(el, fields, origin) {
  const out = {};
  if (fields.id) out.id = el.id ?? '';
  if (fields.dataset) out.dataset = datasetOf(el.wxNode?.a);
  if (fields.rect || fields.size) {
    const rect = el.getBoundingClientRect();
    if (fields.rect) Object.assign(out, { left: rect.left - origin.left, right: rect.right - origin.left, top: rect.top - origin.top, bottom: rect.bottom - origin.top });
    if (fields.size) Object.assign(out, { width: rect.width, height: rect.height });
  }
  if (fields.scrollOffset) Object.assign(out, { scrollLeft: el.scrollLeft, scrollTop: el.scrollTop, scrollWidth: el.scrollWidth, scrollHeight: el.scrollHeight });
  for (const name of fields.properties ?? []) out[name] = el.wxNode?.a?.[name] ?? el.wxComponent?.instance.data[name];
  if (fields.computedStyle) {
    const style = getComputedStyle(el);
    for (const name of fields.computedStyle) out[name] = style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  }
  if (fields.node) out.node = el;
  return out;
}

class NodesRef {
  constructor(query, selector, all) {
    this.query = query;
    this.selector = selector;
    this.all = all;
  }

  fields(fields, callback) {
    this.query.requests.push({ ref: this, fields, callback });
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
}

export class SelectorQuery {
  /** `scope()` gives `{root, ctx, viewport}`: where to look and how classes are scoped. */
  constructor(scope) {
    this.scope = scope;
    this.requests = [];
  }

  in(component) {
    const owner = component?.__wxrtComponent;
    if (owner) this.scope = () => ({ root: owner.host, ctx: owner.view.ctx, viewport: this.scope().viewport });
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
    setTimeout(() => {
      const results = this.answer();
      if (typeof callback === 'function') callback(results);
    });
  }

  answer() {
    const { root, ctx, viewport } = this.scope();
    const origin = viewport?.getBoundingClientRect() ?? { left: 0, top: 0 };
    const results = this.requests.map(({ ref, fields, callback: each }) => {
      let result;
      if (ref.selector === null) {
        result = viewport ? { ...describe(viewport, fields, origin), id: '', dataset: {} } : null;
      } else {
        let found = [];
        try {
          found = root ? [...root.querySelectorAll(domSelector(ref.selector, ctx))].filter((el) => wxElementOf(el) === el) : [];
        } catch {
          found = [];
        }
        result = ref.all ? found.map((el) => describe(el, fields, origin)) : (found[0] ? describe(found[0], fields, origin) : null);
      }
      if (typeof each === 'function') each(result);
      return result;
    });
    return results;
  }
}
