// The few DOM helpers the workbench's panels share.

/**
 * The workbench's element with `id`. The mini-program renders into this document too, with
 * ids of its own (TDesign's pages use `id="tabs"`): elements it rendered are passed over.
 */
export function $(id) {
  const first = document.getElementById(id);
  if (!first?.wxNode) return first;
  return [...document.querySelectorAll(`[id="${CSS.escape(id)}"]`)].find((el) => !el.wxNode) ?? null;
}

/** `<tag>` with `props` (properties, or attributes for names with a dash) and children. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (name.includes('-')) element.setAttribute(name, value);
    else element[name] = value;
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null));
  return element;
}

/** Runs `draw` at most once a frame, however often it is asked for. */
export function throttled(draw) {
  let queued = false;
  return () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  };
}

/** A short one-line picture of a value for a table cell. */
export function shortText(value, max = 120) {
  let text;
  if (value instanceof Date) text = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  else if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** `1234` → `1.2 KB`. */
export function bytesText(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** `95000` → `1 min 35 s`. */
export function durationText(ms) {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
