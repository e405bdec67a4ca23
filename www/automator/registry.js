// The ids the protocol hands out: a page is its `__wxWebviewId__` (never reused while the
// runtime lives), an element a string kept for the node's life, and a custom component's
// instance a `nodeId` of its own. The client caches its Page and Element objects by these
// ids, so an id must never come to mean another node.

/** The live pages of `program` and the ids handed out for elements and components. */
export class Registry {
  #elements = new Map();
  #ids = new WeakMap();
  #components = new Map();
  #componentIds = new WeakMap();
  #next = 0;

  constructor(program) {
    this.program = program;
  }

  /** The live page instance `pageId`; DevTools' error when it left the stack. */
  page(pageId) {
    const page = this.program.currentPages().find((p) => p.__wxWebviewId__ === Number(pageId));
    if (!page) throw new Error('page destroyed');
    return page;
  }

  /** The rendered root (`wx-page`) of the live page `pageId`. */
  pageRoot(pageId) {
    const page = this.page(pageId);
    const root = page.__wxrtScope?.().root;
    if (!root) throw new Error('page destroyed');
    return root;
  }

  /** `{pageId, path, query}`: a page as App.getPageStack lists it. */
  describePage(page) {
    return { pageId: page.__wxWebviewId__, path: page.route, query: { ...page.options } };
  }

  /** The element `elementId` of page `pageId`. */
  element(elementId, pageId) {
    const root = this.pageRoot(pageId);
    const el = this.#elements.get(String(elementId));
    if (!el || !(el === root || root.contains(el))) throw new Error('element destroyed');
    return el;
  }

  /** The component instance `nodeId` names. */
  component(nodeId) {
    return this.#components.get(String(nodeId));
  }

  /** `{elementId, tagName, nodeId?, videoId?}` of `el`, giving it ids at first sight. */
  describe(el) {
    let elementId = this.#ids.get(el);
    if (!elementId) {
      elementId = `e${(this.#next += 1)}`;
      this.#ids.set(el, elementId);
      this.#elements.set(elementId, el);
    }
    const out = { elementId, tagName: el.wxPageRoot ? 'body' : el.wxNode.t };
    const component = el.wxComponent;
    // Only custom components get a nodeId: the client picks an Element subclass by it.
    if (component?.instance) {
      let nodeId = this.#componentIds.get(component);
      if (!nodeId) {
        nodeId = `n${(this.#next += 1)}`;
        this.#componentIds.set(component, nodeId);
        this.#components.set(nodeId, component);
      }
      out.nodeId = nodeId;
    }
    if (out.tagName === 'video') out.videoId = String(el.wxNode.a.id ?? '');
    return out;
  }
}
