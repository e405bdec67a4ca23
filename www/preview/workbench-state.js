// What the workbench remembers across reloads of the preview (live reload, relaunch,
// switching users or screens): the open tab, the chosen screen, filters and which tree
// nodes are open. Per browser tab, as DevTools keeps its layout per window.

const KEY = 'wxrt-workbench';

const DEFAULTS = { tab: 'storage', device: 'iphone-se', callFilter: '', openNodes: [] };

export function loadState() {
  try {
    return { ...DEFAULTS, ...JSON.parse(sessionStorage.getItem(KEY) ?? '{}') };
  } catch {
    return { ...DEFAULTS };
  }
}

export function saveState(state) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(state));
  } catch {
    // A workbench that forgets its layout still works.
  }
}
