// WXS response events (WeChat's 交互动画, base library 2.4.4): a WXS function as an event
// handler (`bindtouchmove="{{swipe.onDrag}}"`), called with the event and the
// ComponentDescriptor of the page or component whose template wrote the element, and
// `change:prop="{{m.fn}}"` beside `prop="{{value}}"`, called with the new value, the old
// one, that owner's descriptor and the element's. TDesign's swipe cell, WeUI's slideview and
// TDesign's upload drag run on them. WeChat runs WXS in the view layer; here the renderer is
// that layer, so a descriptor works on the element directly.

import { resolveClasses } from './classes.js';
import { datasetOf } from './events.js';
import { feature } from './features.js';
import { inlineStyle } from './patch.js';
import { versionOf } from './template-runtime.js';
import { selectIn } from './tree.js';
import { deepCopy } from '../deep-copy.js';

const descriptors = new WeakMap();
const states = new WeakMap();

/** The template (`[root, ctx]`) a descriptor's selectors search: a component's or page's own, else the element's subtree. */
function treeOf(el, ctx) {
  if (el.wxComponent?.view) return [el, el.wxComponent.view.ctx];
  if (ctx) return [el, ctx];
  return [el, el.wxNode?.o];
}

/** The logic-layer instance `callMethod` and `triggerEvent` reach. */
function instanceOf(el, ctx) {
  if (el.wxComponent) return el.wxComponent.instance;
  return (ctx ?? el.wxNode?.o)?.instance;
}

function guardOf(el, ctx) {
  const guard = (el.wxComponent?.view?.ctx ?? ctx ?? el.wxNode?.o)?.guard;
  return guard ?? ((call) => call());
}

/** A probe element parses declarations as the browser does (shorthands into longhands). */
let probe;
function declarations(css, document) {
  probe ??= document.createElement('div');
  probe.style.cssText = css;
  const out = [];
  for (let i = 0; i < probe.style.length; i += 1) {
    const name = probe.style[i];
    out.push([name, probe.style.getPropertyValue(name), probe.style.getPropertyPriority(name)]);
  }
  return out;
}

/**
 * The element's style attribute was written (patch.js): what WXS set is put back over it,
 * since WeChat gives `setStyle` priority over the WXML style.
 */
export function restoreWxsStyle(el) {
  for (const [name, value, priority] of el.wxsStyle ?? []) el.style.setProperty(name, value, priority);
}

/** `classes` (the DOM classes patch.js computed) with those WXS added (`addClass`). */
export function withWxsClasses(el, classes) {
  const extra = [...(el.wxsClasses ?? [])].map((name) => resolveClasses(name, el.wxNode?.o)).join(' ');
  return [...new Set(`${classes} ${extra}`.split(' ').filter(Boolean))].join(' ');
}

/** WeChat's ComponentDescriptor over one rendered element (or a page's root). */
class ComponentDescriptor {
  #el;
  #ctx;

  constructor(el, ctx) {
    this.#el = el;
    this.#ctx = ctx;
  }

  #select(selector) {
    const [root, ctx] = treeOf(this.#el, this.#ctx);
    return ctx ? selectIn(root, ctx, String(selector)) : [];
  }

  selectComponent(selector) {
    const found = this.#select(selector)[0];
    return found ? descriptorOf(found) : null;
  }

  selectAllComponents(selector) {
    return this.#select(selector).map((el) => descriptorOf(el));
  }

  /**
   * An object or a `style` string, rpx allowed. Each call replaces what the previous one
   * set: properties it leaves out go back to the WXML style's.
   */
  setStyle(style) {
    const el = this.#el;
    // A page's root and a virtual host are no styled node in WeChat.
    if (el.wxPageRoot || el.wxVirtualHost) return this;
    const css = typeof style === 'string'
      ? style
      : Object.entries(style ?? {}).map(([name, value]) => `${name}: ${value}`).join('; ');
    const next = declarations(inlineStyle(css), el.ownerDocument);
    const own = declarations(el.wxStyle ?? '', el.ownerDocument);
    for (const [name] of el.wxsStyle ?? []) {
      if (next.some(([n]) => n === name)) continue;
      const written = own.find(([n]) => n === name);
      if (written) el.style.setProperty(...written);
      else el.style.removeProperty(name);
    }
    el.wxsStyle = next;
    restoreWxsStyle(el);
    // Set only by the animation chunk, so it is there.
    if (el.wxAnimatedStyle) feature('animation').restoreAnimatedStyle(el);
    return this;
  }

  addClass(name) {
    const el = this.#el;
    el.wxsClasses ??= new Set();
    for (const one of String(name).split(/\s+/).filter(Boolean)) {
      el.wxsClasses.add(one);
      for (const dom of resolveClasses(one, el.wxNode?.o).split(' ').filter(Boolean)) el.classList.add(dom);
    }
    return this;
  }

  removeClass(name) {
    const el = this.#el;
    for (const one of String(name).split(/\s+/).filter(Boolean)) {
      el.wxsClasses?.delete(one);
      for (const dom of resolveClasses(one, el.wxNode?.o).split(' ').filter(Boolean)) el.classList.remove(dom);
    }
    return this;
  }

