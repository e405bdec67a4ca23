// setStorage/getStorage with `encrypt: true`: round trips, what localStorage shows,
// mismatched flags, the smaller limits, and the key kept per (appid, user).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, appid, KEY_LIMIT, ENCRYPTED_KEY_LIMIT, ENCRYPTED_TOTAL_LIMIT } from './harness.mjs';

const env = useBrowser();
let page;
const EXCEED = 'setStorage:fail exceed storage max size';

test('open the fixture page', async () => {
  page = await env.open();
});

const VALUES = `({
  text: 'TOP-SECRET-PLAINTEXT-7d1e',
  unicode: '机密 🔐 données',
  number: 31415.9265,
  nan: NaN,
  yes: true,
  nul: null,
  undef: undefined,
  date: new Date(1712345678901),
  array: ['SECRET-IN-ARRAY-55aa', 2, { deep: true }],
  object: { password: 'SECRET-IN-OBJECT-9f3c', pin: 1234 },
  large: { notes: pattern(300000, 'SECRET-LARGE-TEXT-3b2c is repeated here. ') },
})`;
const MARKERS = ['TOP-SECRET-PLAINTEXT-7d1e', '机密', 'SECRET-IN-ARRAY-55aa', 'SECRET-IN-OBJECT-9f3c', 'SECRET-LARGE-TEXT-3b2c', '31415.9265', '1712345678901', 'password'];

const ENC_ID = appid('encrypted');

test('encrypted values round-trip, callbacks follow the contract, and localStorage shows no plaintext', async () => {
  const res = await page.evaluate(async ({ id, values, markers }) => {
    const { wx } = await rtFor(id);
    const v = (0, eval)(values);
    const names = Object.keys(v);
    const set = {};
    for (const name of names) set[name] = (await settle(() => wx.setStorage({ key: name, data: v[name], encrypt: true }))).errMsg;
    const read = {};
    for (const name of names) read[name] = describe((await wx.getStorage({ key: name, encrypt: true })).data);
    const expected = Object.fromEntries(names.map((name) => [name, describe(v[name])]));
    const cbSet = await observe((o) => wx.setStorage(o), { key: 'cb', data: 'via callbacks', encrypt: true });
    const cbGet = await observe((o) => wx.getStorage(o), { key: 'cb', encrypt: true });
    const raw = nsEntries(id);
    const leaks = [];
    for (const [k, value] of Object.entries(raw)) {
      for (const m of markers) if (value.includes(m)) leaks.push(`${k} contains ${m}`);
    }
    for (let i = 0; i < localStorage.length; i += 1) {
      const value = localStorage.getItem(localStorage.key(i));
      for (const m of markers.slice(0, 5)) if (value.includes(m)) leaks.push(`${localStorage.key(i)} contains ${m}`);
    }
    return {
      set,
      read,
      expected,
      cb: [cbSet.order, cbSet.allAfterReturn, cbSet.sameObject, cbSet.errMsg, cbGet.order, cbGet.allAfterReturn, cbGet.errMsg, cbGet.raw && cbGet.raw.data],
      rawKeys: Object.keys(raw).filter((k) => names.includes(k.slice(`wxrt:${id}:wxrt-user:`.length))).length,
      leaks,
      info: wx.getStorageInfoSync(),
    };
  }, { id: ENC_ID, values: VALUES, markers: MARKERS });
  for (const [name, errMsg] of Object.entries(res.set)) assert.equal(errMsg, 'setStorage:ok', `setStorage ${name}`);
  assert.deepEqual(res.read, res.expected);
  assert.deepEqual(res.cb, [['success', 'complete'], true, true, 'setStorage:ok', ['success', 'complete'], true, 'getStorage:ok', 'via callbacks']);
  assert.equal(res.rawKeys, Object.keys(res.set).length, 'each encrypted value has its entry under the namespace');
  assert.deepEqual(res.leaks, [], 'no plaintext in localStorage');
  assert.deepEqual(res.info.keys, [...Object.keys(res.set), 'cb']);
  assert.ok(res.info.currentSize >= 293, 'encrypted values count towards currentSize');
});

test('encrypted values survive a reload (the default key is kept per appid and user)', async () => {
  await env.reload(page);
  const res = await page.evaluate(async ({ id, values }) => {
    const { wx } = await rtFor(id);
    const v = (0, eval)(values);
    const names = Object.keys(v);
    const read = {};
    for (const name of names) read[name] = describe((await wx.getStorage({ key: name, encrypt: true })).data);
    return { read, expected: Object.fromEntries(names.map((name) => [name, describe(v[name])])) };
  }, { id: ENC_ID, values: VALUES });
  assert.deepEqual(res.read, res.expected);
});

test('another tab of the same app and user reads encrypted values', async () => {
  const other = await env.open();
  try {
    const res = await other.evaluate(async (id) => {
      const { wx } = await rtFor(id);
      return (await wx.getStorage({ key: 'text', encrypt: true })).data;
    }, ENC_ID);
    assert.equal(res, 'TOP-SECRET-PLAINTEXT-7d1e');
  } finally {
    await other.close();
  }
});

