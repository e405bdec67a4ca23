// A project's .wxml files (compiled by core ahead of time, see compile-project.js) and
// .wxs modules: each evaluated once, on first use, into the module object the generated
// code returns. Templates resolve
// by name in their file, then in the files it imports (not further, as in WeChat).

import { need } from './features.js';
import { R } from './template-runtime.js';

/** The thrown compile error keeps core's `file:line:column: message`. */
export class TemplateError extends Error {}

// WXS runs as a CommonJS module with WXS's two globals; it cannot reach the page.
function wxsGlobals() {
  return {
    getRegExp: (pattern, flags) => new RegExp(pattern, flags),
    getDate: (...args) => new Date(...args),
  };
}

export class TemplateFiles {
  /**
   * `files` maps project paths to text; `compiled` maps .wxml paths to core's output,
   * `{code}` or `{error}` (`file:line:column: message`).
   */
  constructor({ files, compiled }) {
    this.files = files;
    this.compiled = compiled;
    this.modules = new Map();
    this.wxsExports = new Map();
  }

  has(path) {
    return typeof this.files[path] === 'string';
  }

  /** The module object of `path` (compiled on first use); throws a TemplateError. */
  module(path) {
    let module = this.modules.get(path);
    if (module) return module;
    const compiled = this.compiled[path];
    if (!compiled) throw new TemplateError(`${path}: not found in the project`);
    if (compiled.error !== undefined) throw new TemplateError(compiled.error);
    // The code is core's output for a project file: an expression of a function of R.
    // eslint-disable-next-line no-new-func
    module = new Function(`return ${compiled.code}`)()(R);
    module.W = this.wxsOf(module);
    this.modules.set(path, module);
    return module;
  }

  wxsOf(module) {
    const exports = {};
    for (const wxs of module.wxs ?? []) {
      exports[wxs.module] = wxs.src === undefined
        ? this.evaluateWxs(`${module.path}#${wxs.module}`, wxs.code, module.path)
        : this.wxsFile(wxs.src);
    }
    return exports;
  }

  wxsFile(path) {
    if (this.wxsExports.has(path)) return this.wxsExports.get(path);
    const source = this.files[path];
    if (typeof source !== 'string') throw new TemplateError(`${path}: the wxs module is not in the project`);
    const exports = this.evaluateWxs(path, source, path);
    this.wxsExports.set(path, exports);
    return exports;
  }

  evaluateWxs(name, code, from) {
    const module = { exports: {} };
    const require = (src) => this.wxsFile(resolve(from, src.endsWith('.wxs') ? src : `${src}.wxs`));
    const globals = wxsGlobals();
    try {
      // eslint-disable-next-line no-new-func
      new Function('module', 'exports', 'require', 'getRegExp', 'getDate', `${need('wxs', 'WXS').wxsSource(code)}\n//# sourceURL=wxs:${name}`)(
        module, module.exports, require, globals.getRegExp, globals.getDate,
      );
    } catch (error) {
      throw new TemplateError(`${name}: ${error.message}`);
    }
    return module.exports;
  }

  /** `<template is="name" data>` from the file of `self`. */
  render(self, name, data, $C) {
    const own = self.templates[name];
    if (own) {
      own(data ?? {}, self.W, $C);
      return;
    }
    for (const path of self.imports ?? []) {
      const imported = this.module(path);
      const template = imported.templates[name];
      if (template) {
        template(data ?? {}, imported.W, $C);
        return;
      }
    }
    console.warn(`wxrt: ${self.path}: template "${name}" is not defined here or in a file this one imports`);
  }

  /** `<include src>`: the other file's content with the same data. */
  include(path, D, $C) {
    const module = this.module(path);
    module.render(D, module.W, $C);
  }
}

/** `src` relative to the file `from` (or from the root with a leading `/`). */
export function resolve(from, src) {
  const parts = src.startsWith('/') ? [] : from.split('/').slice(0, -1);
  for (const part of src.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}
