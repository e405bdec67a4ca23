// The coverage figures' arithmetic, on the committed survey.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coverage, surveyRows } from './coverage.mjs';

test('the survey has 5,656 own call sites over 156 distinct methods', () => {
  const all = coverage(surveyRows(), () => true);
  assert.equal(all.details.sites, 5656);
  assert.equal(all.details.methods, 156);
  assert.equal(all.site_coverage, 1);
  assert.equal(all.method_coverage, 1);
});

test('a method counts by its sites and once among the distinct methods', () => {
  const rows = [{ method: 'a', sites: 3 }, { method: 'b', sites: 1 }, { method: 'match', sites: 1 }, { method: 'c', sites: 0 }];
  const c = coverage(rows, (m) => m === 'a');
  assert.equal(c.site_coverage, 3 / 5);
  assert.equal(c.method_coverage, 1 / 2);
  assert.deepEqual(c.details.missing, ['b (1)']);
});