test('mismatched encrypt flags fail with "data is encrypted" / "data is not encrypted"', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    await wx.setStorage({ key: 'secret', data: { a: 1 }, encrypt: true });
    wx.setStorageSync('plain', { b: 2 });
    const cb = await observe((o) => wx.getStorage(o), { key: 'secret' });
    delete cb.raw;
    const out = {
      plainRead: await settle(() => wx.getStorage({ key: 'secret' })),
      plainReadFalse: await settle(() => wx.getStorage({ key: 'secret', encrypt: false })),
      syncRead: trySync(() => wx.getStorageSync('secret')),
      cb,
      encryptedReadOfPlain: await settle(() => wx.getStorage({ key: 'plain', encrypt: true })),
      encryptedReadOfMissing: await settle(() => wx.getStorage({ key: 'nothing', encrypt: true })),
      stillThere: (await wx.getStorage({ key: 'secret', encrypt: true })).data,
      plainStill: wx.getStorageSync('plain'),
      keys: wx.getStorageInfoSync().keys,
    };
    // Overwriting switches the kind of a key in either direction.
    wx.setStorageSync('secret', 'now plain');
    out.overwrittenPlain = wx.getStorageSync('secret');
    await wx.setStorage({ key: 'plain', data: 'now secret', encrypt: true });
    out.overwrittenSecret = (await wx.getStorage({ key: 'plain', encrypt: true })).data;
    out.overwrittenSecretSync = trySync(() => wx.getStorageSync('plain'));
    // Removing an encrypted key needs no flag.
    wx.removeStorageSync('plain');
    out.afterRemove = wx.getStorageInfoSync().keys;
    for (const v of Object.values(out)) if (v && typeof v === 'object') delete v.raw;
    return out;
  }, appid('mismatch'));
  assert.equal(res.plainRead.ok, false);
  assert.equal(res.plainRead.isError, true);
  assert.ok(String(res.plainRead.errMsg).startsWith('getStorage:fail data is encrypted'), res.plainRead.errMsg);
  assert.ok(String(res.plainReadFalse.errMsg).startsWith('getStorage:fail data is encrypted'), res.plainReadFalse.errMsg);
  assert.equal(res.syncRead.threw, true);
  assert.equal(res.syncRead.isError, true);
  assert.ok(String(res.syncRead.errMsg).startsWith('getStorageSync:fail data is encrypted'), res.syncRead.errMsg);
  assert.deepEqual(res.cb.order, ['fail', 'complete']);
  assert.ok(String(res.cb.errMsg).startsWith('getStorage:fail data is encrypted'));
  assert.equal(res.encryptedReadOfPlain.ok, false);
  assert.ok(String(res.encryptedReadOfPlain.errMsg).startsWith('getStorage:fail data is not encrypted'), res.encryptedReadOfPlain.errMsg);
  assert.equal(res.encryptedReadOfMissing.errMsg, 'getStorage:fail data not found');
  assert.deepEqual(res.stillThere, { a: 1 });
  assert.deepEqual(res.plainStill, { b: 2 });
  assert.deepEqual(res.keys, ['secret', 'plain']);
  assert.equal(res.overwrittenPlain, 'now plain');
  assert.equal(res.overwrittenSecret, 'now secret');
  assert.ok(String(res.overwrittenSecretSync.errMsg).startsWith('getStorageSync:fail data is encrypted'));
  assert.deepEqual(res.afterRemove, ['secret']);
});

