// The simulated phone: each setting the API families read (www/apis/phone-settings.js),
// drawn as a form and kept in the workbench's state so a reload launches with the same
// answers; the permission scopes this user has answered, each changeable or forgotten; and
// the simulated photo album, each file downloadable.

import { PHONE_SETTINGS } from '../../apis/phone-settings.js';
import { $, bytesText, h } from '../dom.js';

const SCOPE_ANSWERS = [['true', 'allowed'], ['false', 'denied'], ['', 'not asked (forget)']];

function control(setting, value, onChange) {
  const id = `phone-${setting.key}`;
  let input;
  if (setting.kind === 'choice') {
    input = h('select', { id }, ...setting.choices.map(([v, label]) => h('option', { value: JSON.stringify(v) }, label)));
    input.value = JSON.stringify(value);
    input.addEventListener('change', () => onChange(JSON.parse(input.value)));
  } else if (setting.kind === 'json') {
    input = h('textarea', { id, spellcheck: false });
    input.value = JSON.stringify(value);
    input.addEventListener('change', () => onChange(JSON.parse(input.value)));
  } else {
    input = h('input', { id, type: setting.kind === 'number' ? 'number' : 'text', value: String(value ?? '') });
    input.addEventListener('change', () => onChange(setting.kind === 'number' ? Number(input.value) : input.value));
  }
  return [h('label', { htmlFor: id }, setting.label), input];
}

export function phonePanel(rt, { visible, state, saveState }) {
  const showError = (error) => { $('phone-error').textContent = error ? String(error.message ?? error) : ''; };
  const change = (key, value) => {
    rt.phone.set({ [key]: value });
    state.phone = rt.phone.get();
    saveState();
    showError();
  };
  const current = rt.phone.get();
  const rows = [];
  let family;
  for (const setting of PHONE_SETTINGS) {
    if (setting.family !== family) {
      family = setting.family;
      rows.push(h('h3', {}, family));
    }
    const value = Object.hasOwn(current, setting.key) ? current[setting.key] : setting.default;
    rows.push(...control(setting, value, (v) => {
      try {
        change(setting.key, v);
      } catch (error) {
        showError(error);
      }
    }));
  }
  $('phone-settings').replaceChildren(...rows);

  const draw = async () => {
    if (!visible()) return;
    try {
      await drawAlbum();
      const scopes = await rt.scopes();
      $('scope-rows').replaceChildren(...Object.entries(scopes).map(([scope, granted]) => {
        const select = h('select', { 'aria-label': scope }, ...SCOPE_ANSWERS.map(([v, label]) => h('option', { value: v }, label)));
        select.value = String(granted);
        select.addEventListener('change', () => {
          rt.setScope(scope, select.value === '' ? undefined : select.value === 'true').then(draw, showError);
        });
        return h('tr', {}, h('td', { className: 'wb-mono' }, scope), h('td', {}, select));
      }));
      showError();
    } catch (error) {
      showError(error);
    }
  };
  $('scopes-reset').addEventListener('click', () => rt.resetScopes().then(draw, showError));

  let links = [];
  const drawAlbum = async () => {
    const entries = await rt.album();
    for (const url of links) URL.revokeObjectURL(url);
    links = [];
    const rows = await Promise.all(entries.map(async ({ id, name, size, time }) => {
      const url = URL.createObjectURL(await rt.albumBlob(id));
      links.push(url);
      return h('tr', {},
        h('td', {}, new Date(time).toLocaleTimeString('en-GB')),
        h('td', {}, h('a', { href: url, download: name }, name)),
        h('td', {}, bytesText(size)));
    }));
    $('album-rows').replaceChildren(...rows);
    $('album-empty').hidden = rows.length > 0;
  };
  $('album-clear').addEventListener('click', () => rt.clearAlbum().then(drawAlbum, showError));
  // Answers change when the app asks: redraw after the calls that may ask.
  rt.watchCalls?.((call) => {
    if (call.state !== 'pending') draw();
  });
  return { draw };
}
