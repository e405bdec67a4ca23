// `page.size()` and `page.scrollTop()` read `document.documentElement.scroll*` and
// `window.*` of the page's own webview in DevTools. Here the pages share one document and
// scroll in the phone's page viewport, so those names are read from a view of that page:
// its viewport's sizes and scroll position (a page under the top one is not drawn: it is
// read as scrolled to the top).

/** A window-like view of page `pageId`; names it does not cover come from the real window. */
export function windowOf(registry, pageId) {
  const root = registry.pageRoot(pageId);
  const viewport = root.parentElement;
  const top = !root.hidden;
  const scroll = {
    scrollTop: top ? viewport.scrollTop : 0,
    scrollLeft: top ? viewport.scrollLeft : 0,
    scrollWidth: Math.max(viewport.scrollWidth, root.scrollWidth),
    scrollHeight: top ? viewport.scrollHeight : root.scrollHeight,
    clientWidth: viewport.clientWidth,
    clientHeight: viewport.clientHeight,
  };
  const element = { ...scroll };
  const documentView = new Proxy(document, {
    get(target, name) {
      if (name === 'documentElement') return element;
      // `page.scrollTop()` asks body first and takes the first value that is not falsy.
      if (name === 'body') return { ...element, scrollTop: 0, scrollLeft: 0 };
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const own = {
    document: documentView,
    innerWidth: scroll.clientWidth,
    innerHeight: scroll.clientHeight,
    scrollX: scroll.scrollLeft,
    scrollY: scroll.scrollTop,
    pageXOffset: scroll.scrollLeft,
    pageYOffset: scroll.scrollTop,
  };
  return new Proxy(window, {
    get(target, name) {
      if (Object.hasOwn(own, name)) return own[name];
      const value = Reflect.get(target, name);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (target, name) => Object.hasOwn(own, name) || name in target,
    getOwnPropertyDescriptor: (target, name) => (Object.hasOwn(own, name)
      ? { value: own[name], enumerable: true, configurable: true, writable: false }
      : Reflect.getOwnPropertyDescriptor(target, name)),
  });
}
