// A component's `properties` (types, `optionalTypes`, defaults, `observer`) and which
// `observers` a data change fires, as glass-easel's data_proxy.ts decides.

/** `my-prop` (as written on the host) → `myProp` (as declared). */
export const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

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

/** A property declaration as `{type, value, observer, optionalTypes}`. */
export function normalizeProperty(spec) {
  if (spec === null || typeof spec === 'function') return { type: spec, value: defaultOf(spec), optionalTypes: [] };
  if (spec === undefined || typeof spec !== 'object') return { type: null, value: null, optionalTypes: [] };
  const type = spec.type ?? null;
  const optionalTypes = Array.isArray(spec.optionalTypes) ? spec.optionalTypes : [];
  return { type, value: 'value' in spec ? spec.value : defaultOf(type), observer: spec.observer, optionalTypes };
}

const fits = (t, value) => (t === String && typeof value === 'string') || (t === Number && typeof value === 'number')
  || (t === Boolean && typeof value === 'boolean') || (t === Array && Array.isArray(value))
  || (t === Object && value !== null && typeof value === 'object' && !Array.isArray(value));

/**
 * A host attribute's value converted to the property's type, as WeChat converts it: a
 * value of the type or one of its `optionalTypes` is kept, anything else converted to the
 * main type.
 */
export function convert(value, property) {
  const { type, optionalTypes = [] } = property;
  // glass-easel's convertValueToType: an untyped property given `undefined` takes its default.
  if (type === null || type === undefined) return value === undefined ? property.value : value;
  if ([type, ...optionalTypes].some((t) => fits(t, value))) return value;
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

/** A data path (`a.b`, `arr[2].c`) as its segments. */
export const segments = (path) => path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');

/** An `observers` key as `{path, wildcard}`: `some.field.**` watches everything below. */
export function parseWatched(text) {
  if (text === '**') return { path: [], wildcard: true };
  const wildcard = text.endsWith('.**');
  return { path: segments(wildcard ? text.slice(0, -3) : text), wildcard };
}

/**
 * Whether a change at `changed` (segments) fires an observer of `watched`: a change at or
 * above the watched path does; one below it only for `.**` (glass-easel marks the
 * observer tree along the changed path, and all of it below the path's end).
 */
export function fires(watched, changed) {
  const n = Math.min(watched.path.length, changed.length);
  for (let i = 0; i < n; i += 1) if (watched.path[i] !== changed[i]) return false;
  return changed.length <= watched.path.length || watched.wildcard;
}

/** The value an observer of `watched` receives. */
export function valueAt(data, watched) {
  let value = data;
  for (const part of watched.path) {
    if (value === undefined || value === null) return undefined;
    value = value[part];
  }
  return value;
}
