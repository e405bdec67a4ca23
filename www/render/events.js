// WeChat's event model over the rendered DOM. Handlers are attributes of WXML nodes
// (`bindtap`, `bind:tap`, `catchtap`, `capture-bind:tap`, `capture-catch:tap`,
// `mut-bind:tap`); an event runs the capture phase from the page down to the target, then
// bubbles back up: `catch` stops it there, a `mut-bind` handler runs only if no other
// `mut-bind` ran for this event. Handlers are methods of the page or component whose
// template wrote the attribute. The browser's own propagation is not used: the path is
// WeChat's (glass-easel's event.ts), within one template's tree or, for `composed`
// events, across component boundaries with the target retargeted at each.

import { logicalParent } from './tree.js';

/** Events that bubble (touch and tap families); the others fire on their element only. */
const BUBBLING = new Set(['tap', 'longpress', 'longtap', 'touchstart', 'touchmove', 'touchend', 'touchcancel']);

/** `data-user-name` / `data-userName` → `dataset.userName` / `dataset.username`, as WeChat. */
export function datasetOf(attrs) {
  const dataset = {};
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (!name.startsWith('data-')) continue;
    const key = name.slice(5).toLowerCase().replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
    dataset[key] = value;
  }
  return dataset;
}

function marksOf(attrs) {
  const marks = {};
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (name.startsWith('mark:')) marks[name.slice(5)] = value;
  }
  return marks;
}

const describe = (node) => ({ id: node.a.id === undefined ? '' : String(node.a.id), dataset: datasetOf(node.a) });

/** The handler attribute of `node` for `type` in `phase`: `[kind, method name]`. */
function handlersOf(node, type, capture) {
  const found = [];
  for (const [name, value] of Object.entries(node.a)) {
    const m = /^(capture-bind|capture-catch|mut-bind|bind|catch):?(.+)$/.exec(name);
    if (!m || m[2] !== type) continue;
    const kind = m[1];
    if (capture !== kind.startsWith('capture-')) continue;
    if (typeof value === 'string' && value !== '') found.push([kind, value]);
  }
  return found;
}

/**
 * The event's path from the element `dom`, nearest first, each step `[element, target]`
 * with the target as the step's own template sees it. Without `composed` the path stays in
 * the template that wrote `dom` (slot content goes to the component it was given to);
 * with it, the path is the composed tree up to the page, as glass-easel's event.ts walks
 * it: inside a component the target is its `<slot>`, past a component's host it is the
 * host (retargeting), and back out of a slot it is the original target again.
 */
function pathOf(dom, composed) {
  const path = [];
  if (!composed) {
    for (let el = dom; el; el = logicalParent(el)) path.push([el, dom]);
    return path;
  }
  let target = dom;
  const entered = [];
  for (let el = dom; el; el = el.parentNode) {
    if (el.wxPageRoot) break;
    const node = el.wxNode;
    if (!node || node.t === undefined) continue;
    if (node.t === 'slot') {
      entered.push({ ctx: node.o, target });
      target = el;
      continue;
    }
    if (el !== dom && el.wxComponent) {
      target = entered.at(-1)?.ctx === el.wxComponent.view?.ctx ? entered.pop().target : el;
    }
    path.push([el, target]);
  }
  return path;
}

/** The nearest rendered WXML element at or above the DOM node `from`. */
export function wxElementOf(from) {
  for (let el = from; el; el = el.parentNode) {
    if (el.wxNode && el.wxNode.t !== undefined && el.wxNode.t !== 'slot') return el;
    if (el.wxPageRoot) return undefined;
  }
  return undefined;
}

function call(node, method, event) {
  const ctx = node.o;
  const instance = ctx?.instance;
  const handler = instance?.[method];
  if (typeof handler !== 'function') {
    console.warn(`wxrt: ${ctx?.name ?? 'the page'} has no method "${method}" to handle the event "${event.type}"`);
    return undefined;
  }
  return ctx.guard(() => handler.call(instance, event));
}

/**
 * Fires the WeChat event `type` at the rendered element `dom` with `detail`; returns the
 * value the last handler returned (input events use it). `extra` adds fields (touches).
 * The touch and tap families bubble, cross component boundaries and have a capture phase;
 * other built-in events reach their element only; `triggerEvent` passes its options.
 */
