// Which `<form>` a control or a button belongs to, and what a form collects, across custom
// components as WeChat's built-in behaviors define it (自定义组件 › 内置 behaviors): a form
// sees into a component's own template only when the component has `wx://form-field-group`
// (for its controls) or `wx://form-field-button` (for its buttons' `form-type`), and a
// component with `wx://form-field` is a field itself (its `name` and `value` properties).
// Slot content belongs to the template that wrote it, so a form always sees it.

const hasBehavior = (host, behavior) => Boolean(host.wxComponent?.instance.hasBehavior?.(behavior));

/**
 * The form `el` reaches going up the page, leaving a component's own template only through
 * components that have `behavior`; undefined when there is none.
 */
export function formOf(el, behavior) {
  let ctx = el.wxNode?.o;
  for (let up = el.parentElement; up; up = up.parentElement) {
    if (ctx && up.wxComponent?.view?.ctx === ctx) {
      if (!hasBehavior(up, behavior)) return undefined;
      ctx = up.wxNode?.o;
    }
    if (up.tagName === 'WX-FORM') return up;
  }
  return undefined;
}

/** The fields `form` collects and resets: controls and `wx://form-field` components, in tree order. */
export function formFields(form) {
  const fields = [];
  for (const el of form.querySelectorAll('*')) {
    const field = el.wxComponent ? hasBehavior(el, 'wx://form-field') : typeof el.wxValue === 'function' || typeof el.wxReset === 'function';
    if (field && formOf(el, 'wx://form-field-group') === form) fields.push(el);
  }
  return fields;
}

/** What `submit` gives as `detail.value`: each named field's value. */
export function formValues(form) {
  const value = {};
  for (const el of formFields(form)) {
    if (el.wxComponent) {
      const { name, value: fieldValue } = el.wxComponent.instance.data;
      if (name !== undefined && name !== '') value[name] = fieldValue;
      continue;
    }
    const name = el.wxNode?.a?.name;
    if (name === undefined || typeof el.wxValue !== 'function') continue;
    // A checkbox or radio counts through its group.
    if (el.wxItems === undefined && (el.tagName === 'WX-CHECKBOX' || el.tagName === 'WX-RADIO')) continue;
    value[name] = el.wxValue();
  }
  return value;
}
