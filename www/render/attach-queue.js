// When components are attached and ready. A component is created when its host is built;
// it is attached once the render that built it has put it in the page, parents before
// children (glass-easel's checkAndCallAttached walks the tree from the top), and ready a
// task later, children before parents (ready means "laid out", which a parent is only
// once everything inside it is).

const queue = [];
let depth = 0;
let scheduled = false;

/** Runs `render` (a view's render); components it built are attached when the outermost ends. */
export function rendering(render) {
  depth += 1;
  try {
    return render();
  } finally {
    depth -= 1;
    if (depth === 0) flush(false);
  }
}

/**
 * `component` was built (called in tree order, parents first): by the render under way,
 * or by code that mounts a node itself (the custom tab bar), which puts it in place
 * before the task ends.
 */
export function built(component) {
  queue.push(component);
  if (depth === 0) later();
}

function later() {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    if (depth === 0) flush(true);
  });
}

/** Attaches what is in place; what is not yet waits once more, to the end of the task. */
function flush(final) {
  if (queue.length === 0) return;
  const batch = queue.splice(0);
  const attached = [];
  for (const component of batch) {
    const state = component.attach();
    if (state === 'attached') attached.push(component);
    else if (state === 'not in place' && !final) queue.push(component);
  }
  if (queue.length) later();
  if (attached.length === 0) return;
  setTimeout(() => {
    for (let i = attached.length - 1; i >= 0; i -= 1) attached[i].ready();
  });
}