export function dispatch(dom, type, detail = {}, extra = {}, options = {}) {
  const touchLike = BUBBLING.has(type);
  const { bubbles = touchLike, composed = touchLike, capturePhase = touchLike } = options;
  const path = pathOf(dom, composed);
  if (path.length === 0) return undefined;
  const timeStamp = Math.round(performance.now());
  let marks = {};
  const markUpTo = [];
  for (const [el] of path) {
    marks = { ...marksOf(el.wxNode.a), ...marks };
    markUpTo.push(marks);
  }
  let result;
  let mutDone = false;
  const run = (index, kind, method) => {
    const [el, target] = path[index];
    const event = { type, timeStamp, target: describe(target.wxNode), currentTarget: describe(el.wxNode), detail, mark: markUpTo[index], ...extra };
    if (kind === 'mut-bind') {
      if (mutDone) return;
      mutDone = true;
    }
    result = call(el.wxNode, method, event);
  };
  // The capture phase walks the whole path even for an event that does not bubble.
  if (capturePhase) {
    for (let i = path.length - 1; i >= 0; i -= 1) {
      for (const [kind, method] of handlersOf(path[i][0].wxNode, type, true)) {
        run(i, kind, method);
        if (kind === 'capture-catch') return result;
      }
    }
  }
  const reach = bubbles ? path.length : 1;
  for (let i = 0; i < reach; i += 1) {
    let stop = false;
    for (const [kind, method] of handlersOf(path[i][0].wxNode, type, false)) {
      run(i, kind, method);
      if (kind === 'catch') stop = true;
    }
    if (stop) break;
  }
  return result;
}

/** Whether anything on the way up from `dom` listens to `type`. */
export function listens(dom, type) {
  return pathOf(dom, true).some(([el]) => handlersOf(el.wxNode, type, false).length > 0 || handlersOf(el.wxNode, type, true).length > 0);
}

const LONGPRESS_MS = 350;

function touchList(event) {
  const point = { identifier: event.pointerId ?? 0, pageX: event.pageX, pageY: event.pageY, clientX: event.clientX, clientY: event.clientY, force: 1 };
  return [point];
}

/**
 * Turns the browser's pointer and click events inside `root` into WeChat's touch, tap and
 * longpress events. Returns a function that stops listening.
 */
export function listenForTouches(root) {
  let pressTimer;
  let longPressed = false;
  const touch = (type) => (event) => {
    const el = wxElementOf(event.target);
    if (!el) return;
    const touches = type === 'touchend' ? [] : touchList(event);
    dispatch(el, type, {}, { touches, changedTouches: touchList(event) });
  };
  const onDown = (event) => {
    longPressed = false;
    touch('touchstart')(event);
    const el = wxElementOf(event.target);
    clearTimeout(pressTimer);
    if (!el) return;
    pressTimer = setTimeout(() => {
      if (listens(el, 'longpress') || listens(el, 'longtap')) {
        longPressed = true;
        dispatch(el, 'longpress', { x: event.pageX, y: event.pageY }, { touches: touchList(event), changedTouches: touchList(event) });
        dispatch(el, 'longtap', { x: event.pageX, y: event.pageY }, { touches: touchList(event), changedTouches: touchList(event) });
      }
    }, LONGPRESS_MS);
  };
  const onUp = (event) => {
    clearTimeout(pressTimer);
    touch('touchend')(event);
  };
  const onMove = (event) => {
    if (event.buttons === 0 && event.pointerType === 'mouse') return;
    touch('touchmove')(event);
  };
  const onCancel = (event) => {
    clearTimeout(pressTimer);
    touch('touchcancel')(event);
  };
  const onClick = (event) => {
    // A press that became a longpress is not also a tap, as in WeChat.
    if (longPressed) {
      longPressed = false;
      return;
    }
    const el = wxElementOf(event.target);
    if (!el) return;
    const rect = el.getBoundingClientRect();
    dispatch(el, 'tap', { x: event.pageX, y: event.pageY }, {
      touches: touchList(event),
      changedTouches: touchList(event),
      offsetLeft: rect.left,
      offsetTop: rect.top,
    });
  };
  const listeners = [['pointerdown', onDown], ['pointerup', onUp], ['pointermove', onMove], ['pointercancel', onCancel], ['click', onClick]];
  for (const [type, fn] of listeners) root.addEventListener(type, fn);
  return () => {
    clearTimeout(pressTimer);
    for (const [type, fn] of listeners) root.removeEventListener(type, fn);
  };
}
