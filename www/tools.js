// What a runtime without a dev server needs, from the tools build (pkg/tools/), loaded
// only then: the project compiler (WXML → the renderer's JavaScript, WXSS → scoped CSS,
// ES modules → CommonJS) and the in-page WeChat login stand-in. Under `wxrt serve` the
// server compiles and stands in for WeChat, and the page never downloads these.

let toolsReady;

// A dynamic import: bundlers put the tools in a chunk of their own (with its wasm), which
// only a runtime that needs them fetches.
export function loadTools() {
  toolsReady ??= (async () => {
    const tools = await import('../pkg/tools/wxrt_tools.js');
    // Named from here: a bundler moves the glue (the preview's chunk sits in pkg/), and
    // the glue would look for its wasm beside itself.
    await tools.default({ module_or_path: new URL('../pkg/tools/wxrt_tools_bg.wasm', import.meta.url) });
    return tools;
  })();
  return toolsReady;
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** app.json's pages, subpackages included (nothing when it is unreadable). */
export function pagesOf(files) {
  const app = parse(files['app.json'] ?? '') ?? {};
  const pages = Array.isArray(app.pages) ? app.pages.filter((p) => typeof p === 'string') : [];
  for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
    const root = String(sub?.root ?? '').replace(/\/$/, '');
    for (const page of Array.isArray(sub?.pages) ? sub.pages : []) pages.push(`${root}/${page}`);
  }
  return pages;
}

/** The paths whose `.json` says `"component": true`. */
export function componentsOf(files) {
  return Object.keys(files)
    .filter((path) => path.endsWith('.json') && parse(files[path])?.component === true)
    .map((path) => path.slice(0, -'.json'.length));
}

/**
 * `launchConfig` (app.json as the dev server checked it, `project.launch`) when given,
 * else app.json (parsed, darkmode's values resolved) checked in the page: throws its
 * problems.
 */
export async function checkedLaunch(launchConfig, appJson, files) {
  if (launchConfig) return launchConfig;
  const tools = await loadTools();
  return tools.checkApp(appJson, Object.keys(files));
}

/** `project.compiled` when given, else the sources compiled in the page. */
export async function compiledProject(files, compiled) {
  if (compiled) return compiled;
  const tools = await loadTools();
  return tools.compileProject(files, pagesOf(files), componentsOf(files));
}
