// The simulated phone: what a browser cannot know or do (where the phone is, what its camera
// scans, whether a payment goes through, how a permission dialog is answered), chosen by the
// developer in the workbench and by tests through the handle (`wxrt.phone`). The families
// read it at each call; what each setting means is theirs (www/apis/*/), and its choices are
// listed for the workbench in phone-settings.js.

export class Phone {
  constructor(values = {}) {
    this.values = { ...values };
    this.watchers = new Set();
  }

  /** The setting `key`, or `fallback` when it was never set. */
  get(key, fallback) {
    return Object.hasOwn(this.values, key) ? this.values[key] : fallback;
  }

  /** Changes the settings named in `patch`; `undefined` restores a setting's default. */
  set(patch) {
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete this.values[key];
      else this.values[key] = value;
    }
    for (const watcher of this.watchers) watcher(patch);
  }

  /** Every setting changed from its default. */
  snapshot() {
    return structuredClone(this.values);
  }

  /** Calls `watcher(patch)` after each change; returns the unsubscriber. */
  watch(watcher) {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }
}
