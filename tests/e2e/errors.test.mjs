// Bad input gets WeChat's parameter errors and stores nothing; corrupt entries are
// reported without taking the rest of the namespace down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, appid } from './harness.mjs';

const env = useBrowser();
let page;

const BAD_KEYS = `[
  ['Undefined', undefined],
  ['Null', null],
  ['Number', 1],
  ['Boolean', true],
  ['Object', { key: 'k' }],
  ['Array', ['k']],
  ['Function', function k() {}],
  ['Symbol', Symbol('k')],
  ['BigInt', 1n],
]`;

test('open the fixture page', async () => {
  page = await env.open();
});

test('a key that is not a string fails in every form and stores nothing', async () => {
  const res = await page.evaluate(async ({ id, badKeys }) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('keep', 'kept');
    const before = snapshot();
    const out = [];
    for (const [type, key] of (0, eval)(badKeys)) {
      const calls = {
        setStorage: await settle(() => wx.setStorage({ key, data: 'x' })),
        getStorage: await settle(() => wx.getStorage({ key })),
        removeStorage: await settle(() => wx.removeStorage({ key })),
        setStorageCallback: await observe((o) => wx.setStorage(o), { key, data: 'x' }),
        setStorageSync: trySync(() => wx.setStorageSync(key, 'x')),
        getStorageSync: trySync(() => wx.getStorageSync(key)),
        removeStorageSync: trySync(() => wx.removeStorageSync(key)),
      };
      delete calls.setStorageCallback.raw;
      out.push({ type, calls });
    }
    const after = snapshot();
    return { out, unchanged: JSON.stringify(before) === JSON.stringify(after), keys: wx.getStorageInfoSync().keys, keep: wx.getStorageSync('keep') };
  }, { id: appid('bad-keys'), badKeys: BAD_KEYS });
  for (const { type, calls } of res.out) {
    const reason = `parameter error: parameter.key should be String instead of ${type};`;
    for (const api of ['setStorage', 'getStorage', 'removeStorage']) {
      assert.equal(calls[api].isPromise, true, `${api} with a ${type} key returns a Promise`);
      assert.equal(calls[api].ok, false, `${api} with a ${type} key rejects`);
      assert.equal(calls[api].isError, true);
      assert.equal(calls[api].errMsg, `${api}:fail ${reason}`);
    }
    assert.deepEqual(calls.setStorageCallback.order, ['fail', 'complete'], `setStorage callbacks with a ${type} key`);
    assert.equal(calls.setStorageCallback.errMsg, `setStorage:fail ${reason}`);
    for (const api of ['setStorageSync', 'getStorageSync', 'removeStorageSync']) {
      assert.equal(calls[api].threw, true, `${api} with a ${type} key throws`);
      assert.equal(calls[api].isError, true);
      assert.equal(calls[api].errMsg, `${api}:fail ${reason}`);
      assert.equal(calls[api].message, `${api}:fail ${reason}`);
    }
  }
  assert.equal(res.unchanged, true, 'localStorage is unchanged');
  assert.deepEqual(res.keys, ['keep']);
  assert.equal(res.keep, 'kept');
});

test('an empty key fails in every form and stores nothing', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const before = snapshot();
    const out = {
      setStorage: await settle(() => wx.setStorage({ key: '', data: 'x' })),
      getStorage: await settle(() => wx.getStorage({ key: '' })),
      removeStorage: await settle(() => wx.removeStorage({ key: '' })),
      setStorageSync: trySync(() => wx.setStorageSync('', 'x')),
      getStorageSync: trySync(() => wx.getStorageSync('')),
      removeStorageSync: trySync(() => wx.removeStorageSync('')),
    };
    return { out, unchanged: JSON.stringify(before) === JSON.stringify(snapshot()), keys: wx.getStorageInfoSync().keys };
  }, appid('empty-key'));
  const reason = 'parameter error: parameter.key should be non-empty String instead of empty String;';
  for (const api of ['setStorage', 'getStorage', 'removeStorage']) {
    assert.equal(res.out[api].ok, false, `${api} rejects`);
    assert.equal(res.out[api].errMsg, `${api}:fail ${reason}`);
  }
  for (const api of ['setStorageSync', 'getStorageSync', 'removeStorageSync']) {
    assert.equal(res.out[api].threw, true, `${api} throws`);
    assert.equal(res.out[api].errMsg, `${api}:fail ${reason}`);
  }
  assert.equal(res.unchanged, true);
  assert.deepEqual(res.keys, []);
});

