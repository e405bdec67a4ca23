// A value as a collapsible tree of <details>, whose open nodes survive redraws: `open`
// holds the paths of the open ones.

import { h, shortText } from './dom.js';

export function tree(value, { path, label, open, onToggle }) {
  if (value === null || typeof value !== 'object') {
    return h('div', { className: 'wb-leaf' }, h('span', { className: 'wb-key' }, `${label}: `), shortText(value, 2000));
  }
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  const summary = Array.isArray(value) ? `Array(${value.length})` : `{${entries.length} ${entries.length === 1 ? 'key' : 'keys'}}`;
  const node = h('details', { open: open.has(path) }, h('summary', {}, h('span', { className: 'wb-key' }, label), ` ${summary}`));
  node.addEventListener('toggle', () => onToggle(path, node.open));
  // Children are drawn only when open: a big list costs nothing while folded.
  const fill = () => {
    if (node.childElementCount > 1 || !node.open) return;
    node.append(...entries.map(([key, item]) => tree(item, { path: `${path}.${key}`, label: key, open, onToggle })));
  };
  node.addEventListener('toggle', fill);
  fill();
  return node;
}
