// `Behavior()` and the definition a `Component()` call makes: the behaviors a definition
// uses merged in WeChat's order, `definitionFilter`, the built-in `wx://` behaviors, and
// the set of behaviors `hasBehavior` and relation targets ask about.
//
// WeChat's merge rules (developers.weixin.qq.com, 自定义组件 › behaviors): properties,
// methods and plain data fields of the user win over those of the behaviors it uses, a
// later behavior over an earlier one; data fields that are objects on both sides are
// merged; lifetimes and observers never override each other: behaviors' run first, used
// behaviors before their users, earlier before later, and a behavior used twice runs once.

import { deepCopy } from '../deep-copy.js';

const LIFETIMES = ['created', 'attached', 'ready', 'moved', 'detached', 'error'];
const PAGE_LIFETIMES = ['show', 'hide', 'resize', 'routeDone'];

/** What `Behavior()` returns: opaque to mini-program code, compared by identity. */
export class BehaviorDefinition {
  constructor(options, file) {
    this.options = options;
    this.file = file;
    this.behaviors = resolveBehaviors(options.behaviors);
  }
}

/** The built-in behaviors, by name; `form-field` adds the two properties a form reads. */
const BUILTIN = new Map([
  ['wx://form-field', new BehaviorDefinition({ properties: { name: { type: String, value: '' }, value: { type: null, value: null } } }, 'wx://form-field')],
  ['wx://form-field-group', new BehaviorDefinition({}, 'wx://form-field-group')],
  ['wx://form-field-button', new BehaviorDefinition({}, 'wx://form-field-button')],
  ['wx://component-export', new BehaviorDefinition({}, 'wx://component-export')],
]);

function resolveBehaviors(list) {
  const out = [];
  for (const item of Array.isArray(list) ? list : []) {
    if (item instanceof BehaviorDefinition) out.push(item);
    else if (typeof item === 'string' && BUILTIN.has(item)) out.push(BUILTIN.get(item));
    // A plain object (older code passing Behavior's options through) still mixes in.
    else if (item && typeof item === 'object') out.push(new BehaviorDefinition(item, ''));
  }
  return out;
}

/**
 * Runs the `definitionFilter` of each behavior `options` uses on `options`, as WeChat does
 * when the user is declared; each filter gets its own behaviors' filters, to call or not.
 */
function applyDefinitionFilters(options, behaviors) {
  for (const behavior of behaviors) {
    const filter = behavior.options.definitionFilter;
    if (typeof filter !== 'function') continue;
    filter.call(undefined, options, filtersOf(behavior));
  }
}

function filtersOf(behavior) {
  return behavior.behaviors
    .filter((inner) => typeof inner.options.definitionFilter === 'function')
    .map((inner) => (defFields) => inner.options.definitionFilter.call(undefined, defFields, filtersOf(inner)));
}

/** `Behavior(options)` called by the module `file`. */
export function defineBehavior(options, file = '') {
  const source = options !== null && typeof options === 'object' ? options : {};
  const behavior = new BehaviorDefinition(source, file.replace(/\.js$/, ''));
  applyDefinitionFilters(source, behavior.behaviors);
  return behavior;
}

const isPlainObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value)
  && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

function mergeData(target, source) {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value) && isPlainObject(target[key])) mergeData(target[key], value);
    else target[key] = deepCopy(value);
  }
}

/**
 * The definition of a component (or a page written with `Component()`) declared in `file`:
 * behaviors merged, `definitionFilter`s applied.
 */
export function buildDefinition(options, file = '') {
  const source = options !== null && typeof options === 'object' ? options : {};
  const own = new BehaviorDefinition(source, file.replace(/\.js$/, ''));
  applyDefinitionFilters(source, own.behaviors);
  own.behaviors = resolveBehaviors(source.behaviors);
  const merged = {
    file: own.file,
    properties: {},
    data: {},
    methods: {},
    lifetimes: {},
    pageLifetimes: {},
    observers: [],
    externalClasses: [],
    relations: [],
    behaviors: new Set(),
    export: undefined,
  };
  const visit = (behavior) => {
    if (merged.behaviors.has(behavior)) return;
    merged.behaviors.add(behavior);
    for (const inner of behavior.behaviors) visit(inner);
    const o = behavior.options;
    Object.assign(merged.properties, o.properties ?? {});
    mergeData(merged.data, typeof o.data === 'function' ? {} : o.data ?? {});
    for (const [name, method] of Object.entries(o.methods ?? {})) if (typeof method === 'function') merged.methods[name] = method;
    // `lifetimes.x` wins over a top-level `x` of the same definition, as in WeChat.
    for (const name of LIFETIMES) {
      const fn = o.lifetimes?.[name] ?? o[name];
      if (typeof fn === 'function') (merged.lifetimes[name] ??= []).push(fn);
    }
    for (const name of PAGE_LIFETIMES) {
      const fn = o.pageLifetimes?.[name];
      if (typeof fn === 'function') (merged.pageLifetimes[name] ??= []).push(fn);
    }
    for (const [paths, fn] of Object.entries(o.observers ?? {})) {
      if (typeof fn === 'function') merged.observers.push({ paths: paths.split(',').map((p) => p.trim()).filter(Boolean), fn });
    }
    for (const name of Array.isArray(o.externalClasses) ? o.externalClasses : []) {
      if (!merged.externalClasses.includes(name)) merged.externalClasses.push(name);
    }
    for (const [key, relation] of Object.entries(o.relations ?? {})) {
      if (relation && typeof relation === 'object') merged.relations.push({ key, relation, from: behavior.file || own.file });
    }
    if (typeof o.export === 'function') merged.export = o.export;
  };
  visit(own);
  merged.options = source.options ?? {};
  merged.own = own;
  return merged;
}

/** Whether a definition includes `behavior` (a Behavior, a `wx://` name, a component path). */
export function includesBehavior(definition, behavior) {
  if (typeof behavior === 'string') {
    if (BUILTIN.has(behavior)) return definition.behaviors.has(BUILTIN.get(behavior));
    return definition.file === behavior.replace(/\.js$/, '');
  }
  return definition.behaviors.has(behavior);
}

