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

/** The characters a backslash escapes in a JavaScript string (and a line continuation). */
const ESCAPES = new Set(['\'', '"', '\\', 'b', 'f', 'n', 'r', 't', 'v', '0', 'x', 'u', '\n', '\r', '\u2028', '\u2029']);

// What the pass stops at, in one expression the regexp engine scans natively: a string
// (to its closing quote or the end of its line; a backslash takes the next character
// along), a comment, or a `.constructor` read (not `..`, not after a digit, not a longer
// name). A scan written as a JavaScript loop over every character was hot enough for V8
// to compile it with its optimizing tier at every boot: 30 ms of a core, twice, for a
// library's few dozen WXS files.
const TOKEN = /(["'])((?:\\[\s\S]|(?!\1)[^\\\n])*)(\1?)|\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|(?<!\d)\.(?!\.)\s*constructor(?![A-Za-z0-9_$])/g;
const BACKSLASH = /\\([\s\S])/g;

const escaped = (sequence, next) => (ESCAPES.has(next) || (next >= '1' && next <= '9') ? sequence : `\\${sequence}`);

/** WXS source as JavaScript that behaves as WeChat's WXS. */
export function wxsSource(code) {
  return code.replace(TOKEN, (token, quote, body, close) => {
    if (quote !== undefined) return body.includes('\\') ? `${quote}${body.replace(BACKSLASH, escaped)}${close}` : token;
    return token[0] === '.' ? REPLACEMENT : token;
  });
}
