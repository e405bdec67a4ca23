// Virtual nodes (template-runtime.js) to DOM, and the smallest DOM change from one render
// to the next: nodes reused by `R.memo` are skipped outright, keyed rows move with their
// DOM (and the state it holds: focus, typed text, scroll), everything else is patched in
// place. WXML tags become `wx-<tag>` elements; built-in components add their behaviour
// through the controllers in elements/, custom components through `hooks.component`.

import { resolveClasses } from './classes.js';
import { feature, loadFeature } from './features.js';

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

/** Inline `style` with rpx, as WeChat allows in WXML. */
export const inlineStyle = (text) => String(text).replace(RPX, (_, n) => (Number(n) === 0 ? '0' : `calc(${n} * var(--wxrt-rpx))`));

/** The DOM classes of WXML `classes` written in the template of `ctx` (classes.js). */
export const scopedClasses = resolveClasses;

let hooks = { controller: () => undefined, component: () => undefined };

/** Installs the element controllers and the custom-component factory. */
export function configurePatch(next) {
  hooks = next;
}

function applyCommon(dom, node, old) {
  const a = node.a;
  const o = old?.a ?? {};
  if (a.id !== o.id) {
    if (a.id === undefined || a.id === '') dom.removeAttribute('id');
    else dom.id = String(a.id);
  }
  // A virtual host (`virtualHost: true`) is no node in WeChat: its class, style, hidden
  // and animation do nothing (the component may take `class` as an external class and
  // `style` as a property); here it is a `display: contents` box that must stay bare.
  if (dom.wxVirtualHost) return;
  const own = resolveClasses(a.class, node.o);
  let classes = dom.wxHostClass ? (own ? `${own} ${dom.wxHostClass}` : dom.wxHostClass) : own;
  // Set only by the WXS chunk (wxs-events.js), so it is there.
  if (dom.wxsClasses?.size) classes = feature('wxs').withWxsClasses(dom, classes);
  if (dom.getAttribute('class') !== classes) {
    if (classes) dom.setAttribute('class', classes);
    else dom.removeAttribute('class');
  }
  // A component with a `style` property takes the host's style as that property only
  // (glass-easel's template engine), as TDesign's components do.
  if ((a.style !== o.style || !old) && !dom.wxStyleProperty) {
    const style = a.style === undefined ? '' : inlineStyle(a.style);
    if (dom.wxStyle !== style) {
      dom.style.cssText = style;
      dom.wxStyle = style;
      if (dom.wxsStyle) feature('wxs').restoreWxsStyle(dom);
      // Set only by the animation chunk, so it is there.
      if (dom.wxAnimatedStyle) feature('animation').restoreAnimatedStyle(dom);
    }
  }
  if (a.animation !== undefined || dom.wxAnimationValue !== undefined) {
    // An attribute plays from the next frame anyway: the chunk may arrive first.
    const value = a.animation;
    if (feature('animation')) feature('animation').animationAttribute(dom, value);
    else loadFeature('animation').then((animation) => animation.animationAttribute(dom, value), () => {});
  }
  const hidden = a.hidden !== undefined && a.hidden !== false && a.hidden !== 'false';
  if (dom.hidden !== hidden) dom.hidden = hidden;
}

/** WXS `change:prop` observers (wxs-events.js): only a project with WXS can write one. */
const observeWxs = (dom, node, old) => feature('wxs')?.observeWxsProperties(dom, node, old);

/** Creates the DOM of `node` (and its subtree). */
export function mount(node) {
  if (node.x !== undefined) {
    const text = document.createTextNode(node.x);
    node.d = text;
    return text;
  }
  if (node.t === 'slot' && node.o?.slots) return mountSlot(node);
  const component = hooks.component(node);
  if (component) {
    const host = component.mount(node);
    node.d = host;
    node.inst = component;
    host.wxNode = node;
    applyCommon(host, node);
    observeWxs(host, node);
    return host;
  }
  const controller = hooks.controller(node.t);
  const dom = controller?.create ? controller.create(node) : document.createElement(`wx-${node.t}`);
  node.d = dom;
  dom.wxNode = node;
  applyCommon(dom, node);
  const box = dom.wxChildren ?? dom;
  if (!controller?.ownsChildren) for (const child of node.c) box.append(mount(child));
  controller?.update?.(dom, node, undefined);
  observeWxs(dom, node);
  return dom;
}

/**
 * A `<slot>` of a component's template: the content its user gave for that name. A slot
 * given nothing is a comment, not an element: WeChat renders no node for a slot, and
 * library styles rely on it (Vant's `.van-field__control:empty` shows the real input only
 * when the custom-input slot is empty).
 */
