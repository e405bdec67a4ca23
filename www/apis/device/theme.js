// The theme: the simulated phone's `theme` (light or dark), else the browser's
// prefers-color-scheme (host.theme). As WeChat, listeners hear changes only when app.json
// says `"darkmode": true`; such an app's window and tab bar values written `@name` are
// the theme's variables from theme.json (`themed`).

import { Listeners } from '../../listeners.js';

// Window fields and tab bar values are strings; `usingComponents` (npm scopes start with
// `@` too) is never a place for variables.
function substitute(value, lookup) {
  if (typeof value === 'string') return lookup(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => substitute(item, lookup));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key === 'usingComponents' ? item : substitute(item, lookup)]));
}

export function themeApis(host, rules) {
  const listeners = new Listeners();
  let last = host.phoneTheme();
  const changed = () => {
    const now = host.phoneTheme();
    if (now === last) return;
    last = now;
    if (host.theme() !== undefined) listeners.emit({ theme: now }, host.guard);
  };
  host.phone.watch((patch) => {
    if ('theme' in patch) changed();
  });
  globalThis.matchMedia?.('(prefers-color-scheme: dark)').addEventListener?.('change', changed);
  /**
   * `json` (app.json or a page json, parsed) with its `@name` values taken from the current
   * theme's table in the project's theme file (`files`: path → text); as it was without one.
   */
  const themed = (json, files) => {
    let tables;
    try {
      tables = JSON.parse(files[rules.themeFile(files['app.json'] && JSON.parse(files['app.json']).themeLocation)] ?? 'null');
    } catch {
      return json;
    }
    const table = tables?.[host.phoneTheme()];
    if (!table || typeof table !== 'object') return json;
    const lookup = (text) => {
      const name = rules.themeVariable(text);
      return name !== undefined && typeof table[name] === 'string' ? table[name] : undefined;
    };
    return substitute(json, lookup);
  };
  return {
    themed,
    apis: {
      onThemeChange: (listener) => listeners.add(listener),
      offThemeChange: (listener) => listeners.remove(listener),
    },
  };
}
