// Form controls: input, textarea, checkbox(-group), radio(-group), switch, form, label
// and button (slider and picker: occasional.js), over native controls inside their `wx-`
// element. Each control with a `name` gives `form` its value (`wxValue`) and takes it
// back on reset (`wxReset`).

import { attr, closest, environment, fire, flag, number } from './common.js';
import { formFields, formOf, formValues } from './form-tree.js';

const INPUT_MODES = { number: 'numeric', digit: 'decimal', idcard: 'text', text: 'text' };

function textField(multiline) {
  return {
    create(node) {
      const dom = document.createElement(`wx-${node.t}`);
      const field = document.createElement(multiline ? 'textarea' : 'input');
      dom.append(field);
      dom.wxField = field;
      field.addEventListener('input', () => {
        const max = number(dom.wxNode, 'maxlength', 140);
        if (max >= 0 && field.value.length > max) field.value = field.value.slice(0, max);
        const returned = fire(dom, 'input', { value: field.value, cursor: field.selectionStart ?? field.value.length, keyCode: 0 });
        // A handler that returns a string replaces the text, as in WeChat.
        if (typeof returned === 'string' || typeof returned === 'number') field.value = String(returned);
        else if (returned && typeof returned === 'object' && 'value' in returned) field.value = String(returned.value);
      });
      field.addEventListener('focus', () => fire(dom, 'focus', { value: field.value, height: 0 }));
      field.addEventListener('blur', () => fire(dom, 'blur', { value: field.value, cursor: field.selectionStart ?? 0 }));
      field.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (!multiline || flag(dom.wxNode, 'confirm-hold'))) {
          fire(dom, 'confirm', { value: field.value });
          if (!multiline) {
            const form = formOf(dom, 'wx://form-field-group');
            if (form && attr(dom.wxNode, 'confirm-type', 'done') === 'send') form.wxSubmit?.();
          }
        }
      });
      dom.wxValue = () => field.value;
      dom.wxReset = () => {
        field.value = String(attr(dom.wxNode, 'value', ''));
      };
      return dom;
    },
    update(dom, node, old) {
      const field = dom.wxField;
      const value = String(attr(node, 'value', '') ?? '');
      // Only a changed binding moves the text: typing is not overwritten by a re-render.
      if (!old || value !== String(attr(old, 'value', '') ?? '')) {
        if (field.value !== value) field.value = value;
      }
      field.placeholder = String(attr(node, 'placeholder', ''));
      field.disabled = flag(node, 'disabled');
      const max = number(node, 'maxlength', 140);
      if (max >= 0) field.maxLength = max;
      else field.removeAttribute('maxlength');
      if (!multiline) {
        field.type = flag(node, 'password') || attr(node, 'type') === 'safe-password' ? 'password' : 'text';
        field.inputMode = INPUT_MODES[attr(node, 'type', 'text')] ?? 'text';
        field.enterKeyHint = attr(node, 'confirm-type', 'done');
      }
      const focus = flag(node, 'focus') || flag(node, 'auto-focus');
      if (focus && (!old || !(flag(old, 'focus') || flag(old, 'auto-focus')))) queueMicrotask(() => field.focus());
    },
  };
}

/** A group's value: the checked items' values (checkbox) or the one checked (radio). */
function groupControl(kind) {
  return {
    create(node) {
      const dom = document.createElement(`wx-${node.t}`);
      const items = () => [...dom.querySelectorAll(`wx-${kind}`)].filter((item) => closest(item.parentElement, node.t) === dom);
      dom.wxItems = items;
      dom.wxValue = () => {
        const checked = items().filter((item) => item.wxChecked).map((item) => String(attr(item.wxNode, 'value', '')));
        return kind === 'checkbox' ? checked : (checked[0] ?? '');
      };
      dom.wxReset = () => items().forEach((item) => item.wxReset());
      dom.wxChanged = () => fire(dom, 'change', { value: dom.wxValue() });
      return dom;
    },
  };
}

function checkItem(kind) {
  return {
    create(node) {
      const dom = document.createElement(`wx-${node.t}`);
      const box = document.createElement('span');
      box.className = `wx-${kind}-input`;
      dom.prepend(box);
      dom.wxBox = box;
      dom.wxChildren = document.createElement('span');
      dom.append(dom.wxChildren);
      dom.wxSet = (checked) => {
        dom.wxChecked = checked;
        box.classList.toggle('wx-checked', checked);
        dom.setAttribute('aria-checked', String(checked));
      };
      dom.wxReset = () => dom.wxSet(flag(dom.wxNode, 'checked'));
      dom.wxToggle = () => {
        if (flag(dom.wxNode, 'disabled')) return;
        const group = closest(dom.parentElement, `${kind}-group`);
        if (kind === 'radio') {
          if (dom.wxChecked) return;
          group?.wxItems().forEach((item) => item.wxSet(false));
          dom.wxSet(true);
        } else {
          dom.wxSet(!dom.wxChecked);
        }
        group?.wxChanged();
      };
      dom.setAttribute('role', kind);
      dom.addEventListener('click', (event) => {
        if (!event.target.closest('wx-label')) dom.wxToggle();
      });
      return dom;
    },
    update(dom, node, old) {
      if (!old || flag(node, 'checked') !== flag(old, 'checked')) dom.wxSet(flag(node, 'checked'));
      dom.wxBox.style.color = attr(node, 'color', '');
      dom.classList.toggle('wx-disabled', flag(node, 'disabled'));
    },
  };
}

