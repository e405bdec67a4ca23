// Calls and data: the page stack with each page's data as a tree, live, and the log of
// wx calls with their arguments, errMsg and duration, filterable.

import { $, h, shortText, throttled } from '../dom.js';
import { tree } from '../tree.js';

const MAX_ROWS = 300;

export function callsPanel(rt, { visible, state, saveState }) {
  const open = new Set(state.openNodes);
  const onToggle = (path, isOpen) => {
    if (isOpen) open.add(path);
    else open.delete(path);
    state.openNodes = [...open];
    saveState();
  };
  $('calls-filter').value = state.callFilter;
  $('calls-filter').addEventListener('input', () => {
    state.callFilter = $('calls-filter').value;
    saveState();
    drawCalls();
  });

  const drawPages = () => {
    if (!visible()) return;
    $('page-tree').replaceChildren(...rt.pageStack().map((page, depth) => tree(page.data, {
      path: `${depth}:${page.route}`,
      label: `${page.route}${Object.keys(page.query).length ? `?${new URLSearchParams(page.query)}` : ''}`,
      open,
      onToggle,
    })));
  };
  const drawCalls = () => {
    if (!visible()) return;
    const needle = state.callFilter.trim().toLowerCase();
    const calls = rt.calls().filter((call) => !needle
      || call.name.toLowerCase().includes(needle)
      || String(call.errMsg ?? '').toLowerCase().includes(needle));
    $('calls-count').textContent = `${calls.length} ${calls.length === 1 ? 'call' : 'calls'}`;
    $('call-rows').replaceChildren(...calls.slice(-MAX_ROWS).reverse().map((call) => {
      const args = shortText(call.args, 160);
      return h('tr', { className: call.state, 'data-name': call.name },
        h('td', {}, new Date(call.at).toLocaleTimeString('en-GB')),
        h('td', { className: 'wb-mono' }, call.name),
        h('td', { className: 'wb-value wb-mono', title: JSON.stringify(call.args) }, args),
        h('td', { className: 'wb-mono' }, call.errMsg ?? '(pending)'),
        h('td', {}, call.durationMs === undefined ? '' : call.durationMs.toFixed(1)));
    }));
  };
  rt.watch(throttled(drawPages));
  rt.watchCalls(throttled(drawCalls));
  return { draw: () => { drawPages(); drawCalls(); } };
}
