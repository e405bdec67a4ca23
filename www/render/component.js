// Custom components: `Component()` and `Behavior()` definitions, and their instances in a
// page: properties from the host's attributes (typed, with defaults and observers), data,
// methods, `lifetimes` (created, attached, ready, moved, detached), `pageLifetimes` (show,
// hide, resize), `observers`, `behaviors`, `triggerEvent`, slots and `externalClasses`.

import { applySetData } from '../../pkg/wxrt_wasm.js';
import { View } from './view.js';
import { datasetOf, dispatch } from './events.js';
import { deepCopy } from '../deep-copy.js';
import { refreshSlot, scopedClasses } from './patch.js';
import { resolve } from './templates.js';

const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];
const PAGE_LIFETIMES = ['show', 'hide', 'resize'];

/** `my-prop` (as written on the host) → `myProp` (as declared). */
const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

/** A property declaration as `{type, value, observer}`. */
function normalizeProperty(spec) {
  if (spec === null || typeof spec === 'function') return { type: spec, value: defaultOf(spec) };
  const type = spec.type ?? null;
  return { type, value: 'value' in spec ? spec.value : defaultOf(type), observer: spec.observer, optionalTypes: spec.optionalTypes };
}

function defaultOf(type) {
  switch (type) {
    case String: return '';
    case Number: return 0;
    case Boolean: return false;
    case Object: return null;
    case Array: return [];
    default: return null;
  }
}

/** A host attribute's value converted to the property's type, as WeChat converts it. */
function convert(value, property) {
  const { type, optionalTypes = [] } = property;
  if (type === null || type === undefined) return value;
  if ([type, ...optionalTypes].some((t) => (t === String && typeof value === 'string') || (t === Number && typeof value === 'number')
    || (t === Boolean && typeof value === 'boolean') || (t === Array && Array.isArray(value))
    || (t === Object && value !== null && typeof value === 'object' && !Array.isArray(value)))) return value;
  switch (type) {
    case String: return value === undefined || value === null ? '' : String(value);
    case Number: {
      const n = Number(value);
      return Number.isNaN(n) ? 0 : n;
    }
    case Boolean: return Boolean(value);
    case Array: return Array.isArray(value) ? value : [];
    case Object: return value !== null && typeof value === 'object' ? value : null;
    default: return value;
  }
}

/** A definition with its behaviors merged in: behaviors first, the component last. */
function flatten(options) {
  const merged = { properties: {}, data: {}, methods: {}, lifetimes: {}, pageLifetimes: {}, observers: [], externalClasses: [], relations: {} };
  const add = (source) => {
    for (const behavior of source.behaviors ?? []) if (behavior && typeof behavior === 'object') add(behavior);
    Object.assign(merged.properties, source.properties ?? {});
    Object.assign(merged.data, deepCopy(source.data ?? {}));
    Object.assign(merged.methods, source.methods ?? {});
    for (const name of LIFETIMES) {
      const fn = source.lifetimes?.[name] ?? source[name];
      if (typeof fn === 'function') (merged.lifetimes[name] ??= []).push(fn);
    }
    for (const name of PAGE_LIFETIMES) {
      const fn = source.pageLifetimes?.[name];
      if (typeof fn === 'function') (merged.pageLifetimes[name] ??= []).push(fn);
    }
    for (const [paths, fn] of Object.entries(source.observers ?? {})) {
      if (typeof fn === 'function') merged.observers.push({ paths: paths.split(',').map((p) => p.trim()), fn });
    }
    merged.externalClasses.push(...(source.externalClasses ?? []));
  };
  add(options);
  merged.options = options.options ?? {};
  return merged;
}

/** Whether a change at `changed` (a setData key) concerns the observer path `watched`. */
function concerns(watched, changed) {
  if (watched === '**') return true;
  const base = watched.replace(/\.\*\*$/, '');
  const norm = (p) => p.replace(/\[(\d+)\]/g, '.$1');
  const w = norm(base);
  const c = norm(changed);
  return c === w || c.startsWith(`${w}.`) || w.startsWith(`${c}.`) || (watched.endsWith('.**') && c.startsWith(w));
}

function valueAt(data, path) {
  if (path === '**') return data;
  let value = data;
  for (const part of path.replace(/\.\*\*$/, '').replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (value === undefined || value === null) return undefined;
    value = value[part];
  }
  return value;
}

/** The definition's properties, each as `{type, value, observer}`. */
function propertiesOf(definition) {
  return Object.fromEntries(Object.entries(definition.properties).map(([name, spec]) => [name, normalizeProperty(spec)]));
}

