// WXML class values to DOM classes, as WeChat's style isolation maps them (glass-easel's
// ClassList over the miniprogram adapter's style scopes). Every class value goes through
// here, static or computed: the value is only known at render time, so the template
// compiler leaves it alone.
//
// Each page or component renders in a style scope: its own (`c3`: `a` becomes the DOM
// class `c3--a`, matched by its WXSS compiled with that scope) or the shared one (`a`
// stays `a`, matched by app.wxss, shared pages' and shared components' WXSS). The
// render context (`ctx`, view.js) of a template carries:
//   styleScope  '' (shared) or the scope's name;
//   extraScope  '' when its elements also carry the shared names (apply-shared);
//   owner       the context whose template holds this component's host (none: a page);
//   page        the page's context (`~` names resolve in it);
//   externalClasses  name → the DOM classes the host gave it, resolved in `owner`.

/** How WeChat splits a class value (glass-easel's `matchClassName`). */
const CLASS_NAME = /[^\s.,]+/g;

/** The DOM class for `name` in the scope `scope` ('' is the shared scope). */
const domName = (scope, name) => (scope ? `${scope}--${name}` : name);

/**
 * `styleIsolation` of a page or component: the `.json`'s, else the options' (`addGlobalClass`
 * is `apply-shared`), else `isolated` for a component and `shared` for a page. The json
 * wins as in glass-easel-miniprogram-adapter, where it is the only source read.
 */
export function styleIsolation({ json, options, page }) {
  const given = json?.styleIsolation ?? options?.styleIsolation;
  const known = page
    ? ['page-isolated', 'page-apply-shared', 'page-shared', 'shared', 'apply-shared', 'isolated']
    : ['isolated', 'apply-shared', 'shared'];
  if (known.includes(given)) return given;
  if (!page && (json?.addGlobalClass ?? options?.addGlobalClass)) return 'apply-shared';
  return page ? 'shared' : 'isolated';
}

/**
 * The class scopes an isolation gives a page or component whose own scope is `own`:
 * `{styleScope, extraScope, shared}`, `shared` telling which WXSS form it needs.
 */
export function scopesFor(isolation, own) {
  switch (isolation) {
    case 'apply-shared':
    case 'page-apply-shared':
      return { styleScope: own, extraScope: '', shared: false };
    case 'shared':
    case 'page-shared':
      return { styleScope: '', extraScope: undefined, shared: true };
    default:
      return { styleScope: own, extraScope: undefined, shared: false };
  }
}

function resolveName(name, ctx, out) {
  const external = ctx.externalClasses;
  if (external && Object.hasOwn(external, name)) {
    // Already resolved where the host was written (glass-easel resolves an alias in the
    // host's owner): `~`, `^` and nested external classes there apply.
    if (external[name]) out.push(external[name]);
    return;
  }
  const page = ctx.page ?? ctx;
  if (name[0] === '~') {
    out.push(domName(page.styleScope, name.slice(1)));
  } else if (name[0] === '^') {
    let rest = name.slice(1);
    let owner = ctx.owner;
    while (rest[0] === '^') {
      rest = rest.slice(1);
      owner = owner?.owner;
    }
    out.push(domName(owner ? owner.styleScope : page.styleScope, rest));
  } else {
    if (ctx.extraScope !== undefined) out.push(domName(ctx.extraScope, name));
    out.push(domName(ctx.styleScope, name));
  }
}

// Class values a template resolved, per render context: most patches see the same value
// again. Bounded, as computed values (`item-{{index}}`) can be many.
const CACHE_LIMIT = 512;

/**
 * The DOM classes of a WXML class value written in the template of `ctx`; remembered in
 * `ctx.classCache` until `forgetClasses(ctx)` (its external classes changed).
 */
export function resolveClasses(value, ctx) {
  const text = String(value ?? '');
  if (!ctx) return (text.match(CLASS_NAME) ?? []).join(' ');
  const cache = (ctx.classCache ??= new Map());
  const known = cache.get(text);
  if (known !== undefined) return known;
  const out = [];
  for (const name of text.match(CLASS_NAME) ?? []) {
    if (name === '~' || name === '^') continue;
    resolveName(name, ctx, out);
  }
  const classes = [...new Set(out.join(' ').split(' '))].filter(Boolean).join(' ');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, classes);
  return classes;
}

/** What `ctx` resolved no longer holds: its external classes changed. */
export function forgetClasses(ctx) {
  ctx.classCache = undefined;
}


const isolations = new WeakMap();

/** The WXSS attribute of a page root naming the sheets confined to it (core's SHEETS_ATTRIBUTE). */
export const SHEETS_ATTRIBUTE = 'wxrt-sheets';

function confine(pageRoot, sheet) {
  if (!pageRoot || !sheet) return;
  const sheets = (pageRoot.getAttribute(SHEETS_ATTRIBUTE) ?? '').split(' ').filter(Boolean);
  if (!sheets.includes(sheet)) pageRoot.setAttribute(SHEETS_ATTRIBUTE, [...sheets, sheet].join(' '));
}

/**
 * A page's render context gets its scopes, and its root the page's sheet; the page's
 * WXSS goes in in the form its isolation needs. `options` are a Component()-built page's.
 */
export function scopePage(ctx, { root, json, options, styles, route }) {
  const isolation = styleIsolation({ json, options, page: true });
  const sheet = ctx.scope;
  const scopes = scopesFor(isolation, sheet);
  Object.assign(ctx, { styleScope: scopes.styleScope, extraScope: scopes.extraScope, page: ctx, owner: undefined, pageRoot: root });
  confine(root, sheet);
  styles.page(route, !scopes.shared);
}

/**
 * A component's render context gets its scopes from its isolation, its host the marks
 * the renderer reads (patch.js), and its WXSS goes in in the form the isolation needs; a
 * shared component's sheet is confined to the pages that show it. `json()` reads its
 * `.json`, once per definition.
 */
export function scopeComponent(ctx, { owner, definition, json, styles, path, host, properties }) {
  let isolation = isolations.get(definition);
  if (isolation === undefined) {
    isolation = styleIsolation({ json: json(), options: definition.options });
    isolations.set(definition, isolation);
  }
  const scopes = scopesFor(isolation, ctx.scope);
  const page = owner?.page ?? owner;
  Object.assign(ctx, { styleScope: scopes.styleScope, extraScope: scopes.extraScope, owner, page });
  if (scopes.shared) {
    styles.component(path, true);
    confine(page?.pageRoot, ctx.scope);
  }
  if (definition.options?.virtualHost) {
    // Its children lay out as the parent's own (flex items, grid cells), as in WeChat.
    host.wxVirtualHost = true;
    host.style.display = 'contents';
  } else {
    host.wxHostClass = `${ctx.scope}-host`;
  }
  if (properties && Object.hasOwn(properties, 'style')) host.wxStyleProperty = true;
}
