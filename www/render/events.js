// WeChat's event model over the rendered DOM. Handlers are attributes of WXML nodes
// (`bindtap`, `bind:tap`, `catchtap`, `capture-bind:tap`, `capture-catch:tap`,
// `mut-bind:tap`); an event runs the capture phase from the page down to the target, then
// bubbles back up: `catch` stops it there, a `mut-bind` handler runs only if no other
// `mut-bind` ran for this event. Handlers are methods of the page or component whose
// template wrote the attribute. The browser's own propagation is not used.

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

/** The WXML nodes from `dom` up to its page, nearest first. */
function pathOf(dom) {
  const path = [];
  for (let el = dom; el; el = el.parentNode) {
    if (el.wxNode && el.wxNode.t !== undefined && el.wxNode.t !== 'slot') path.push(el.wxNode);
    if (el.wxPageRoot) break;
  }
  return path;
}

/** The nearest rendered WXML element at or above the DOM node `from`. */
export function wxElementOf(from) {
  for (let el = from; el; el = el.parentNode) {
    if (el.wxNode && el.wxNode.t !== undefined) return el;
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
 */
export function dispatch(dom, type, detail = {}, extra = {}, { bubbles = BUBBLING.has(type) } = {}) {
  const path = pathOf(dom);
  if (path.length === 0) return undefined;
  const target = path[0];
  const base = {
    type,
    timeStamp: Math.round(performance.now()),
    target: describe(target),
    detail,
    ...extra,
  };
  const reach = bubbles ? path : [target];
  let marks = {};
  const markUpTo = [];
  for (const node of reach) {
    marks = { ...marksOf(node.a), ...marks };
    markUpTo.push(marks);
  }
  let result;
  let mutDone = false;
  const run = (node, index, kind, method) => {
    const event = { ...base, currentTarget: describe(node), mark: markUpTo[index] };
    if (kind === 'mut-bind') {
      if (mutDone) return;
      mutDone = true;
    }
    result = call(node, method, event);
  };
  for (let i = reach.length - 1; i >= 0; i -= 1) {
    for (const [kind, method] of handlersOf(reach[i], type, true)) {
      run(reach[i], i, kind, method);
      if (kind === 'capture-catch') return result;
    }
  }
  for (let i = 0; i < reach.length; i += 1) {
    let stop = false;
    for (const [kind, method] of handlersOf(reach[i], type, false)) {
      run(reach[i], i, kind, method);
      if (kind === 'catch') stop = true;
    }
    if (stop) break;
  }
  return result;
}

/** Whether anything on the way up from `dom` listens to `type`. */
export function listens(dom, type) {
  return pathOf(dom).some((node) => handlersOf(node, type, false).length > 0 || handlersOf(node, type, true).length > 0);
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
