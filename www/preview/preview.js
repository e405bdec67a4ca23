// The preview page `wxrt serve <project>` opens: a workbench of a simulated phone running
// the project, cold-started with the launch options in this page's URL, beside panels
// that inspect and drive it. The panels only use the runtime handle (`globalThis.wxrt`,
// also there for tests and the console) and the dev server's own state. The build
// bundles this file and its imports into pkg/wxrt-preview.js.

import { DEFAULT_USER, createRuntime, init } from '../index.js';
import { SCREEN, menuButtonRect } from '../environment.js';
import { loadFeaturesFor } from '../render/features.js';
import { $, h, throttled } from './dom.js';
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

// The capsule's "•••" opens WeChat's menu of the current page (share to a chat or the
// timeline, through onShareAppMessage / onShareTimeline).
$('capsule-menu').addEventListener('click', () => globalThis.wxrt?.openCapsuleMenu());

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

/**
 * The stack as the frame needs it: `{id, route}` of each page. Not `rt.pageStack()`, which
 * copies every page's data: the frame is drawn after every setData, and a long list would
 * pay for a copy of itself each time.
 */
const stackOf = (rt) => rt.getCurrentPages().map((page) => ({ id: page.__wxWebviewId__, route: page.route }));

function drawPhone(rt, appJson) {
  const { program, wx } = rt;
  const pages = stackOf(rt);
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
  drawFrame(rt, window, pages, current);
  drawTabBar(rt, appJson, current, Boolean(APP_STATES[appState]));
}

const FRAME_STYLE = `
.wb-nav-loading{width:14px;height:14px;margin-right:8px;border:2px solid currentColor;border-right-color:transparent;border-radius:50%;animation:wb-spin .8s linear infinite}
@keyframes wb-spin{to{transform:rotate(360deg)}}
.wb-nav-home{position:absolute;left:8px;border:0;background:none;color:inherit;font-size:18px;cursor:pointer}
.wb-tab-bar{transition:margin-bottom .25s ease}
.wb-tab-bar button{position:relative;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:2px;font-size:10px}
.wb-tab-bar img{width:24px;height:24px;object-fit:contain}
.wb-tab-badge{position:absolute;top:2px;left:calc(50% + 6px);min-width:16px;padding:0 4px;box-sizing:border-box;border-radius:8px;background:#fa5151;color:#fff;font-size:11px;line-height:16px}
.wb-tab-dot{position:absolute;top:4px;left:calc(50% + 10px);width:8px;height:8px;border-radius:50%;background:#fa5151}
`;

// What the frame APIs (www/apis/frame/) set on the page's window: the title's spinner, the
// home button, the pull-down area's colours.
function drawFrame(rt, window, pages, current) {
  if (!$('nav-loading')) {
    document.head.append(h('style', { textContent: FRAME_STYLE }));
    $('nav-title').before(h('span', { id: 'nav-loading', className: 'wb-nav-loading', hidden: true, 'aria-label': 'Loading' }));
    const home = h('button', { type: 'button', id: 'nav-home', className: 'wb-nav-home', textContent: '⌂', hidden: true, 'aria-label': 'Home' });
    home.addEventListener('click', () => rt.wx.reLaunch({ url: `/${homePage(rt)}` }).catch(() => {}));
    $('nav-back').after(home);
  }
  $('nav-loading').hidden = !window.navigationBarLoading;
  // WeChat shows a home button on a first page that is not the home page or a tab.
  const onTab = rt.program.onTabPage();
  $('nav-home').hidden = pages.length > 1 || onTab || current.route === homePage(rt) || window.homeButton === false;
  const pull = $('page').querySelector('.wxrt-pull-indicator');
  if (pull) {
    pull.style.background = window.backgroundColorTop ?? window.backgroundColor ?? '';
    pull.style.color = window.backgroundTextStyle === 'light' ? '#fff' : '#999';
  }
}

