// `relations` between components and `getRelationNodes`, as glass-easel's relation.ts:
// links are made from the child side when a component is attached (and remade when it is
// detached), looking up its template's own tree: `parent` stops at the first component
// above, `ancestor` goes on to the template's root. The parent's callback runs before the
// child's: `linked`, `linkChanged` when the same pair is linked again, `unlinked`.

import { BehaviorDefinition, includesBehavior } from './behaviors.js';
import { logicalParent } from './tree.js';
import { resolve } from './templates.js';

const UP = { parent: 'child', ancestor: 'descendant' };
const DOWN = new Set(['child', 'descendant']);

/** The definition's relations, each with its target resolved (a behavior or a component path). */
export function normalizeRelations(definition, reportError) {
  const out = [];
  for (const { key, relation, from } of definition.relations) {
    const type = relation.type === 'parent-common-node' ? 'parent' : relation.type === 'child-common-node' ? 'child' : relation.type;
    if (!UP[type] && !DOWN.has(type)) {
      reportError(new Error(`${from}.js: the relation "${key}" has an invalid type "${relation.type}" (parent, child, ancestor or descendant)`));
      continue;
    }
    let target;
    if (relation.target instanceof BehaviorDefinition) target = relation.target;
    else target = resolve(from, String(relation.target || key)).replace(/\.js$/, '');
    out.push({
      key,
      type,
      target,
      linked: typeof relation.linked === 'function' ? relation.linked : undefined,
      linkChanged: typeof relation.linkChanged === 'function' ? relation.linkChanged : undefined,
      unlinked: typeof relation.unlinked === 'function' ? relation.unlinked : undefined,
      linkFailed: typeof relation.linkFailed === 'function' ? relation.linkFailed : undefined,
    });
  }
  return out;
}

/** Whether the component `other` is what `target` names. */
function isTarget(other, target) {
  if (typeof target === 'string') return other.definition.file === target || other.definition.file === `${target}/index`;
  return includesBehavior(other.definition, target);
}

/** The link `component` should have for its relation `def` (of an upward type), if any. */
function findLink(component, def) {
  for (let up = logicalParent(component.host); up; up = logicalParent(up)) {
    const other = up.wxComponent;
    if (!other) continue;
    if (isTarget(other, def.target)) {
      const otherDef = other.relations.find((d) => d.type === UP[def.type] && isTarget(component, d.target));
      if (otherDef) return { target: other, def: otherDef };
    }
    if (def.type === 'parent') return undefined;
  }
  return undefined;
}

/** Makes or remakes the links of `component` (attached or detached), calling back. */
export function updateLinks(component, detaching) {
  const call = (owner, fn, other) => {
    if (fn) component.registry.program.guard(() => fn.call(owner.instance, other.instance));
  };
  for (let i = 0; i < component.relations.length; i += 1) {
    const def = component.relations[i];
    if (!UP[def.type]) continue;
    const old = component.links.get(def);
    const next = detaching ? undefined : findLink(component, def);
    if (next) component.links.set(def, next);
    else component.links.delete(def);
    old?.target.linkedChildren.get(old.def)?.delete(component);
    if (next) {
      const children = next.target.linkedChildren;
      if (!children.has(next.def)) children.set(next.def, new Set());
      children.get(next.def).add(component);
    }
    const same = old && next && old.target === next.target && old.def === next.def;
    if (old && !same) {
      call(old.target, old.def.unlinked, component);
      call(component, def.unlinked, old.target);
    } else if (same) {
      call(old.target, old.def.linkChanged, component);
      call(component, def.linkChanged, old.target);
    }
    if (next && !same) {
      call(next.target, next.def.linked, component);
      call(component, def.linked, next.target);
    }
    if (!detaching && !next && def.linkFailed) component.registry.program.guard(() => def.linkFailed.call(component.instance));
  }
}

/** `this.getRelationNodes(key)`: the linked instances, in the tree's order. */
export function relationNodes(component, key) {
  const def = component.relations.find((d) => d.key === key);
  if (!def) {
    console.warn(`wxrt: ${component.path}: no relation "${key}"`);
    return [];
  }
  if (UP[def.type]) {
    const link = component.links.get(def);
    return link ? [link.target.instance] : [];
  }
  // The children keep themselves here as they link; the tree's order is the DOM's.
  const linked = [...(component.linkedChildren.get(def) ?? [])];
  linked.sort((a, b) => (a.host.compareDocumentPosition(b.host) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  return linked.map((child) => child.instance);
}
