// What the preview downloads before the first page cannot grow unnoticed: a feature a page
// does not use at launch belongs in what loads on first use (www/render/features.js, the
// API families' wasm, the tools build), not in the boot wasm or the preview's first script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundleSizes } from './sizes.mjs';
import { ROOT } from '../scripts/headless.mjs';

// The bundle as it is (144,826 B) with room for a compiler's drift, not for a feature; the
// target the bench reports against (run.mjs) is lower still.
const CEILING = 147_456;

test('the preview downloads at most 144 KiB gzipped before the first page', () => {
  const { bundle_gzip_bytes: total, files } = bundleSizes(ROOT);
  const listing = files.map((f) => `${f.file} ${f.gzip_bytes} B`).join(', ');
  assert.ok(total <= CEILING, `the bundle is ${total} B gzipped (${listing}), over ${CEILING} B`);
});