test('encrypted limits: 734003 bytes per key, 7444889 bytes in total after the write', { timeout: 120000 }, async () => {
  const res = await page.evaluate(async ({ id, keyLimit, encKey, encTotal }) => {
    const { wx } = await rtFor(id);
    const out = {};
    out.keyMax = await settle(() => wx.setStorage({ key: 'e', data: pattern(encKey - 1), encrypt: true }));
    out.keyOver = await settle(() => wx.setStorage({ key: 'e2', data: pattern(encKey), encrypt: true }));
    out.keyOverCb = await observe((o) => wx.setStorage(o), { key: 'e2', data: pattern(encKey), encrypt: true });
    out.plainSameSize = await settle(() => wx.setStorage({ key: 'p', data: pattern(encKey) }));
    const noisy = noise(encKey - 1, 11);
    out.noiseMax = await settle(() => wx.setStorage({ key: 'n', data: noisy, encrypt: true }));
    out.noiseRead = (await wx.getStorage({ key: 'n', encrypt: true })).data === noisy;
    out.keyRead = (await wx.getStorage({ key: 'e', encrypt: true })).data === pattern(encKey - 1);
    out.keysAfterPerKey = wx.getStorageInfoSync().keys;
    wx.clearStorageSync();

    // 7 plain keys of exactly 1 MB each: 7340032 bytes.
    for (let i = 0; i < 7; i += 1) wx.setStorageSync(`k${i}`, pattern(keyLimit - 2, `Plain value ${i}. `));
    const room = encTotal - 7 * keyLimit; // 104857
    out.totalMax = await settle(() => wx.setStorage({ key: 'e', data: pattern(room - 1), encrypt: true }));
    out.totalOver = await settle(() => wx.setStorage({ key: 'f', data: '', encrypt: true }));
    out.plainStillFits = trySync(() => wx.setStorageSync('f', ''));
    out.overwriteOver = await settle(() => wx.setStorage({ key: 'e', data: pattern(room - 1), encrypt: true }));
    out.eKept = (await wx.getStorage({ key: 'e', encrypt: true })).data === pattern(room - 1);
    wx.removeStorageSync('f');
    out.overwriteFits = await settle(() => wx.setStorage({ key: 'e', data: pattern(room - 1, 'other text. '), encrypt: true }));
    out.info = wx.getStorageInfoSync();
    wx.clearStorageSync();
    for (const v of Object.values(out)) if (v && typeof v === 'object') delete v.raw;
    return out;
  }, { id: appid('enc-limits'), keyLimit: KEY_LIMIT, encKey: ENCRYPTED_KEY_LIMIT, encTotal: ENCRYPTED_TOTAL_LIMIT });
  assert.equal(res.keyMax.errMsg, 'setStorage:ok', 'encrypted key + payload of 734003 bytes');
  assert.equal(res.keyOver.ok, false);
  assert.equal(res.keyOver.errMsg, EXCEED, 'encrypted key + payload of 734004 bytes');
  assert.deepEqual(res.keyOverCb.order, ['fail', 'complete']);
  assert.equal(res.keyOverCb.errMsg, EXCEED);
  assert.equal(res.plainSameSize.errMsg, 'setStorage:ok', 'the plain limit stays 1 MB');
  assert.equal(res.noiseMax.errMsg, 'setStorage:ok', 'incompressible encrypted data at the limit fits');
  assert.equal(res.noiseRead, true);
  assert.equal(res.keyRead, true);
  assert.deepEqual(res.keysAfterPerKey, ['e', 'p', 'n']);
  assert.equal(res.totalMax.errMsg, 'setStorage:ok', 'encrypted write bringing the total to 7444889 bytes');
  assert.equal(res.totalOver.errMsg, EXCEED, 'encrypted write bringing the total to 7444890 bytes');
  assert.equal(res.plainStillFits.threw, false, 'a plain write is held to the 10 MB total');
  assert.equal(res.overwriteOver.errMsg, EXCEED, 'the total after the write counts every key');
  assert.equal(res.eKept, true);
  assert.equal(res.overwriteFits.errMsg, 'setStorage:ok');
  assert.equal(res.info.currentSize, Math.ceil(ENCRYPTED_TOTAL_LIMIT / 1024));
});

test('an explicit encryptionKey is used instead of the stored one', async () => {
  const id = appid('explicit-key');
  const written = await page.evaluate(async (id) => {
    const key = new Uint8Array(16).map((_, i) => i * 7 + 1);
    const rt = await createRuntime({ appid: id, user: 'keyed', encryptionKey: key });
    await rt.wx.setStorage({ key: 's', data: 'sealed with a given key', encrypt: true });
    const raw = nsEntries(id, 'keyed');
    return { raw: Object.values(raw).join('\n'), read: (await rt.wx.getStorage({ key: 's', encrypt: true })).data };
  }, id);
  assert.equal(written.read, 'sealed with a given key');
  assert.ok(!written.raw.includes('sealed with a given key'));
  await env.reload(page);
  const res = await page.evaluate(async (id) => {
    const key = new Uint8Array(16).map((_, i) => i * 7 + 1);
    const rt = await createRuntime({ appid: id, user: 'keyed', encryptionKey: key });
    return (await rt.wx.getStorage({ key: 's', encrypt: true })).data;
  }, id);
  assert.equal(res, 'sealed with a given key');
});

test('createRuntime rejects an encryptionKey that is not a 16-byte Uint8Array', async () => {
  const res = await page.evaluate(async (id) => {
    const attempt = async (encryptionKey) => {
      try {
        await createRuntime({ appid: id, encryptionKey });
        return { ok: true };
      } catch (e) {
        return { ok: false, isError: e instanceof Error, message: String(e && e.message) };
      }
    };
    return {
      short: await attempt(new Uint8Array(15)),
      long: await attempt(new Uint8Array(32)),
      string: await attempt('0123456789abcdef'),
      arrayLike: await attempt({ length: 16 }),
      number: await attempt(16),
      nullKey: await attempt(null),
    };
  }, appid('bad-key'));
  // Accepting any of these would encrypt with a key other than the one given.
  const accepted = Object.entries(res).filter(([, r]) => r.ok).map(([name]) => name);
  assert.deepEqual(accepted, [], `accepted as encryptionKey: ${accepted.join(', ')}`);
  for (const [name, r] of Object.entries(res)) {
    assert.equal(r.isError, true, `encryptionKey ${name}: rejects with an Error`);
    assert.match(r.message, /encryptionKey/, `encryptionKey ${name}: message names encryptionKey`);
  }
});