test('batch calls check kvList and keyList, and a bad entry stores nothing at all', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('keep', 1);
    const before = snapshot();
    const out = {
      kvListMissing: await settle(() => wx.batchSetStorage({})),
      kvListObject: await settle(() => wx.batchSetStorage({ kvList: { key: 'a', value: 1 } })),
      kvListNull: await settle(() => wx.batchSetStorage({ kvList: null })),
      kvListBadKey: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'n1', value: 1 }, { key: 'n2', value: 2 }, { key: 3, value: 3 }] })),
      kvListMissingKey: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'n1', value: 1 }, { value: 2 }] })),
      kvListEmptyKey: await settle(() => wx.batchSetStorage({ kvList: [{ key: '', value: 1 }] })),
      kvListNotObject: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'n1', value: 1 }, 'n2'] })),
      kvListSyncBadKey: trySync(() => wx.batchSetStorageSync([{ key: 'n1', value: 1 }, { key: 'n2', value: 2 }, { key: 3, value: 3 }])),
      kvListSyncNotArray: trySync(() => wx.batchSetStorageSync({ key: 'a', value: 1 })),
      keyListMissing: await settle(() => wx.batchGetStorage({})),
      keyListString: await settle(() => wx.batchGetStorage({ keyList: 'keep' })),
      keyListBadKey: await settle(() => wx.batchGetStorage({ keyList: ['keep', 1] })),
      keyListSyncBadKey: trySync(() => wx.batchGetStorageSync(['keep', 'x', null])),
      keyListSyncNotArray: trySync(() => wx.batchGetStorageSync(5)),
    };
    return { out, unchanged: JSON.stringify(before) === JSON.stringify(snapshot()), keys: wx.getStorageInfoSync().keys };
  }, appid('batch-params'));
  const { out } = res;
  const P = 'parameter error: parameter';
  assert.equal(out.kvListMissing.errMsg, `batchSetStorage:fail ${P}.kvList should be Array instead of Undefined;`);
  assert.equal(out.kvListObject.errMsg, `batchSetStorage:fail ${P}.kvList should be Array instead of Object;`);
  assert.equal(out.kvListNull.errMsg, `batchSetStorage:fail ${P}.kvList should be Array instead of Null;`);
  assert.equal(out.kvListBadKey.errMsg, `batchSetStorage:fail ${P}.kvList[2].key should be String instead of Number;`);
  assert.equal(out.kvListMissingKey.errMsg, `batchSetStorage:fail ${P}.kvList[1].key should be String instead of Undefined;`);
  assert.equal(out.kvListEmptyKey.errMsg, `batchSetStorage:fail ${P}.kvList[0].key should be non-empty String instead of empty String;`);
  assert.ok(String(out.kvListNotObject.errMsg).startsWith(`batchSetStorage:fail ${P}.kvList[1]`), `kvList entry not an object: ${out.kvListNotObject.errMsg}`);
  assert.equal(out.kvListSyncBadKey.errMsg, `batchSetStorageSync:fail ${P}.kvList[2].key should be String instead of Number;`);
  assert.equal(out.kvListSyncNotArray.errMsg, `batchSetStorageSync:fail ${P}.kvList should be Array instead of Object;`);
  assert.equal(out.keyListMissing.errMsg, `batchGetStorage:fail ${P}.keyList should be Array instead of Undefined;`);
  assert.equal(out.keyListString.errMsg, `batchGetStorage:fail ${P}.keyList should be Array instead of String;`);
  assert.equal(out.keyListBadKey.errMsg, `batchGetStorage:fail ${P}.keyList[1] should be String instead of Number;`);
  assert.equal(out.keyListSyncBadKey.errMsg, `batchGetStorageSync:fail ${P}.keyList[2] should be String instead of Null;`);
  assert.equal(out.keyListSyncNotArray.errMsg, `batchGetStorageSync:fail ${P}.keyList should be Array instead of Number;`);
  for (const [name, r] of Object.entries(out)) {
    if ('threw' in r) {
      assert.equal(r.threw, true, `${name} throws`);
      assert.equal(r.isError, true, `${name} throws an Error`);
    } else {
      assert.equal(r.ok, false, `${name} rejects`);
      assert.equal(r.isError, true, `${name} rejects with an Error`);
    }
  }
  assert.equal(res.unchanged, true, 'nothing stored');
  assert.deepEqual(res.keys, ['keep']);
});

