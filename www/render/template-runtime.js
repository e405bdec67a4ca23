// The helpers compiled WXML calls (`R`): building virtual nodes, WeChat's value rules
// for bindings, iteration, keys, templates, and the reuse of unchanged `wx:for` rows.
// Core compiles each .wxml file to a function of `R` (crates/core/src/wxml); the patcher
// (patch.js) turns the nodes into DOM.
//
// A node is `{ t: tag, a: attrs, c: children, k: key, o: owner }` or `{ x: text, o }`;
// `owner` is the render context of the page or component whose template made it: events
// go to its methods, its classes are scoped to it.

/** When each object of page or component data last changed (bumped by setData). */
const versions = new WeakMap();

/** Records that `objects` (what a setData walked through or wrote) changed. */
export function touch(objects) {
  for (const object of objects) versions.set(object, (versions.get(object) ?? 0) + 1);
}

/** How many times setData changed the object `value` (0 for anything else). */
export const versionOf = (value) => (value !== null && typeof value === 'object' ? versions.get(value) ?? 0 : 0);

function sameDeps(previous, deps) {
  if (previous.length !== deps.length * 2) return false;
  for (let i = 0; i < deps.length; i += 1) {
    if (!Object.is(previous[i * 2], deps[i]) || previous[i * 2 + 1] !== versionOf(deps[i])) return false;
  }
  return true;
}

function recordDeps(deps) {
  const record = new Array(deps.length * 2);
  for (let i = 0; i < deps.length; i += 1) {
    record[i * 2] = deps[i];
    record[i * 2 + 1] = versionOf(deps[i]);
  }
  return record;
}

/** WeChat's text of a bound value: nothing for undefined and null, else JS's String(). */
export function str(value) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') {
    try {
      return Array.isArray(value) ? value.map(str).join(',') : JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** The helpers, over the render context in `R.ctx` (set by the view while it renders). */
export const R = {
  ctx: undefined,
  str,
  el(t, a, c, k) {
    return { t, a, c, k, o: R.ctx };
  },
  text(value) {
    return { x: typeof value === 'string' ? value : str(value), o: R.ctx };
  },
  g(object, key) {
    if (object === undefined || object === null) return undefined;
    return object[key];
  },
  call(object, key, args) {
    if (object === undefined || object === null) return undefined;
    const method = object[key];
    return typeof method === 'function' ? method.apply(object, args) : undefined;
  },
  fn(f, args) {
    return typeof f === 'function' ? f(...args) : undefined;
  },
  each(list, body) {
    if (Array.isArray(list)) {
      for (let i = 0; i < list.length; i += 1) body(list[i], i);
    } else if (typeof list === 'string') {
      for (let i = 0; i < list.length; i += 1) body(list[i], i);
    } else if (typeof list === 'number') {
      for (let i = 0; i < list; i += 1) body(i, i);
    } else if (list !== null && typeof list === 'object') {
      for (const key of Object.keys(list)) body(list[key], key);
    }
  },
  key(item, index, spec) {
    if (spec === undefined) return String(index);
    if (spec === '*this') return str(item);
    if (spec !== null && typeof spec === 'object') return str(spec.value);
    return str(R.g(item, spec));
  },
  // Entries are kept per site, then per key: a row's lookup builds no string, which
  // matters once a list has thousands of rows and every setData walks them all.
  memo(site, key, deps, build) {
    if (deps === null) return build();
    const ctx = R.ctx;
    let next = ctx.memoNext.get(site);
    if (!next) ctx.memoNext.set(site, (next = new Map()));
    // A key used twice in one render: each occurrence builds its own nodes.
    if (next.has(key)) return build();
    const previous = ctx.memo.get(site)?.get(key);
    if (previous && sameDeps(previous.deps, deps)) {
      next.set(key, previous);
      return previous.nodes;
    }
    const entry = { deps: recordDeps(deps), nodes: undefined };
    // Claimed before building, so the same key met again inside builds its own.
    next.set(key, entry);
    entry.nodes = build();
    return entry.nodes;
  },
  tpl(self, name, data, W, $C) {
    R.ctx.templates.render(self, str(name), data, $C);
  },
  include(path, D, $C) {
    R.ctx.templates.include(path, D, $C);
  },
};
