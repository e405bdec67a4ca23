// The WXML tree of a rendered page as an XML document: what `page.xpath()` is evaluated on
// and what `element.wxml()` prints. It holds the elements and text a template wrote, with
// their WXML tag names and attributes as written (class names before scoping, no event
// bindings); the inner DOM of built-in components is left out, as DevTools leaves it out.

const PAGE_NODE = { t: 'page', a: {} };

/** Whether the attribute `name` is an instruction to the template (a binding, a directive), not a property of the element. */
export const isInstruction = (name) => /^(?:bind|catch|capture-|mut-bind|wx:|generic:|slot$)/.test(name);

const shown = (name, value) => !isInstruction(name) && ['string', 'number', 'boolean'].includes(typeof value);

/** Whether `el` is an element a template wrote. */
const written = (el) => Boolean(el.wxPageRoot || (el.wxNode && el.wxNode.t !== 'slot'));

/**
 * The XML mirror of `root`'s subtree: `{doc, top, elementOf(xmlNode), nodeOf(el)}`. A
 * `wx-slot` holder and a component's `display: contents` wrapper are transparent: their
 * children sit where the author's template put them.
 */
export function mirror(root) {
  const doc = document.implementation.createDocument(null, null, null);
  const toDom = new Map();
  const toXml = new Map();
  const copy = (el) => {
    const node = el.wxPageRoot ? PAGE_NODE : el.wxNode;
    const out = doc.createElement(node.t);
    for (const [name, value] of Object.entries(node.a)) {
      if (shown(name, value)) out.setAttribute(name, String(value));
    }
    toDom.set(out, el);
    toXml.set(el, out);
    append(out, el);
    return out;
  };
  const append = (into, el) => {
    // A built-in component's own DOM (the <input> of wx-input) is not the template's.
    if (el.wxNode && !el.wxComponent && el.wxField) return;
    for (const child of el.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        if (child.data) into.append(doc.createTextNode(child.data));
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (written(child)) into.append(copy(child));
        else append(into, child);
      }
    }
  };
  const top = copy(root);
  doc.append(top);
  return { doc, top, elementOf: (node) => toDom.get(node), nodeOf: (el) => toXml.get(el) };
}

/** The elements XPath `expression` selects in the page rendered under `root`. */
export function evaluateXPath(root, expression) {
  const { doc, elementOf } = mirror(root);
  let result;
  try {
    result = doc.evaluate(String(expression), doc, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  } catch (error) {
    throw new Error(`invalid XPath ${expression}: ${error.message}`);
  }
  const out = [];
  for (let i = 0; i < result.snapshotLength; i += 1) {
    const el = elementOf(result.snapshotItem(i));
    if (el) out.push(el);
  }
  return out;
}

/** `element.wxml()` (`inner`) or `element.outerWxml()` (`outer`) of `el`. */
export function wxmlOf(el, type) {
  const { top } = mirror(el);
  const serializer = new XMLSerializer();
  if (type === 'outer') return serializer.serializeToString(top);
  return [...top.childNodes].map((n) => serializer.serializeToString(n)).join('');
}
