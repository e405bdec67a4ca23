// licia's `safeGet`, which DevTools reads data and properties with: `a.b`, `a[0].b` and
// `a["b"]` paths, an own key spelled like the whole path winning, undefined for a miss.

function pathOf(path) {
  const out = [];
  const re = /\[\s*(?:"([^"]*)"|'([^']*)'|([^\]]*?))\s*\]|([^.[\]]+)/g;
  let m;
  while ((m = re.exec(path))) out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

export function safeGet(object, path) {
  if (object == null) return undefined;
  if (Array.isArray(path)) return path.reduce((value, key) => (value == null ? undefined : value[key]), object);
  const text = String(path);
  if (Object.hasOwn(Object(object), text)) return object[text];
  let value = object;
  for (const key of pathOf(text)) {
    if (value == null) return undefined;
    value = value[key];
  }
  return value;
}