  hasClass(name) {
    const doms = resolveClasses(String(name), this.#el.wxNode?.o).split(' ').filter(Boolean);
    return doms.length > 0 && doms.every((dom) => this.#el.classList.contains(dom));
  }

  getDataset() {
    return datasetOf(this.#el.wxNode?.a);
  }

  /** An object kept for this element as long as it lives, for the WXS that handles it. */
  getState() {
    let state = states.get(this.#el);
    if (!state) {
      state = {};
      states.set(this.#el, state);
    }
    return state;
  }

  /**
   * Calls a method of the page or component in the logic layer. In WeChat that is a message
   * to another thread, so the WXS goes on first; here it is the next microtask.
   */
  callMethod(name, args) {
    const instance = instanceOf(this.#el, this.#ctx);
    const guard = guardOf(this.#el, this.#ctx);
    queueMicrotask(() => {
      const method = instance?.[name];
      if (typeof method !== 'function') {
        console.warn(`wxrt: WXS callMethod: no method "${name}" on ${this.#ctx?.name ?? 'the component'}`);
        return;
      }
      guard(() => method.call(instance, args));
    });
  }

  /**
   * The component's `triggerEvent` (a page or plain element has none), reaching the logic
   * layer after the WXS as `callMethod` does, and in order with it.
   */
  triggerEvent(name, detail) {
    const instance = this.#el.wxComponent?.instance;
    if (instance) queueMicrotask(() => instance.triggerEvent(name, detail));
  }

  requestAnimationFrame(callback) {
    return this.#el.ownerDocument.defaultView.requestAnimationFrame(callback);
  }

  setTimeout(callback, ms) {
    return this.#el.ownerDocument.defaultView.setTimeout(callback, ms);
  }

  clearTimeout(id) {
    this.#el.ownerDocument.defaultView.clearTimeout(id);
  }

  getComputedStyle(names) {
    const computed = this.#el.ownerDocument.defaultView.getComputedStyle(this.#el);
    const out = {};
    for (const name of Array.isArray(names) ? names : []) out[name] = computed.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    return out;
  }

  /** The element's box, in the page's coordinates (as SelectorQuery's `boundingClientRect`). */
  getBoundingClientRect() {
    const rect = this.#el.getBoundingClientRect();
    const viewport = this.#el.closest?.('wx-page')?.parentElement;
    const origin = viewport?.getBoundingClientRect() ?? { left: 0, top: 0 };
    return { left: rect.left - origin.left, top: rect.top - origin.top, right: rect.right - origin.left, bottom: rect.bottom - origin.top, width: rect.width, height: rect.height };
  }
}

/** The descriptor of the rendered element `el` (the same one each time, so its state lasts). */
export function descriptorOf(el, ctx) {
  if (!el) return null;
  let descriptor = descriptors.get(el);
  if (!descriptor) {
    descriptor = new ComponentDescriptor(el, ctx);
    descriptors.set(el, descriptor);
  }
  return descriptor;
}

/** The descriptor of the page or component whose template is `ctx`: WXS's `ownerInstance`. */
export function ownerDescriptor(ctx) {
  if (!ctx) return null;
  return descriptorOf(ctx.kind === 'component' ? ctx.host : ctx.pageRoot, ctx);
}

/**
 * Runs the WXS handler `fn` for `event` at the element `el`: `fn(event, ownerInstance)`,
 * `event.instance` being `el`'s descriptor. Returns true when it returned `false`, which
 * stops the event as `catch` does (WeChat: stopPropagation and preventDefault).
 */
export function callWxsHandler(fn, el, event) {
  const ctx = el.wxNode?.o;
  const guard = ctx?.guard ?? ((call) => call());
  const result = guard(() => fn({ ...event, instance: descriptorOf(el) }, ownerDescriptor(ctx)));
  return result === false;
}

const pending = [];
/** Per element, per property: the value last given and its setData version. */
const given = new WeakMap();

function flush() {
  const calls = pending.splice(0);
  for (const { fn, el, value, previous } of calls) {
    const ctx = el.wxNode?.o;
    const guard = ctx?.guard ?? ((call) => call());
    guard(() => fn(deepCopy(value), deepCopy(previous), ownerDescriptor(ctx), descriptorOf(el)));
  }
}

/**
 * `change:prop` observers of the element `dom` after patch.js drew `node` (over `old`, none
 * at creation): each runs when its property was set, at creation too (WeUI's slideview reads
 * its duration only from that first call). They run once the render is over, so the
 * descriptors they reach find the whole template.
 */
export function observeWxsProperties(dom, node, old) {
  const attrs = node.a;
  for (const name in attrs) {
    if (!name.startsWith('change:')) continue;
    const fn = attrs[name];
    if (typeof fn !== 'function') continue;
    const prop = name.slice(7);
    const value = attrs[prop];
    let seen = given.get(dom);
    if (!seen) given.set(dom, (seen = new Map()));
    const last = seen.get(prop);
    // An object setData changed in place (a path into it) counts as set again.
    if (old && last && Object.is(value, last.value) && versionOf(value) === last.version) continue;
    seen.set(prop, { value, version: versionOf(value) });
    const previous = last?.value;
    if (pending.length === 0) queueMicrotask(flush);
    pending.push({ fn, el: dom, value, previous });
  }
}
