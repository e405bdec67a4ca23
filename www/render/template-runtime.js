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

/**
 * What one `wx:for` site (or other memoized site) keeps of a render: its entries in the
 * order met (`rows`, each key once), and, once a row came out of order, the keys met so
 * far (`claimed`).
 */
function siteMemo(previous) {
  return { previous, rows: [], inOrder: true, claimed: undefined, byKey: undefined };
}

function previousByKey(previous) {
  if (!previous) return undefined;
  previous.byKey ??= new Map(previous.rows.map((row) => [row.key, row]));
  return previous.byKey;
}

function reuseOrBuild(next, previous, key, deps, build) {
  next.claimed?.add(key);
  if (previous && sameDeps(previous.deps, deps)) {
    next.rows.push(previous);
    return previous.nodes;
  }
  const entry = { key, deps: recordDeps(deps), nodes: undefined };
  // Claimed before building, so the same key met again inside builds its own.
  next.rows.push(entry);
  entry.nodes = build();
  return entry.nodes;
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
  // Entries are kept per site, in the order the rows came. A list whose rows keep their
  // keys and order (most setData calls: a field of a row, a row appended) is matched row
  // by row against the previous render's, with no lookup by key; the first row out of
  // place turns the rest of that site's render to lookups in a map of the previous rows,
  // built then. Every setData walks every row of a long list, so this is its cost per row.
  memo(site, key, deps, build) {
    if (deps === null) return build();
    const ctx = R.ctx;
    let next = ctx.memoNext.get(site);
    if (!next) ctx.memoNext.set(site, (next = siteMemo(ctx.memo.get(site))));
    if (next.inOrder) {
      // Rows never hold a key twice, so a key met in order has not been met before.
      const previous = next.previous?.rows[next.rows.length];
      if (previous?.key === key) return reuseOrBuild(next, previous, key, deps, build);
      next.inOrder = false;
      next.claimed = new Set(next.rows.map((row) => row.key));
    }
    // A key used twice in one render: each occurrence builds its own nodes, kept nowhere.
    if (next.claimed.has(key)) return build();
    return reuseOrBuild(next, previousByKey(next.previous)?.get(key), key, deps, build);
  },
  tpl(self, name, data, W, $C) {
    R.ctx.templates.render(self, str(name), data, $C);
  },
  include(path, D, $C) {
    R.ctx.templates.include(path, D, $C);
  },
};