/** An instance's own data: the definition's, with each property at its default. */
function initialData(definition, properties) {
  const data = deepCopy(definition.data);
  for (const [name, property] of Object.entries(properties)) data[name] = deepCopy(property.value);
  return data;
}

/**
 * A page written with `Component()`: its `methods` hold the page's handlers and lifecycle
 * hooks, its properties take the page's query, and its lifetimes run before onLoad.
 */
export function componentAsPage(options) {
  const definition = flatten(options ?? {});
  const properties = propertiesOf(definition);
  const data = initialData(definition, properties);
  const onLoad = definition.methods.onLoad;
  const page = { ...definition.methods, data };
  page.onLoad = function onLoadAsComponent(query) {
    for (const [name, property] of Object.entries(properties)) {
      if (query && name in query) this.data[name] = convert(query[name], property);
    }
    for (const name of ['created', 'attached']) for (const fn of definition.lifetimes[name] ?? []) fn.call(this);
    if (typeof onLoad === 'function') onLoad.call(this, query);
  };
  const onReady = definition.methods.onReady;
  page.onReady = function onReadyAsComponent() {
    for (const fn of definition.lifetimes.ready ?? []) fn.call(this);
    if (typeof onReady === 'function') onReady.call(this);
  };
  const onUnload = definition.methods.onUnload;
  page.onUnload = function onUnloadAsComponent() {
    if (typeof onUnload === 'function') onUnload.call(this);
    for (const fn of definition.lifetimes.detached ?? []) fn.call(this);
  };
  return page;
}

export class ComponentRegistry {
  /**
   * `program` loads modules and reports errors; `templates` compiles WXML; `styles`
   * injects component WXSS; `files` are the project's files.
   */
  constructor({ program, templates, styles, files }) {
    this.program = program;
    this.templates = templates;
    this.styles = styles;
    this.files = files;
    this.definitions = new Map();
    this.appJson = this.json('app.json') ?? {};
  }

  json(path) {
    const text = this.files[path];
    if (typeof text !== 'string') return undefined;
    try {
      return JSON.parse(text);
    } catch (error) {
      this.program.reportError(new SyntaxError(`${path}: bad JSON: ${error.message}`));
      return undefined;
    }
  }

  /** `Component(options)` called by the module `file`. */
  define(file, options) {
    if (options === null || typeof options !== 'object') {
      this.program.reportError(new TypeError(`Component() in ${file} should be given an Object`));
      return;
    }
    this.definitions.set(file.replace(/\.js$/, ''), flatten(options));
  }

  /** The custom components the template of `path` (page or component) may use: tag → path. */
  resolverFor(path) {
    const own = this.json(`${path}.json`)?.usingComponents ?? {};
    const global = this.appJson.usingComponents ?? {};
    const cache = new Map();
    return (tag) => {
      if (cache.has(tag)) return cache.get(tag);
      let found;
      if (typeof own[tag] === 'string') found = this.locate(path, own[tag]);
      else if (typeof global[tag] === 'string') found = this.locate('app', global[tag]);
      cache.set(tag, found);
      return found;
    };
  }

  /** A `usingComponents` value from the file `from` as a component path (no extension). */
  locate(from, spec) {
    const candidates = spec.startsWith('/') || spec.startsWith('.')
      ? [resolve(from, spec)]
      : [resolve(from, spec), `miniprogram_npm/${spec}`, `miniprogram_npm/${spec}/index`];
    for (const candidate of candidates) {
      const base = candidate.replace(/\.js$/, '');
      if (typeof this.files[`${base}.js`] === 'string') return base;
      if (typeof this.files[`${base}/index.js`] === 'string') return `${base}/index`;
    }
    this.program.reportError(new Error(`${from}.json: usingComponents "${spec}" is not a component in the project`));
    return undefined;
  }

  definition(path) {
    if (!this.definitions.has(path)) {
      this.program.loadModule(`${path}.js`);
      this.styles.component(path);
    }
    const definition = this.definitions.get(path);
    if (!definition) this.program.reportError(new Error(`${path}.js did not call Component()`));
    return definition;
  }

  /** The instance for a WXML node whose tag is a custom component of its template, if so. */
  instanceFor(node) {
    const path = node.o?.components?.(node.t);
    if (!path) return undefined;
    const definition = this.definition(path);
    if (!definition) return undefined;
    return new ComponentInstance(this, path, definition, node);
  }
}

