// A target counts as met only when two consecutive runs of the same build meet it: the
// storage figures swing by a third from run to run on a shared machine, so one run's
// pass is a candidate, not a result. Each run records which targets it met, with a
// fingerprint of the build it measured, and reads what the run before it recorded.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** What the figures depend on, under the repository root: the runtime, its build, the bench. */
const BUILD_PARTS = ['www', 'pkg', 'bench', 'target/release/wxrt'];

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  // Not source maps, nor what serving a folder leaves in it (`.wxrt/` state).
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith('.') && !entry.name.endsWith('.map'))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)]));
}

/** A hash of every file the figures depend on, so a run pairs only with one of the same build. */
export function buildFingerprint(root, parts = BUILD_PARTS) {
  const hash = createHash('sha256');
  for (const file of parts.flatMap((part) => filesUnder(join(root, part))).sort()) {
    hash.update(relative(root, file));
    hash.update('\0');
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function readRecord(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * `targets` (key → `{pass}`, `pass` null when the figure was not measured) with `met`:
 * passed in this run and in the previous run of the same build (`fingerprint`), as
 * recorded in `file`, which then records this run. Returns the annotated targets and
 * what the previous run was (`{at, same_build}`, or null).
 */
export function confirmTargets(targets, { file, fingerprint, now = new Date() }) {
  const previous = readRecord(file);
  const sameBuild = previous?.fingerprint === fingerprint;
  const annotated = {};
  for (const [key, target] of Object.entries(targets)) {
    const before = sameBuild ? previous.pass?.[key] ?? null : null;
    annotated[key] = { ...target, previous_pass: before, met: target.pass === true && before === true };
  }
  mkdirSync(dirname(file), { recursive: true });
  const pass = Object.fromEntries(Object.entries(targets).map(([key, t]) => [key, t.pass]));
  writeFileSync(file, `${JSON.stringify({ fingerprint, at: now.toISOString(), pass }, null, 2)}\n`);
  return { targets: annotated, previous: previous ? { at: previous.at, same_build: sameBuild } : null };
}