test('data that cannot be encoded fails with a parameter error and stores nothing', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('keep', { v: 'old' });
    const circular = { name: 'loop' };
    circular.self = circular;
    const deepCircular = { a: [{ b: {} }] };
    deepCircular.a[0].b.back = deepCircular.a;
    const bad = {
      circular,
      deepCircular,
      bigint: 10n,
      nestedBigint: { n: [1n] },
      fn: () => 1,
      symbol: Symbol('s'),
      throwingToJSON: { toJSON() { throw new Error('no JSON for you'); } },
    };
    const before = snapshot();
    const out = {};
    for (const [name, data] of Object.entries(bad)) {
      out[name] = {
        async: await settle(() => wx.setStorage({ key: 'keep', data })),
        asyncNew: await settle(() => wx.setStorage({ key: 'new', data })),
        sync: trySync(() => wx.setStorageSync('keep', data)),
        batch: await settle(() => wx.batchSetStorage({ kvList: [{ key: 'new', value: 1 }, { key: 'keep', value: data }] })),
        batchSync: trySync(() => wx.batchSetStorageSync([{ key: 'new', value: 1 }, { key: 'keep', value: data }])),
      };
    }
    return {
      out,
      unchanged: JSON.stringify(before) === JSON.stringify(snapshot()),
      keys: wx.getStorageInfoSync().keys,
      keep: wx.getStorageSync('keep'),
    };
  }, appid('unencodable'));
  for (const [name, r] of Object.entries(res.out)) {
    for (const form of ['async', 'asyncNew', 'batch']) {
      assert.equal(r[form].ok, false, `${name} (${form}) rejects`);
      assert.equal(r[form].isError, true, `${name} (${form}) rejects with an Error`);
    }
    assert.ok(String(r.async.errMsg).startsWith('setStorage:fail parameter error: parameter.data '), `${name}: ${r.async.errMsg}`);
    assert.ok(String(r.asyncNew.errMsg).startsWith('setStorage:fail parameter error: parameter.data '), `${name}: ${r.asyncNew.errMsg}`);
    assert.equal(r.sync.threw, true, `${name} (sync) throws`);
    assert.ok(String(r.sync.errMsg).startsWith('setStorageSync:fail parameter error: parameter.data '), `${name}: ${r.sync.errMsg}`);
    assert.ok(String(r.batch.errMsg).startsWith('batchSetStorage:fail parameter error: parameter.kvList[1].value '), `${name}: ${r.batch.errMsg}`);
    assert.equal(r.batchSync.threw, true, `${name} (batchSync) throws`);
    assert.ok(String(r.batchSync.errMsg).startsWith('batchSetStorageSync:fail parameter error: parameter.kvList[1].value '), `${name}: ${r.batchSync.errMsg}`);
  }
  assert.equal(res.unchanged, true, 'localStorage unchanged');
  assert.deepEqual(res.keys, ['keep']);
  assert.deepEqual(res.keep, { v: 'old' });
});

