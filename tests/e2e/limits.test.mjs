// Size limits at their exact boundaries, a full 10 MB of realistic JSON, and the
// browser's own localStorage quota.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, appid, KEY_LIMIT, TOTAL_LIMIT } from './harness.mjs';

const env = useBrowser();
let page;
const EXCEED = 'fail exceed storage max size';
const QUOTA = 'fail localStorage quota exceeded';

/** Empties the origin's localStorage and reloads, so the next runtime starts from nothing. */
async function freshOrigin() {
  await page.evaluate(() => localStorage.clear());
  await env.reload(page);
}

test('open the fixture page', async () => {
  page = await env.open();
});

test('per key: key + payload of exactly 1 MB is stored, one byte more is refused', { timeout: 120000 }, async () => {
  await freshOrigin();
  const res = await page.evaluate(async ({ id, limit }) => {
    const { wx } = await rtFor(id);
    const out = {};
    const check = (name, fn) => { out[name] = trySync(fn); };

    // ASCII string under a 1-byte key.
    check('asciiMax', () => wx.setStorageSync('k', pattern(limit - 1)));
    check('asciiOver', () => wx.setStorageSync('k2', pattern(limit)));
    out.asciiRead = wx.getStorageSync('k') === pattern(limit - 1);
    // A failed overwrite keeps the old value.
    check('asciiOverwriteOver', () => wx.setStorageSync('k', pattern(limit, 'another sentence entirely. ')));
    out.asciiKept = wx.getStorageSync('k') === pattern(limit - 1);

    // Multi-byte key and value: sizes are UTF-8 bytes, not characters.
    const wideKey = '键'.repeat(100); // 300 bytes
    const wideMax = '中'.repeat(349425) + 'a'; // 1048276 bytes
    check('wideMax', () => wx.setStorageSync(wideKey, wideMax));
    check('wideOver', () => wx.setStorageSync(wideKey + 'x', wideMax));
    check('wideOver2', () => wx.setStorageSync(wideKey, wideMax + 'a'));
    out.wideRead = wx.getStorageSync(wideKey) === wideMax;
    wx.clearStorageSync();

    // An object: the payload is its JSON text.
    const text = pattern(limit - 1 - 8); // {"t":"…"} adds 8 bytes; key "o" adds 1
    check('objectMax', () => wx.setStorageSync('o', { t: text }));
    check('objectOver', () => wx.setStorageSync('o', { t: text + 'x' }));
    out.objectRead = wx.getStorageSync('o').t === text;
    wx.clearStorageSync();

    // null has an empty payload: the key alone may be 1 MB.
    check('nullMax', () => wx.setStorageSync('n'.repeat(limit), null));
    check('nullOver', () => wx.setStorageSync('n'.repeat(limit + 1), null));
    out.nullRead = wx.getStorageSync('n'.repeat(limit)) === null;
    wx.clearStorageSync();

    // Text that does not compress: at the limit it is still stored and read back.
    const noisy = noise(limit - 1, 7);
    check('noiseMax', () => wx.setStorageSync('r', noisy));
    out.noiseRead = wx.getStorageSync('r') === noisy;
    wx.clearStorageSync();

    // The async and batch forms apply the same limit.
    out.asyncMax = await settle(() => wx.setStorage({ key: 'a', data: pattern(limit - 1) }));
    out.asyncOver = await settle(() => wx.setStorage({ key: 'a', data: pattern(limit) }));
    out.batchMax = await settle(() => wx.batchSetStorage({ kvList: [{ key: 'b', value: pattern(limit - 1) }] }));
    out.batchOver = await settle(() => wx.batchSetStorage({ kvList: [{ key: 'c', value: 'small' }, { key: 'b', value: pattern(limit) }] }));
    check('batchSyncOver', () => wx.batchSetStorageSync([{ key: 'c', value: 'small' }, { key: 'd', value: pattern(limit) }]));
    out.asyncRead = wx.getStorageSync('a') === pattern(limit - 1);
    out.batchRead = wx.getStorageSync('b') === pattern(limit - 1);
    out.keys = wx.getStorageInfoSync().keys;
    for (const v of Object.values(out)) if (v && typeof v === 'object') delete v.raw;
    return out;
  }, { id: appid('per-key'), limit: KEY_LIMIT });

  for (const name of ['asciiMax', 'wideMax', 'objectMax', 'nullMax', 'noiseMax']) {
    assert.equal(res[name].threw, false, `${name} is stored (${res[name].errMsg})`);
  }
  for (const name of ['asciiOver', 'asciiOverwriteOver', 'wideOver', 'wideOver2', 'objectOver', 'nullOver']) {
    assert.equal(res[name].threw, true, `${name} is refused`);
    assert.equal(res[name].isError, true);
    assert.equal(res[name].errMsg, `setStorageSync:${EXCEED}`, name);
  }
  for (const name of ['asciiRead', 'asciiKept', 'wideRead', 'objectRead', 'nullRead', 'noiseRead', 'asyncRead', 'batchRead']) {
    assert.equal(res[name], true, name);
  }
  assert.equal(res.asyncMax.errMsg, 'setStorage:ok');
  assert.equal(res.asyncOver.ok, false);
  assert.equal(res.asyncOver.errMsg, `setStorage:${EXCEED}`);
  assert.equal(res.batchMax.errMsg, 'batchSetStorage:ok');
  assert.equal(res.batchOver.ok, false);
  assert.equal(res.batchOver.errMsg, `batchSetStorage:${EXCEED}`);
  assert.equal(res.batchSyncOver.errMsg, `batchSetStorageSync:${EXCEED}`);
  assert.deepEqual(res.keys, ['a', 'b'], 'refused batches store none of their entries');
});