function mountSlot(node) {
  const content = node.o.slots(node.a.name ?? '');
  node.slotContent = content;
  node.o.slotElements.add(node);
  const dom = slotDom(node, content.length > 0);
  for (const child of content) dom.append(movedContent(node, child) ?? mount(child));
  return dom;
}

/**
 * Content another live slot of the component shows (the template re-created its slot
 * elsewhere in this patch, as WeUI's cell moving its default slot when a checkbox turns
 * into a radio) moves over with its DOM and components, as WeChat moves slot content,
 * rather than being mounted a second time.
 */
function movedContent(slot, child) {
  const from = child.d?.parentNode?.wxNode;
  if (!from || from === slot || !slot.o.slotElements.has(from)) return undefined;
  from.slotContent = from.slotContent.filter((c) => c !== child);
  return child.d;
}

function slotDom(node, filled) {
  const dom = filled ? document.createElement('wx-slot') : document.createComment('slot');
  node.d = dom;
  dom.wxNode = node;
  return dom;
}

/** Refreshes a slot when its user re-rendered the content. */
export function refreshSlot(node) {
  const content = node.o.slots(node.a.name ?? '');
  const filled = content.length > 0;
  if (filled !== (node.d.nodeType === Node.ELEMENT_NODE)) {
    for (const child of node.slotContent) unmount(child);
    const old = node.d;
    old.replaceWith(slotDom(node, filled));
    for (const child of content) node.d.append(movedContent(node, child) ?? mount(child));
  } else if (filled) {
    patchChildren(node.d, node.slotContent, content);
  }
  node.slotContent = content;
}

/** Removes what `node` set up (component lifetimes, timers); the DOM goes with its parent. */
export function unmount(node) {
  if (node.x !== undefined) return;
  if (node.inst) {
    node.inst.unmount();
    return;
  }
  if (node.slotContent) {
    node.o.slotElements.delete(node);
    for (const child of node.slotContent) unmount(child);
    return;
  }
  hooks.controller(node.t)?.destroy?.(node.d, node);
  for (const child of node.c) unmount(child);
}

/** What must agree for an old node to be patched into a new one: text, or tag and key. */
const kindOf = (node) => {
  if (node.x !== undefined) return '#text';
  // A slot stands for the content of its name: a slot of another name is another node.
  const tag = node.t === 'slot' ? `slot\u0002${node.a.name ?? ''}` : node.t;
  return `${tag}\u0000${node.k === undefined ? '\u0001' : node.k}`;
};

const sameKind = (a, b) => kindOf(a) === kindOf(b);

/** Makes `old`'s DOM show `node`; returns the DOM node (new when it had to be replaced). */
export function patch(old, node) {
  if (old === node) return old.d;
  if (!sameKind(old, node)) {
    const dom = mount(node);
    old.d.replaceWith(dom);
    unmount(old);
    return dom;
  }
  const dom = old.d;
  node.d = dom;
  if (node.x !== undefined) {
    if (old.x !== node.x) dom.data = node.x;
    return dom;
  }
  if (old.slotContent) {
    node.slotContent = old.slotContent;
    node.o.slotElements.delete(old);
    node.o.slotElements.add(node);
    refreshSlot(node);
    return node.d;
  }
  dom.wxNode = node;
  if (old.inst) {
    node.inst = old.inst;
    applyCommon(dom, node, old);
    old.inst.update(node);
    observeWxs(dom, node, old);
    return dom;
  }
  const controller = hooks.controller(node.t);
  applyCommon(dom, node, old);
  if (!controller?.ownsChildren) patchChildren(dom.wxChildren ?? dom, old.c, node.c);
  controller?.update?.(dom, node, old);
  observeWxs(dom, node, old);
  return dom;
}

/**
 * Which entries of `positions` (old indices, -1 for new nodes) stay where they are: a
 * longest increasing run, as glass-easel's list diff keeps its longest common subsequence
 * and moves only the rest.
 */
function stableEntries(positions) {
  const stable = new Uint8Array(positions.length);
  let sorted = true;
  let last = -1;
  for (const at of positions) {
    if (at < 0) continue;
    if (at < last) sorted = false;
    last = at;
  }
  if (sorted) {
    for (let i = 0; i < positions.length; i += 1) stable[i] = positions[i] >= 0 ? 1 : 0;
    return stable;
  }
  const tails = [];
  const previous = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i += 1) {
    const at = positions[i];
    if (at < 0) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[tails[mid]] < at) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) stable[i] = 1;
  return stable;
}

