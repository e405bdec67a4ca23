// Values: every supported type round-trips (also across a reload), reads are fresh
// copies, missing keys, size accounting, and key order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, appid } from './harness.mjs';

const env = useBrowser();
let page;

/**
 * Named values built in the page (functions run there), with their expected
 * description after a round trip.
 */
const CASES = `({
  string: 'hello',
  emptyString: '',
  unicode: '中文 ünïcödé 😀 \\u0000 \\ud7ff',
  looksLikeEntry: 'ps1,5|hello',
  jsonText: '{"a":1}',
  numericText: '123',
  trueText: 'true',
  nullText: 'null',
  zero: 0,
  negative: -1.5,
  big: 1e300,
  tiny: 5e-324,
  maxSafe: Number.MAX_SAFE_INTEGER,
  nan: NaN,
  infinity: Infinity,
  negInfinity: -Infinity,
  yes: true,
  no: false,
  nul: null,
  undef: undefined,
  emptyArray: [],
  array: [1, 'a', null, true, { b: 2 }, [3, [4]]],
  emptyObject: {},
  object: { nested: { deep: [1, 2, { x: 'y' }] }, unicode: 'é中', n: -0.25, t: true, z: null },
  objectWithDate: { when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) },
  objectDropsUndefined: { keep: 1, drop: undefined, fn() {} },
  date: new Date(1700000000123),
  epoch: new Date(0),
  beforeEpoch: new Date(-86400000),
})`;

const S = (v) => ({ t: 'String', v });
const N = (v) => ({ t: 'Number', v });
const EXPECTED = {
  string: S('hello'),
  emptyString: S(''),
  unicode: S('中文 ünïcödé 😀 \u0000 \ud7ff'),
  looksLikeEntry: S('ps1,5|hello'),
  jsonText: S('{"a":1}'),
  numericText: S('123'),
  trueText: S('true'),
  nullText: S('null'),
  zero: N('0'),
  negative: N('-1.5'),
  big: N('1e+300'),
  tiny: N('5e-324'),
  maxSafe: N('9007199254740991'),
  nan: N('NaN'),
  infinity: N('Infinity'),
  negInfinity: N('-Infinity'),
  yes: { t: 'Boolean', v: true },
  no: { t: 'Boolean', v: false },
  nul: { t: 'Null' },
  undef: { t: 'Undefined' },
  emptyArray: { t: 'Array', v: [] },
  array: { t: 'Array', v: [N('1'), S('a'), { t: 'Null' }, { t: 'Boolean', v: true }, { t: 'Object', v: [['b', N('2')]] }, { t: 'Array', v: [N('3'), { t: 'Array', v: [N('4')] }] }] },
  emptyObject: { t: 'Object', v: [] },
  object: {
    t: 'Object',
    v: [
      ['nested', { t: 'Object', v: [['deep', { t: 'Array', v: [N('1'), N('2'), { t: 'Object', v: [['x', S('y')]] }] }]] }],
      ['unicode', S('é中')],
      ['n', N('-0.25')],
      ['t', { t: 'Boolean', v: true }],
      ['z', { t: 'Null' }],
    ],
  },
  // Inside objects and arrays, JSON rules apply: a Date becomes its ISO string.
  objectWithDate: { t: 'Object', v: [['when', S('2024-01-02T03:04:05.006Z')]] },
  objectDropsUndefined: { t: 'Object', v: [['keep', N('1')]] },
  date: { t: 'Date', v: 1700000000123 },
  epoch: { t: 'Date', v: 0 },
  beforeEpoch: { t: 'Date', v: -86400000 },
};
const NAMES = Object.keys(EXPECTED);

function assertAll(actual, label) {
  for (const name of NAMES) {
    assert.deepEqual(actual[name], EXPECTED[name], `${label}: ${name}`);
  }
}

test('open the fixture page', async () => {
  page = await env.open();
});

const ID = appid('types');

