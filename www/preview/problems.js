// The Problems overlay: compile errors (WXML, WXSS, JS syntax, bad JSON) from the dev
// server and the live reload, and script errors from the runtime, each naming the file,
// line and column, with the stack mapped to the project's own files.

import { $, h } from './dom.js';

const whereText = ({ file, line, column }) => (file ? [file, line, line && column].filter(Boolean).join(':') : '(script)');

function item({ file, line, column, message, frames, stack }) {
  const trace = frames?.length
    ? frames.map((frame) => `at ${frame.fn ? `${frame.fn} ` : ''}(${whereText(frame)})`).join('\n')
    : stack && stack !== message ? stack : '';
  return h('li', {},
    h('div', { className: 'where wb-mono' }, whereText({ file, line, column })),
    h('div', {}, message),
    trace ? h('pre', {}, trace) : undefined);
}

export function problemsOverlay() {
  let compile = [];
  const runtime = [];
  const overlay = $('problems');
  const badge = $('errors-badge');
  const draw = () => {
    const all = [...compile, ...runtime];
    $('problem-list').replaceChildren(...all.map(item));
    badge.hidden = all.length === 0;
    badge.textContent = `${all.length} ${all.length === 1 ? 'problem' : 'problems'}`;
    if (all.length === 0) overlay.hidden = true;
  };
  const open = () => {
    overlay.hidden = false;
    overlay.focus();
  };
  $('problems-close').addEventListener('click', () => { overlay.hidden = true; });
  badge.addEventListener('click', open);
  addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !overlay.hidden) overlay.hidden = true;
  });
  return {
    /** The compile problems now (replacing the previous ones). */
    setCompile(problems) {
      compile = problems.map((problem) => ({ ...problem, kind: 'compile' }));
      draw();
      if (compile.length) open();
    },
    /** A script error (`{message, stack, file, line, column, frames}`). */
    addRuntime(error) {
      runtime.push(error);
      draw();
      open();
    },
  };
}
