// WXS's `constructor`: in WeChat it is a string naming the type ("Array", "Object",
// "Number"…), and library code tests it (Vant's `array.isArray` is
// `array.constructor === 'Array'`, so every class its `utils.bem` computes depends on
// it). WXS runs here as plain JavaScript, whose `constructor` is the function; so each
// `.constructor` read in WXS source reads a symbol-keyed property instead, which the
// built-in prototypes answer with WeChat's string. The symbol is invisible to any other
// code. WXS has no regular-expression or template literals (getRegExp() stands in), so
// skipping strings and comments finds every member access exactly.

const KEY = Symbol.for('wxrt.wxs.constructor');

const NAMES = [[Object, 'Object'], [Array, 'Array'], [Function, 'Function'], [Number, 'Number'], [String, 'String'],
  [Boolean, 'Boolean'], [RegExp, 'RegExp'], [Date, 'Date']];
for (const [type, name] of NAMES) {
  if (!Object.hasOwn(type.prototype, KEY)) Object.defineProperty(type.prototype, KEY, { value: name });
}

const REPLACEMENT = "[Symbol.for('wxrt.wxs.constructor')]";
const WORD = /[A-Za-z0-9_$]/;

/** WXS source with every `x.constructor` read as WeChat's type name. */
export function wxsSource(code) {
  let out = '';
  let copied = 0;
  let at = 0;
  while (at < code.length) {
    const c = code[at];
    if (c === '"' || c === "'") {
      at += 1;
      while (at < code.length && code[at] !== c) at += code[at] === '\\' ? 2 : 1;
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