/**
 * A node moved within its parent: the components in it hear `moved` and remake their
 * relations (`linkChanged`), inner ones first, as glass-easel's checkAndCallMoved walks
 * the children (slot content), then the shadow tree, then the component.
 */
function movedWithin(node) {
  if (node.x !== undefined || node.slotContent) return;
  if (node.inst) {
    for (const child of node.c) if (child.d) movedWithin(child);
    for (const inner of node.inst.view?.nodes ?? []) movedWithin(inner);
    node.inst.moved();
    return;
  }
  for (const child of node.c) movedWithin(child);
}

/**
 * Patches the children of `parent` from `oldList` to `newList`: keyed nodes by key, the
 * others (and nodes whose key repeats one already taken: library templates write
 * `wx:key="index"` over items without an `index`) with the first unused old node of their
 * kind, in order. The DOM then takes the new order moving only what is not in the longest
 * run kept in order, and the components of what moved hear `moved`.
 */
export function patchChildren(parent, oldList, newList) {
  if (oldList === newList) return;
  // The nodes both lists share at their ends (R.memo hands back a kept row's very nodes)
  // are in place already: only the range between them is reconciled, so one row changed
  // in a long list costs that row, not a walk of every row through the maps below.
  let start = 0;
  const shorter = Math.min(oldList.length, newList.length);
  while (start < shorter && oldList[start] === newList[start]) start += 1;
  let oldEnd = oldList.length;
  let newEnd = newList.length;
  while (oldEnd > start && newEnd > start && oldList[oldEnd - 1] === newList[newEnd - 1]) {
    oldEnd -= 1;
    newEnd -= 1;
  }
  if (start === oldEnd && start === newEnd) return;
  if (start === 0 && oldEnd === oldList.length && newEnd === newList.length) {
    reconcile(parent, oldList, newList, undefined);
  } else {
    reconcile(parent, oldList.slice(start, oldEnd), newList.slice(start, newEnd), start > 0 ? oldList[start - 1].d : undefined);
  }
}

/**
 * Makes `parent`'s DOM for `oldList` that of `newList`, by key, then by kind. `after` is
 * the DOM just before the range when the lists are part of `parent`'s children.
 */
function reconcile(parent, oldList, newList, after) {
  const byKey = new Map();
  const spare = new Map();
  const oldIndex = new Map();
  for (let i = 0; i < oldList.length; i += 1) {
    const old = oldList[i];
    oldIndex.set(old, i);
    if (old.k !== undefined && !byKey.has(old.k)) {
      byKey.set(old.k, old);
      continue;
    }
    const kind = kindOf(old);
    if (spare.has(kind)) spare.get(kind).push(old);
    else spare.set(kind, [old]);
  }
  const used = new Set();
  const nextSpare = new Map();
  const takeSpare = (node) => {
    const kind = kindOf(node);
    const list = spare.get(kind);
    if (!list) return undefined;
    let at = nextSpare.get(kind) ?? 0;
    while (at < list.length && used.has(list[at])) at += 1;
    nextSpare.set(kind, at + 1);
    return list[at];
  };
  const doms = new Array(newList.length);
  // Where each new node's DOM was among the old ones; -1 for DOM made afresh.
  const positions = new Array(newList.length);
  for (let i = 0; i < newList.length; i += 1) {
    const node = newList[i];
    let old;
    if (node.k !== undefined) {
      old = byKey.get(node.k);
      if (old && used.has(old)) old = undefined;
    }
    old ??= takeSpare(node);
    if (old) {
      used.add(old);
      const before = old.d;
      doms[i] = patch(old, node);
      positions[i] = doms[i] === before ? oldIndex.get(old) : -1;
    } else {
      doms[i] = mount(node);
      positions[i] = -1;
    }
  }
  for (const old of oldList) {
    if (!used.has(old)) {
      unmount(old);
      old.d.remove();
    }
  }
  const stable = stableEntries(positions);
  const firstStable = stable.indexOf(1);
  let moved;
  for (let i = 0; i < doms.length; i += 1) {
    if (stable[i]) continue;
    const dom = doms[i];
    let before;
    if (i > 0) before = doms[i - 1].nextSibling;
    else if (after) before = after.nextSibling;
    else before = firstStable >= 0 ? doms[firstStable] : parent.firstChild;
    if (before !== dom) parent.insertBefore(dom, before);
    if (positions[i] >= 0) (moved ??= []).push(newList[i]);
  }
  if (moved) for (const node of moved) movedWithin(node);
}
