// The gallery projects (examples/*-gallery): real TDesign, Vant Weapp and WeUI from npm,
// run unchanged. Each test opens a page the way scripts/gallery-report.mjs does, checks
// that it loaded without errors, that the library's styles apply, and that taps and
// typing reach the page's handlers with the `detail` the library documents (each
// gallery shows the last event in #event-log). Only what works today is asserted here;
// `node scripts/gallery-report.mjs <gallery>` lists what still breaks.
//
// Screenshots go to SCREENSHOTS as gallery-<library>-<page>.png (`npm run screenshots`
// copies the ones the README links).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SCREENSHOTS, assertBuilt, eventually, launchBrowser, textOf, until } from './harness.mjs';
import { LIBRARIES, appErrors, openGalleryPage, primaryButton, projectDir, serveGallery } from '../../scripts/gallery-report.mjs';

/** Serves one gallery for a describe block; `env.open(route)` opens a page of it. */
function useGallery(name) {
  const env = { served: null, browser: null, context: null };
  before(async () => {
    assertBuilt();
    env.served = await serveGallery(projectDir(name));
    env.browser = await launchBrowser();
    env.context = await env.browser.newContext();
  });
  after(async () => {
    await env.context?.close().catch(() => {});
    await env.browser?.close().catch(() => {});
    await env.served?.close();
  });
  env.open = (route) => openGalleryPage(env.context, env.served.server.url, route);
  return env;
}