function homePage(rt) {
  const app = rt.program.appJson;
  return (app.entryPagePath ?? app.pages?.[0] ?? '').replace(/^\//, '');
}

// The built-in tab bar: app.json's, as the tab bar APIs left it (program.frame.tabBar), with
// its icons, badges and red dots. A custom tab bar is the project's component, which the
// renderer draws in this place.
function drawTabBar(rt, appJson, current, appGone) {
  const { program, wx } = rt;
  // The program's app.json: a darkmode app's variables are resolved there.
  const config = program.appJson?.tabBar ?? appJson.tabBar ?? {};
  const state = program.frame?.tabBar;
  const items = state?.items ?? (config.list ?? []).map((tab) => ({ ...tab, pagePath: String(tab.pagePath ?? '').replace(/^\//, '') }));
  const onTab = items.some((tab) => tab.pagePath === current.route);
  const bar = $('tab-bar');
  bar.hidden = !onTab || Boolean(config.custom) || appGone;
  if (bar.hidden) return;
  const style = state ?? config;
  bar.style.background = style.backgroundColor || '#fff';
  bar.style.borderTopColor = style.borderStyle === 'white' ? '#fff' : '';
  // hideTabBar: out at once, or sliding down with `animation`; the page takes the room.
  bar.dataset.state = state?.hidden ? 'hidden' : 'shown';
  bar.style.transition = program.frame?.tabBarAnimation ? '' : 'none';
  bar.style.marginBottom = state?.hidden ? `-${bar.offsetHeight || 51}px` : '0';
  bar.replaceChildren(...items.map((tab) => {
    const selected = tab.pagePath === current.route;
    const icon = selected ? tab.selectedIconPath || tab.iconPath : tab.iconPath;
    const button = h('button', { type: 'button', 'aria-current': selected ? 'page' : undefined },
      icon ? h('img', { src: `/${icon.replace(/^\//, '')}`, alt: '' }) : undefined,
      h('span', { textContent: tab.text }),
      tab.badge ? h('span', { className: 'wb-tab-badge', textContent: tab.badge }) : undefined,
      tab.redDot ? h('span', { className: 'wb-tab-dot' }) : undefined);
    button.style.color = (selected ? style.selectedColor : style.color) || '';
    button.addEventListener('click', () => wx.switchTab({ url: `/${tab.pagePath}` }));
    return button;
  }));
}

// The browser's back button is navigateBack: one history entry per page above the first.
function followHistory(rt) {
  let depth = 0;
  let moving = false;
  // In step at once, unlike the drawing: the back button may come before the next frame.
  rt.watch(() => {
    const wanted = rt.getCurrentPages().length - 1;
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
      const from = depth;
      depth = target;
      // A page that asks before it is left, and is not: its history entries come back.
      rt.userBack(delta).then((left) => {
        if (left) return;
        for (depth = target; depth < from; depth += 1) history.pushState({ wxrtDepth: depth + 1 }, '');
      }).catch(() => {});
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
    // The simulated phone answers as the developer left it, from the first line of app.js.
    phone: state.phone,
    project: { files: bundle.files, version: bundle.version ?? undefined, compiled: bundle.compiled, launch: bundle.launch, writtenAs: bundle.writtenAs },
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
  // The runtime notifies its watchers on every page setData (a scroll handler's or a
  // timer's many times a second): what the workbench shows of it is drawn at most once a
  // frame, as the panels are, not once a call (the frame's redraw reads the page stack
  // from core, which cost a setData as much as the page's own render).
  let shownErrors = 0;
  rt.watch(throttled(() => {
    const errors = rt.errors();
    for (const error of errors.slice(shownErrors)) problems.addRuntime(error);
    shownErrors = errors.length;
  }));
  // The user's back: the page may ask first (wx.enableAlertBeforeUnload).
  $('nav-back').addEventListener('click', () => rt.userBack().catch(() => {}));
  const redrawPhone = () => drawPhone(rt, appJson);
  rt.watch(throttled(redrawPhone));
  redrawPhone();
  followHistory(rt);
  // The panels read the runtime's state whenever they draw, so they can wait for the
  // first page: they come as a chunk of their own after it, not in what the page needs
  // to start.
  await rt.launched;
  shown();
  const { setUpPanels } = await import('./panels/index.js');
  drawPanel = setUpPanels(rt, bundle, { state, save, reloadWith });
  drawPanel(state.tab);
  $('panels').disabled = false;
}

/** The workbench is painted from here on (index.html keeps it from painting while it starts). */
function shown() {
  document.body.classList.remove('wb-starting');
}

main().catch((error) => {
  shown();
  $('nav-title').textContent = 'Cannot start';
  problems.addRuntime({ message: error.message, stack: error.stack, file: error.file, line: error.line, column: error.column });
  globalThis.wxrtError = error.message;
  console.error(error);
});
