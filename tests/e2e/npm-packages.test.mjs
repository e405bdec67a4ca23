// npm packages as DevTools' "build npm" lays them out, from a project that has only
// package.json and node_modules: mini-program packages (a `miniprogram` folder, the
// default miniprogram_dist, a scoped name) give components and ES modules, a plain
// package gives its `main` with what it requires, and devDependencies are not built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { PROJECTS, ROOT, launchBrowser, openPreview, startServer, textOf, until } from './harness.mjs';

test('a project with only package.json and node_modules renders and requires its packages', async () => {
  const server = await startServer(path.join(PROJECTS, 'npm-app'));
  const browser = await launchBrowser();
  try {
    const page = await openPreview({ server, context: await browser.newContext() });
    assert.equal(page.startError, undefined);
    // A component from a package's `miniprogram` folder, declared in app.json, whose
    // minified ES module imports a sibling module.
    await textOf(page, '#badge', /badge #3/);
    // A scoped package's component (miniprogram_dist, the default folder).
    await textOf(page, '#card', /card: CARD 1\.0/);
    // A plain package: its main, a module and a JSON file it requires, and its own
    // nested dependency; a scoped package's `export *` index.
    await textOf(page, '#plain', 'plain 42 tiny@2 scoped');
    // devDependencies are installed but not built, as in DevTools.
    await textOf(page, '#dev', 'dev-only is not built');
    const state = await page.evaluate(() => ({
      errors: wxrt.errors().map((e) => e.message),
      problems: document.querySelector('#problems')?.textContent ?? '',
    }));
    assert.deepEqual(state.errors, []);
    assert.doesNotMatch(state.problems, /npm-app|package\.json|\.js/);
    // What was built: the copied files, nothing of the package that is not its build.
    const files = await until(page, async () => {
      const response = await fetch('/__wxrt/project');
      return Object.keys((await response.json()).files).filter((f) => f.startsWith('miniprogram_npm/'));
    }, null, { what: 'the bundle' });
    assert.deepEqual(files.sort(), [
      'miniprogram_npm/@fake/scoped/card/index.js',
      'miniprogram_npm/@fake/scoped/card/index.json',
      'miniprogram_npm/@fake/scoped/card/index.wxml',
      'miniprogram_npm/@fake/scoped/card/util.js',
      'miniprogram_npm/@fake/scoped/index.js',
      'miniprogram_npm/fake-ui/badge/badge.js',
      'miniprogram_npm/fake-ui/badge/badge.json',
      'miniprogram_npm/fake-ui/badge/badge.wxml',
      'miniprogram_npm/fake-ui/format/index.js',
      'miniprogram_npm/plain-lib/data.json',
      'miniprogram_npm/plain-lib/data.json.js',
      'miniprogram_npm/plain-lib/index.js',
      'miniprogram_npm/plain-lib/lib/helper.js',
      'miniprogram_npm/plain-lib/lib/main.js',
      'miniprogram_npm/plain-lib/miniprogram_npm/tiny/index.js',
    ]);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('a project depending on tdesign-miniprogram through package.json runs its ES modules', async (t) => {
  const installed = await import('node:fs').then((fs) => fs.existsSync(path.join(ROOT, 'node_modules/tdesign-miniprogram/package.json')));
  if (!installed) {
    t.skip('tdesign-miniprogram is not installed (npm install)');
    return;
  }
  // bench/tdesign-app finds the package in the repository's node_modules, walking up.
  const server = await startServer(path.join(ROOT, 'bench/tdesign-app'));
  const browser = await launchBrowser();
  try {
    const page = await openPreview({ server, context: await browser.newContext() });
    assert.equal(page.startError, undefined);
    // The page imports TDesign's toast module; the button is TDesign's component, whose
    // module starts with `import{__decorate}from"tslib"` (tslib from its nested miniprogram_npm).
    await page.getByText('Tap', { exact: true }).click();
    await until(page, () => wxrt.currentPage().data.count === 1, null, { what: 'the tap handler to count' });
    const errors = await page.evaluate(() => wxrt.errors().map((e) => e.message));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