test('a corrupt entry fails to read with "data corrupted"; the rest of the namespace keeps working', async () => {
  const id = appid('corrupt');
  const raw = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('good', { a: 1 });
    wx.setStorageSync('garbled', 'hello');
    wx.setStorageSync('emptied', { x: 1 });
    wx.setStorageSync('truncated', pattern(200000));
    wx.setStorageSync('after', [1, 2]);
    const prefix = `wxrt:${id}:wxrt-user:`;
    const entries = nsEntries(id);
    for (const k of ['good', 'garbled', 'emptied', 'truncated', 'after']) {
      if (!(prefix + k in entries)) throw new Error(`no raw entry named ${prefix + k}`);
    }
    localStorage.setItem(prefix + 'garbled', 'this is not a wxrt entry {]');
    localStorage.setItem(prefix + 'emptied', '');
    const big = entries[prefix + 'truncated'];
    localStorage.setItem(prefix + 'truncated', big.slice(0, Math.floor(big.length / 2)));
    return { bigLength: big.length };
  }, id);
  assert.ok(raw.bigLength > 10, 'the large entry has content');
  await env.reload(page);
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const bad = ['garbled', 'emptied', 'truncated'];
    const out = { sync: {}, async: {}, callback: {} };
    for (const k of bad) {
      out.sync[k] = trySync(() => wx.getStorageSync(k));
      out.async[k] = await settle(() => wx.getStorage({ key: k }));
      const cb = await observe((o) => wx.getStorage(o), { key: k });
      delete cb.raw;
      out.callback[k] = cb;
    }
    out.good = wx.getStorageSync('good');
    out.after = (await wx.getStorage({ key: 'after' })).data;
    out.keys = wx.getStorageInfoSync().keys;
    out.infoKeys = (await wx.getStorageInfo()).keys;
    out.removeSync = trySync(() => wx.removeStorageSync('garbled'));
    out.remove = await settle(() => wx.removeStorage({ key: 'truncated' }));
    out.overwrite = trySync(() => wx.setStorageSync('emptied', 'fresh'));
    out.emptied = wx.getStorageSync('emptied');
    out.garbled = trySync(() => wx.getStorageSync('garbled'));
    out.keysAfter = wx.getStorageInfoSync().keys;
    out.write = trySync(() => wx.setStorageSync('new', 'works'));
    out.newValue = wx.getStorageSync('new');
    return out;
  }, id);
  for (const k of ['garbled', 'emptied', 'truncated']) {
    assert.equal(res.sync[k].threw, true, `getStorageSync('${k}') throws`);
    assert.equal(res.sync[k].isError, true);
    assert.ok(String(res.sync[k].errMsg).startsWith('getStorageSync:fail data corrupted'), `getStorageSync('${k}'): ${res.sync[k].errMsg ?? JSON.stringify(res.sync[k].value)?.slice(0, 80)}`);
    assert.equal(res.async[k].ok, false, `getStorage('${k}') rejects`);
    assert.ok(String(res.async[k].errMsg).startsWith('getStorage:fail data corrupted'), `getStorage('${k}'): ${res.async[k].errMsg}`);
    assert.deepEqual(res.callback[k].order, ['fail', 'complete']);
    assert.ok(String(res.callback[k].errMsg).startsWith('getStorage:fail data corrupted'));
  }
  assert.deepEqual(res.good, { a: 1 });
  assert.deepEqual(res.after, [1, 2]);
  // A hand-edited entry may lose its place in the order, but it is still listed.
  assert.deepEqual([...res.keys].sort(), ['after', 'emptied', 'garbled', 'good', 'truncated']);
  assert.deepEqual(res.keys.filter((k) => k === 'good' || k === 'after'), ['good', 'after']);
  assert.deepEqual(res.infoKeys, res.keys);
  assert.equal(res.removeSync.threw, false);
  assert.equal(res.remove.ok, true);
  assert.equal(res.remove.errMsg, 'removeStorage:ok');
  assert.equal(res.overwrite.threw, false);
  assert.equal(res.emptied, 'fresh');
  assert.deepEqual(res.garbled, { threw: false, value: { t: 'String', v: '' } }, 'a removed corrupt key reads as missing');
  assert.deepEqual([...res.keysAfter].sort(), ['after', 'emptied', 'good']);
  assert.deepEqual(res.keysAfter.filter((k) => k !== 'emptied'), ['good', 'after']);
  assert.equal(res.write.threw, false);
  assert.equal(res.newValue, 'works');
});
