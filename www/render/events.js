// WeChat's event model over the rendered DOM. Handlers are attributes of WXML nodes
// (`bindtap`, `bind:tap`, `catchtap`, `capture-bind:tap`, `capture-catch:tap`,
// `mut-bind:tap`); an event runs the capture phase from the page down to the target, then
// bubbles back up: `catch` stops it there, a `mut-bind` handler runs only if no other
// `mut-bind` ran for this event. Handlers are methods of the page or component whose
// template wrote the attribute. The browser's own propagation is not used: the path is
// WeChat's (glass-easel's event.ts), within one template's tree or, for `composed`
// events, across component boundaries with the target retargeted at each.

import { logicalParent } from './tree.js';
import { feature } from './features.js';

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
    // A method name, or a WXS function (`bindtouchmove="{{m.fn}}"`, wxs-events.js).
    if ((typeof value === 'string' && value !== '') || typeof value === 'function') found.push([kind, value]);
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
  /** Runs one handler; true when it stops the event (a WXS handler that returned false). */
  const run = (index, kind, method) => {
    const [el, target] = path[index];
    const event = { type, timeStamp, target: describe(target.wxNode), currentTarget: describe(el.wxNode), detail, mark: markUpTo[index], ...extra };
    if (kind === 'mut-bind') {
      if (mutDone) return false;
      mutDone = true;
    }
    // A function can only come from WXS, whose chunk is loaded then.
    if (typeof method === 'function') return feature('wxs').callWxsHandler(method, el, event);
    result = call(el.wxNode, method, event);
    return false;
  };
  // The capture phase walks the whole path even for an event that does not bubble.
  if (capturePhase) {
    for (let i = path.length - 1; i >= 0; i -= 1) {
      for (const [kind, method] of handlersOf(path[i][0].wxNode, type, true)) {
        if (run(i, kind, method) || kind === 'capture-catch') return result;
      }
    }
  }
  const reach = bubbles ? path.length : 1;
  for (let i = 0; i < reach; i += 1) {
    let stop = false;
    for (const [kind, method] of handlersOf(path[i][0].wxNode, type, false)) {
      if (run(i, kind, method) || kind === 'catch') stop = true;
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

/** How far a touch may move, on either axis, and still be a tap (glass-easel's TAP_DIST). */
const TAP_DISTANCE = 10;

/**
 * Turns the browser's pointer and click events inside `root` (the page's viewport) into
 * WeChat's touch, tap and longpress events, as DevTools' simulator turns mouse drags into
 * touches. As on a phone, a touch belongs to the element it started on: its touchmove and
 * touchend go there wherever the pointer is, and a touch that moved more than
 * TAP_DISTANCE is no tap and no longpress. Touch points are in the page's coordinates
 * (`clientX` from the viewport's corner, `pageX` adding its scroll), as SelectorQuery's
 * rectangles are. Returns a function that stops listening.
 */
export function listenForTouches(root) {
  const win = root.ownerDocument.defaultView;
  let press = null;
  let lastPress = null;
  const pointOf = (event) => {
    const box = root.getBoundingClientRect();
    const clientX = event.clientX - box.left;
    const clientY = event.clientY - box.top;
    return { identifier: 0, pageX: clientX + root.scrollLeft, pageY: clientY + root.scrollTop, clientX, clientY, force: 1 };
  };
  const fireTouch = (type, el, event) => {
    const point = pointOf(event);
    const touches = type === 'touchend' || type === 'touchcancel' ? [] : [point];
    dispatch(el, type, {}, { touches, changedTouches: [point] });
  };
  const moved = (event) => Math.abs(event.clientX - press.x) > TAP_DISTANCE || Math.abs(event.clientY - press.y) > TAP_DISTANCE;
  const onMove = (event) => {
    if (!press || event.pointerId !== press.id) return;
    press.last = event;
    if (!press.moved && moved(event)) {
      press.moved = true;
      clearTimeout(press.timer);
    }
    if (press.el && root.contains(press.el)) fireTouch('touchmove', press.el, event);
  };
  const finish = (type) => (event) => {
    if (!press || event.pointerId !== press.id) return;
    if (moved(event)) press.moved = true;
    clearTimeout(press.timer);
    win.removeEventListener('pointermove', onMove, true);
    win.removeEventListener('pointerup', onUp, true);
    win.removeEventListener('pointercancel', onCancel, true);
    const { el } = press;
    lastPress = press;
    press = null;
    // The click (a tap) that may follow comes in this task; a press that ends elsewhere has none.
    setTimeout(() => {
      if (lastPress?.ended === event) lastPress = null;
    });
    lastPress.ended = event;
    if (el && root.contains(el)) fireTouch(type, el, event);
  };
  const onUp = finish('touchend');
  const onCancel = finish('touchcancel');
  const onDown = (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    if (press) {
      // One finger is emulated: a second one is ignored, and a press whose end never came
      // (released outside the window) is cancelled by the next.
      if (event.pointerId !== press.id && event.pointerType !== 'mouse') return;
      onCancel(press.last);
    }
    const el = wxElementOf(event.target);
    press = { el, id: event.pointerId, x: event.clientX, y: event.clientY, last: event, moved: false, longPressed: false, timer: undefined };
    lastPress = null;
    win.addEventListener('pointermove', onMove, true);
    win.addEventListener('pointerup', onUp, true);
    win.addEventListener('pointercancel', onCancel, true);
    if (!el) return;
    fireTouch('touchstart', el, event);
    const current = press;
    current.timer = setTimeout(() => {
      if (current.moved || !(listens(el, 'longpress') || listens(el, 'longtap'))) return;
      current.longPressed = true;
      const point = pointOf(event);
      const extra = { touches: [point], changedTouches: [point] };
      dispatch(el, 'longpress', { x: point.pageX, y: point.pageY }, extra);
      dispatch(el, 'longtap', { x: point.pageX, y: point.pageY }, extra);
    }, LONGPRESS_MS);
  };
  // A mouse drag over an image or a link must stay a touch, not become the browser's drag.
  const onDragStart = (event) => {
    if (press) event.preventDefault();
  };
  const onClick = (event) => {
    const last = lastPress;
    lastPress = null;
    // A press that moved is no tap, and one that became a longpress is not also a tap.
    if (last && (last.moved || last.longPressed)) return;
    const el = wxElementOf(event.target);
    if (!el) return;
    const point = pointOf(event);
    const rect = el.getBoundingClientRect();
    const box = root.getBoundingClientRect();
    dispatch(el, 'tap', { x: point.pageX, y: point.pageY }, {
      touches: [point],
      changedTouches: [point],
      offsetLeft: rect.left - box.left,
      offsetTop: rect.top - box.top,
    });
  };
  const listeners = [['pointerdown', onDown], ['dragstart', onDragStart], ['click', onClick]];
  for (const [type, fn] of listeners) root.addEventListener(type, fn);
  return () => {
    if (press) {
      clearTimeout(press.timer);
      win.removeEventListener('pointermove', onMove, true);
      win.removeEventListener('pointerup', onUp, true);
      win.removeEventListener('pointercancel', onCancel, true);
      press = null;
    }
    for (const [type, fn] of listeners) root.removeEventListener(type, fn);
  };
}
