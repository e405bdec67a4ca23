// `<ad>` / `<ad-custom>` follow the simulated phone's `ads` as the open family's ad units
// do (no ad: `error` 1004 and no height; an ad: a banner-sized placeholder and `load`), and
// swiper slides stay the swiper's size whatever the project's `swiper-item { flex }` says
// (weapp-douban's splash).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECTS, launchBrowser, startServer, until, waitLaunched } from './harness.mjs';
import { featuresUsedBy } from '../../www/render/features.js';

let browser;
let server;
let stateDir;

before(async () => {
  stateDir = mkdtempSync(path.join(tmpdir(), 'wxrt-ad-swiper-'));
  server = await startServer(path.join(PROJECTS, 'ad-swiper'), { args: ['--state-dir', stateDir, '--no-watch'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(stateDir, { recursive: true, force: true });
});

async function open() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitLaunched(page);
  assert.equal(page.startError, undefined);
  return { page, context };
}

/** Shows the page's ads with the phone's `ads` set to `ads`; resolves with their events. */
async function showAds(page, ads, count) {
  await page.evaluate((value) => {
    wxrt.phone.set({ ads: value });
    wxrt.getCurrentPages().at(-1).setData({ showAd: true, adEvents: [] });
  }, ads);
  return until(page, (n) => {
    const events = wxrt.getCurrentPages().at(-1).data.adEvents;
    return events.length >= n && events;
  }, count, { what: `${count} ad events` });
}

const box = (page, selector) => page.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}, selector);

test('swiper-item { flex: 1 } leaves every slide the swiper\'s size, side by side or stacked', async () => {
  const { page, context } = await open();
  try {
    const slides = await until(page, () => {
      const measure = (id) => {
        const swiper = document.querySelector(`#${id}`);
        const items = [...swiper.querySelectorAll('wx-swiper-item')];
        if (items.length !== 3) return undefined;
        const s = swiper.getBoundingClientRect();
        return {
          swiper: [s.width, s.height],
          items: items.map((item) => {
            const r = item.getBoundingClientRect();
            const cover = item.querySelector('.cover').getBoundingClientRect();
            return [r.width, r.height, Math.round(r.left - s.left), Math.round(r.top - s.top), cover.width, cover.height];
          }),
        };
      };
      const horizontal = measure('sw');
      const vertical = measure('vsw');
      return horizontal && vertical && { horizontal, vertical };
    }, null, { what: 'both swipers with three slides' });
    const [w, h] = slides.horizontal.swiper;
    assert.ok(w > 300 && h === 200, `swiper ${w}×${h}`);
    // Each slide (and its absolutely positioned cover) is the swiper's size, the next one
    // beyond its right edge, as WeChat translates them.
    assert.deepEqual(slides.horizontal.items, [0, 1, 2].map((i) => [w, h, Math.round(i * w), 0, w, h]));
    const [vw, vh] = slides.vertical.swiper;
    assert.deepEqual(slides.vertical.items, [0, 1, 2].map((i) => [vw, vh, 0, Math.round(i * vh), vw, vh]));
  } finally {
    await context.close();
  }
});

test('with no ad, <ad> and <ad-custom> fire error 1004 and take no room', async () => {
  const { page, context } = await open();
  try {
    const events = await showAds(page, 'none', 2);
    assert.deepEqual(events.map(([type, id, detail]) => [type, id, detail.errCode]).sort(), [['error', 'ad', 1004], ['error', 'adc', 1004]]);
    assert.equal(events[0][2].errMsg, 'no advertisement');
    assert.equal((await box(page, '#ad')).height, 0);
    assert.equal((await box(page, '#adc')).height, 0);
    assert.equal(await page.evaluate(() => document.querySelector('#ad').textContent), '');
  } finally {
    await context.close();
  }
});

test('with an ad, <ad> draws a full-width banner placeholder, fires load, and closes on its ×', async () => {
  const { page, context } = await open();
  try {
    const events = await showAds(page, 'fill', 2);
    assert.deepEqual(events.map(([type, id]) => [type, id]).sort(), [['load', 'ad'], ['load', 'adc']]);
    const ad = await box(page, '#ad');
    const container = await box(page, '.ad-box');
    assert.equal(ad.width, container.width);
    assert.ok(Math.abs(ad.height - (ad.width * 5) / 16) < 1, `banner ${ad.width}×${ad.height}`);
    assert.match(await page.evaluate(() => document.querySelector('#ad').textContent), /广告/);
    assert.ok((await box(page, '#adc')).height > 0);
    await page.click('#ad .wx-ad-close');
    const closed = await until(page, () => {
      const all = wxrt.getCurrentPages().at(-1).data.adEvents;
      return all.length === 3 && all[2];
    }, null, { what: 'the close event' });
    assert.deepEqual(closed.slice(0, 2), ['close', 'ad']);
    assert.equal((await box(page, '#ad')).height, 0);
  } finally {
    await context.close();
  }
});

test('the ad chunk loads for a template naming <ad> or <ad-custom>, not for look-alike tags', () => {
  const uses = (wxml) => featuresUsedBy({ 'app.json': '{}', 'p.wxml': wxml }).has('ad');
  assert.deepEqual(['<ad unit-id="x"/>', '<ad-custom unit-id="x"></ad-custom>', '<view><ad\n unit-id="x"/></view>', '<adv-card/>', '<ad-banner/>', '<view>ad</view>'].map(uses),
    [true, true, true, false, false, false]);
});