/** One custom component in a page. */
export class ComponentInstance {
  constructor(registry, path, definition, node) {
    this.registry = registry;
    this.definition = definition;
    this.path = path;
    this.node = node;
    const program = registry.program;
    const instance = Object.create(null);
    this.instance = instance;
    const properties = propertiesOf(definition);
    this.properties = properties;
    const data = initialData(definition, properties);
    const self = this;
    Object.assign(instance, {
      is: path,
      id: node.a.id === undefined ? '' : String(node.a.id),
      data,
      properties: data,
      dataset: {},
      setData(changes, callback) {
        self.setData(changes, callback);
      },
      triggerEvent(name, detail, options = {}) {
        dispatch(self.host, name, detail, {}, { bubbles: Boolean(options.bubbles) });
      },
      selectComponent: (selector) => program.selectComponent(self.host, selector),
      selectAllComponents: (selector) => program.selectAllComponents(self.host, selector),
      createSelectorQuery: () => program.createSelectorQuery(self.host),
      getPageId: () => program.pageIdOf(self.host),
      hasBehavior: () => false,
    });
    for (const [name, method] of Object.entries(definition.methods)) {
      if (typeof method === 'function') instance[name] = method;
    }
    instance.__wxrtComponent = this;
    this.view = undefined;
  }

  lifetime(name, ...args) {
    for (const fn of this.definition.lifetimes[name] ?? []) this.registry.program.guard(() => fn.apply(this.instance, args));
  }

  pageLifetime(name, ...args) {
    for (const fn of this.definition.pageLifetimes[name] ?? []) this.registry.program.guard(() => fn.apply(this.instance, args));
  }

  /** Property values from the host node's attributes; returns the changed property names. */
  applyProperties(node) {
    const changed = [];
    for (const [attr, value] of Object.entries(node.a)) {
      const name = this.properties[attr] ? attr : camel(attr);
      const property = this.properties[name];
      if (!property) continue;
      const next = convert(value, property);
      const previous = this.instance.data[name];
      if (Object.is(previous, next) && (next === null || typeof next !== 'object')) continue;
      this.instance.data[name] = next;
      changed.push([name, next, previous]);
    }
    return changed;
  }

  externalClasses(node) {
    const map = {};
    for (const name of this.definition.externalClasses) {
      map[name] = scopedClasses(node.a[name], node.o);
    }
    return map;
  }

  /** Creates the host element, runs created and attached, renders. */
  mount(node) {
    const host = document.createElement(`wx-${node.t}`);
    this.host = host;
    host.wxComponent = this;
    this.instance.dataset = datasetOf(node.a);
    this.applyProperties(node);
    this.lifetime('created');
    this.view = new View({
      instance: this.instance,
      kind: 'component',
      path: this.path,
      root: host,
      templates: this.registry.templates,
      components: this.registry.resolverFor(this.path),
      guard: (call) => this.registry.program.guard(call),
      reportError: (error) => this.registry.program.reportError(error),
      externalClasses: this.externalClasses(node),
      slots: (name) => this.slotContent(name),
      scope: this.registry.styles.scopeOf(`${this.path}.wxss`),
    });
    host.wxHostClass = `${this.view.ctx.scope}-host`;
    this.lifetime('attached');
    this.view.render();
    setTimeout(() => this.lifetime('ready'));
    return host;
  }

  slotContent(name) {
    return this.node.c.filter((child) => (child.a?.slot ?? '') === name);
  }

  /** The parent re-rendered the host node: new properties and slot content. */
  update(node) {
    this.node = node;
    this.instance.dataset = datasetOf(node.a);
    Object.assign(this.view.ctx.externalClasses, this.externalClasses(node));
    const changed = this.applyProperties(node);
    for (const [name, value, previous] of changed) {
      const observer = this.properties[name].observer;
      const fn = typeof observer === 'string' ? this.instance[observer] : observer;
      if (typeof fn === 'function') this.registry.program.guard(() => fn.call(this.instance, value, previous));
    }
    if (changed.length) this.observe(changed.map(([name]) => name));
    for (const slot of [...this.view.ctx.slotElements]) refreshSlot(slot);
    this.view.changed([this.instance.data]);
  }

  setData(changes, callback) {
    if (changes === null || typeof changes !== 'object') return;
    const touched = [];
    for (const message of applySetData(this.instance.data, changes, touched)) this.registry.program.reportError(new Error(message));
    this.observe(Object.keys(changes));
    if (this.view) this.view.changed(touched, callback);
  }

  observe(changedKeys) {
    for (const { paths, fn } of this.definition.observers) {
      if (!changedKeys.some((key) => paths.some((path) => concerns(path, key)))) continue;
      const values = paths.map((path) => valueAt(this.instance.data, path));
      this.registry.program.guard(() => fn.apply(this.instance, values));
    }
  }

  /** The page showed or hid: pageLifetimes, here and in the components inside. */
  pageEvent(name, arg) {
    this.pageLifetime(name, arg);
  }

  unmount() {
    this.lifetime('detached');
    this.view?.destroy();
  }
}
