// The workbench's panels, set up once the first page is ready (the build makes this a
// chunk the page loads then): Storage, Launch & lifecycle, Users & login, Prefetch,
// Update, Calls & data, and the tabs between them.

import { $ } from '../dom.js';
import { tabs } from '../tabs.js';
import { storagePanel } from './storage.js';
import { launchPanel } from './launch.js';
import { usersPanel } from './users.js';
import { prefetchPanel } from './prefetch.js';
import { updatePanel } from './update.js';
import { callsPanel } from './calls.js';

/**
 * Draws every panel for the runtime `rt` of the project `bundle`; `state` is the
 * workbench's remembered state (`save` keeps it), `reloadWith(search)` cold-starts the
 * preview with other launch options.
 */
export function setUpPanels(rt, bundle, { state, save, reloadWith }) {
  const visible = (name) => () => state.tab === name;
  const drawn = {
    storage: storagePanel(rt, { visible: visible('storage') }),
    launch: launchPanel(rt, { relaunch: reloadWith }),
    users: usersPanel(rt, {
      visible: visible('users'),
      switchUser(user) {
        const next = new URLSearchParams(location.search);
        next.set('user', user);
        reloadWith(`?${next}`);
      },
    }),
    calls: callsPanel(rt, { visible: visible('calls'), state, saveState: save }),
  };
  prefetchPanel(rt, bundle.backgroundFetch ?? {});
  updatePanel(rt);
  tabs($('tabs'), {
    selected: state.tab,
    onSelect(name) {
      state.tab = name;
      save();
      drawn[name]?.draw();
    },
  });
}
