// Virtual nodes (template-runtime.js) to DOM, and the smallest DOM change from one render
// to the next: nodes reused by `R.memo` are skipped outright, keyed rows move with their
// DOM (and the state it holds: focus, typed text, scroll), everything else is patched in
// place. WXML tags become `wx-<tag>` elements; built-in components add their behaviour
// through the controllers in elements/, custom components through `hooks.component`.

import { animationAttribute, restoreAnimatedStyle } from './animation.js';
import { resolveClasses } from './classes.js';

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
  const classes = dom.wxHostClass ? (own ? `${own} ${dom.wxHostClass}` : dom.wxHostClass) : own;
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
      if (dom.wxAnimatedStyle) restoreAnimatedStyle(dom);
    }
  }
  if (a.animation !== undefined || dom.wxAnimationValue !== undefined) animationAttribute(dom, a.animation);
  const hidden = a.hidden !== undefined && a.hidden !== false && a.hidden !== 'false';
  if (dom.hidden !== hidden) dom.hidden = hidden;
}

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
  for (const child of content) dom.append(mount(child));
  return dom;
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
    for (const child of content) node.d.append(mount(child));
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

const sameKind = (a, b) => (a.x !== undefined) === (b.x !== undefined) && a.t === b.t && a.k === b.k;

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
    return dom;
  }
  const controller = hooks.controller(node.t);
  applyCommon(dom, node, old);
  if (!controller?.ownsChildren) patchChildren(dom.wxChildren ?? dom, old.c, node.c);
  controller?.update?.(dom, node, old);
  return dom;
}

/** What must agree for an old node to be patched into a new one: text, or tag and key. */
const kindOf = (node) => (node.x !== undefined ? '#text' : `${node.t}\u0000${node.k === undefined ? '\u0001' : node.k}`);

/**
 * Patches the children of `parent` from `oldList` to `newList`: keyed nodes by key, the
 * others (and nodes whose key repeats one already taken: library templates write
 * `wx:key="index"` over items without an `index`) with the first unused old node of their
 * kind, in order, then puts the DOM in the new order with the fewest moves a forward pass
 * finds.
 */
export function patchChildren(parent, oldList, newList) {
  if (oldList === newList) return;
  const byKey = new Map();
  const spare = new Map();
  for (const old of oldList) {
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
      doms[i] = patch(old, node);
    } else {
      doms[i] = mount(node);
    }
  }
  for (const old of oldList) {
    if (!used.has(old)) {
      unmount(old);
      old.d.remove();
    }
  }
  let cursor = parent.firstChild;
  for (const dom of doms) {
    if (dom === cursor) {
      cursor = cursor.nextSibling;
    } else {
      parent.insertBefore(dom, cursor);
    }
  }
}
