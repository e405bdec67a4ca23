// `wx.getUpdateManager()`: the result of the cold start's check (decided by core) goes to
// the listeners, and to listeners registered after it, as WeChat replays it.

import { Listeners } from './listeners.js';

export class UpdateManager {
  constructor(restart, failure) {
    this.restart = restart;
    this.failure = failure;
    this.reset();
  }

  /** A cold start: the app's code is new, so are its listeners. */
  reset() {
    this.check = new Listeners();
    this.ready = new Listeners();
    this.failed = new Listeners();
    this.result = undefined;
  }

  /** Delivers `{hasUpdate, ready}` once the launch has finished. */
  deliver(result, guard) {
    this.result = result;
    this.check.emit({ hasUpdate: result.hasUpdate }, guard);
    if (result.ready === true) this.ready.emit({}, guard);
    if (result.ready === false) this.failed.emit({}, guard);
  }

  api(guard) {
    const replay = (listeners, listener, due, arg) => {
      listeners.add(listener);
      if (due && typeof listener === 'function') setTimeout(() => guard(() => listener(arg())));
    };
    return {
      onCheckForUpdate: (listener) => replay(this.check, listener, this.result !== undefined,
        () => ({ hasUpdate: this.result.hasUpdate })),
      onUpdateReady: (listener) => replay(this.ready, listener, this.result?.ready === true, () => ({})),
      onUpdateFailed: (listener) => replay(this.failed, listener, this.result?.ready === false, () => ({})),
      applyUpdate: () => {
        if (this.result?.ready !== true) throw this.failure('applyUpdate', 'update is not ready');
        this.restart();
      },
    };
  }
}
