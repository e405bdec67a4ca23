// The preview page `wxrt serve <project>` opens: a workbench of a simulated phone running
// the project, cold-started with the launch options in this page's URL, beside panels
// that inspect and drive it. The panels only use the runtime handle (`globalThis.wxrt`,
// also there for tests and the console) and the dev server's own state. The build
// bundles this file and its imports into pkg/wxrt-preview.js.

import { DEFAULT_USER, createRuntime, init } from '../index.js';
import { SCREEN, menuButtonRect } from '../environment.js';
import { loadFeaturesFor } from '../render/features.js';
import { $, h } from './dom.js';
import { DEVICES, deviceById, resizeTo } from './devices.js';
import { liveReload } from './live-reload.js';
import { problemsOverlay } from './problems.js';
import { tabs } from './tabs.js';
import { loadState, saveState } from './workbench-state.js';

// The prefetch the server started when it served this page: read its outcome at once, while
// the wasm and the project load.
const launchPrefetch = (() => {
  const link = document.getElementById('wxrt-launch-prefetch');
  if (!link) return undefined;
  return fetch(link.href).then(async (response) => {
    const outcome = await response.json();
    if (!response.ok) throw new Error(outcome.error ?? `HTTP ${response.status}`);
    return outcome;
  });
})();

const state = loadState();
const problems = problemsOverlay();
const save = () => saveState(state);
const params = new URLSearchParams(location.search);

// The tabs answer from the start: a tab chosen before the panels' chunk has arrived is the
// one they open on (and the one a reload keeps), not a click lost.
let drawPanel = () => {};
tabs($('tabs'), {
  selected: state.tab,
  onSelect(name) {
    state.tab = name;
    save();
    drawPanel(name);
  },
});

/** Reloads the preview with `search`: a cold start, the workbench as it is. */
function reloadWith(search = location.search) {
  save();
  if (search === location.search) location.reload();
  else location.search = search;
}

function sizePhone(device) {
  $('phone').style.width = `${device.width}px`;
  $('phone').style.height = `${device.height}px`;
  const capsule = menuButtonRect({ ...SCREEN, width: device.width, height: device.height });
  Object.assign($('capsule').style, { left: `${capsule.left}px`, top: `${capsule.top}px`, width: `${capsule.width}px`, height: `${capsule.height}px` });
}

function phoneFrame(device) {
  sizePhone(device);
  $('device').replaceChildren(...DEVICES.map(({ id, name }) => h('option', { value: id, textContent: name })));
  $('device').value = device.id;
  $('device').addEventListener('change', () => {
    state.device = $('device').value;
    save();
    const next = deviceById(state.device);
    sizePhone(next);
    // A running app is resized as a phone turned or a window dragged (onResize and the
    // rest); one that has not started yet starts with the new size.
    if (globalThis.wxrt) resizeTo(globalThis.wxrt, next).catch((error) => problems.addRuntime({ message: error.message, stack: error.stack }));
    else reloadWith();
  });
}

const APP_STATES = {
  background: 'In the background. Foreground brings it back (a hot start).',
  destroyed: 'Destroyed after too long in the background. Foreground cold-starts it.',
};

// A page json core refuses (a wrong type, an unknown value) is listed once, and the app's
// window shown instead. Bad JSON is the server's to report, with its line and column.
const checkedPageJson = new Set();
function checkPageJson(program, route) {
  const file = `${route}.json`;
  const text = program.files[file];
  if (checkedPageJson.has(file) || text === undefined) return;
  checkedPageJson.add(file);
  try {
    program.lifecycle.window(route, JSON.parse(text));
  } catch (error) {
    if (!(error instanceof SyntaxError)) problems.addRuntime({ file, message: error.message });
  }
}

function drawPhone(rt, appJson) {
  const { program, wx } = rt;
  const pages = rt.pageStack();
  const current = pages[pages.length - 1];
  const appState = rt.appState();
  $('app-state').textContent = `App: ${appState}`;
  $('app-gone').hidden = !APP_STATES[appState];
  $('app-gone').textContent = APP_STATES[appState] ?? '';
  $('page').hidden = Boolean(APP_STATES[appState]);
  $('not-found').hidden = Boolean(current) || !program.notFound;
  $('not-found').textContent = program.notFound ? `Page not found: ${program.notFound}` : '';
  if (!current) {
    $('nav-title').textContent = '';
    $('tab-bar').hidden = true;
    return;
  }
  checkPageJson(program, current.route);
  const window = program.pageWindowOf(current.id);
  document.title = `${window.navigationBarTitleText || current.route} · wxrt`;
  $('nav-title').textContent = window.navigationBarTitleText;
  for (const bar of [$('status-bar'), $('nav-bar')]) {
    bar.style.background = window.navigationBarBackgroundColor;
    bar.style.color = window.navigationBarTextStyle === 'black' ? '#000' : '#fff';
  }
  $('nav-bar').hidden = window.navigationStyle === 'custom';
  $('capsule').classList.toggle('wb-capsule-dark', window.navigationBarTextStyle !== 'black');
  $('nav-back').hidden = pages.length < 2;
  const tabList = appJson.tabBar?.list ?? [];
  const onTab = tabList.some((tab) => tab.pagePath === current.route);
  // A custom tab bar is the project's component, which the renderer draws in this place.
  $('tab-bar').hidden = !onTab || Boolean(appJson.tabBar?.custom) || Boolean(APP_STATES[appState]);
  if (onTab && !appJson.tabBar?.custom) {
    $('tab-bar').style.background = appJson.tabBar.backgroundColor ?? '#fff';
    $('tab-bar').replaceChildren(...tabList.map((tab) => {
      const selected = tab.pagePath === current.route;
      const button = h('button', { type: 'button', textContent: tab.text, 'aria-current': selected ? 'page' : undefined });
      button.style.color = (selected ? appJson.tabBar.selectedColor : appJson.tabBar.color) ?? '';
      button.addEventListener('click', () => wx.switchTab({ url: `/${tab.pagePath}` }));
      return button;
    }));
  }
}

