// `Element.*`: one element of a page, found by `page.$` or `element.$`. DOM reads answer
// from the rendered element; gestures go through the same pointer pipeline a user's touch
// does (render/events.js turns them into touchstart/touchend and tap, longpress after
// 350 ms, and built-in components react to the click); component data and methods answer
// from the custom component's instance.

import { environment } from '../render/elements/common.js';
import { dispatch } from '../render/events.js';
import { elementsOf } from '../render/tree.js';
import { functionNamed } from './functions.js';
import { wxmlOf } from './mirror.js';
import { publicProperties, propertyOf } from './properties.js';
import { query, scopeOf } from './query.js';
import { safeGet } from './safe-get.js';
import { boxView, touchPoint, viewportOf } from './touch.js';

export function elementMethods({ registry, wx }) {
  const elementOf = ({ elementId, pageId }) => registry.element(elementId, pageId);
  const componentOf = ({ nodeId }) => {
    const component = registry.component(nodeId);
    if (!component?.instance) throw new Error('component destroyed');
    return component;
  };
  const select = (params) => {
    const el = elementOf(params);
    return query(el, scopeOf(el), params.selector);
  };
  // Pressed elements, for a touchend that follows a touchstart the client sent.
  const pressed = new WeakMap();

  const pointer = (el, type, point) => {
    const Event = type.startsWith('pointer') ? PointerEvent : MouseEvent;
    const event = new Event(type, {
      bubbles: true, cancelable: true, composed: true, view: window, button: 0, buttons: type === 'pointerup' ? 0 : 1,
      clientX: point.window.clientX, clientY: point.window.clientY, pointerId: 1, pointerType: 'touch', isPrimary: true,
    });
    // DevTools counts its taps as the user's: APIs that need a tap accept them.
    environment.userGestures.add(event);
    el.dispatchEvent(event);
  };

  return {
    'Element.getElement'(params) {
      const found = select(params);
      if (!found.length) throw new Error('no such element');
      return registry.describe(found[0]);
    },
    'Element.getElements': (params) => ({ elements: select(params).map((el) => registry.describe(el)) }),

    'Element.getDOMProperties': (params) => {
      const view = boxView(elementOf(params));
      return { properties: (params.names ?? []).map((name) => safeGet(view, name)) };
    },
    'Element.getProperties'(params) {
      const el = elementOf(params);
      return {
        properties: (params.names ?? []).map((name) => (name === '__propPublic' ? publicProperties(el) : propertyOf(el, name))),
      };
    },
    'Element.getAttributes'(params) {
      const el = elementOf(params);
      return {
        attributes: (params.names ?? []).map((name) => {
          const written = el.wxNode?.a[name];
          if (written !== undefined && typeof written !== 'object' && typeof written !== 'function') return String(written);
          return el.getAttribute(name);
        }),
      };
    },
    'Element.getStyles'(params) {
      const style = getComputedStyle(elementOf(params));
      return { styles: (params.names ?? []).map((name) => style.getPropertyValue(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)) || style[name] || '') };
    },
    'Element.getWXML': (params) => ({ wxml: wxmlOf(elementOf(params), params.type === 'outer' ? 'outer' : 'inner') }),
    'Element.getOffset'(params) {
      const el = elementOf(params);
      const viewport = viewportOf(el);
      const box = boxView(el).rect;
      const frame = viewport.getBoundingClientRect();
      // Page coordinates: from the page's top-left corner, scrolled content included.
      return { left: box.left - frame.left + viewport.scrollLeft, top: box.top - frame.top + viewport.scrollTop };
    },

    'Element.tap'(params) {
      const el = elementOf(params);
      const point = touchPoint(el);
      pointer(el, 'pointerdown', point);
      pointer(el, 'pointerup', point);
      pointer(el, 'click', point);
      return {};
    },
    'Element.touchstart'(params) {
      const el = elementOf(params);
      const point = touchPoint(el, (params.touches ?? [])[0] ?? (params.changedTouches ?? params.changeTouches ?? [])[0]);
      pressed.set(el, { point, moved: false });
      pointer(el, 'pointerdown', point);
      return {};
    },
    'Element.touchmove'(params) {
      const el = elementOf(params);
      const point = touchPoint(el, (params.touches ?? [])[0] ?? (params.changedTouches ?? params.changeTouches ?? [])[0]);
      const press = pressed.get(el);
      if (press) press.moved = true;
      pointer(el, 'pointermove', point);
      return {};
    },
    'Element.touchend'(params) {
      const el = elementOf(params);
      const press = pressed.get(el);
      const point = (params.changedTouches ?? params.changeTouches ?? [])[0] ? touchPoint(el, (params.changedTouches ?? params.changeTouches)[0]) : press?.point ?? touchPoint(el);
      pressed.delete(el);
      pointer(el, 'pointerup', point);
      // A touch that started and ended here is a tap, unless it became a longpress or moved
      // (render/events.js decides, as for a user's touch).
      if (press) pointer(el, 'click', point);
      return {};
    },

    // The events an element's owner bound on it (`bind:change`), as the component would
    // trigger them: no bubbling, no state change.
    'Element.triggerEvent'(params) {
      const el = elementOf(params);
      dispatch(el, String(params.type), params.detail ?? {}, {}, { bubbles: false, composed: false, capturePhase: false });
      return {};
    },
    'Element.dispatchEvent'(params) {
      const el = elementOf(params);
      const { eventName } = params;
      if (!eventName) throw new Error('eventName is not provided');
      let target = el;
      if (params.$ !== undefined && params.$ !== null) {
        const ctx = el.wxComponent?.view?.ctx;
        target = ctx ? elementsOf(el, ctx).find((inner) => String(inner.wxNode.a.id ?? '') === String(params.$)) : undefined;
        if (!target) throw new Error('target is not found');
      }
      const data = params.eventData ?? params;
      if (eventName === 'scroll') {
        const scroller = target.wxNode?.t === 'scroll-view' ? target : viewportOf(target);
        const { scrollTop, scrollLeft } = data.scrollDetail ?? {};
        if (scrollTop !== undefined) scroller.scrollTop = Number(scrollTop);
        if (scrollLeft !== undefined) scroller.scrollLeft = Number(scrollLeft);
        return {};
      }
      const touchesOf = (list) => (Array.isArray(list) && list.length ? list : [undefined]).map((t) => touchPoint(target, t).touch);
      const touches = touchesOf(data.touches);
      const changedTouches = touchesOf(data.changedTouches ?? data.changeTouches);
      dispatch(target, String(eventName), data.detail ?? {}, { touches, changedTouches }, { bubbles: true, composed: true, capturePhase: true });
      return {};
    },
    'Element.callFunction'(params) {
      const el = elementOf(params);
      if (!params.functionName) throw new Error('functionName is not provided');
      const fn = functionNamed(params.functionName);
      if (!fn) throw new Error(`${params.functionName} not exists`);
      return { result: fn(el, ...(params.args ?? [])) };
    },

    'Element.getData'(params) {
      const { data } = componentOf(params).instance;
      return { data: params.path ? safeGet(data, params.path) : data };
    },
    'Element.setData'(params) {
      componentOf(params).instance.setData(params.data ?? {});
      return {};
    },
    async 'Element.callMethod'(params) {
      const { instance } = componentOf(params);
      if (typeof instance[params.method] !== 'function') throw new Error(`component.${params.method} not exists`);
      return { result: await instance[params.method](...(params.args ?? [])) };
    },
    async 'Element.callContextMethod'(params) {
      if (!params.videoId) throw new Error('id is not provided');
      const owner = params.nodeId ? componentOf(params).instance : registry.page(params.pageId);
      const context = wx.createVideoContext(params.videoId, owner);
      if (typeof context[params.method] !== 'function') throw new Error(`VideoContext.${params.method} not exists`);
      return { result: await context[params.method](...(params.args ?? [])) };
    },
  };
}
