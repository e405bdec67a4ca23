// `npm run screenshots`: regenerates the README's pictures in docs/screenshots/ from a
// fresh build. The end-to-end tests that take screenshots (those that save to
// SCREENSHOTS) run with SCREENSHOTS pointed at a temporary folder; when they pass, every
// picture the README links is copied from there. A plain test run never writes to docs/.
//
// Usage: node scripts/screenshots.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './headless.mjs';

const DOCS = path.join(ROOT, 'docs/screenshots');
const TESTS = path.join(ROOT, 'tests/e2e');

class Refusal extends Error {}

function run(command, args, env = process.env) {
  const { status, error } = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env });
  if (error) throw error;
  if (status !== 0) throw new Refusal(`\`${command} ${args.join(' ')}\` failed (exit ${status})`);
}

// The pictures the README shows, by file name.
const linked = [...new Set([...readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  .matchAll(/docs\/screenshots\/([\w.-]+\.png)/g)].map((m) => m[1]))].sort();
// The test files that save screenshots.
const shooters = readdirSync(TESTS)
  .filter((name) => name.endsWith('.test.mjs') && readFileSync(path.join(TESTS, name), 'utf8').includes('SCREENSHOTS'))
  .map((name) => path.join('tests/e2e', name));

const shots = mkdtempSync(path.join(tmpdir(), 'wxrt-screenshots-'));
try {
  if (shooters.length === 0) throw new Refusal('no test in tests/e2e saves screenshots');
  if (!process.argv.includes('--no-build')) run('bash', ['scripts/build.sh']);
  run(process.execPath, ['--test', '--test-concurrency=1', ...shooters], { ...process.env, WXRT_SCREENSHOTS: shots });
  const missing = linked.filter((name) => !existsSync(path.join(shots, name)));
  if (missing.length) throw new Refusal(`the README links pictures no test took: ${missing.join(', ')}`);
  // Only once every picture exists: docs/ never holds a half-updated set.
  for (const name of linked) copyFileSync(path.join(shots, name), path.join(DOCS, name));
  const unused = readdirSync(shots).filter((name) => name.endsWith('.png') && !linked.includes(name));
  console.log(`screenshots: ${linked.length} pictures written to docs/screenshots/`);
  if (unused.length) console.log(`screenshots: taken but not linked from the README (not copied): ${unused.join(', ')}`);
} catch (error) {
  if (!(error instanceof Refusal)) throw error;
  console.error(`screenshots: ${error.message}; docs/screenshots/ is unchanged`);
  process.exitCode = 1;
} finally {
  rmSync(shots, { recursive: true, force: true });
}
