// A project's WXSS in the document: app.wxss for everything, each page's and component's
// own file scoped to it (compiled by core ahead of time: rpx, @import, `page`, class
// scoping, url()s). Each file goes in once, when its page or component first renders, in
// the form its `styleIsolation` needs (classes.js picks it).
//
// Order decides between rules of equal weight, and WeChat lets a page restyle the
// components that accept page styles (`apply-shared`, `addGlobalClass`: Vant's and
// TDesign's documented way to override them with the same selectors), so component
// sheets come first, then app.wxss, then pages.

export class StyleSheets {
  /** `compiled` maps .wxss paths to core's `{css, scope}` or `{error}`. */
  constructor({ compiled, reportError, document = globalThis.document }) {
    this.compiled = compiled;
    this.reportError = reportError;
    this.document = document;
    this.added = new Set();
    if (document) {
      // Component sheets go before this mark, the others after it.
      this.componentsEnd = document.createElement('style');
      this.componentsEnd.dataset.wxrt = 'components-end';
      document.head.append(this.componentsEnd);
    }
  }

  /** The class scope core compiled `path`'s styles for, if it has styles. */
  scopeOf(path) {
    return this.compiled[path]?.scope;
  }

  /** Puts the compiled file `key` in (once); `beforeApp` for component sheets. */
  add(key, beforeApp = false) {
    if (this.added.has(key) || !this.document) return;
    this.added.add(key);
    const entry = this.compiled[key];
    if (!entry) return;
    if (entry.error !== undefined) {
      this.reportError(new SyntaxError(entry.error));
      return;
    }
    const style = this.document.createElement('style');
    style.dataset.wxss = key;
    style.textContent = entry.css;
    if (beforeApp && this.componentsEnd.isConnected) this.componentsEnd.before(style);
    else this.document.head.append(style);
  }

  /** `path`'s sheet in the other form (`#isolated`, `#shared`) when core made one. */
  form(path, suffix) {
    return this.compiled[`${path}${suffix}`] ? `${path}${suffix}` : path;
  }

  app() {
    this.add('app.wxss');
  }

  /** A page's sheet; `isolated` for page-isolated and page-apply-shared pages. */
  page(route, isolated = false) {
    const path = `${route}.wxss`;
    this.add(isolated ? this.form(path, '#isolated') : path);
  }

  /** A component's sheet; `shared` for shared components. */
  component(path, shared = false) {
    const file = `${path}.wxss`;
    this.add(shared ? this.form(file, '#shared') : file, true);
  }
}
