// The trees WeChat's component model is defined over, read from the rendered DOM. The DOM
// is the composed tree (slot content sits inside the component's `<wx-slot>`); each
// template's own tree (glass-easel's shadow tree) is its elements, `node.o` being the
// render context of the template that wrote them. Relations, selectComponent and
// non-composed events walk a template's own tree; composed events walk the DOM.

/** The render context (page or component template) whose tree `el` belongs to. */
export const ownerOf = (el) => el?.wxNode?.o;

/**
 * The parent of `el` in its own template's tree: the nearest element above it that the
 * same template wrote, or undefined at the template's root (a shadow root's parent is no
 * node, as in glass-easel).
 */
export function logicalParent(el) {
  const ctx = ownerOf(el);
  for (let up = el.parentNode; up; up = up.parentNode) {
    if (up.wxPageRoot || (up.wxComponent && up.wxComponent.view?.ctx === ctx)) return undefined;
    if (up.wxNode && up.wxNode.o === ctx && up.wxNode.t !== 'slot') return up;
  }
  return undefined;
}

/** The elements of `ctx`'s own tree under `root`, in document order. */
export function elementsOf(root, ctx) {
  const out = [];
  const walk = (el) => {
    for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
      if (child.wxNode?.o === ctx && child.wxNode.t !== 'slot') out.push(child);
      // Another template's tree can hold ours again only through a slot, so keep walking.
      walk(child);
    }
  };
  walk(root);
  return out;
}

/* Selectors as `selectComponent` takes them: compound selectors of a tag, `#id`, `.class`
 * and `[attr]`/`[attr=value]`, joined by ` `, `>` and `>>>` (into a component's own
 * tree), in a `,` list. They match a template's own tree, with the class names written in
 * the template (before scoping). */

function parseCompound(text) {
  const compound = { tag: undefined, id: undefined, classes: [], attrs: [] };
  const re = /([a-zA-Z][\w-]*)|#([\w-]+)|\.([\w-]+)|\[([\w:-]+)(?:=["']?([^"'\]]*)["']?)?\]/gy;
  let m;
  let at = 0;
  while (at < text.length && (m = re.exec(text))) {
    at = re.lastIndex;
    if (m[1] !== undefined) compound.tag = m[1];
    else if (m[2] !== undefined) compound.id = m[2];
    else if (m[3] !== undefined) compound.classes.push(m[3]);
    else compound.attrs.push([m[4], m[5]]);
  }
  if (at !== text.length || text === '') return undefined;
  return compound;
}

/** `a > b >>> c` as steps `[{compound, combinator}]` (the combinator before it). */
export function parseSelector(selector) {
  const groups = [];
  for (const part of String(selector).split(',')) {
    const tokens = part.trim().replace(/\s*(>>>|>)\s*/g, ' $1 ').split(/\s+/).filter(Boolean);
    const steps = [];
    let combinator = ' ';
    for (const token of tokens) {
      if (token === '>' || token === '>>>') {
        combinator = token;
        continue;
      }
      const compound = parseCompound(token);
      if (!compound) return undefined;
      steps.push({ compound, combinator });
      combinator = ' ';
    }
    if (steps.length === 0) return undefined;
    groups.push(steps);
  }
  return groups;
}

/** Whether `node` (`el`'s template node by default) matches one compound selector. */
export function matchesCompound(el, { tag, id, classes, attrs }, node = el.wxNode) {
  if (tag !== undefined && node.t !== tag) return false;
  if (id !== undefined && String(node.a.id ?? '') !== id) return false;
  if (classes.length) {
    const own = String(node.a.class ?? '').split(/\s+/);
    if (!classes.every((c) => own.includes(c))) return false;
  }
  for (const [name, value] of attrs) {
    if (!(name in node.a)) return false;
    if (value !== undefined && String(node.a[name]) !== value) return false;
  }
  return true;
}

/** Whether `el` matches `steps[0..=i]`, `steps[i]` being matched by `el` itself. */
function matchesSteps(el, steps, i) {
  if (!matchesCompound(el, steps[i].compound)) return false;
  if (i === 0) return true;
  const { combinator } = steps[i];
  if (combinator === '>>>') {
    // `el` is in a component's own tree; the previous step is that component's host.
    const host = ownerOf(el)?.host;
    return Boolean(host) && matchesSteps(host, steps, i - 1);
  }
  if (combinator === '>') {
    const parent = logicalParent(el);
    return Boolean(parent) && matchesSteps(parent, steps, i - 1);
  }
  for (let up = logicalParent(el); up; up = logicalParent(up)) {
    if (matchesSteps(up, steps, i - 1)) return true;
  }
  return false;
}

/**
 * The elements matching `selector` in the tree of `ctx` (rendered under `root`), and in
 * component trees that `>>>` steps into; document order.
 */
export function selectIn(root, ctx, selector) {
  const groups = parseSelector(selector);
  if (!groups) return [];
  const found = new Set();
  for (const steps of groups) {
    // Which trees the last step may match in: the own tree, and one more per `>>>`.
    let trees = [ctx];
    for (let i = 1; i < steps.length; i += 1) {
      if (steps[i].combinator !== '>>>') continue;
      const next = [];
      for (const tree of trees) {
        for (const el of elementsOf(tree === ctx ? root : tree.host, tree)) {
          if (el.wxComponent?.view && matchesSteps(el, steps.slice(0, i), i - 1)) next.push(el.wxComponent.view.ctx);
        }
      }
      trees = next;
    }
    for (const tree of trees) {
      for (const el of elementsOf(tree === ctx ? root : tree.host, tree)) {
        if (matchesSteps(el, steps, steps.length - 1)) found.add(el);
      }
    }
  }
  const all = [...found];
  all.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return all;
}
