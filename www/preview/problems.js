// The Problems overlay: compile errors (WXML, WXSS, JS syntax, bad JSON) from the dev
// server and the live reload, and script errors from the runtime, each naming the file,
// line and column, with the stack mapped to the project's own files. Compile warnings
// (what WeChat's compiler accepts but points out: `"severity": "warning"`) are listed
// apart and only counted on the badge: the app runs with them, as in WeChat, so they
// never pop the overlay open.

import { $, h } from './dom.js';

const whereText = ({ file, line, column }) => (file ? [file, line, line && column].filter(Boolean).join(':') : '(script)');

const isWarning = (problem) => problem.severity === 'warning';

const counted = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

function item(problem) {
  const { message, frames, stack } = problem;
  const trace = frames?.length
    ? frames.map((frame) => `at ${frame.fn ? `${frame.fn} ` : ''}(${whereText(frame)})`).join('\n')
    : stack && stack !== message ? stack : '';
  const warning = isWarning(problem);
  return h('li', { className: warning ? 'warning' : 'error' },
    h('div', { className: 'where wb-mono' }, `${warning ? 'warning: ' : ''}${whereText(problem)}`),
    h('div', {}, message),
    trace ? h('pre', {}, trace) : undefined);
}

export function problemsOverlay() {
  let compile = [];
  const runtime = [];
  const overlay = $('problems');
  const badge = $('errors-badge');
  const draw = () => {
    const errors = [...compile.filter((p) => !isWarning(p)), ...runtime];
    const warnings = compile.filter(isWarning);
    $('problem-list').replaceChildren(...[...errors, ...warnings].map(item));
    badge.hidden = errors.length + warnings.length === 0;
    badge.classList.toggle('wb-badge-warning', errors.length === 0);
    badge.textContent = [
      errors.length ? counted(errors.length, 'problem') : '',
      warnings.length ? counted(warnings.length, 'warning') : '',
    ].filter(Boolean).join(' · ');
    if (errors.length + warnings.length === 0) overlay.hidden = true;
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
    /** The compile problems now (replacing the previous ones); opens for errors only. */
    setCompile(problems) {
      compile = problems.map((problem) => ({ ...problem, kind: 'compile' }));
      draw();
      if (compile.some((problem) => !isWarning(problem))) open();
    },
    /** A script error (`{message, stack, file, line, column, frames}`). */
    addRuntime(error) {
      runtime.push(error);
      draw();
      open();
    },
  };
}
