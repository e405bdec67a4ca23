// A project's WXSS in the document: app.wxss for everything, each page's and component's
// own file scoped to it (core compiles: rpx, @import, `page`, class scoping). Each file
// goes in once, when its page or component first renders.

import { scopeOf } from './view.js';

export class StyleSheets {
  /** `compile(path, source, kind, scope, load)` is core's WXSS compiler. */
  constructor({ files, compile, reportError, document = globalThis.document }) {
    this.files = files;
    this.compile = compile;
    this.reportError = reportError;
    this.document = document;
    this.added = new Set();
  }

  add(path, kind, scope) {
    if (this.added.has(path) || !this.document) return;
    this.added.add(path);
    const source = this.files[path];
    if (typeof source !== 'string') return;
    let css;
    try {
      css = this.compile(path, source, kind, scope ?? '', (file) => this.files[file]);
    } catch (error) {
      this.reportError(new SyntaxError(error.message));
      return;
    }
    const style = this.document.createElement('style');
    style.dataset.wxss = path;
    style.textContent = css;
    this.document.head.append(style);
  }

  app() {
    this.add('app.wxss', 'global');
  }

  page(route) {
    this.add(`${route}.wxss`, 'page', scopeOf('page', route));
  }

  component(path) {
    this.add(`${path}.wxss`, 'component', scopeOf('component', path));
  }
}
