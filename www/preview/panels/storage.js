// Storage: every key of the current (appid, user) with its type, size and value, live as
// the app writes; typed edits, deletes and clearing go through wx like the app's own.

import { $, bytesText, h, shortText, throttled } from '../dom.js';

const LIMIT_KB = 10240;

// The editor's text for a stored value, and the type the editor offers for it.
function editable(type, value) {
  switch (type) {
    case 'string': return ['string', value];
    case 'number': return ['number', String(value)];
    case 'boolean': return ['boolean', String(value)];
    case 'date': return ['date', Number.isNaN(value.getTime()) ? '' : value.toISOString()];
    default: return ['json', JSON.stringify(value, null, 2) ?? ''];
  }
}

/** The value the editor's text means as `type`, or an Error saying why it means none. */
export function parseTyped(type, text) {
  switch (type) {
    case 'string': return text;
    case 'number': {
      const number = Number(text.trim());
      if (text.trim() === '' || (Number.isNaN(number) && text.trim() !== 'NaN')) return new Error(`"${text}" is not a number`);
      return number;
    }
    case 'boolean':
      if (!['true', 'false'].includes(text.trim())) return new Error('a boolean is true or false');
      return text.trim() === 'true';
    case 'date': {
      const date = new Date(/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());
      return Number.isNaN(date.getTime()) ? new Error(`"${text}" is not a date (ISO 8601 or ms since 1970)`) : date;
    }
    default:
      try {
        return JSON.parse(text);
      } catch (error) {
        return new Error(`not JSON: ${error.message}`);
      }
  }
}

export function storagePanel(rt, { visible }) {
  const editor = $('storage-editor');
  const read = (key) => {
    try {
      return { value: rt.storageValue(key) };
    } catch (error) {
      return { error: error.errMsg ?? error.message };
    }
  };
  const openEditor = (key, type, text) => {
    editor.hidden = false;
    $('storage-key').value = key;
    $('storage-key').readOnly = key !== '';
    $('storage-type').value = type;
    $('storage-value').value = text;
    $('storage-error').textContent = '';
    (key === '' ? $('storage-key') : $('storage-value')).focus();
  };
  const run = (call) => {
    try {
      call();
      return true;
    } catch (error) {
      $('storage-error').textContent = error.errMsg ?? error.message;
      return false;
    }
  };

  const draw = () => {
    if (!visible()) return;
    const entries = rt.storageEntries();
    const info = rt.storageInfo();
    $('storage-totals').textContent = `${info.keys.length} ${info.keys.length === 1 ? 'key' : 'keys'} · ${info.currentSize} KB of ${info.limitSize} KB`;
    $('storage-meter').value = Math.min(info.currentSize, LIMIT_KB);
    $('storage-meter').title = `${((info.currentSize / info.limitSize) * 100).toFixed(1)}% of the 10 MB a user may store`;
    $('storage-empty').hidden = entries.length > 0;
    $('storage-rows').replaceChildren(...entries.map(({ key, type, format, bytes }) => {
      const { value, error } = format === 'encrypted' || format === 'corrupt' ? { error: format } : read(key);
      const shown = error ? `(${error})` : shortText(value);
      const edit = h('button', { type: 'button', textContent: 'Edit', disabled: Boolean(error), 'aria-label': `Edit ${key}` });
      edit.addEventListener('click', () => openEditor(key, ...editable(type, value)));
      const remove = h('button', { type: 'button', className: 'wb-danger', textContent: 'Delete', 'aria-label': `Delete ${key}` });
      remove.addEventListener('click', () => run(() => rt.wx.removeStorageSync(key)));
      return h('tr', { 'data-key': key },
        h('td', { className: 'wb-mono' }, key),
        h('td', {}, format === 'plain' ? type : `${type} (${format})`),
        h('td', {}, bytesText(bytes)),
        h('td', { className: 'wb-value wb-mono', title: shown }, shown),
        h('td', {}, h('div', { className: 'wb-row' }, edit, remove)));
    }));
  };
  const redraw = throttled(draw);

  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('storage-key').value;
    const value = parseTyped($('storage-type').value, $('storage-value').value);
    if (value instanceof Error) {
      $('storage-error').textContent = value.message;
      return;
    }
    if (run(() => rt.wx.setStorageSync(key, value))) editor.hidden = true;
  });
  $('storage-cancel').addEventListener('click', () => { editor.hidden = true; });
  $('storage-add').addEventListener('click', () => openEditor('', 'string', ''));
  $('storage-clear').addEventListener('click', () => run(() => rt.wx.clearStorageSync()));
  // The app's writes are wx calls; another tab's arrive as storage events.
  rt.watchCalls((call) => {
    if (call.state !== 'pending' && /Storage/.test(call.name)) redraw();
  });
  addEventListener('storage', redraw);
  return { draw };
}
