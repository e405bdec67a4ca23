// CommonJS modules as WeChat runs mini-program code: one function scope per file with
// `require`, `module`, `exports` and the mini-program globals as parameters, evaluated
// once, resolved relative to the requiring file (a leading `/` too: WeChat's `require`
// joins every path to the file's folder), through app.json's `resolveAlias`, or from
// `miniprogram_npm`.

/** Thrown for a missing module or a syntax error; `file` and `line` say where. */
export class ModuleError extends Error {
  constructor(message, { file, line, column } = {}) {
    super(message);
    this.name = 'ModuleError';
    this.file = file;
    this.line = line;
    this.column = column;
  }
}

function dirname(path) {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

function normalize(path) {
  const out = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/**
 * Where a bare package name is looked up from the file `from`, as WeChat does:
 * `miniprogram_npm` beside it, then in each parent folder up to the code root (so a
 * package's own nested `miniprogram_npm` comes first).
 */
export function npmRoots(from) {
  const roots = [];
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    roots.push(dir ? `${dir}/miniprogram_npm` : 'miniprogram_npm');
    if (!dir) return roots;
  }
}

// The file a request names: the path itself, with `.js`, or its `index.js`.
function candidates(path) {
  return path.endsWith('.js') ? [path, `${path}/index.js`] : [`${path}.js`, path, `${path}/index.js`];
}

// `file:line:column` of the frame that called `require`, from a V8 stack.
function callerLocation(stack, fromFile) {
  const frame = String(stack).split('\n').find((line) => line.includes(`${fromFile}:`));
  const match = frame && /:(\d+):(\d+)\)?\s*$/.exec(frame);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : {};
}

// Where a syntax error is: V8's SyntaxError from eval carries no position, but a script
// element reports one to its window's error event. The probe runs in a throwaway iframe so
// the page's own error handlers never see it. Only used on the error path.
function locateSyntaxError(code) {
  if (typeof document === 'undefined' || !document.body) return {};
  const frame = document.createElement('iframe');
  frame.hidden = true;
  document.body.append(frame);
  let found = {};
  try {
    const probe = frame.contentWindow;
    probe.addEventListener('error', (event) => {
      found = { line: event.lineno, column: event.colno };
      event.preventDefault();
    });
    const script = probe.document.createElement('script');
    script.textContent = code;
    probe.document.head.append(script);
  } catch {
    // No position then; the message still names the file.
  } finally {
    frame.remove();
  }
  return found;
}

// What a developer used to `/` from the root needs to know when that file exists.
function rootHint(modules, request) {
  if (!request.startsWith('/') || modules.resolve(`.${request}`, '') === undefined) return '';
  return `; a leading "/" is from this file's folder, as in WeChat: the root's ${normalize(request)} takes an app.json "resolveAlias" such as {"@/*": "/*"} and '@${request}'`;
}

/**
 * The parameters of WeChat's `define(path, function (…) {…})` around each module: what
 * `require` needs, then the browser's globals, each given nothing.
 */
const DEFINE_PARAMETERS = [
  'require', 'module', 'exports', 'window', 'document', 'frames', 'self', 'location', 'navigator',
  'localStorage', 'history', 'Caches', 'screen', 'alert', 'confirm', 'prompt', 'XMLHttpRequest',
  'WebSocket', 'Reporter', 'webkit', 'WeixinJSCore',
];

/**
 * Module registry over `files` (`{path: source}`). `globals` names the values every module
 * sees as free variables (`wx`, `App`, `Page`, ...); `current` is the module running its
 * top level, so `Page()` knows its route. `alias(request)` is the path from the root an
 * app.json `resolveAlias` maps `request` to, or undefined (core's rule).
 */
export class Modules {
  constructor(files, globals, { sourceRoot = '', compiled = {}, alias = () => undefined } = {}) {
    this.files = files;
    this.alias = alias;
    // Files written with ES module syntax, as CommonJS (core's transform, ahead of time),
    // as WeChat's "ES6 to ES5" does: `{code}` or `{error}`.
    this.compiled = compiled;
    this.globalNames = Object.keys(globals);
    this.globalValues = Object.values(globals);
    this.sourceRoot = sourceRoot;
    // Opens on the file's first line, so stack line numbers are the file's; columns of the
    // first line are this much further right. The mini-program globals are parameters of
    // an outer function, as WeChat's are globals: a file may declare its own `App` or `wx`
    // (`const App = getApp()`), which a parameter of the same function would forbid. The
    // module's own function takes WeChat's `define` parameters: the page's `window`,
    // `document` and the like are undefined in a module, as in WeChat's app service, so a
    // library takes its mini-program path (echarts draws on its canvas, not the DOM).
    this.prefix = `(function (${this.globalNames.join(', ')}) { return [function (${DEFINE_PARAMETERS.join(', ')}) {`;
    // WeChat's globals are one variable each for all the code: a library that replaces
    // one (ColorUI 3 writes `Page = App.Page`, wrapping every later page) changes it for
    // the modules that load after it. Here a module that may assign one also hands out
    // its view of them, read before each later module runs.
    this.assigns = new RegExp(`(?<![\\w$.])(?:${this.globalNames.join('|')})\\s*=(?!=)`);
    this.reassigning = [];
    this.cache = new Map();
    this.evaluating = [];
  }