/** Compile errors of the project (warnings for what WeChat also accepts are allowed). */
function compileErrors(env) {
  return (env.served.bundle.problems ?? []).filter((p) => p.severity !== 'warning').map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`);
}

/** The page started, the app reported no error, and no script error escaped. */
async function assertClean(page) {
  assert.equal(page.startError, undefined, 'the app started');
  assert.deepEqual(await appErrors(page), [], 'wxrt.errors()');
  assert.deepEqual(page.log.filter((l) => l.kind === 'pageerror').map((l) => l.text), [], 'uncaught errors');
}

/**
 * Taps `label` in the custom tab bar (app.json `"custom": true`) and waits until the app
 * is on `route`; returns what the new page's getTabBar() holds in `field`.
 */
async function switchTabByCustomTabBar(page, label, route, field) {
  await page.getByText(label, { exact: true }).last().click();
  await until(page, (r) => globalThis.wxrt.currentPage()?.route === r, route, { what: `the app on ${route}` });
  return until(page, (f) => {
    const pages = globalThis.wxrt.getCurrentPages();
    const tabBar = pages[pages.length - 1].getTabBar();
    return tabBar ? JSON.stringify(tabBar.data[f]) : false;
  }, field, { what: 'getTabBar() on the new page' });
}

async function shoot(page, library, route) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator('#phone').screenshot({ path: path.join(SCREENSHOTS, `gallery-${library}-${route.split('/').pop()}.png`) });
}

/** An 8×8 red PNG, as a photo the uploaders are given through the file dialog. */
const PHOTO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGO4o6GBFTEMLQkAe3tLAfuiUfAAAAAASUVORK5CYII=', 'base64');

/**
 * Taps `trigger` (which calls wx.chooseImage / wx.chooseMedia), answers the browser's file
 * dialog with a photo, and waits until `log` shows in #event-log and an image in `scope`
 * shows the picked file (its `wxfile://` path drawn from the file itself).
 */
async function uploadPhoto(page, trigger, scope, log) {
  const dir = mkdtempSync(path.join(tmpdir(), 'wxrt-gallery-'));
  try {
    const file = path.join(dir, 'photo.png');
    writeFileSync(file, PHOTO_PNG);
    const chooser = page.waitForEvent('filechooser');
    await trigger.click();
    await (await chooser).setFiles(file);
    await textOf(page, '#event-log', log);
    await until(page, (s) => [...document.querySelectorAll(`${s} img`)].some((img) => img.complete && img.naturalWidth === 8), scope, { what: 'the picked photo drawn' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The box of the innermost element under `scope` whose text includes `text`, scrolled to
 * the middle of the page first (swipe cells are often under a fixed tab bar).
 */
function boxOfText(page, scope, text) {
  return page.evaluate(([s, t]) => {
    const el = [...document.querySelectorAll(`${s} *`)].filter((e) => e.textContent.includes(t)).pop();
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  }, [scope, text]);
}

/** Drags with the mouse from the right part of `box` leftwards by `distance` px, as a finger. */
async function swipeLeft(page, box, distance) {
  const y = box.y + box.height / 2;
  const x = box.x + box.width - 20;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - distance / 2, y, { steps: 5 });
  await page.mouse.move(x - distance, y, { steps: 5 });
  await page.mouse.up();
}

/** Waits until the innermost element under `scope` with exactly `text` lies inside the phone's screen. */
function untilOnScreen(page, scope, text) {
  return until(page, ([s, t]) => {
    const el = [...document.querySelectorAll(`${s} *`)].filter((e) => e.textContent.trim() === t).pop();
    const phone = document.querySelector('#phone').getBoundingClientRect();
    const r = el?.getBoundingClientRect();
    return Boolean(r && r.width > 0 && r.left >= phone.left - 0.5 && r.right <= phone.right + 0.5);
  }, [scope, text], { what: `"${text}" of ${scope} shown on the phone's screen` });
}

async function assertBrandColour(page, library) {
  await eventually(async () => {
    const button = await primaryButton(page, { name: library, ...LIBRARIES[library] });
    assert.ok(button.found, 'a primary button is drawn');
    assert.equal(button.background, button.expected, `primary button "${button.text}" background`);
  }, { what: `the primary button in ${library}'s brand colour` });
}

describe('TDesign gallery (tdesign-miniprogram from npm)', () => {
  const env = useGallery('tdesign-gallery');

  test('builds with no compile error', () => {
    assert.deepEqual(compileErrors(env), []);
  });

  test('form page: no errors, brand-coloured primary button, typing and taps with the documented detail', async () => {
    const page = await env.open('pages/form/form');
    try {
      await assertClean(page);
      await assertBrandColour(page, 'tdesign-miniprogram');
      await shoot(page, 'tdesign', 'pages/form/form');
      await page.locator('#name-input input').fill('Li Lei');
      await textOf(page, '#event-log', 'input change {"value":"Li Lei","cursor":6,"keyCode":0}');
      await page.locator('#fruits').getByText('Pear').click();
      await textOf(page, '#event-log', 'checkbox-group change {"value":["apple","pear"]}');
      await page.locator('#size').getByText('Large').click();
      await textOf(page, '#event-log', 'radio-group change {"value":"l"}');
      await page.locator('#notify').click();
      await textOf(page, '#event-log', 'switch change {"value":false}');
      await page.locator('#quantity [class*="plus"]').first().click();
      await textOf(page, '#event-log', 'stepper change {"value":2}');
      await page.locator('#search input').fill('btn');
      await textOf(page, '#event-log', 'search change {"value":"btn","trigger":"input-change"}');
      await page.locator('#submit').click();
      await textOf(page, '#event-log', 'submit {"name":"Li Lei","fruits":["apple","pear"],"size":"l","notify":false,"quantity":2,"rating":3}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: the picker opens from a cell and confirms the chosen column', async () => {
    const page = await env.open('pages/form/form');
    try {
      await page.locator('#city-cell').click();
      const confirm = page.getByText('OK', { exact: true }).first();
      await confirm.waitFor({ state: 'visible' });
      await confirm.click();
      await textOf(page, '#event-log', 'picker confirm {"value":["beijing"],"label":["Beijing"]}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: the date picker and the calendar confirm the chosen day with the documented detail', async () => {
    const page = await env.open('pages/form/form');
    try {
      await page.locator('#date-cell').click();
      const picker = page.locator('wx-t-date-time-picker');
      // The page's value (2025-06-01) is what the columns show; t-config-provider gave English.
      const july = picker.locator('wx-t-picker-item').nth(1).getByText('Jul', { exact: true });
      await july.waitFor({ state: 'visible' });
      await july.click();
      await picker.getByText('OK', { exact: true }).click();
      await textOf(page, '#event-log', 'date-time-picker confirm {"value":"2025-07-01"}');
      await page.locator('#calendar-cell').click();
      const calendar = page.locator('wx-t-calendar');
      const day = calendar.locator('[class*="t-calendar__dates-item"]').getByText('15', { exact: true }).first();
      await day.waitFor({ state: 'visible' });
      await day.click();
      await calendar.getByText('OK', { exact: true }).click();
      const expected = await page.evaluate(() => new Date(2025, 5, 15).getTime());
      await textOf(page, '#event-log', `calendar confirm {"value":${expected}}`);
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: the upload picks a photo through wx.chooseMedia and draws it', async () => {
    const page = await env.open('pages/form/form');
    try {
      await uploadPhoto(page, page.locator('#upload [class*="t-upload__add"]').first(), '#upload', 'upload add {"count":1}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('display page: no errors; grid, steps, collapse and check tag answer taps', async () => {
    const page = await env.open('pages/display/display');
    try {
      await assertClean(page);
      await shoot(page, 'tdesign', 'pages/display/display');
      await page.locator('#grid').getByText('Coupons').click();
      await textOf(page, '#event-log', 'grid-item click {"name":"Coupons"}');
      await page.locator('#steps').getByText('Shipped').click();
      await textOf(page, '#event-log', 'steps change {"previous":1,"current":2}');
      await page.locator('#collapse').getByText('Returns').click();
      await textOf(page, '#event-log', 'collapse change {"value":["shipping","returns"]}');
      await page.locator('#check-tag').click();
      await textOf(page, '#event-log', 'check-tag change {"checked":false}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('the custom tab bar (t-tab-bar) switches tabs and getTabBar() follows', async () => {
    const page = await env.open('pages/form/form');
    try {
      assert.equal(await switchTabByCustomTabBar(page, 'Display', 'pages/display/display', 'value'), '"display"');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('feedback page: no errors; Toast, Dialog, Message and ActionSheet called from JS', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      await assertClean(page);
      await shoot(page, 'tdesign', 'pages/feedback/feedback');
      await page.locator('#show-toast').click();
      await textOf(page, '#event-log', 'toast shown {"message":"Saved"}');
      await textOf(page, '#t-toast', /Saved/);
      await page.locator('#show-dialog').click();
      const remove = page.locator('#t-dialog').getByText('Delete', { exact: true });
      await remove.waitFor({ state: 'visible' });
      await remove.click();
      await textOf(page, '#event-log', 'dialog confirm');
      await page.locator('#show-message').click();
      await textOf(page, '#event-log', 'message shown {"content":"Three new messages"}');
      await page.locator('#show-action-sheet').click();
      const share = page.getByText('Share to Moments');
      await share.waitFor({ state: 'visible' });
      await share.click();
      await textOf(page, '#event-log', 'action-sheet selected {"selected":"Share to Moments","index":1}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('navigation page (custom navigation style): no errors; tabs and side bar answer taps', async () => {
    const page = await env.open('pages/navigation/navigation');
    try {
      await assertClean(page);
      await shoot(page, 'tdesign', 'pages/navigation/navigation');
      await page.locator('#tabs').getByText('Following').click();
      await textOf(page, '#event-log', 'tabs change {"value":"following","label":"Following"}');
      await page.locator('#side-bar').getByText('Dairy').click();
      await textOf(page, '#event-log', 'side-bar change {"value":2,"label":"Dairy"}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('navigation page: the dropdown menu opens on a tap, and an option fires change with detail.value', async () => {
    const page = await env.open('pages/navigation/navigation');
    try {
      await page.locator('#dropdown').getByText('Newest', { exact: true }).click();
      const price = page.locator('wx-t-dropdown-item').getByText('Price', { exact: true });
      await price.waitFor({ state: 'visible' });
      await price.click();
      await textOf(page, '#event-log', 'dropdown-item change {"value":"price"}');
      // The page's new value is the menu's title now, and the menu closed.
      await textOf(page, '#dropdown [class*="t-dropdown-menu__title"]', 'Price');
      await price.waitFor({ state: 'hidden' });
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('feedback page: a mouse drag opens the swipe cell, and its action answers a tap', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      await swipeLeft(page, await boxOfText(page, '#swipe-mail', 'Swipe me to the left'), 240);
      await untilOnScreen(page, '#swipe-mail', 'Delete');
      await page.locator('#swipe-mail').getByText('Delete', { exact: true }).click();
      await textOf(page, '#event-log', 'swipe-cell click {"text":"Delete"}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('city page (indexes, back-top): no errors', async () => {
    const page = await env.open('pages/city/city');
    try {
      await assertClean(page);
      await shoot(page, 'tdesign', 'pages/city/city');
    } finally {
      await page.close();
    }
  });
});

describe('Vant gallery (@vant/weapp from npm)', () => {
  const env = useGallery('vant-gallery');

  test('builds with no compile error', () => {
    assert.deepEqual(compileErrors(env), []);
  });

  test('form page: no errors, brand-coloured primary button, field typing and form controls with the documented detail', async () => {
    const page = await env.open('pages/form/form');
    try {
      await assertClean(page);
      await assertBrandColour(page, '@vant/weapp');
      await shoot(page, 'vant', 'pages/form/form');
      await page.locator('#name-field input').fill('Li Lei');
      await textOf(page, '#event-log', 'field change "Li Lei"');
      await page.locator('#fruits').getByText('Pear').click();
      await textOf(page, '#event-log', 'checkbox-group change ["apple","pear"]');
      await page.locator('#size').getByText('L', { exact: true }).click();
      await textOf(page, '#event-log', 'radio-group change "l"');
      await page.locator('#notify').click();
      await textOf(page, '#event-log', 'switch change false');
      await page.locator('#quantity [class*="plus"]').first().click();
      await textOf(page, '#event-log', 'stepper change 2');
      await page.locator('#search input').fill('btn');
      await textOf(page, '#event-log', 'search change "btn"');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: the datetime picker shows the page\'s date and confirms the chosen one; the calendar confirms a day', async () => {
    const page = await env.open('pages/form/form');
    try {
      await page.locator('#date-cell').click();
      const picker = page.locator('wx-van-datetime-picker');
      const selected = (column) => picker.locator('wx-picker-column').nth(column).locator('[class*="van-picker-column__item--selected"]');
      // The picker sets its columns from `created` and its columns' observers (2025-06-01).
      await textOf(page, '#date-cell', /Choose/);
      await selected(0).getByText('2025', { exact: true }).waitFor({ state: 'visible' });
      assert.equal((await selected(1).textContent()).trim(), '06');
      await picker.locator('wx-picker-column').nth(1).getByText('07', { exact: true }).click();
      await selected(1).getByText('07', { exact: true }).waitFor();
      await picker.getByText('OK', { exact: true }).click();
      await textOf(page, '#event-log', 'datetime-picker confirm "2025-7-1"');
      // The calendar's range starts today: the 28th of next month is always in it.
      await page.locator('#calendar-cell').click();
      const calendar = page.locator('wx-van-calendar');
      const day = calendar.locator('wx-month').nth(1).getByText('28', { exact: true });
      await day.waitFor({ state: 'visible' });
      await day.click();
      await calendar.getByText('OK', { exact: true }).click();
      const expected = await page.evaluate(() => {
        const now = new Date();
        const day = new Date(now.getFullYear(), now.getMonth() + 1, 28);
        return `${day.getFullYear()}-${day.getMonth() + 1}-${day.getDate()}`;
      });
      await textOf(page, '#event-log', `calendar confirm "${expected}"`);
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: the uploader reads a photo through wx.chooseImage/chooseMedia and draws it', async () => {
    const page = await env.open('pages/form/form');
    try {
      const trigger = page.locator('#uploader [class*="van-uploader__upload"]').first();
      await uploadPhoto(page, trigger, '#uploader', `uploader after-read {"type":"image","size":${PHOTO_PNG.length}}`);
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('feedback page: a mouse drag opens the swipe cell (open detail), and a tap on its action closes it (async-close detail)', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      await swipeLeft(page, await boxOfText(page, '#swipe-mail', 'Swipe me either way'), 150);
      await textOf(page, '#event-log', 'swipe-cell open {"position":"right","name":"mail"}');
      await untilOnScreen(page, '#swipe-mail', 'Delete');
      await page.locator('#swipe-mail').getByText('Delete', { exact: true }).click();
      await textOf(page, '#event-log', 'swipe-cell close {"position":"right","name":"mail"}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('the custom tab bar (van-tabbar) switches tabs and getTabBar() follows', async () => {
    const page = await env.open('pages/form/form');
    try {
      assert.equal(await switchTabByCustomTabBar(page, 'Navigation', 'pages/navigation/navigation', 'active'), '3');
    } finally {
      await page.close();
    }
  });

  test('display page: no errors; grid, steps, collapse and tag answer taps', async () => {
    const page = await env.open('pages/display/display');
    try {
      await assertClean(page);
      await shoot(page, 'vant', 'pages/display/display');
      await page.locator('#grid').getByText('Coupons').click();
      await textOf(page, '#event-log', 'grid-item click {"name":"Coupons"}');
      await page.locator('#steps').getByText('Shipped').click();
      await textOf(page, '#event-log', 'steps click-step 2');
      await page.locator('#collapse').getByText('Returns').click();
      await textOf(page, '#event-log', 'collapse change ["shipping","returns"]');
      await page.locator('#closable-tag [class*="van-tag__close"]').first().click();
      await textOf(page, '#event-log', 'tag close');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('feedback page: no errors; Dialog, Toast and Notify called from JS, the action sheet', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      await assertClean(page);
      await assertBrandColour(page, '@vant/weapp');
      await shoot(page, 'vant', 'pages/feedback/feedback');
      await page.locator('#show-dialog').first().click();
      const confirm = page.locator('[class*="van-dialog__confirm"]').first();
      await confirm.waitFor({ state: 'visible' });
      await confirm.click();
      await textOf(page, '#event-log', 'dialog confirm');
      await page.locator('#show-toast').first().click();
      await textOf(page, '#event-log', 'toast shown "Saved"');
      await textOf(page, '[class*="van-toast__text"]', 'Saved');
      await page.locator('#open-action-sheet').click();
      const action = page.getByText('Share to Moments');
      await action.waitFor({ state: 'visible' });
      await action.click();
      await textOf(page, '#event-log', 'action-sheet select {"name":"Share to Moments"}');
      await page.locator('#show-notify').first().click();
      await textOf(page, '#event-log', 'notify shown "Three new messages"');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('index bar page: no errors; a city and the submit bar answer taps', async () => {
    const page = await env.open('pages/index-bar/index-bar');
    try {
      await assertClean(page);
      await page.getByText('Chengdu').click();
      await textOf(page, '#event-log', 'city {"city":"Chengdu"}');
      await page.locator('#submit-bar').getByText('Order').click();
      await textOf(page, '#event-log', 'submit-bar submit');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('navigation page: no errors; tabs, sidebar and the dropdown menu answer taps', async () => {
    const page = await env.open('pages/navigation/navigation');
    try {
      await assertClean(page);
      await shoot(page, 'vant', 'pages/navigation/navigation');
      await page.locator('#news-tabs').getByText('Following').click();
      await textOf(page, '#event-log', 'tabs change {"index":1,"name":"following","title":"Following"}');
      await page.locator('#sidebar').getByText('Dairy').click();
      await textOf(page, '#event-log', 'sidebar change 2');
      // The menu's items are its slot content, written with `wx:key="index"` over rows
      // without an `index`: they must stay the items its relations linked.
      await page.locator('#dropdown').getByText('Newest').click();
      await page.locator('#dropdown').getByText('Price').click();
      await textOf(page, '#event-log', 'dropdown-item change "price"');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });
});

describe('WeUI gallery (weui-miniprogram from npm)', () => {
  const env = useGallery('weui-gallery');

  test('builds with no compile error', () => {
    assert.deepEqual(compileErrors(env), []);
  });

  test('form page: no errors, typing and choices', async () => {
    const page = await env.open('pages/form/form');
    try {
      await assertClean(page);
      // app.json says "style": "v2": the native primary button in WeChat's newer green.
      await assertBrandColour(page, 'weui-miniprogram');
      await shoot(page, 'weui', 'pages/form/form');
      await page.locator('#name-input input').fill('Li Lei');
      await textOf(page, '#event-log', 'name input {"value":"Li Lei"}');
      await page.locator('#checkbox-group').getByText('Pear').click();
      await textOf(page, '#event-log', 'checkbox-group change {"value":["apple","pear"]}');
      await page.locator('#radio-group').getByText('Large').click();
      await textOf(page, '#event-log', 'checkbox-group change {"value":"l"}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('form page: in a radio group each mp-checkbox has its label in the cell body and its radio in the footer', async () => {
    const page = await env.open('pages/form/form');
    try {
      // mp-checkbox writes its label in the default slot and the radio in slot="footer" of
      // mp-cell, which shows the footer only once the group made it a radio (multi: false).
      await eventually(async () => {
        const cells = await page.evaluate(() => [...document.querySelectorAll('#radio-group [class*="weui-cell__bd"], #radio-group [class*="weui-cell__ft"]')]
          .map((el) => [el.className.includes('weui-cell__bd') ? 'body' : 'footer', el.textContent.trim(), Boolean(el.querySelector('wx-radio'))]));
        assert.deepEqual(cells, [['body', 'Small', false], ['footer', '', true], ['body', 'Large', false], ['footer', '', true]]);
      }, { what: 'the radio cells laid out' });
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('the custom tab bar (mp-tabbar) switches tabs and getTabBar() follows', async () => {
    const page = await env.open('pages/form/form');
    try {
      assert.equal(await switchTabByCustomTabBar(page, 'Display', 'pages/display/display', 'current'), '1');
    } finally {
      await page.close();
    }
  });

  test('feedback page: no errors; dialog, action sheet and half-screen dialog', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      await assertClean(page);
      await shoot(page, 'weui', 'pages/feedback/feedback');
      await page.locator('#open-dialog').first().click();
      const remove = page.locator('#dialog').getByText('Delete', { exact: true });
      await remove.waitFor({ state: 'visible' });
      await remove.click();
      await textOf(page, '#event-log', 'dialog buttontap {"index":1,"item":{"text":"Delete","className":"weui-dialog__btn_primary"}}');
      await page.locator('#open-actionsheet').first().click();
      const share = page.getByText('Share to Moments');
      await share.waitFor({ state: 'visible' });
      await share.click();
      await textOf(page, '#event-log', 'actionsheet actiontap {"value":"moments","groupindex":0,"index":1}');
      await page.locator('#open-half-screen').first().click();
      const allow = page.getByText('Allow', { exact: true });
      await allow.waitFor({ state: 'visible' });
      await allow.click();
      await textOf(page, '#event-log', 'half-screen-dialog buttontap {"index":1,"item":{"type":"primary","className":"","text":"Allow","value":1}}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('feedback page: a mouse drag opens the slideview (WXS), and its button answers a tap', async () => {
    const page = await env.open('pages/feedback/feedback');
    try {
      // `<button class="weui-btn" type="default">`: WeChat's wx-button[type=default] (v2)
      // outranks the class's white text.
      const looks = await page.evaluate(() => {
        const style = getComputedStyle(document.querySelector('#open-actionsheet'));
        return [style.color, style.backgroundColor];
      });
      assert.deepEqual(looks, ['rgb(6, 174, 86)', 'rgb(242, 242, 242)']);
      await swipeLeft(page, await boxOfText(page, '#slideview', 'Slide me to the left'), 200);
      await untilOnScreen(page, '#slideview', 'Delete');
      await page.locator('#slideview').getByText('Delete', { exact: true }).click();
      await textOf(page, '#event-log', 'slideview buttontap {"index":1}');
      await assertClean(page);
    } finally {
      await page.close();
    }
  });

  test('navigation page (mp-navigation-bar): no errors', async () => {
    const page = await env.open('pages/navigation/navigation');
    try {
      await assertClean(page);
      await shoot(page, 'weui', 'pages/navigation/navigation');
      await page.locator('#toggle-loading').click();
      await textOf(page, '#event-log', 'loading {"loading":true}');
    } finally {
      await page.close();
    }
  });
});