test('every supported type round-trips through each form', async () => {
  const res = await page.evaluate(async ({ id, cases }) => {
    const { wx } = await rtFor(id);
    const values = (0, eval)(cases);
    const names = Object.keys(values);
    const out = { sync: {}, async: {}, batch: {}, batchAsync: {}, info: null };
    for (const name of names) wx.setStorageSync(`sync:${name}`, values[name]);
    for (const name of names) out.sync[name] = describe(wx.getStorageSync(`sync:${name}`));
    for (const name of names) await wx.setStorage({ key: `async:${name}`, data: values[name] });
    for (const name of names) out.async[name] = describe((await wx.getStorage({ key: `async:${name}` })).data);
    wx.batchSetStorageSync(names.map((name) => ({ key: `batch:${name}`, value: values[name] })));
    const list = wx.batchGetStorageSync(names.map((name) => `batch:${name}`));
    names.forEach((name, i) => { out.batch[name] = describe(list[i]); });
    await wx.batchSetStorage({ kvList: names.map((name) => ({ key: `batchAsync:${name}`, value: values[name] })) });
    const { dataList } = await wx.batchGetStorage({ keyList: names.map((name) => `batchAsync:${name}`) });
    names.forEach((name, i) => { out.batchAsync[name] = describe(dataList[i]); });
    out.info = wx.getStorageInfoSync();
    return out;
  }, { id: ID, cases: CASES });
  assertAll(res.sync, 'setStorageSync/getStorageSync');
  assertAll(res.async, 'setStorage/getStorage');
  assertAll(res.batch, 'batchSetStorageSync/batchGetStorageSync');
  assertAll(res.batchAsync, 'batchSetStorage/batchGetStorage');
  assert.equal(res.info.keys.length, 4 * NAMES.length);
  assert.ok(res.info.keys.includes('sync:undef'), 'a stored undefined is listed');
});

test('types survive a reload', async () => {
  await env.reload(page);
  const res = await page.evaluate(async ({ id, names }) => {
    const { wx } = await rtFor(id);
    const out = {};
    for (const form of ['sync', 'async', 'batch', 'batchAsync']) {
      out[form] = {};
      for (const name of names) out[form][name] = describe(wx.getStorageSync(`${form}:${name}`));
    }
    out.viaGetStorage = {};
    for (const name of names) out.viaGetStorage[name] = describe((await wx.getStorage({ key: `sync:${name}` })).data);
    return out;
  }, { id: ID, names: NAMES });
  for (const form of ['sync', 'async', 'batch', 'batchAsync', 'viaGetStorage']) assertAll(res[form], `after reload (${form})`);
});

test('stored undefined and null are values, not missing keys', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('u', undefined);
    wx.setStorageSync('n', null);
    const u = await settle(() => wx.getStorage({ key: 'u' }));
    const n = await settle(() => wx.getStorage({ key: 'n' }));
    return { u: u.value, n: n.value, uOk: u.ok, nOk: n.ok, keys: wx.getStorageInfoSync().keys };
  }, appid('undefined'));
  assert.equal(res.uOk, true);
  assert.equal(res.nOk, true);
  assert.deepEqual(Object.fromEntries(res.u.v).data, { t: 'Undefined' });
  assert.ok(Object.keys(Object.fromEntries(res.u.v)).includes('data'), 'result has a data field');
  assert.deepEqual(Object.fromEntries(res.n.v).data, { t: 'Null' });
  assert.deepEqual(res.keys, ['u', 'n']);
});

test('reads return fresh copies, and stored values are copies of what was written', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const original = { list: [1], inner: { a: 1 } };
    const when = new Date(1234567890000);
    wx.setStorageSync('o', original);
    wx.setStorageSync('d', when);
    await wx.batchSetStorage({ kvList: [{ key: 'b', value: original }] });
    original.list.push('written later');
    original.inner.a = 2;
    when.setTime(0);
    const r1 = wx.getStorageSync('o');
    r1.list.push('mutated read');
    r1.inner.a = 3;
    const r2 = (await wx.getStorage({ key: 'o' })).data;
    r2.list.push('mutated async read');
    const r3 = wx.batchGetStorageSync(['o'])[0];
    r3.inner.extra = true;
    const d1 = wx.getStorageSync('d');
    d1.setTime(1);
    const b1 = (await wx.batchGetStorage({ keyList: ['b'] })).dataList[0];
    b1.list.length = 0;
    return {
      o: wx.getStorageSync('o'),
      b: wx.getStorageSync('b'),
      d: wx.getStorageSync('d').getTime(),
      distinct: wx.getStorageSync('o') !== wx.getStorageSync('o'),
    };
  }, appid('copies'));
  assert.deepEqual(res.o, { list: [1], inner: { a: 1 } });
  assert.deepEqual(res.b, { list: [1], inner: { a: 1 } });
  assert.equal(res.d, 1234567890000);
  assert.equal(res.distinct, true);
});

