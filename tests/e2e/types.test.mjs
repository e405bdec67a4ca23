// The package's type declarations: correct usage type-checks, misuse does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const TSC = path.join(ROOT, 'node_modules/.bin/tsc');

function tsc(project) {
  return new Promise((resolve) => {
    execFile(TSC, ['-p', path.join(ROOT, project), '--pretty', 'false'], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

// The three checks are independent: run them side by side.
const runs = {};
const run = (project) => {
  runs[project] ??= tsc(project);
  return runs[project];
};
run('tests/types/tsconfig.json');
run('tests/types/tsconfig.dom.json');
run('tests/types/tsconfig.bad.json');

test('typed usage of the package type-checks (strict, no DOM, lib check on)', { timeout: 120000 }, async () => {
  const r = await run('tests/types/tsconfig.json');
  assert.equal(r.code, 0, r.output);
});

test('typed usage in a DOM project type-checks (localStorage fits StorageLike)', { timeout: 120000 }, async () => {
  const r = await run('tests/types/tsconfig.dom.json');
  assert.equal(r.code, 0, r.output);
});

test('every misuse in misuse.ts is a type error', { timeout: 120000 }, async () => {
  const r = await run('tests/types/tsconfig.bad.json');
  assert.notEqual(r.code, 0, 'misuse.ts must fail to type-check');
  const lines = readFileSync(path.join(ROOT, 'tests/types/misuse.ts'), 'utf8').split('\n');
  const marked = lines.map((l, i) => (/\/\/ error:/.test(l) ? i + 1 : 0)).filter(Boolean);
  assert.ok(marked.length >= 5, 'misuse.ts marks its errors');
  const errorLines = new Set([...r.output.matchAll(/misuse\.ts\((\d+),\d+\): error TS/g)].map((m) => Number(m[1])));
  for (const line of marked) {
    assert.ok(errorLines.has(line), `misuse.ts line ${line} (${lines[line - 1].trim()}) must be an error\n${r.output}`);
  }
  for (const line of errorLines) {
    assert.ok(marked.includes(line), `unexpected error on misuse.ts line ${line}\n${r.output}`);
  }
});
