// A log of `wx` calls as the workbench's Calls panel and tests read it: each call's
// arguments, its outcome's errMsg and how long it took. Recording wraps the methods in
// place, so mini-program code calls the wrappers through the same `wx` object; a wrapper
// changes nothing a caller can observe (same arguments, return value, callbacks and
// Promise form: callbacks are only wrapped when the caller gave them).

const CALLBACKS = ['success', 'fail', 'complete'];

/** A JSON-safe picture of `value` for display: functions, cycles and huge parts abridged. */
export function preview(value, depth = 0, seen = new Set()) {
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}… (${value.length} chars)` : value;
  if (typeof value === 'bigint' || typeof value === 'symbol') return String(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return `[Date ${Number.isNaN(value.getTime()) ? 'Invalid' : value.toISOString()}]`;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (seen.has(value)) return '[Circular]';
  if (depth >= 4) return Array.isArray(value) ? `[Array(${value.length})]` : '[Object]';
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const shown = value.slice(0, 50).map((item) => preview(item, depth + 1, seen));
      if (value.length > 50) shown.push(`… ${value.length - 50} more`);
      return shown;
    }
    const out = {};
    for (const key of Object.keys(value).slice(0, 50)) out[key] = preview(value[key], depth + 1, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

const isPlainObject = (value) => value !== null && typeof value === 'object'
  && [Object.prototype, null].includes(Object.getPrototypeOf(value));

const errMsgOf = (value) => (value !== null && typeof value === 'object' && typeof value.errMsg === 'string' ? value.errMsg : undefined);

export class CallLog {
  /** Keeps the last `limit` calls. */
  constructor(limit = 1000) {
    this.limit = limit;
    this.entries = [];
    this.watchers = new Set();
    this.nextId = 1;
  }

  /** Records every method of `wx` from now on (methods added later are not). */
  install(wx) {
    for (const name of Object.keys(wx)) {
      if (typeof wx[name] === 'function') wx[name] = this.wrap(name, wx[name]);
    }
  }

  /** `method` recording each call under `wx.<name>`. */
  wrap(name, method) {
    const log = this;
    return function recorded(...args) {
      const entry = log.begin(name, args);
      const settle = (outcome, value) => log.settle(entry, outcome, value);
      const options = args[0];
      const given = isPlainObject(options) ? CALLBACKS.filter((key) => typeof options[key] === 'function') : [];
      if (given.length) {
        const watched = { ...options };
        if (typeof options.success === 'function') {
          watched.success = function success(result) {
            settle('ok', result);
            return options.success.call(this, result);
          };
        }
        if (typeof options.fail === 'function') {
          watched.fail = function fail(result) {
            settle('fail', result);
            return options.fail.call(this, result);
          };
        }
        if (typeof options.complete === 'function') {
          watched.complete = function complete(result) {
            settle(String(errMsgOf(result) ?? '').includes(':fail') ? 'fail' : 'ok', result);
            return options.complete.call(this, result);
          };
        }
        args = [watched, ...args.slice(1)];
      }
      let result;
      try {
        result = method.apply(this, args);
      } catch (error) {
        settle('fail', error);
        throw error;
      }
      if (given.length) return result;
      if (result && typeof result.then === 'function') {
        // A branch of its own: the caller's Promise stays unhandled if the caller leaves it so.
        result.then((value) => settle('ok', value), (reason) => settle('fail', reason));
      } else {
        settle('ok', result);
      }
      return result;
    };
  }

  begin(name, args) {
    const entry = { id: this.nextId++, name, args: preview(args), at: Date.now(), started: performance.now(), state: 'pending', errMsg: undefined, durationMs: undefined };
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    this.notify(entry);
    return entry;
  }

  settle(entry, outcome, value) {
    if (entry.state !== 'pending') return;
    entry.state = outcome;
    entry.durationMs = performance.now() - entry.started;
    entry.errMsg = errMsgOf(value) ?? (outcome === 'ok' ? `${entry.name}:ok` : `${entry.name}:fail ${value?.message ?? value}`);
    this.notify(entry);
  }

  /** Copies of the recorded calls, oldest first. */
  list() {
    return this.entries.map(({ started, ...entry }) => ({ ...entry }));
  }

  /** Calls `watcher(entry)` when a call starts and when it ends; returns the unsubscriber. */
  watch(watcher) {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  notify(entry) {
    const { started, ...shown } = entry;
    for (const watcher of this.watchers) watcher({ ...shown });
  }
}