test('missing keys: getStorage fails, getStorageSync and batch reads give empty strings, remove succeeds', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('present', 'here');
    return {
      get: await settle(() => wx.getStorage({ key: 'absent' })),
      getSync: trySync(() => wx.getStorageSync('absent')),
      batchSync: wx.batchGetStorageSync(['absent', 'present', 'also-absent']),
      batch: (await wx.batchGetStorage({ keyList: ['absent', 'present'] })).dataList,
      remove: (await settle(() => wx.removeStorage({ key: 'absent' }))).errMsg,
      removeSync: trySync(() => wx.removeStorageSync('absent')),
      keys: wx.getStorageInfoSync().keys,
    };
  }, appid('missing'));
  assert.equal(res.get.ok, false);
  assert.equal(res.get.isError, true);
  assert.equal(res.get.errMsg, 'getStorage:fail data not found');
  assert.deepEqual(res.getSync, { threw: false, value: S('') });
  assert.deepEqual(res.batchSync, ['', 'here', '']);
  assert.deepEqual(res.batch, ['', 'here']);
  assert.equal(res.remove, 'removeStorage:ok');
  assert.equal(res.removeSync.threw, false);
  assert.deepEqual(res.keys, ['present']);
});

test('overwriting replaces the value and its type', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('k', { a: 1 });
    wx.setStorageSync('k', 'now a string');
    const first = describe(wx.getStorageSync('k'));
    await wx.setStorage({ key: 'k', data: new Date(5) });
    const second = describe(wx.getStorageSync('k'));
    wx.batchSetStorageSync([{ key: 'k', value: 1 }, { key: 'k', value: [2] }]);
    const third = describe(wx.getStorageSync('k'));
    return { first, second, third, keys: wx.getStorageInfoSync().keys };
  }, appid('overwrite'));
  assert.deepEqual(res.first, S('now a string'));
  assert.deepEqual(res.second, { t: 'Date', v: 5 });
  assert.deepEqual(res.third, { t: 'Array', v: [N('2')] }, 'a later duplicate in kvList wins');
  assert.deepEqual(res.keys, ['k']);
});

test('size accounting: UTF-8 bytes of key + payload per type, reported in KB rounded up', async () => {
  // For each value, pad the namespace to exactly 1024 bytes (currentSize 1), then
  // one byte more (currentSize 2). This pins the payload size of every type.
  const res = await page.evaluate(async ({ base }) => {
    const cases = [
      ['s', 'hello', 5],
      ['键', '中文', 6],
      ['n', 12345, 5],
      ['n2', -1.5, 4],
      ['nan', NaN, 3],
      ['inf', -Infinity, 9],
      ['t', true, 4],
      ['f', false, 5],
      ['z', null, 0],
      ['u', undefined, 0],
      ['d', new Date(1700000000000), 13],
      ['o', { a: 1, b: 'é' }, 16],
      ['a', [1, 'x', null], 12],
      ['empty', '', 0],
    ];
    const out = [];
    let i = 0;
    for (const [key, value, payload] of cases) {
      i += 1;
      const { wx } = await rtFor(`${base}-${i}`);
      wx.setStorageSync(key, value);
      const used = utf8(key) + payload;
      const padKey = 'pad';
      const padLen = 1024 - used - utf8(padKey);
      wx.setStorageSync(padKey, 'x'.repeat(padLen));
      const at = wx.getStorageInfoSync().currentSize;
      wx.setStorageSync(padKey, 'x'.repeat(padLen + 1));
      const over = wx.getStorageInfoSync().currentSize;
      wx.removeStorageSync(padKey);
      const alone = wx.getStorageInfoSync().currentSize;
      wx.clearStorageSync();
      const cleared = wx.getStorageInfoSync().currentSize;
      out.push({ key, at, over, alone, cleared, aloneExpected: used === 0 ? 0 : 1 });
    }
    return out;
  }, { base: appid('accounting') });
  for (const r of res) {
    assert.equal(r.at, 1, `key ${r.key}: 1024 bytes in total is 1 KB`);
    assert.equal(r.over, 2, `key ${r.key}: 1025 bytes in total is 2 KB`);
    assert.equal(r.alone, r.aloneExpected, `key ${r.key}: alone`);
    assert.equal(r.cleared, 0, `key ${r.key}: cleared`);
  }
});

