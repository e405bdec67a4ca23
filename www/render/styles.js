// A project's WXSS in the document: app.wxss for everything, each page's and component's
// own file scoped to it (compiled by core ahead of time: rpx, @import, `page`, class
// scoping). Each file goes in once, when its page or component first renders.

export class StyleSheets {
  /** `compiled` maps .wxss paths to core's `{css, scope}` or `{error}`. */
  constructor({ compiled, reportError, document = globalThis.document }) {
    this.compiled = compiled;
    this.reportError = reportError;
    this.document = document;
    this.added = new Set();
  }

  /** The class scope core compiled `path`'s styles for, if it has styles. */
  scopeOf(path) {
    return this.compiled[path]?.scope;
  }

  add(path) {
    if (this.added.has(path) || !this.document) return;
    this.added.add(path);
    const entry = this.compiled[path];
    if (!entry) return;
    if (entry.error !== undefined) {
      this.reportError(new SyntaxError(entry.error));
      return;
    }
    const style = this.document.createElement('style');
    style.dataset.wxss = path;
    style.textContent = entry.css;
    this.document.head.append(style);
  }

  app() {
    this.add('app.wxss');
  }

  page(route) {
    this.add(`${route}.wxss`);
  }

  component(path) {
    this.add(`${path}.wxss`);
  }
}
