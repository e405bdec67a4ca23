// One page's or component's rendered template: runs its compiled WXML with the view's copy
// of the instance's data and patches the DOM under its root. As in WeChat, where the view
// layer holds data of its own, the copy is taken at the first render and changes only by
// setData: data changed in place without setData is never drawn. Renders are batched: any
// number of setData calls in one task cause one render.

import { applySetData } from '../../pkg/wxrt_wasm.js';
import { copyValues, deepCopy } from '../deep-copy.js';
import { R, touch } from './template-runtime.js';
import { TemplateError } from './templates.js';
import { patchChildren, unmount } from './patch.js';
import { rendering } from './attach-queue.js';
import { segments } from './properties.js';

let nextScope = 0;

// Whether each data field is pure, per pattern: the pattern is the definition's, so the
// answers hold for every instance of it.
const pureFields = new WeakMap();

function isPure(pattern, key) {
  let known = pureFields.get(pattern);
  if (!known) pureFields.set(pattern, (known = new Map()));
  let pure = known.get(key);
  if (pure === undefined) {
    pattern.lastIndex = 0;
    pure = pattern.test(key);
    known.set(key, pure);
  }
  return pure;
}
const scopes = new Map();

/**
 * The class scope of a page route or component path: the one core compiled its WXSS for,
 * else one of its own (`s1`, `s2`…: nothing is styled in it).
 */
export function scopeOf(path, compiledScope) {
  if (compiledScope) return compiledScope;
  if (!scopes.has(path)) {
    nextScope += 1;
    scopes.set(path, `s${nextScope}`);
  }
  return scopes.get(path);
}

export class View {
  /**
   * `instance` holds `data` and the methods; `path` is the file without extension
   * (`pages/index/index`); `root` the element the template renders into.
   */
  constructor({ instance, kind, path, root, templates, components, guard, reportError, externalClasses, slots, scope, pureDataPattern }) {
    this.instance = instance;
    this.path = path;
    this.root = root;
    this.templates = templates;
    this.reportError = reportError;
    this.nodes = [];
    this.pending = [];
    this.after = [];
    this.scheduled = false;
    this.pureDataPattern = pureDataPattern;
    this.ctx = {
      instance,
      kind,
      name: `${kind === 'page' ? 'page' : 'component'} ${path}`,
      path,
      scope: scopeOf(path, scope),
      templates,
      components,
      guard,
      externalClasses,
      slots,
      slotElements: new Set(),
      memo: new Map(),
      memoNext: new Map(),
    };
  }

  /** The template's nodes for the current data; a template that cannot compile shows why. */
  build() {
    const file = `${this.path}.wxml`;
    const previous = R.ctx;
    const ctx = this.ctx;
    R.ctx = ctx;
    ctx.memoNext = new Map();
    try {
      if (!this.templates.has(file)) return [];
      const module = this.templates.module(file);
      const nodes = [];
      module.render(this.renderedData(), module.W, nodes);
      ctx.memo = ctx.memoNext;
      return nodes;
    } catch (error) {
      if (!this.failed) this.reportError(error instanceof TemplateError ? new SyntaxError(error.message) : error);
      this.failed = true;
      return [R.el('view', { class: 'wxrt-template-error' }, [R.text(error.message)], undefined)];
    } finally {
      R.ctx = previous;
    }
  }

  /**
   * The data the template sees: `pureDataPattern` fields are for the logic only. With a
   * pattern it is a view of the copy without them, built once and kept up by apply().
   */
  renderedData() {
    this.data ??= deepCopy(this.instance.data);
    const pattern = this.pureDataPattern;
    if (!pattern) return this.data;
    if (!this.shown) {
      this.shown = {};
      for (const key of Object.keys(this.data)) if (!isPure(pattern, key)) this.shown[key] = this.data[key];
    }
    return this.shown;
  }

  /** Renders now. */
  render() {
    this.scheduled = false;
    rendering(() => {
      const nodes = this.build();
      patchChildren(this.root, this.nodes, nodes);
      this.nodes = nodes;
    });
    const after = this.after;
    this.after = [];
    for (const run of after) run();
    const callbacks = this.pending;
    this.pending = [];
    for (const callback of callbacks) this.ctx.guard(() => callback.call(this.instance));
  }

  /**
   * setData's `changes` (already applied to the instance's data, which reported any bad
   * path) applied to the view's copy; returns the objects of the copy they touched. Before
   * the first render there is no copy yet: that render takes one.
   */
  apply(changes) {
    const touched = [];
    if (this.data) {
      applySetData(this.data, copyValues(changes), touched);
      if (this.shown) {
        for (const path of Object.keys(changes)) {
          const key = segments(path)[0];
          if (key !== undefined && !isPure(this.pureDataPattern, key)) this.shown[key] = this.data[key];
        }
      }
    }
    return touched;
  }

  /**
   * After setData: `touched` are the objects of the view's copy it changed; `after` runs
   * right after the render (property observers), `callback` then.
   */
  changed(touched, callback, after) {
    touch(touched);
    if (typeof after === 'function') this.after.push(after);
    if (typeof callback === 'function') this.pending.push(callback);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      if (this.scheduled && !this.destroyed) this.render();
    });
  }

  destroy() {
    this.destroyed = true;
    for (const node of this.nodes) unmount(node);
    this.nodes = [];
  }
}
