// WXS runs here as JavaScript; one pass over its source makes JavaScript read it as
// WeChat reads WXS. WXS has no regular-expression or template literals (getRegExp()
// stands in), so strings and comments are all a scan must skip to find member accesses.
//
// - A backslash that starts no escape sequence is kept: `'\d'` is the two characters
//   `\d`, where JavaScript would read `d`. Vant's `add-unit.wxs` builds
//   `getRegExp('^-?\d+(\.\d+)?$')`, which must match `44` for its picker columns to get
//   `line-height: 44px` and their offset; such a backslash is doubled.
// - `constructor` is a string naming the type ("Array", "Object", "Number"…), and library
//   code tests it (Vant's `array.isArray` is `array.constructor === 'Array'`, so every
//   class its `utils.bem` computes depends on it). JavaScript's is the function, so each
//   `.constructor` read becomes a symbol-keyed read that the built-in prototypes answer
//   with WeChat's string; the symbol is invisible to any other code.

const KEY = Symbol.for('wxrt.wxs.constructor');

const NAMES = [[Object, 'Object'], [Array, 'Array'], [Function, 'Function'], [Number, 'Number'], [String, 'String'],
  [Boolean, 'Boolean'], [RegExp, 'RegExp'], [Date, 'Date']];
for (const [type, name] of NAMES) {
  if (!Object.hasOwn(type.prototype, KEY)) Object.defineProperty(type.prototype, KEY, { value: name });
}

const REPLACEMENT = "[Symbol.for('wxrt.wxs.constructor')]";
const WORD = /[A-Za-z0-9_$]/;

/** The characters a backslash escapes in a JavaScript string (and a line continuation). */
const ESCAPES = new Set(['\'', '"', '\\', 'b', 'f', 'n', 'r', 't', 'v', '0', 'x', 'u', '\n', '\r', '\u2028', '\u2029']);

/** WXS source as JavaScript that behaves as WeChat's WXS. */
export function wxsSource(code) {
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < code.length) {
    const c = code[at];
    if (c === '"' || c === "'") {
      at += 1;
      while (at < code.length && code[at] !== c && code[at] !== '\n') {
        if (code[at] === '\\') {
          const next = code[at + 1];
          if (next !== undefined && !ESCAPES.has(next) && !/[1-9]/.test(next)) {
            out += `${code.slice(copied, at)}\\`;
            copied = at;
          }
          at += 2;
        } else {
          at += 1;
        }
      }
      at += 1;
    } else if (c === '/' && code[at + 1] === '/') {
      const end = code.indexOf('\n', at);
      at = end === -1 ? code.length : end;
    } else if (c === '/' && code[at + 1] === '*') {
      const end = code.indexOf('*/', at + 2);
      at = end === -1 ? code.length : end + 2;
    } else if (c === '.' && code[at + 1] !== '.') {
      let name = at + 1;
      while (name < code.length && /\s/.test(code[name])) name += 1;
      const after = name + 'constructor'.length;
      if (code.startsWith('constructor', name) && !WORD.test(code[after] ?? '') && !/\d/.test(code[at - 1] ?? '')) {
        out += code.slice(copied, at) + REPLACEMENT;
        copied = after;
        at = after;
      } else {
        at += 1;
      }
    } else {
      at += 1;
    }
  }
  return out + code.slice(copied);
}
