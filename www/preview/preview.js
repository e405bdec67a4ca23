// The preview page `wxrt serve <project>` opens: loads the project, cold-starts it with
// the launch options in this page's URL, and shows the page stack. The runtime handle is
// `globalThis.wxrt` for tests and for the console. The build bundles this file and its
// imports into pkg/wxrt-preview.js, which the page loads (the tools it never needs go
// into a chunk beside it).

import { DEFAULT_USER, createRuntime, init } from '../index.js';

const $ = (id) => document.getElementById(id);

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

function showProblem(title, detail = '') {
  const item = document.createElement('li');
  item.textContent = title;
  if (detail && detail !== title) {
    const pre = document.createElement('pre');
    pre.textContent = detail;
    item.append(pre);
  }
  $('problem-list').append(item);
  $('problems').hidden = false;
}

// The page's window as core resolves it (app.json's, then the page json's overrides).
// A broken page json is reported once and the app's window shown.
const reportedPageJson = new Set();
function pageWindow(lifecycle, files, route) {
  const file = `${route}.json`;
  const report = (message) => {
    if (!reportedPageJson.has(file)) showProblem(message);
    reportedPageJson.add(file);
  };
  try {
    const text = files[file];
    return lifecycle.window(route, text === undefined ? undefined : JSON.parse(text));
  } catch (error) {
    report(error instanceof SyntaxError ? `${file}: bad JSON: ${error.message}` : error.message);
    return lifecycle.window(route, undefined);
  }
}

function render(rt, appJson, files) {
  const { program, wx } = rt;
  const pages = rt.pageStack();
  const current = pages[pages.length - 1];
  $('not-found').hidden = Boolean(current) || !program.notFound;
  $('not-found').textContent = program.notFound ? `Page not found: ${program.notFound}` : '';
  if (!current) {
    $('nav-title').textContent = '';
    $('page-data').textContent = '';
    return;
  }
  const window = { ...pageWindow(program.lifecycle, files, current.route), ...program.pageWindowOf(current.id) };
  document.title = window.navigationBarTitleText || current.route;
  $('nav-title').textContent = window.navigationBarTitleText;
  $('nav-bar').style.background = window.navigationBarBackgroundColor;
  $('nav-bar').style.color = window.navigationBarTextStyle === 'black' ? '#000' : '#fff';
  $('nav-bar').hidden = window.navigationStyle === 'custom';
  $('nav-back').hidden = pages.length < 2;
  if ($('data-panel').open) $('page-data').textContent = JSON.stringify({ route: current.route, query: current.query, data: current.data }, null, 2);
  const tabs = appJson.tabBar?.list ?? [];
  const onTab = tabs.some((tab) => tab.pagePath === current.route);
  $('tab-bar').hidden = !onTab;
  if (onTab) {
    $('tab-bar').style.background = appJson.tabBar.backgroundColor ?? '#fff';
    $('tab-bar').replaceChildren(...tabs.map((tab) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = tab.text;
      const selected = tab.pagePath === current.route;
      if (selected) button.setAttribute('aria-current', 'page');
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
  rt.program.watch(() => {
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
  const text = new URLSearchParams(location.search).get('destroyAfterMs');
  if (text === null) return undefined;
  const ms = Number(text);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`launch URL: destroyAfterMs should be a non-negative Number of ms, got "${text}"`);
  return ms;
}

// `?user=` picks the simulated user, as people sharing one phone: each has an openid and
// storage of their own. Switching reloads with the same launch options, so the app
// cold-starts as the other user.
function userSwitch() {
  const params = new URLSearchParams(location.search);
  const input = $('user-name');
  input.value = params.get('user') ?? DEFAULT_USER;
  $('user-switch').addEventListener('submit', (event) => {
    event.preventDefault();
    params.set('user', input.value.trim());
    location.search = params.toString();
  });
}

// The background-fetch panel: the last request, its parameters and answer, and buttons to
// fetch now, as WeChat's DevTools offer.
function backgroundFetchPanel(rt, config) {
  $('fetch-panel').hidden = false;
  $('fetch-config').textContent = [
    config.prefetch ? 'prefetch on' : 'no prefetchUrl',
    config.periodic ? `periodic every ${Math.round(config.periodicIntervalMs / 60000)} min` : 'no periodicUrl',
  ].join(' · ');
  const show = (fetch) => {
    if (!fetch) return;
    const lines = [
      `${fetch.fetchType} ${fetch.url ?? '(not sent)'}`,
      `status ${fetch.status ?? '–'} · ${fetch.bytes ?? 0} bytes · ${fetch.cached ? 'cached' : 'not cached'}${fetch.grey ? ' · grey URL' : ''}`,
    ];
    if (fetch.reason) lines.push(fetch.reason);
    $('fetch-last').textContent = lines.join('\n');
    $('fetch-params').textContent = JSON.stringify(fetch.params, null, 2);
    $('fetch-body').textContent = fetch.preview ?? '';
  };
  rt.watchBackgroundFetch(show);
  show(rt.lastBackgroundFetch());
  $('fetch-pre').addEventListener('click', () => rt.triggerPrefetch());
  $('fetch-periodic').addEventListener('click', () => rt.triggerPeriodicFetch());
}

async function main() {
  userSwitch();
  $('problems-close').addEventListener('click', () => { $('problems').hidden = true; });
  // The wasm compiles while the project downloads.
  const loadProject = async () => {
    const response = await fetch('/__wxrt/project');
    const bundle = await response.json();
    if (!response.ok) throw new Error(bundle.error ?? `loading the project failed: HTTP ${response.status}`);
    return bundle;
  };
  const [bundle] = await Promise.all([loadProject(), init()]);
  let appJson = {};
  try {
    appJson = JSON.parse(bundle.files['app.json']);
  } catch {
    // createRuntime reports a bad app.json with the details.
  }
  const rt = await createRuntime({
    appid: bundle.appid,
    project: { files: bundle.files, version: bundle.version ?? undefined, compiled: bundle.compiled },
    launch: location.search,
    user: new URLSearchParams(location.search).get('user') ?? undefined,
    // The page itself: WXML rendered into the phone's screen, assets from the code root.
    container: $('page'),
    profile: { nickName: new URLSearchParams(location.search).get('nickName') ?? undefined },
    wechat: { server: '/__wxrt/wechat' },
    proxy: '/__wxrt/proxy',
    backgroundFetch: { server: '/__wxrt/background-fetch', launch: launchPrefetch, ...bundle.backgroundFetch },
    destroyAfterMs: destroyAfter(),
    sourceRoot: `${location.origin}/`,
  });
  globalThis.wxrt = rt;
  globalThis.wx = rt.wx;
  backgroundFetchPanel(rt, bundle.backgroundFetch ?? {});
  let shownErrors = 0;
  rt.program.watch(() => {
    const errors = rt.errors();
    for (const { message, stack } of errors.slice(shownErrors)) showProblem(message, stack);
    shownErrors = errors.length;
    render(rt, appJson, bundle.files);
  });
  $('nav-back').addEventListener('click', () => rt.wx.navigateBack().catch(() => {}));
  $('data-panel').addEventListener('toggle', () => render(rt, appJson, bundle.files));
  followHistory(rt);
  await rt.launched;
  render(rt, appJson, bundle.files);
}

main().catch((error) => {
  $('nav-title').textContent = 'Cannot start';
  showProblem(error.message, error.stack);
  globalThis.wxrtError = error.message;
  console.error(error);
});
