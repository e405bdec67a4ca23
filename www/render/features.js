// What a page does not need unless the project uses it (canvas, animations, intersection
// observers, selector queries, picker-view, page-meta, the custom tab bar, WXS, the rarer
// built-in elements of elements/occasional.js): each is a module of its own, which
// bundlers make a chunk, so a project without them never downloads them. Their `wx`
// methods are synchronous (`wx.createAnimation()` returns the object) and their elements
// must draw at the first render, so a chunk cannot wait for its first use:
// `loadFeaturesFor(files)` reads the project's source text before its code runs and
// loads every chunk the text names (a false match only costs a download). Mini-program
// code cannot fetch or build code at run time, so a name absent from every file is a
// feature never used, except through a computed name (`wx['create' + 'Animation']`) or
// the console: queries and observers then wait for their chunk (`deferred`), and the
// APIs that answer at once (`createAnimation`, `createCanvasContext`) say why they cannot
// (`need`).

import { projectText } from '../project-text.js';

const FEATURES = {
  animation: {
    load: () => import('./animation.js'),
    js: ['createAnimation', 'animate(', 'clearAnimation'],
    wxml: /\sanimation\s*=/,
  },
  canvas: {
    load: () => import('./elements/canvas.js'),
    js: ['createCanvasContext'],
    wxml: /<canvas\b/,
  },
  media: { load: () => import('./elements/media.js'), wxml: /<(?:video|audio)\b/ },
  selectorQuery: { load: () => import('./selector-query.js'), js: ['createSelectorQuery'] },
  intersectionObserver: { load: () => import('./intersection-observer.js'), js: ['createIntersectionObserver'] },
  pickerView: { load: () => import('./elements/picker-view.js'), wxml: /<picker-view\b/ },
  ad: { load: () => import('./elements/ad.js'), wxml: /<ad(?:-custom)?(?![\w-])/ },
  occasionalElements: { load: () => import('./elements/occasional.js'), wxml: /<(?:progress|rich-text|swiper|slider|picker)(?![\w-])/ },
  // navigation-bar exists only inside page-meta.
  pageMeta: { load: () => import('./elements/page-meta.js'), wxml: /<(?:page-meta|navigation-bar)\b/ },
  wxs: { load: () => import('./wxs-feature.js'), wxml: /<wxs\b/, ext: '.wxs' },
  customTabBar: { load: () => import('./custom-tab-bar.js'), appJson: (app) => app?.tabBar?.custom === true },
};

const loaded = {};
const loading = {};

/** Built-in elements from loaded features, by tag. */
export const featureElements = {};

/** The module of feature `name` once loaded, else undefined. */
export const feature = (name) => loaded[name];

/** Loads feature `name` (once); resolves with its module. */
export function loadFeature(name) {
  loading[name] ??= FEATURES[name].load().then((module) => {
    loaded[name] = module;
    Object.assign(featureElements, module.elements);
    return module;
  });
  return loading[name];
}

/** Loads every feature (the automator's calls may use any). */
export const loadEveryFeature = () => Promise.all(Object.keys(FEATURES).map(loadFeature));

/** The names of the features the project's source text (`{path: text}`) uses. */
export function featuresUsedBy(files) {
  const used = new Set();
  let app;
  try {
    app = JSON.parse(files['app.json'] ?? '');
  } catch {
    // Refused with its reason where the app starts.
  }
  const paths = Object.keys(files);
  const scripts = projectText(files, '.js');
  const templates = projectText(files, '.wxml');
  for (const [name, f] of Object.entries(FEATURES)) {
    // Scripts are most of a project's text: searched for plain names, which is several
    // times faster than a regular expression.
    if (f.appJson?.(app)
      || f.js?.some((word) => scripts.includes(word))
      || f.wxml?.test(templates)
      || (f.ext && paths.some((path) => path.endsWith(f.ext)))) used.add(name);
  }
  return used;
}

const projects = new WeakMap();

/** Loads what the project `files` uses, before its code runs (read once per `files`). */
export function loadFeaturesFor(files) {
  if (!projects.has(files)) projects.set(files, Promise.all([...featuresUsedBy(files)].map(loadFeature)));
  return projects.get(files);
}

/**
 * `create(module)` of feature `name`, for the objects whose methods only chain and answer
 * through callbacks (selector queries, intersection observers): until the chunk is in, a
 * stand-in records each call, then replays them all in order on the real object, so a
 * query typed at the console or built by a computed name works as any other.
 */
export function deferred(name, create) {
  if (loaded[name]) return create(loaded[name]);
  const calls = [];
  const standIn = (slot) => new Proxy({}, {
    get(_, method) {
      // Not a thenable: awaiting a query must not call it.
      if (typeof method !== 'string' || method === 'then') return undefined;
      return (...args) => {
        if (slot.real) return slot.real[method](...args);
        const result = {};
        calls.push([slot, method, args, result]);
        return standIn(result);
      };
    },
  });
  const root = {};
  loadFeature(name).then((module) => {
    root.real = create(module);
    for (const [slot, method, args, result] of calls) result.real = slot.real[method](...args);
  });
  return standIn(root);
}

/**
 * The module of feature `name` for the synchronous `api`. Absent only when the API is
 * reached by a computed name or from the console: the chunk starts loading, and the call
 * fails saying why rather than doing nothing.
 */
export function need(name, api) {
  if (loaded[name]) return loaded[name];
  loadFeature(name).catch(() => {});
  throw new Error(`wxrt: ${api} comes with the project's code when a file names it; here it was reached by a computed name or from the console, so it was not loaded before this call (it is loading now: call again)`);
}
