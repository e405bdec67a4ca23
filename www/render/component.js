// Custom components: the registry of `Component()` definitions, and their instances in a
// page: properties from the host's attributes, data and `setData`, methods, lifetimes,
// page lifetimes, observers, relations, `triggerEvent`, `selectComponent`, slots,
// `externalClasses` and generics. Definitions are built in behaviors.js, relations live in
// relations.js, selectors and trees in tree.js, lifetimes' timing in attach-queue.js.

import { applySetData } from '../../pkg/wxrt_wasm.js';
import { View } from './view.js';
import { datasetOf, dispatch } from './events.js';
import { copyValues, deepCopy } from '../deep-copy.js';
import { refreshSlot, scopedClasses, unmount } from './patch.js';
import { forgetClasses, scopeComponent } from './classes.js';
import { resolve } from './templates.js';
import { npmRoots } from '../modules.js';
import { buildDefinition, defineBehavior, includesBehavior } from './behaviors.js';
import { normalizeRelations, relationNodes, updateLinks } from './relations.js';
import { camel, convert, fires, normalizeProperty, parseWatched, segments, valueAt } from './properties.js';
import { built } from './attach-queue.js';
import { touch, versionOf } from './template-runtime.js';
import { selectIn } from './tree.js';

/** The definition's properties, each as `{type, value, observer, optionalTypes}`. */
function propertiesOf(definition) {
  return Object.fromEntries(Object.entries(definition.properties).map(([name, spec]) => [name, normalizeProperty(spec)]));
}

/** An instance's own data: the definition's, with each property at its default. */
function initialData(definition, properties) {
  const data = deepCopy(definition.data);
  for (const [name, property] of Object.entries(properties)) data[name] = deepCopy(property.value);
  return data;
}

const patternOf = (options) => (options?.pureDataPattern instanceof RegExp ? options.pureDataPattern : undefined);

/**
 * What `selectComponent` gives for the element `el`: the component's instance, or what
 * its `export()` returns when it uses `wx://component-export` (WeChat's docs, 组件间通信).
 */
function exported(el) {
  const component = el.wxComponent;
  if (component.definition.export && includesBehavior(component.definition, 'wx://component-export')) {
    return component.registry.program.guard(() => component.definition.export.call(component.instance));
  }
  return component.instance;
}

/** The components matching `selector` in the template `ctx` rendered under `root`. */
export function selectComponentsIn(root, ctx, selector) {
  return selectIn(root, ctx, selector).filter((el) => el.wxComponent).map(exported);
}

/**
 * `Page()` called by a module that is no page (a real photo app's custom tab bar does it):
 * a component made of page options, as glass-easel's `pageDefinition` makes one. `data`
 * is its data, every function a method, any other field a definition field as given
 * (`options`, `behaviors`, `properties`…) and, but `behaviors`, also copied onto each
 * instance when it is made, with a `methods` field.
 */
export function pageAsComponent(options, file = '') {
  const definition = { methods: {} };
  const fields = {};
  for (const [key, value] of Object.entries(options ?? {})) {
    if (key === 'data') definition.data = value;
    else if (typeof value === 'function') definition.methods[key] = value;
    else if (key === 'methods') fields.methods = value;
    else {
      definition[key] = value;
      if (key !== 'behaviors') fields[key] = value;
    }
  }
  const copyFields = defineBehavior({ lifetimes: { created() { Object.assign(this, deepCopy(fields)); } } }, file);
  definition.behaviors = [copyFields, ...(Array.isArray(definition.behaviors) ? definition.behaviors : [])];
  return definition;
}

/**
 * A page written with `Component()`: its `methods` hold the page's handlers and lifecycle
 * hooks, its properties take the page's query. `__wxrtAttach(query)` runs its `created`,
 * gives the properties the query, then runs `attached`: the program calls it when the
 * page is made, before its template renders and before onLoad (a page is the root
 * component of its tree, attached before what is inside it).
 */
