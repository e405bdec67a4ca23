// The `wx.on…`/`wx.off…` pairs: `off(fn)` removes that function, `off()` removes all.

export class Listeners {
  constructor() {
    this.set = new Set();
  }

  add(listener) {
    if (typeof listener === 'function') this.set.add(listener);
  }

  remove(listener) {
    if (listener === undefined) this.set.clear();
    else this.set.delete(listener);
  }

  get size() {
    return this.set.size;
  }

  /** Calls each listener with `arg`; `guard` runs one call and reports what it throws. */
  emit(arg, guard) {
    for (const listener of [...this.set]) guard(() => listener(arg));
  }
}

/** `wx.onX`/`wx.offX` for each event name, over the given `Listeners`. */
export function listenerApis(events) {
  const apis = {};
  for (const [name, listeners] of Object.entries(events)) {
    apis[`on${name}`] = (listener) => listeners.add(listener);
    apis[`off${name}`] = (listener) => listeners.remove(listener);
  }
  return apis;
}