  /** The module now running its top level, innermost first. */
  get current() {
    return this.evaluating[this.evaluating.length - 1];
  }

  resolve(request, fromFile) {
    const aliased = this.alias(request);
    const found = candidates(this.pathOf(request, fromFile, aliased)).find((path) => path in this.files);
    if (found) return found;
    if (aliased !== undefined || request.startsWith('.') || request.startsWith('/')) return undefined;
    for (const root of npmRoots(fromFile)) {
      const hit = candidates(`${root}/${request}`).find((path) => path in this.files);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * The path `request` names from `fromFile`: `aliased` (its `resolveAlias` mapping), or
   * else from the file's folder, `/x` as `./x`: WeChat's `require` has no absolute paths
   * (ColorUI 3 writes `'/store/index'` for the `store` beside it).
   */
  pathOf(request, fromFile, aliased) {
    return normalize(aliased ?? `${dirname(fromFile)}/${request}`);
  }

  /** `require(request)` as called from `fromFile`. */
  require(request, fromFile) {
    if (typeof request !== 'string') {
      throw new ModuleError(`require args should be a String, got ${typeof request}`, { file: fromFile });
    }
    const path = this.resolve(request, fromFile);
    if (path === undefined) {
      const where = callerLocation(new Error().stack, fromFile);
      const at = where.line ? `${fromFile}:${where.line}` : fromFile;
      // WeChat names the file it looked for: `.js` added unless the request has it.
      const looked = this.pathOf(request, fromFile, this.alias(request));
      const file = looked.endsWith('.js') ? looked : `${looked}.js`;
      throw new ModuleError(
        `module "${file}" is not defined, require args is '${request}' (${at})${rootHint(this, request)}`,
        { file: fromFile, ...where },
      );
    }
    return this.load(path);
  }

  /** Evaluates `path` once and returns its `module.exports`. */
  load(path) {
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const source = this.files[path];
    if (typeof source !== 'string') throw new ModuleError(`${path}: file not found`, { file: path });
    const module = { id: path, exports: {} };
    this.cache.set(path, module);
    const factory = this.compile(path, source);
    const require = (request) => this.require(request, path);
    this.evaluating.push(path);
    try {
      this.adoptReassignedGlobals();
      const [run, globals] = factory(...this.globalValues);
      if (globals) this.reassigning.push({ read: globals, seen: this.globalValues.slice() });
      run.call(module.exports, require, module, module.exports);
    } catch (error) {
      this.cache.delete(path);
      throw error;
    } finally {
      this.evaluating.pop();
    }
    return module.exports;
  }

  /** What modules that replace a global have put in its place, for the modules to come. */
  adoptReassignedGlobals() {
    for (const module of this.reassigning) {
      const now = module.read();
      for (let i = 0; i < now.length; i += 1) {
        if (now[i] === module.seen[i]) continue;
        this.globalValues[i] = now[i];
        module.seen[i] = now[i];
      }
    }
  }

  compile(path, original) {
    const converted = this.compiled[path];
    if (converted?.error !== undefined) throw new ModuleError(converted.error, { file: path });
    const source = converted?.code ?? original;
    const globals = this.assigns.test(source) ? `, () => [${this.globalNames.join(', ')}]` : '';
    const code = `${this.prefix}${source}\n}${globals}]})\n//# sourceURL=${this.sourceRoot}${path}`;
    try {
      return (0, eval)(code);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      const where = locateSyntaxError(code);
      const at = where.line ? `${path}:${where.line}:${where.column}` : path;
      throw new ModuleError(`${at}: ${error.message}`, { file: path, ...where });
    }
  }
}

/**
 * The syntax error in module `path` whose code (after core's ES module transform) is
 * `source`, as `{file, line, column, message}`; undefined when it parses. Nothing runs:
 * the code becomes a function that is never called.
 */
export function syntaxProblem(path, source) {
  const prefix = '(function () {';
  const code = `${prefix}${source}\n})`;
  try {
    (0, eval)(code);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxError)) return undefined;
    const { line, column } = locateSyntaxError(code);
    return { file: path, line, column: line === 1 ? column - prefix.length : column, message: error.message };
  }
}