const switchControl = {
  create(node) {
    const dom = document.createElement('wx-switch');
    const input = document.createElement('input');
    input.type = 'checkbox';
    dom.append(input);
    dom.wxField = input;
    input.addEventListener('change', () => fire(dom, 'change', { value: input.checked }));
    dom.wxValue = () => input.checked;
    dom.wxReset = () => {
      input.checked = flag(dom.wxNode, 'checked');
    };
    return dom;
  },
  update(dom, node, old) {
    const input = dom.wxField;
    if (!old || flag(node, 'checked') !== flag(old, 'checked')) input.checked = flag(node, 'checked');
    input.disabled = flag(node, 'disabled');
    input.className = attr(node, 'type', 'switch') === 'checkbox' ? 'wx-switch-checkbox' : 'wx-switch-input';
    input.style.accentColor = attr(node, 'color', '#04BE02');
  },
};

const form = {
  create() {
    const dom = document.createElement('wx-form');
    dom.wxSubmit = (buttonTarget) => fire(dom, 'submit', { value: formValues(dom), target: buttonTarget ?? {} });
    dom.wxResetForm = () => {
      for (const el of formFields(dom)) el.wxReset?.();
      fire(dom, 'reset', {});
    };
    return dom;
  },
};

const button = {
  create() {
    const dom = document.createElement('wx-button');
    dom.setAttribute('role', 'button');
    dom.addEventListener('click', () => {
      const node = dom.wxNode;
      if (flag(node, 'disabled')) return;
      const kind = attr(node, 'form-type');
      const owner = kind ? formOf(dom, 'wx://form-field-button') : undefined;
      if (kind === 'submit') owner?.wxSubmit({ id: node.a.id ?? '', dataset: {} });
      if (kind === 'reset') owner?.wxResetForm();
      openType(dom, String(attr(node, 'open-type', '')));
    });
    return dom;
  },
  update(dom, node) {
    // Only a written type is an attribute, as in WeChat: its `wx-button[type=default]` style
    // outranks a class (WeUI's `.weui-btn` with type="default"), while a button without a
    // type keeps the looks its classes give it (Vant's and TDesign's buttons).
    if (node.a.type === undefined) dom.removeAttribute('type');
    else dom.setAttribute('type', String(node.a.type));
    dom.setAttribute('size', String(attr(node, 'size', 'default')));
    dom.toggleAttribute('plain', flag(node, 'plain'));
    dom.toggleAttribute('disabled', flag(node, 'disabled'));
    dom.toggleAttribute('loading', flag(node, 'loading'));
    dom.setAttribute('aria-disabled', String(flag(node, 'disabled')));
  },
};

/**
 * `open-type`, where it means something outside WeChat's own UI: `share` asks the page's
 * onShareAppMessage (and shows what would be shared), `getUserInfo` and `chooseAvatar`
 * answer with the simulated profile and the browser's file dialog, `openSetting` opens the
 * settings page, and the open family answers `getPhoneNumber`, `contact`, `feedback` and
 * `agreePrivacyAuthorization`.
 */
function openType(dom, type) {
  const wx = environment.wx;
  if (type === 'share') {
    const page = environment.pageOf(dom);
    const target = { id: dom.id ?? '', dataset: {} };
    const share = typeof page?.onShareAppMessage === 'function' ? page.onShareAppMessage({ from: 'button', target }) ?? {} : {};
    wx.showToast({ title: `Share: ${share.title ?? 'this page'}`, icon: 'none' });
  } else if (type === 'getUserInfo') {
    wx.getUserInfo().then((result) => fire(dom, 'getuserinfo', result));
  } else if (type === 'chooseAvatar') {
    wx.chooseImage({ count: 1 }).then((result) => fire(dom, 'chooseavatar', { avatarUrl: result.tempFilePaths[0] }), () => {});
  } else if (type === 'openSetting') {
    wx.openSetting().then((result) => fire(dom, 'opensetting', { authSetting: result.authSetting }));
  } else if (OPEN_TYPE_EVENTS[type]) {
    // The simulated phone's sheets (www/apis/open/); an event only when WeChat sends one.
    environment.openType?.(type).then((detail) => detail && fire(dom, OPEN_TYPE_EVENTS[type], detail));
  }
}

const OPEN_TYPE_EVENTS = {
  getPhoneNumber: 'getphonenumber', contact: 'contact', feedback: 'feedback',
  agreePrivacyAuthorization: 'agreeprivacyauthorization',
};

/** `label`: a tap on it acts on its control (`for` an id, else the first one inside). */
const label = {
  create() {
    const dom = document.createElement('wx-label');
    dom.addEventListener('click', (event) => {
      const node = dom.wxNode;
      const target = node.a.for !== undefined
        ? dom.getRootNode().getElementById?.(String(node.a.for))
        : dom.querySelector('wx-checkbox, wx-radio, wx-switch, wx-input, wx-textarea');
      if (!target) return;
      // A checkbox or radio inside a label leaves its clicks to the label.
      if (target.wxToggle) target.wxToggle();
      else if (target.contains(event.target)) return;
      else if (target.wxField?.type === 'checkbox') target.wxField.click();
      else target.wxField?.focus();
    });
    return dom;
  },
};

export const formControls = {
  input: textField(false),
  textarea: textField(true),
  'checkbox-group': groupControl('checkbox'),
  'radio-group': groupControl('radio'),
  checkbox: checkItem('checkbox'),
  radio: checkItem('radio'),
  switch: switchControl,
  form,
  button,
  label,
};
