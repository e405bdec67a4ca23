// Options are copied into each instance once, deeply, as WeChat does: instances never
// share `data` or other objects. Functions and class instances are kept as they are, and
// a cycle is copied as a cycle.

export function deepCopy(value, seen = new Map()) {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy = [];
    seen.set(value, copy);
    for (const item of value) copy.push(deepCopy(item, seen));
    return copy;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item, seen);
  return copy;
}

/**
 * The values of a `setData` call, copied at the call as WeChat copies them: a list mutated
 * in place and passed again arrives as new objects, so every row is compared afresh, and
 * later mutations of what was passed are not seen until the next `setData`.
 */
export function copyValues(changes) {
  const copy = {};
  for (const key of Object.keys(changes)) copy[key] = deepCopy(changes[key]);
  return copy;
}
