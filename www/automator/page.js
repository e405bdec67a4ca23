// `Page.*`: a page's data and methods (the app-service side) and its elements (the webview
// side). Every page of the stack answers, not only the top one, as each page is a webview
// of its own in DevTools.

import { evaluateXPath } from './mirror.js';
import { query } from './query.js';
import { safeGet } from './safe-get.js';
import { windowOf } from './window.js';

export function pageMethods({ registry }) {
  const scopeOfPage = (pageId) => {
    const page = registry.page(pageId);
    const { root, ctx } = page.__wxrtScope();
    return { root, ctx };
  };
  const first = (found) => {
    if (!found.length) throw new Error('no such element');
    return registry.describe(found[0]);
  };
  const all = (found) => ({ elements: found.map((el) => registry.describe(el)) });
  const select = ({ pageId, selector }) => {
    const { root, ctx } = scopeOfPage(pageId);
    return query(root, ctx, selector);
  };
  const xpath = ({ pageId, selector }) => evaluateXPath(scopeOfPage(pageId).root, selector);

  return {
    'Page.getElement': (params) => first(select(params)),
    'Page.getElements': (params) => all(select(params)),
    'Page.getElementByXpath': (params) => first(xpath(params)),
    'Page.getElementsByXpath': (params) => all(xpath(params)),

    'Page.getData'({ pageId, path }) {
      const data = { ...registry.page(pageId).data };
      delete data.__webviewId__;
      return { data: path ? safeGet(data, path) : data };
    },

    // Answered once the change is drawn, as DevTools answers from setData's callback.
    'Page.setData'({ pageId, data }) {
      const page = registry.page(pageId);
      return new Promise((resolve) => page.setData(data ?? {}, () => resolve({})));
    },

    async 'Page.callMethod'({ pageId, method, args = [] }) {
      const page = registry.page(pageId);
      if (typeof page[method] !== 'function') throw new Error(`page.${method} not exists`);
      return { result: await page[method](...args) };
    },

    'Page.getWindowProperties'({ pageId, names = [] }) {
      const view = windowOf(registry, pageId);
      return { properties: names.map((name) => safeGet(view, name)) };
    },
  };
}
