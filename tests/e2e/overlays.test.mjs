// wx.showModal, wx.showToast and wx.showLoading drawn on the page, answered by clicks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT_MS, appid, useBrowser } from './harness.mjs';

const env = useBrowser();
let page;

test('open the fixture page with a runtime', async () => {
  page = await env.open();
  await page.evaluate(async (id) => {
    const { createRuntime } = await import('wxrt');
    window.rt = await createRuntime({ appid: id, storage: sessionStorage });
  }, appid('overlays'));
});

test('showModal waits for the user: confirm, cancel, and editable content', async () => {
  const confirmed = page.evaluate(() => rt.wx.showModal({ title: 'Session expired', content: 'Log in again?', confirmText: '重新登录' }));
  await page.click('.wxrt-modal-confirm');
  assert.deepEqual(await confirmed, { confirm: true, cancel: false, errMsg: 'showModal:ok' });
  assert.equal(await page.locator('.wxrt-modal').count(), 0, 'the modal is gone');

  const cancelled = page.evaluate(() => new Promise((resolve) => {
    const order = [];
    rt.wx.showModal({ title: 't', success: (r) => order.push(['success', r.cancel]), complete: () => resolve(order) });
  }));
  assert.equal(await page.textContent('.wxrt-modal-cancel'), '取消');
  await page.click('.wxrt-modal-cancel');
  assert.deepEqual(await cancelled, [['success', true]]);

  const edited = page.evaluate(() => rt.wx.showModal({ title: 'Name', editable: true, placeholderText: 'your name', showCancel: false }));
  // Counted once the modal is drawn: before, there is no cancel button either.
  await page.waitForSelector('.wxrt-modal-input');
  assert.equal(await page.locator('.wxrt-modal-cancel').count(), 0);
  await page.fill('.wxrt-modal-input', 'Li Lei');
  await page.click('.wxrt-modal-confirm');
  assert.deepEqual(await edited, { confirm: true, cancel: false, content: 'Li Lei', errMsg: 'showModal:ok' });
});

test('showModal refuses button texts over four Chinese characters', async () => {
  const errMsg = await page.evaluate(() => rt.wx.showModal({ title: 't', confirmText: '重新登录吧' }).catch((e) => e.errMsg));
  assert.equal(errMsg, 'showModal:fail confirmText length should not larger than 4 Chinese characters');
  assert.equal(await page.locator('.wxrt-modal').count(), 0);
});

test('a toast shows for its duration; loading replaces it until hideLoading', async () => {
  const shown = await page.evaluate(() => rt.wx.showToast({ title: 'Saved', duration: 300 }));
  assert.deepEqual(shown, { errMsg: 'showToast:ok' });
  assert.equal(await page.textContent('.wxrt-toast .wxrt-title'), 'Saved');
  await page.waitForSelector('.wxrt-toast', { state: 'detached', timeout: WAIT_MS });

  await page.evaluate(() => rt.wx.showToast({ title: 'Long', duration: 10000, icon: 'none' }));
  await page.evaluate(() => rt.wx.showLoading({ title: 'Loading' }));
  assert.deepEqual(await page.locator('.wxrt-toast').allTextContents(), ['◌Loading']);
  await page.evaluate(() => rt.wx.hideToast());
  assert.equal(await page.locator('.wxrt-loading').count(), 1, 'hideToast leaves a loading indicator alone');
  await page.evaluate(() => rt.wx.hideLoading());
  assert.equal(await page.locator('.wxrt-toast').count(), 0);
  const errors = await page.evaluate(async () => [
    await rt.wx.showToast({}).catch((e) => e.errMsg),
    await rt.wx.showToast({ title: 'x', icon: 'warn' }).catch((e) => e.errMsg),
    rt.wx.canIUse('showModal'),
  ]);
  assert.deepEqual(errors, [
    'showToast:fail parameter error: parameter.title should be String instead of Undefined;',
    'showToast:fail parameter error: parameter.icon should be one of success, error, loading, none;',
    true,
  ]);
});