test('in total: exactly 10485760 bytes are stored, one byte more is refused', { timeout: 120000 }, async () => {
  await freshOrigin();
  const id = appid('total');
  const res = await page.evaluate(async ({ id, keyLimit }) => {
    const { wx } = await rtFor(id);
    const value = (i, n = keyLimit - 2) => pattern(n, `Value number ${i} repeats this sentence. `);
    const out = { fill: [] };
    for (let i = 0; i < 10; i += 1) out.fill.push(trySync(() => wx.setStorageSync(`k${i}`, value(i))));
    out.full = wx.getStorageInfoSync();
    out.oneMore = trySync(() => wx.setStorageSync('x', ''));
    out.oneMoreAsync = await settle(() => wx.setStorage({ key: 'x', data: '' }));
    out.oneMoreBatch = await settle(() => wx.batchSetStorage({ kvList: [{ key: 'k0', value: value(99) }, { key: 'x', value: '' }] }));
    out.oneMoreBatchSync = trySync(() => wx.batchSetStorageSync([{ key: 'k0', value: value(99) }, { key: 'x', value: '' }]));
    out.k0Kept = wx.getStorageSync('k0') === value(0);
    out.afterRefusals = wx.getStorageInfoSync();
    // Overwriting with a value of the same size fits: the old value's bytes are given back.
    out.sameSize = trySync(() => wx.setStorageSync('k1', value(11)));
    out.k1Replaced = wx.getStorageSync('k1') === value(11);
    // Shrink one value by a byte, and a 1-byte key with an empty value fits again.
    out.shrink = trySync(() => wx.setStorageSync('k0', value(0, keyLimit - 3)));
    out.fitsAgain = trySync(() => wx.setStorageSync('x', ''));
    out.refull = wx.getStorageInfoSync();
    return out;
  }, { id, keyLimit: KEY_LIMIT });
  res.fill.forEach((r, i) => assert.equal(r.threw, false, `k${i} is stored (${r.errMsg})`));
  assert.equal(res.full.currentSize, 10240);
  assert.equal(res.full.limitSize, 10240);
  assert.equal(res.oneMore.errMsg, `setStorageSync:${EXCEED}`);
  assert.equal(res.oneMoreAsync.ok, false);
  assert.equal(res.oneMoreAsync.errMsg, `setStorage:${EXCEED}`);
  assert.equal(res.oneMoreBatch.ok, false);
  assert.equal(res.oneMoreBatch.errMsg, `batchSetStorage:${EXCEED}`);
  assert.equal(res.oneMoreBatchSync.errMsg, `batchSetStorageSync:${EXCEED}`);
  assert.equal(res.k0Kept, true, 'refused batch leaves k0 unchanged');
  assert.deepEqual(res.afterRefusals.keys, ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
  assert.equal(res.afterRefusals.currentSize, 10240);
  assert.equal(res.sameSize.threw, false, `same-size overwrite: ${res.sameSize.errMsg}`);
  assert.equal(res.k1Replaced, true);
  assert.equal(res.shrink.threw, false);
  assert.equal(res.fitsAgain.threw, false, `after shrinking: ${res.fitsAgain.errMsg}`);
  assert.equal(res.refull.currentSize, 10240);
  assert.equal(res.refull.keys.length, 11);

  // The accounting is rebuilt from what is stored after a reload.
  await env.reload(page);
  const after = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const info = wx.getStorageInfoSync();
    const over = trySync(() => wx.setStorageSync('y', ''));
    wx.removeStorageSync('x');
    const fits = trySync(() => wx.setStorageSync('y', ''));
    return { info, over, fits, keys: wx.getStorageInfoSync().keys };
  }, id);
  assert.equal(after.info.currentSize, 10240);
  assert.equal(after.over.errMsg, `setStorageSync:${EXCEED}`);
  assert.equal(after.fits.threw, false);
  assert.deepEqual(after.keys, ['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'y']);
});

test('10 MB of realistic JSON records fits in the browser and reads back equal', { timeout: 180000 }, async (t) => {
  await freshOrigin();
  const id = appid('realistic');
  const res = await page.evaluate(async ({ id, total }) => {
    const { wx } = await rtFor(id);
    const dataset = makeDataset({ total });
    const t0 = performance.now();
    const failures = [];
    for (const { key, value } of dataset) {
      const r = trySync(() => wx.setStorageSync(key, value));
      if (r.threw) failures.push(`${key}: ${r.errMsg || r.message}`);
    }
    const writeMs = performance.now() - t0;
    const info = wx.getStorageInfoSync();
    const oneMore = trySync(() => wx.setStorageSync('x', ''));
    const t1 = performance.now();
    const mismatched = dataset.filter(({ key, value }) => JSON.stringify(wx.getStorageSync(key)) !== JSON.stringify(value)).map((d) => d.key);
    const readMs = performance.now() - t1;
    let rawUnits = 0;
    for (const [k, v] of Object.entries(nsEntries(id))) rawUnits += k.length + v.length;
    return {
      keys: dataset.length,
      records: dataset.reduce((n, d) => n + d.value.length, 0),
      failures,
      info: { currentSize: info.currentSize, keys: info.keys.length, ordered: JSON.stringify(info.keys) === JSON.stringify(dataset.map((d) => d.key)) },
      oneMore,
      mismatched,
      writeMs,
      readMs,
      rawUnits,
    };
  }, { id, total: TOTAL_LIMIT });
  t.diagnostic(`${res.keys} keys, ${res.records} records; write ${res.writeMs.toFixed(0)} ms, read ${res.readMs.toFixed(0)} ms; ${res.rawUnits} UTF-16 code units in localStorage`);
  assert.deepEqual(res.failures, [], 'every value is stored');
  assert.equal(res.info.currentSize, 10240);
  assert.equal(res.info.keys, res.keys);
  assert.equal(res.info.ordered, true);
  assert.equal(res.oneMore.errMsg, `setStorageSync:${EXCEED}`, 'the app limit is reached before the browser quota');
  assert.deepEqual(res.mismatched, []);

  await env.reload(page);
  const after = await page.evaluate(async ({ id, total }) => {
    const { wx } = await rtFor(id);
    const dataset = makeDataset({ total });
    const mismatched = dataset.filter(({ key, value }) => JSON.stringify(wx.getStorageSync(key)) !== JSON.stringify(value)).map((d) => d.key);
    const info = wx.getStorageInfoSync();
    wx.clearStorageSync();
    return { mismatched, currentSize: info.currentSize, left: Object.keys(nsEntries(id)).length, cleared: wx.getStorageInfoSync().currentSize };
  }, { id, total: TOTAL_LIMIT });
  assert.deepEqual(after.mismatched, [], 'every value reads back equal after a reload');
  assert.equal(after.currentSize, 10240);
  assert.equal(after.cleared, 0);
  assert.equal(after.left, 0);
});

test('when the browser refuses a write: "localStorage quota exceeded", and nothing stored is lost', { timeout: 120000 }, async () => {
  await freshOrigin();
  const id = appid('browser-quota');
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('keep1', 'small value');
    wx.setStorageSync('keep2', { list: Array.from({ length: 500 }, (_, i) => ({ i, s: `item ${i}` })) });
    const infoBefore = wx.getStorageInfoSync();
    const keep2 = JSON.stringify(wx.getStorageSync('keep2'));

    // Another app on the origin fills localStorage until little room is left.
    let n = 0;
    for (const size of [1 << 20, 1 << 18, 1 << 16, 1 << 14, 1 << 12, 1 << 10, 1 << 8]) {
      for (;;) {
        try {
          localStorage.setItem(`junk:${n}`, 'j'.repeat(size));
          n += 1;
        } catch (e) {
          break;
        }
      }
    }
    // Leave about 8K code units free.
    let freed = 0;
    for (let i = n - 1; i >= 0 && freed < 8192; i -= 1) {
      const v = localStorage.getItem(`junk:${i}`);
      freed += v.length;
      localStorage.removeItem(`junk:${i}`);
    }
    const rawBefore = JSON.stringify(nsEntries(id));
    const big = noise(300000, 3);
    const out = {
      sync: trySync(() => wx.setStorageSync('big', big)),
      async: await settle(() => wx.setStorage({ key: 'big', data: big })),
      overwrite: trySync(() => wx.setStorageSync('keep2', big)),
      overwriteAsync: await settle(() => wx.setStorage({ key: 'keep2', data: big })),
      batch: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'tiny', value: 't' }, { key: 'keep1', value: 'changed' }, { key: 'big', value: big }] })),
      batchSync: trySync(() => wx.batchSetStorageSync([{ key: 'tiny', value: 't' }, { key: 'big', value: big }])),
    };
    out.rawUnchanged = JSON.stringify(nsEntries(id)) === rawBefore;
    out.keep1 = wx.getStorageSync('keep1');
    out.keep2Same = JSON.stringify(wx.getStorageSync('keep2')) === keep2;
    out.tiny = wx.getStorageSync('tiny');
    out.infoSame = JSON.stringify(wx.getStorageInfoSync()) === JSON.stringify(infoBefore);
    out.junk = n;
    // Once the other app's data is gone, the same write succeeds.
    for (let i = 0; i < n; i += 1) localStorage.removeItem(`junk:${i}`);
    out.retry = trySync(() => wx.setStorageSync('big', big));
    out.bigRead = wx.getStorageSync('big') === big;
    out.keys = wx.getStorageInfoSync().keys;
    for (const v of Object.values(out)) if (v && typeof v === 'object') delete v.raw;
    return out;
  }, id);
  assert.ok(res.junk > 0);
  assert.equal(res.sync.threw, true);
  assert.equal(res.sync.isError, true);
  assert.equal(res.sync.errMsg, `setStorageSync:${QUOTA}`);
  assert.equal(res.async.ok, false);
  assert.equal(res.async.errMsg, `setStorage:${QUOTA}`);
  assert.equal(res.overwrite.errMsg, `setStorageSync:${QUOTA}`);
  assert.equal(res.overwriteAsync.errMsg, `setStorage:${QUOTA}`);
  assert.equal(res.batch.ok, false);
  assert.equal(res.batch.errMsg, `batchSetStorage:${QUOTA}`);
  assert.equal(res.batchSync.errMsg, `batchSetStorageSync:${QUOTA}`);
  assert.equal(res.rawUnchanged, true, 'the raw entries are untouched');
  assert.equal(res.keep1, 'small value');
  assert.equal(res.keep2Same, true);
  assert.equal(res.tiny, '', 'a refused batch stores none of its entries');
  assert.equal(res.infoSame, true);
  assert.equal(res.retry.threw, false, `write after space is freed: ${res.retry.errMsg}`);
  assert.equal(res.bigRead, true);
  assert.deepEqual(res.keys, ['keep1', 'keep2', 'big']);
});

