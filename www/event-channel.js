// `EventChannel` between a page and the page it opened with `wx.navigateTo({events})`.

export class EventChannel {
  constructor(events = {}) {
    this.handlers = new Map();
    for (const [name, handler] of Object.entries(events ?? {})) this.on(name, handler);
  }

  on(name, handler) {
    if (typeof handler !== 'function') return;
    if (!this.handlers.has(name)) this.handlers.set(name, []);
    this.handlers.get(name).push({ handler, once: false });
  }

  once(name, handler) {
    this.on(name, handler);
    const list = this.handlers.get(name);
    if (list) list[list.length - 1].once = true;
  }

  off(name, handler) {
    if (handler === undefined) this.handlers.delete(name);
    else this.handlers.set(name, (this.handlers.get(name) ?? []).filter((h) => h.handler !== handler));
  }

  emit(name, ...args) {
    const list = this.handlers.get(name) ?? [];
    this.handlers.set(name, list.filter((h) => !h.once));
    for (const { handler } of list) handler(...args);
  }
}
