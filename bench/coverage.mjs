// How much of what real mini-programs call wxrt implements: the survey of 40 open-source
// mini-programs (api-survey-counts.tsv beside this file: one row per `wx` method, with the
// projects and call sites in their own code and in vendored code) read against the `wx` of
// a running preview. A method counts as implemented when the app's `wx` has it as a function
// and `wx.canIUse` says true, which is what mini-program code itself can observe.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNTS = join(dirname(fileURLToPath(import.meta.url)), 'api-survey-counts.tsv');

// The survey's regular expression also matched `wx.match(` and `wx.hasOwnProperty(`: not
// APIs, so not among the 156 distinct methods the survey reports.
const NOT_APIS = new Set(['match', 'hasOwnProperty']);

/** `[{method, sites}]` of every surveyed method called in the projects' own code. */
export function surveyRows(text = readFileSync(COUNTS, 'utf8')) {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header.split('\t');
  const at = (name) => columns.indexOf(name);
  return lines.map((line) => line.split('\t')).map((cells) => ({
    method: cells[at('method')],
    sites: Number(cells[at('sites_own')]),
  }));
}

/**
 * `{site_coverage, method_coverage, details}` for `implemented(method)`: the share of the
 * survey's call sites whose method is implemented, and of its distinct methods.
 */
export function coverage(rows, implemented) {
  const called = rows.filter((r) => r.sites > 0);
  const distinct = called.filter((r) => !NOT_APIS.has(r.method));
  const have = called.filter((r) => implemented(r.method));
  const totalSites = called.reduce((sum, r) => sum + r.sites, 0);
  const haveSites = have.reduce((sum, r) => sum + r.sites, 0);
  const missing = distinct.filter((r) => !implemented(r.method)).sort((a, b) => b.sites - a.sites);
  return {
    site_coverage: haveSites / totalSites,
    method_coverage: distinct.filter((r) => implemented(r.method)).length / distinct.length,
    details: {
      sites: totalSites,
      sites_implemented: haveSites,
      methods: distinct.length,
      methods_implemented: distinct.length - missing.length,
      missing: missing.map((r) => `${r.method} (${r.sites})`),
    },
  };
}

/** Reads the `wx` of the preview at `appUrl` in `browser` and measures coverage against the survey. */
export async function measureCoverage(browser, appUrl) {
  const rows = surveyRows();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(appUrl);
    await page.waitForFunction(() => globalThis.wxrt?.launched, null, { timeout: 30_000 });
    await page.evaluate(() => globalThis.wxrt.launched);
    const present = new Set(await page.evaluate((methods) => {
      const { wx } = globalThis.wxrt;
      return methods.filter((m) => typeof wx[m] === 'function' && wx.canIUse(m));
    }, rows.map((r) => r.method)));
    return coverage(rows, (method) => present.has(method));
  } finally {
    await context.close();
  }
}