export function componentAsPage(options, file = '') {
  const definition = buildDefinition(options ?? {}, file);
  const properties = propertiesOf(definition);
  const data = initialData(definition, properties);
  const page = { ...definition.methods, data };
  Object.defineProperty(page, '__wxrtDefinition', { value: definition });
  Object.defineProperty(page, '__wxrtAttach', {
    value: function attachAsComponent(query) {
      for (const fn of definition.lifetimes.created ?? []) fn.call(this);
      for (const [name, property] of Object.entries(properties)) {
        if (query && name in query) this.data[name] = convert(query[name], property);
      }
      for (const fn of definition.lifetimes.attached ?? []) fn.call(this);
    },
  });
  Object.defineProperty(page, '__wxrtPageLifetime', {
    value: function pageLifetimeAsComponent(name, arg) {
      for (const fn of definition.pageLifetimes[name] ?? []) fn.call(this, arg);
    },
  });
  page.hasBehavior = (behavior) => includesBehavior(definition, behavior);
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
    const definition = buildDefinition(options, file);
    definition.relationDefs = normalizeRelations(definition, (error) => this.program.reportError(error));
    definition.generics = this.json(`${definition.file}.json`)?.componentGenerics ?? {};
    this.definitions.set(definition.file, definition);
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
    const candidates = [resolve(from, spec)];
    if (!spec.startsWith('/') && !spec.startsWith('.')) {
      // A package name (`tdesign-miniprogram/button/button`, `@vant/weapp/button/index`),
      // found where `require` finds it.
      for (const root of npmRoots(from)) candidates.push(`${root}/${spec}`);
    }
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
    this.relations = definition.relationDefs ?? [];
    this.links = new Map();
    this.linkedChildren = new Map();
    this.passed = new Map();
    this.pure = patternOf(definition.options);
    this.watched = definition.observers.map(({ paths, fn }) => ({ paths: paths.map(parseWatched), fn }));
    const program = registry.program;
    const instance = Object.create(null);
    this.instance = instance;
    const properties = propertiesOf(definition);
    this.properties = properties;
    const data = initialData(definition, properties);
    const self = this;
    Object.assign(instance, {
      is: path,
      // The rendering engine, as WeChat names it: libraries branch on it (WeUI's slideview
      // draws only for 'webview').
      renderer: 'webview',
      id: node.a.id === undefined ? '' : String(node.a.id),
      data,
      properties: data,
      dataset: {},
      setData(changes, callback) {
        self.setData(changes, callback);
      },
      groupSetData(fn) {
        if (typeof fn === 'function') fn.call(instance);
      },
      triggerEvent(name, detail, options = {}) {
        if (!self.host?.wxNode) return;
        dispatch(self.host, String(name), detail === undefined ? {} : detail, {}, {
          bubbles: Boolean(options?.bubbles),
          composed: Boolean(options?.composed),
          capturePhase: Boolean(options?.capturePhase),
        });
      },
      selectComponent: (selector) => self.select(selector)[0] ?? null,
      selectAllComponents: (selector) => self.select(selector),
      selectOwnerComponent: () => self.node.o?.instance ?? null,
      getRelationNodes: (key) => relationNodes(self, key),
      hasBehavior: (behavior) => includesBehavior(definition, behavior),
      createSelectorQuery: () => program.createSelectorQuery(self.host),
      getPageId: () => program.pageIdOf(self.host),
      // createIntersectionObserver, animate, clearAnimation (instance-apis.js)
      ...program.instanceApis(self),
    });
    for (const [name, method] of Object.entries(definition.methods)) instance[name] = method;
    instance.__wxrtComponent = this;
    this.view = undefined;
    this.state = 'created';
  }

  select(selector) {
    if (!this.view) return [];
    // glass-easel draws the template with the default data before `created`, and code there
    // may select in it (Vant's datetime-picker finds its picker): drawn now if not yet.
    if (!this.view.data) this.view.render();
    return selectComponentsIn(this.host, this.view.ctx, selector);
  }

  /**
   * Runs one call of the component's code: what it throws is reported (onError) and given
   * to its `error` lifetime, as WeChat does for lifetimes, observers and handlers.
   */
  guard(call) {
    try {
      return call();
    } catch (error) {
      this.registry.program.reportError(error);
      if (!this.inErrorLifetime) {
        this.inErrorLifetime = true;
        for (const fn of this.definition.lifetimes.error ?? []) this.registry.program.guard(() => fn.call(this.instance, error));
        this.inErrorLifetime = false;
      }
      return undefined;
    }
  }

  lifetime(name, ...args) {
    for (const fn of this.definition.lifetimes[name] ?? []) this.guard(() => fn.apply(this.instance, args));
  }

  pageLifetime(name, ...args) {
    for (const fn of this.definition.pageLifetimes[name] ?? []) this.guard(() => fn.apply(this.instance, args));
  }

  /**
   * Property values from the host node's attributes: `[name, value, previous, changed]`
   * for each one given at creation, and later each one whose passed value changed (what
   * the parent passes is copied, so the child's setData never reaches the parent's data).
   */
  applyProperties(node) {
    const given = [];
    const initial = this.state === 'creating';
    for (const [attr, value] of Object.entries(node.a)) {
      const name = this.properties[attr] ? attr : camel(attr);
      const property = this.properties[name];
      if (!property) continue;
      // The same object passed again counts when a path setData changed it in place
      // (`setData({'form.name': v})` while the child holds `{{form}}`).
      const passed = this.passed.get(name);
      if (!initial && passed && Object.is(passed.value, value) && passed.version === versionOf(value)) continue;
      this.passed.set(name, { value, version: versionOf(value) });
      const next = deepCopy(convert(value, property));
      const previous = this.instance.data[name];
      this.instance.data[name] = next;
      given.push([name, next, previous, !Object.is(previous, next)]);
    }
    return given;
  }

  /** Property observers (after the render, as glass-easel's "legacy" ones) for `given`. */
  propertyObservers(given) {
    for (const [name, value, previous, changed] of given) {
      if (!changed || this.pure?.test(name)) continue;
      const observer = this.properties[name].observer;
      const fn = typeof observer === 'string' ? this.instance[observer] : observer;
      if (typeof fn === 'function') this.guard(() => fn.call(this.instance, value, previous));
    }
  }

  externalClasses(node) {
    const map = {};
    for (const name of this.definition.externalClasses) {
      map[name] = scopedClasses(node.a[name], node.o);
    }
    return map;
  }

  /** The tags of a template: its generics (`generic:x` on the host, else the default), else usingComponents. */
  componentResolver(node) {
    const shared = this.registry.resolverFor(this.path);
    const generics = this.definition.generics;
    if (!generics || Object.keys(generics).length === 0) return shared;
    return (tag) => {
      if (!(tag in generics)) return shared(tag);
      const chosen = this.node.a[`generic:${tag}`];
      if (typeof chosen === 'string' && chosen !== '') return this.node.o?.components?.(chosen);
      const fallback = generics[tag]?.default;
      if (typeof fallback === 'string') return this.registry.locate(this.path, fallback);
      this.registry.program.reportError(new Error(`${this.path}: the generic <${tag}> has no implementation: give generic:${tag} on <${node.t}>`));
      return undefined;
    };
  }

  /**
   * Builds the host element: created runs on the instance with default data, then the
   * host's property values arrive (observers fire), then the template renders (components
   * inside are built the same way). Attached comes when the render that built it ends.
   */
  mount(node) {
    const host = document.createElement(`wx-${node.t}`);
    this.host = host;
    host.wxComponent = this;
    this.instance.dataset = datasetOf(node.a);
    this.view = new View({
      instance: this.instance,
      kind: 'component',
      path: this.path,
      root: host,
      templates: this.registry.templates,
      components: this.componentResolver(node),
      guard: (call) => this.guard(call),
      reportError: (error) => this.registry.program.reportError(error),
      externalClasses: this.externalClasses(node),
      slots: (name) => this.slotContent(name),
      scope: this.registry.styles.scopeOf(`${this.path}.wxss`),
      pureDataPattern: this.pure,
    });
    this.view.ctx.host = host;
    scopeComponent(this.view.ctx, {
      owner: node.o,
      definition: this.definition,
      json: () => this.registry.json(`${this.path}.json`),
      styles: this.registry.styles,
      path: this.path,
      host,
      properties: this.properties,
    });
    built(this);
    this.lifetime('created');
    this.state = 'creating';
    const given = this.applyProperties(node);
    this.state = 'created';
    // Drawn early (a selector in `created`): the host's values reach the drawn copy too.
    if (this.view.data) touch(this.view.apply(Object.fromEntries(given.map(([name, value]) => [name, value]))));
    this.observe(given.map(([name]) => [name]));
    this.view.render();
    this.propertyObservers(given);
    return host;
  }

  /** In the page now: attached, then the relations link. Returns what became of it. */
  attach() {
    if (this.state !== 'created') return 'gone';
    // In its page by now (the page itself may be off the document, in a test's container).
    if (!(this.host.isConnected || this.host.closest('wx-page'))) return 'not in place';
    this.state = 'attached';
    this.lifetime('attached');
    updateLinks(this, false);
    return 'attached';
  }

  ready() {
    if (this.state === 'attached') this.lifetime('ready');
  }

  /** Moved within the page's tree (a keyed row reordered): `moved`, then the links again. */
  moved() {
    if (this.state !== 'attached') return;
    this.lifetime('moved');
    updateLinks(this, false);
  }

  /**
   * Single-slot components (no `multipleSlots`) put every child, whatever its `slot`, in
   * their one slot: the first the template renders, named or not (glass-easel's
   * SlotMode.Single).
   */
  slotContent(name) {
    if (!this.definition.options.multipleSlots) {
      this.singleSlot ??= name;
      return name === this.singleSlot ? this.node.c : [];
    }
    return this.node.c.filter((child) => String(child.a?.slot ?? '') === name);
  }

  /** The parent re-rendered the host node: new properties and slot content. */
  update(node) {
    const previousNode = this.node;
    this.node = node;
    this.instance.dataset = datasetOf(node.a);
    const external = this.externalClasses(node);
    const ctx = this.view.ctx;
    if (Object.keys(external).some((name) => ctx.externalClasses[name] !== external[name])) {
      Object.assign(ctx.externalClasses, external);
      forgetClasses(ctx);
      // Rows memoized by R.memo did not see the new classes: build them afresh.
      ctx.memo = new Map();
    }
    const given = previousNode === node ? [] : this.applyProperties(node);
    const touched = this.view.apply(Object.fromEntries(given.map(([name, value]) => [name, value])));
    if (given.length) this.observe(given.map(([name]) => [name]));
    for (const slot of [...this.view.ctx.slotElements]) refreshSlot(slot);
    this.view.changed(touched, undefined, () => this.propertyObservers(given));
    // New values from the parent's render are drawn, and their property observers run,
    // within that render, as glass-easel applies them: before the parent's setData
    // callback (Vant's datetime-picker sets its columns' values from there).
    if (given.length && !this.view.destroyed) this.view.render();
  }

  setData(changes, callback) {
    if (changes === null || typeof changes !== 'object') return;
    const copied = copyValues(changes);
    const previous = {};
    for (const key of Object.keys(copied)) {
      const name = segments(key)[0];
      if (name in this.properties && !(name in previous)) previous[name] = this.instance.data[name];
    }
    for (const message of applySetData(this.instance.data, copied, [])) this.registry.program.reportError(new Error(message));
    // The view's copy changes now, before observers can setData again.
    const touched = this.view ? this.view.apply(changes) : [];
    this.observe(Object.keys(copied).map(segments));
    const given = [];
    for (const key of Object.keys(copied)) {
      const name = segments(key)[0];
      if (!(name in previous)) continue;
      const subPath = segments(key).length > 1;
      const value = this.instance.data[name];
      // glass-easel compares the value given (not its copy) with the old one: setting a
      // property to the very object it holds fires no property observer.
      given.push([name, value, subPath ? undefined : previous[name], subPath || !Object.is(changes[key], previous[name])]);
    }
    if (this.view) this.view.changed(touched, callback, given.length ? () => this.propertyObservers(given) : undefined);
  }

  /** `observers` whose fields the changes (paths as segments) touch, each once, in order. */
  observe(changedPaths) {
    for (const { paths, fn } of this.watched) {
      if (!changedPaths.some((changed) => paths.some((watched) => fires(watched, changed)))) continue;
      const values = paths.map((watched) => valueAt(this.instance.data, watched));
      this.guard(() => fn.apply(this.instance, values));
    }
  }

  /** The page showed, hid, resized or finished routing: pageLifetimes. */
  pageEvent(name, arg) {
    this.pageLifetime(name, arg);
  }

  /**
   * Removed: the components inside first (those given as slot content, then the template's
   * own, as glass-easel's checkAndCallDetached walks childNodes before the shadow root),
   * then this one, then its relations unlink.
   */
  unmount() {
    for (const slot of [...(this.view?.ctx.slotElements ?? [])]) {
      for (const child of slot.slotContent ?? []) unmount(child);
      slot.slotContent = [];
    }
    this.view?.destroy();
    if (this.state === 'attached') {
      this.state = 'detached';
      this.lifetime('detached');
      updateLinks(this, true);
    }
    this.state = 'detached';
  }
}