test('getStorageInfo lists keys in order of first write, kept across reloads', async () => {
  const id = appid('order');
  const first = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('b', 1);
    wx.setStorageSync('a', 2);
    await wx.setStorage({ key: 'c', data: 3 });
    wx.batchSetStorageSync([{ key: 'z', value: 1 }, { key: 'y', value: 2 }, { key: 'a', value: 'again' }]);
    wx.setStorageSync('b', 'overwritten');
    const afterOverwrite = wx.getStorageInfoSync().keys;
    wx.removeStorageSync('a');
    wx.setStorageSync('a', 'back');
    return { afterOverwrite, afterReadd: wx.getStorageInfoSync().keys };
  }, id);
  assert.deepEqual(first.afterOverwrite, ['b', 'a', 'c', 'z', 'y']);
  assert.deepEqual(first.afterReadd, ['b', 'c', 'z', 'y', 'a']);
  await env.reload(page);
  const second = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const keys = wx.getStorageInfoSync().keys;
    const asyncKeys = (await wx.getStorageInfo()).keys;
    const values = wx.batchGetStorageSync(keys);
    wx.setStorageSync('new', 0);
    wx.setStorageSync('c', 'overwritten after reload');
    return { keys, asyncKeys, values, later: wx.getStorageInfoSync().keys };
  }, id);
  assert.deepEqual(second.keys, ['b', 'c', 'z', 'y', 'a']);
  assert.deepEqual(second.asyncKeys, ['b', 'c', 'z', 'y', 'a']);
  assert.deepEqual(second.values, ['overwritten', 3, 1, 2, 'back']);
  assert.deepEqual(second.later, ['b', 'c', 'z', 'y', 'a', 'new']);
  await env.reload(page);
  const third = await page.evaluate(async (id) => (await rtFor(id)).wx.getStorageInfoSync(), id);
  assert.deepEqual(third.keys, ['b', 'c', 'z', 'y', 'a', 'new']);
});

test('keys are arbitrary non-empty strings', async () => {
  const keys = ['a:b:c', 'wxrt:x:y:z', ' ', '中文键', '😀', 'k'.repeat(1000), '__proto__', 'constructor', 'toString', '\u0000', 'a\nb'];
  const id = appid('odd-keys');
  const res = await page.evaluate(async ({ id, keys }) => {
    const { wx } = await rtFor(id);
    keys.forEach((k, i) => wx.setStorageSync(k, i));
    return { values: keys.map((k) => wx.getStorageSync(k)), listed: wx.getStorageInfoSync().keys };
  }, { id, keys });
  assert.deepEqual(res.values, keys.map((_, i) => i));
  assert.deepEqual(res.listed, keys);
  await env.reload(page);
  const after = await page.evaluate(async ({ id, keys }) => {
    const { wx } = await rtFor(id);
    return { values: keys.map((k) => wx.getStorageSync(k)), listed: wx.getStorageInfoSync().keys };
  }, { id, keys });
  assert.deepEqual(after.values, keys.map((_, i) => i));
  assert.deepEqual(after.listed, keys);
});