test('an injected storage that throws QuotaExceededError gets the same treatment', async () => {
  const res = await page.evaluate(async (id) => {
    const storage = new MemoryStorage(20000);
    const { wx } = await createRuntime({ appid: id, storage });
    wx.setStorageSync('a', 'first');
    const before = JSON.stringify(snapshot(storage));
    const big = noise(200000, 5);
    const out = {
      sync: trySync(() => wx.setStorageSync('b', big)),
      async: await settle(() => wx.setStorage({ key: 'a', data: big })),
      batch: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'c', value: 1 }, { key: 'b', value: big }] })),
    };
    delete out.async.raw;
    delete out.batch.raw;
    return {
      out,
      unchanged: JSON.stringify(snapshot(storage)) === before,
      a: wx.getStorageSync('a'),
      keys: wx.getStorageInfoSync().keys,
      inLocalStorage: Object.keys(nsEntries(id)).length,
    };
  }, appid('memory-quota'));
  assert.equal(res.out.sync.errMsg, `setStorageSync:${QUOTA}`);
  assert.equal(res.out.async.errMsg, `setStorage:${QUOTA}`);
  assert.equal(res.out.batch.errMsg, `batchSetStorage:${QUOTA}`);
  assert.equal(res.unchanged, true);
  assert.equal(res.a, 'first');
  assert.deepEqual(res.keys, ['a']);
  assert.equal(res.inLocalStorage, 0, 'an injected storage is used instead of localStorage');
});
