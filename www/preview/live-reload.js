// Live reload: the dev server's events (/__wxrt/events) when project files change. A
// clean rebuild reloads the preview (a cold start; storage stays in localStorage and the
// workbench's state in sessionStorage) unless a changed script does not parse: that, and
// the server's compile errors, go to the overlay while the last good version keeps running.

import { syntaxProblem } from '../modules.js';

// Every script, not just the changed ones: fixing one file while another is still broken
// must not reload into the broken one.
async function newBundle() {
  const response = await fetch('/__wxrt/project');
  const bundle = await response.json();
  if (!response.ok) return { problems: [{ file: '', message: bundle.error ?? `HTTP ${response.status}` }] };
  const problems = Object.keys(bundle.files)
    .filter((path) => path.endsWith('.js'))
    .map((path) => syntaxProblem(path, bundle.compiled?.js?.[path]?.code ?? bundle.files[path]))
    .filter(Boolean);
  return { bundle, problems };
}

export function liveReload({ onProblems, onReload, status }) {
  if (typeof EventSource !== 'function') return;
  const events = new EventSource('/__wxrt/events');
  const data = (event) => JSON.parse(event.data);
  events.addEventListener('hello', (event) => {
    status('live reload on');
    const { problems } = data(event);
    if (problems.length) onProblems(problems);
  });
  events.addEventListener('problems', (event) => {
    const { problems, changed } = data(event);
    status(`compile error after ${changed.join(', ')}; the last good version keeps running`);
    onProblems(problems);
  });
  events.addEventListener('reload', async (event) => {
    const { changed } = data(event);
    const { bundle, problems } = await newBundle().catch((error) => ({ problems: [{ file: '', message: error.message }] }));
    if (problems.length) {
      status(`${problems.map((problem) => problem.file).join(', ')} does not parse; the last good version keeps running`);
      onProblems(problems);
      return;
    }
    status(`reloading: ${changed.join(', ')} changed`);
    onReload(bundle);
  });
  events.addEventListener('error', () => {
    // A server without watching answers 404 and the source closes; a restarting server
    // is retried by the browser.
    if (events.readyState === EventSource.CLOSED) status('');
    else status('live reload: reconnecting…');
  });
}