// The browser's back button is navigateBack: one history entry per page above the first.
function followHistory(rt) {
  let depth = 0;
  let moving = false;
  rt.watch(() => {
    const wanted = rt.pageStack().length - 1;
    if (wanted > depth) {
      for (; depth < wanted; depth += 1) history.pushState({ wxrtDepth: depth + 1 }, '');
    } else if (wanted < depth && wanted >= 0) {
      moving = true;
      history.go(wanted - depth);
      depth = wanted;
    }
  });
  addEventListener('popstate', (event) => {
    const target = event.state?.wxrtDepth ?? 0;
    if (moving) {
      moving = false;
      return;
    }
    if (target < depth) {
      const delta = depth - target;
      depth = target;
      rt.wx.navigateBack({ delta }).catch(() => {});
    }
  });
}

// `?destroyAfterMs=60000` shortens (or lengthens) the 5 minutes an app survives hidden.
function destroyAfter() {
  const text = params.get('destroyAfterMs');
  if (text === null) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`launch URL: destroyAfterMs should be a non-negative Number of ms, got "${text}"`);
  return ms;
}

async function loadProject() {
  const response = await fetch('/__wxrt/project');
  const bundle = await response.json();
  if (!response.ok) throw new Error(bundle.error ?? `loading the project failed: HTTP ${response.status}`);
  return bundle;
}

async function main() {
  const user = params.get('user') ?? DEFAULT_USER;
  $('user-badge').textContent = `user ${user}`;
  const device = deviceById(state.device);
  phoneFrame(device);
  liveReload({
    onProblems: (list) => problems.setCompile(list),
    onReload(bundle) {
      // The developer's edit, not a new release: no onUpdateReady at the reload.
      globalThis.wxrt?.adoptVersion({ files: bundle.files, version: bundle.version ?? undefined });
      reloadWith();
    },
    status: (text) => { $('reload-status').textContent = text; },
  });
  // The wasm compiles while the project downloads, and the chunks of the features the
  // project uses (render/features.js) download while the wasm compiles.
  const project = loadProject();
  const [bundle] = await Promise.all([project, init(), project.then((loaded) => loadFeaturesFor(loaded.files))]);
  $('project-name').textContent = `${bundle.projectName ?? bundle.appid} · wxrt`;
  if (bundle.problems?.length) problems.setCompile(bundle.problems);
  let appJson = {};
  try {
    appJson = JSON.parse(bundle.files['app.json']);
  } catch {
    // The server's problems name the place; createRuntime refuses the project.
  }
  const rt = await createRuntime({
    appid: bundle.appid,
    project: { files: bundle.files, version: bundle.version ?? undefined, compiled: bundle.compiled },
    launch: location.search,
    user,
    container: $('page'),
    screen: { width: device.width, height: device.height },
    recordCalls: true,
    profile: { nickName: params.get('nickName') ?? undefined },
    wechat: { server: '/__wxrt/wechat' },
    proxy: '/__wxrt/proxy',
    backgroundFetch: { server: '/__wxrt/background-fetch', launch: launchPrefetch, ...bundle.backgroundFetch },
    destroyAfterMs: destroyAfter(),
    sourceRoot: `${location.origin}/`,
  });
  globalThis.wxrt = rt;
  globalThis.wx = rt.wx;
  let shownErrors = 0;
  rt.watch(() => {
    const errors = rt.errors();
    for (const error of errors.slice(shownErrors)) problems.addRuntime(error);
    shownErrors = errors.length;
  });
  $('nav-back').addEventListener('click', () => rt.wx.navigateBack().catch(() => {}));
  const redrawPhone = () => drawPhone(rt, appJson);
  rt.watch(redrawPhone);
  redrawPhone();
  followHistory(rt);
  // The panels read the runtime's state whenever they draw, so they can wait for the
  // first page: they come as a chunk of their own after it, not in what the page needs
  // to start.
  await rt.launched;
  const { setUpPanels } = await import('./panels/index.js');
  drawPanel = setUpPanels(rt, bundle, { state, save, reloadWith });
  drawPanel(state.tab);
  $('panels').disabled = false;
}

main().catch((error) => {
  $('nav-title').textContent = 'Cannot start';
  problems.addRuntime({ message: error.message, stack: error.stack, file: error.file, line: error.line, column: error.column });
  globalThis.wxrtError = error.message;
  console.error(error);
});
