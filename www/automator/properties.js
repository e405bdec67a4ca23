// `element.property(name)`: a component's public property. The client first asks for the
// element's `__propPublic` map and refuses names outside it. A custom component's public
// properties are its `properties`; a built-in one's are the attributes its template gave
// it (camelCase, as exparser names them) and, for form controls, their live `value` (and
// `checked` for switch, checkbox and radio), which the user may have changed since.

import { camel } from '../render/properties.js';
import { isInstruction } from './mirror.js';

// `data-` attributes make the dataset, no property.
const isProperty = (name) => !isInstruction(name) && !name.startsWith('data-');
const CHECKED = new Set(['switch', 'checkbox', 'radio']);

function builtInProperties(el) {
  const out = {};
  for (const [name, value] of Object.entries(el.wxNode?.a ?? {})) {
    if (isProperty(name) && typeof value !== 'function') out[camel(name)] = value;
  }
  if (typeof el.wxValue === 'function') {
    if (CHECKED.has(el.wxNode.t)) out.checked = Boolean(el.wxValue());
    else out.value = el.wxValue();
  }
  if (el.wxNode?.t === 'scroll-view') Object.assign(out, { scrollTop: el.scrollTop, scrollLeft: el.scrollLeft });
  if (el.wxNode?.t === 'swiper' && el.wxCurrent !== undefined) out.current = el.wxCurrent;
  return out;
}

/** `{name: true}` for each public property of `el`. */
export function publicProperties(el) {
  const component = el.wxComponent;
  const names = component?.instance ? Object.keys(component.properties ?? {}) : Object.keys(builtInProperties(el));
  return Object.fromEntries(names.map((name) => [name, true]));
}

/** The current value of property `name` of `el`. */
export function propertyOf(el, name) {
  const component = el.wxComponent;
  if (component?.instance) return component.instance.data[name];
  return builtInProperties(el)[name];
}
