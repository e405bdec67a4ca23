// The workbench's panels, set up once the first page is ready (the build makes this a
// chunk the page loads then): Storage, Launch & lifecycle, Users & login, Prefetch,
// Update, Calls & data, Phone (the tabs between them are the main script's, so they answer from
// the start).

import { storagePanel } from './storage.js';
import { launchPanel } from './launch.js';
import { usersPanel } from './users.js';
import { prefetchPanel } from './prefetch.js';
import { updatePanel } from './update.js';
import { callsPanel } from './calls.js';
import { phonePanel } from './phone.js';

/**
 * Sets up every panel for the runtime `rt` of the project `bundle`; `state` is the
 * workbench's remembered state (`save` keeps it), `reloadWith(search)` cold-starts the
 * preview with other launch options. Returns `draw(tab)`, which redraws a tab's panel
 * when it is shown.
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
    phone: phonePanel(rt, { visible: visible('phone'), state, saveState: save }),
  };
  prefetchPanel(rt, bundle.backgroundFetch ?? {});
  updatePanel(rt);
  return (name) => drawn[name]?.draw();
}
