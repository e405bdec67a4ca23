// `getLogManager` and `getRealtimeLogManager`: what a mini-program logs goes to the console
// (WeChat uploads it to its log console) and to the family's record, which the handle lists.

const LEVELS = { debug: 'debug', info: 'info', log: 'log', warn: 'warn', error: 'error' };

/** A log manager writing `levels` for `api`; `record(api, detail)` keeps each entry. */
export function logManager(api, levels, record, context = {}) {
  const manager = {};
  for (const level of levels) {
    manager[level] = (...args) => {
      console[LEVELS[level]](`[${api}]`, ...args);
      record(api, { level, args: structuredCloneable(args), ...context });
    };
  }
  return manager;
}

/** `getRealtimeLogManager()`: info/warn/error, filter messages, per-page and tagged loggers. */
export function realtimeLogManager(record) {
  const filters = [];
  const make = (context) => {
    const manager = logManager('getRealtimeLogManager', ['info', 'warn', 'error'], record, { ...context, filters });
    manager.setFilterMsg = (msg) => { filters.splice(0, filters.length, String(msg)); };
    manager.addFilterMsg = (msg) => { filters.push(String(msg)); };
    manager.in = (page) => make({ ...context, page: page?.route ?? page?.__route__ });
    manager.tag = (tag) => make({ ...context, tag: String(tag) });
    return manager;
  };
  return make({});
}

function structuredCloneable(args) {
  return args.map((a) => {
    try {
      return structuredClone(a);
    } catch {
      return String(a);
    }
  });
}
