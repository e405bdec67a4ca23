// The inspector's tabs, as WAI-ARIA's tabs pattern asks: one tab in the tab order, the
// arrow keys (and Home/End) move between tabs, and the chosen tab's panel shows.

import { $ } from './dom.js';

export function tabs(tablist, { selected, onSelect }) {
  const all = [...tablist.querySelectorAll('[role="tab"]')];
  const panelOf = (tab) => $(tab.getAttribute('aria-controls'));
  const select = (tab, focus) => {
    for (const other of all) {
      const chosen = other === tab;
      other.setAttribute('aria-selected', String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      panelOf(other).hidden = !chosen;
    }
    if (focus) tab.focus();
    onSelect(tab.id.replace(/^tab-/, ''));
  };
  for (const tab of all) tab.addEventListener('click', () => select(tab, false));
  tablist.addEventListener('keydown', (event) => {
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(all[(next + all.length) % all.length], true);
  });
  select(all.find((tab) => tab.id === `tab-${selected}`) ?? all[0], false);
  return { show: (name) => select(all.find((tab) => tab.id === `tab-${name}`) ?? all[0], false) };
}
