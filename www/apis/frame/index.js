// The page frame: the navigation bar's loading state, the home button, the window
// background, the tab bar (badges, dots, items, style, visibility), action sheets, the
// alert before unload, web fonts. Core's `apis::frame` decides; this family keeps the state
// where whoever draws the frame reads it (the page's window for what belongs to a page, the
// MiniProgram's `frame` for the app's tab bar) and asks for a redraw.

import { tabBarApis } from './tab-bar.js';
import { windowApis } from './window.js';
import { actionSheet } from './action-sheet.js';
import { loadFontFace } from './fonts.js';

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  // Without a project (the npm package used alone) there is no page: what a page would
  // keep is kept here, so the calls still answer and the handle still reads their state.
  const detached = {};
  let debug = false;
  const page = () => host.program()?.currentPages().at(-1);
  const windowOf = () => {
    const top = page();
    return top ? (top.__wxrtWindow ??= {}) : detached;
  };
  const changeWindow = (change) => {
    const top = page();
    if (top) top.__wxrtWindow = { ...top.__wxrtWindow, ...change };
    else Object.assign(detached, change);
    host.program()?.notify();
  };
  const tabs = tabBarApis(host, rules);
  const windows = windowApis(host, rules, { windowOf, changeWindow });
  return {
    ...tabs.apis,
    ...windows.apis,
    showActionSheet: (options) => actionSheet(rules, options),
    loadFontFace: (options) => loadFontFace(rules, host.failure, options),
    // WeChat restarts the mini-program with its vConsole when this changes; wxrt has no
    // vConsole (the browser's own console is the debugger), so it keeps the switch for
    // the handle and the workbench to show.
    setEnableDebug: ({ enableDebug }) => {
      debug = enableDebug;
      return { errMsg: 'setEnableDebug:ok' };
    },
    /** The user's back gesture; see windows.userBack. */
    userBack: windows.userBack,
    /** What the frame shows now, for the handle. */
    state: () => ({ window: { ...windowOf() }, tabBar: tabs.state(), enableDebug: debug }),
  };
}
