// The calling contract: createRuntime's options, canIUse, callback and Promise forms,
// sync forms, and every storage function in each of its forms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, appid, ROOT } from './harness.mjs';

const env = useBrowser();
let page;

const STORAGE_APIS = [
  'setStorage', 'setStorageSync', 'getStorage', 'getStorageSync',
  'removeStorage', 'removeStorageSync', 'clearStorage', 'clearStorageSync',
  'getStorageInfo', 'getStorageInfoSync', 'batchSetStorage', 'batchSetStorageSync',
  'batchGetStorage', 'batchGetStorageSync',
];

const str = (v) => ({ t: 'String', v });
const num = (v) => ({ t: 'Number', v: String(v) });
const obj = (entries) => ({ t: 'Object', v: entries });

test('open the fixture page', async () => {
  page = await env.open();
});

test('createRuntime requires a valid appid and reports it by name', async () => {
  const results = await page.evaluate(async () => {
    const attempt = async (options) => {
      try {
        const rt = await createRuntime(options);
        return { ok: true, appid: rt.appid, user: rt.user };
      } catch (e) {
        return { ok: false, isError: e instanceof Error, message: String(e && e.message) };
      }
    };
    return {
      missing: await attempt({}),
      noOptions: await attempt(undefined),
      empty: await attempt({ appid: '' }),
      number: await attempt({ appid: 12345 }),
      space: await attempt({ appid: 'my app' }),
      colon: await attempt({ appid: 'a:b' }),
      slash: await attempt({ appid: 'a/b' }),
      unicode: await attempt({ appid: '小程序' }),
      tooLong: await attempt({ appid: 'a'.repeat(65) }),
      longest: await attempt({ appid: 'a'.repeat(64) }),
      charset: await attempt({ appid: 'wx_AZaz09-' }),
      badUser: await attempt({ appid: 'ok', user: 'a:b' }),
      emptyUser: await attempt({ appid: 'ok', user: '' }),
      longUser: await attempt({ appid: 'ok', user: 'u'.repeat(65) }),
      user: await attempt({ appid: 'ok', user: 'alice_01-X' }),
    };
  });
  for (const name of ['missing', 'noOptions', 'empty', 'number', 'space', 'colon', 'slash', 'unicode', 'tooLong']) {
    assert.equal(results[name].ok, false, `appid case ${name} must be rejected`);
    assert.equal(results[name].isError, true, `appid case ${name} rejects with an Error`);
    assert.match(results[name].message, /appid/, `appid case ${name}: message names appid`);
  }
  for (const name of ['badUser', 'emptyUser', 'longUser']) {
    assert.equal(results[name].ok, false, `user case ${name} must be rejected`);
    assert.equal(results[name].isError, true, `user case ${name} rejects with an Error`);
  }
  assert.deepEqual(results.longest, { ok: true, appid: 'a'.repeat(64), user: 'wxrt-user' });
  assert.deepEqual(results.charset, { ok: true, appid: 'wx_AZaz09-', user: 'wxrt-user' });
  assert.deepEqual(results.user, { ok: true, appid: 'ok', user: 'alice_01-X' });
});

test('rt.wx has every storage function, and canIUse reports exactly what is implemented', async () => {
  const res = await page.evaluate(async ({ apis, id }) => {
    const rt = await rtFor(id);
    return {
      types: Object.fromEntries(apis.map((n) => [n, typeof rt.wx[n]])),
      can: Object.fromEntries(apis.map((n) => [n, rt.wx.canIUse(n)])),
      canIUseType: typeof rt.wx.canIUse,
      cannot: ['startSoterAuthentication', 'navigateTo', 'pageScrollTo', 'noSuchApi', ''].map((n) => rt.wx.canIUse(n)),
      environment: rt.wx.canIUse('getSystemInfoSync') && rt.wx.getSystemInfoSync().platform,
      disposeType: typeof rt.dispose,
    };
  }, { apis: STORAGE_APIS, id: appid('surface') });
  for (const name of STORAGE_APIS) {
    assert.equal(res.types[name], 'function', `rt.wx.${name} is a function`);
    assert.equal(res.can[name], true, `canIUse('${name}')`);
  }
  assert.equal(res.canIUseType, 'function');
  assert.deepEqual(res.cannot, [false, false, false, false, false], 'routes and page scrolling need a project on screen');
  assert.equal(res.environment, 'devtools');
  assert.equal(res.disposeType, 'function');
});

test('callbacks: success then complete, with the same object, after the call has returned', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const out = {};
    out.setStorage = await observe((o) => wx.setStorage(o), { key: 'k', data: { a: 1 } });
    out.getStorage = await observe((o) => wx.getStorage(o), { key: 'k' });
    out.batchSetStorage = await observe((o) => wx.batchSetStorage(o), { kvList: [{ key: 'b1', value: 1 }, { key: 'b2', value: 'two' }] });
    out.batchGetStorage = await observe((o) => wx.batchGetStorage(o), { keyList: ['b2', 'missing', 'b1'] });
    out.getStorageInfo = await observe((o) => wx.getStorageInfo(o), {});
    out.removeStorage = await observe((o) => wx.removeStorage(o), { key: 'k' });
    out.removeMissing = await observe((o) => wx.removeStorage(o), { key: 'never-set' });
    out.clearStorage = await observe((o) => wx.clearStorage(o), {});
    out.infoAfterClear = wx.getStorageInfoSync();
    for (const v of Object.values(out)) delete v.raw;
    return out;
  }, appid('callbacks'));
  const expectations = {
    setStorage: 'setStorage:ok',
    getStorage: 'getStorage:ok',
    batchSetStorage: 'batchSetStorage:ok',
    batchGetStorage: 'batchGetStorage:ok',
    getStorageInfo: 'getStorageInfo:ok',
    removeStorage: 'removeStorage:ok',
    removeMissing: 'removeStorage:ok',
    clearStorage: 'clearStorage:ok',
  };
  for (const [name, errMsg] of Object.entries(expectations)) {
    const r = res[name];
    assert.deepEqual(r.order, ['success', 'complete'], `${name}: success then complete`);
    assert.equal(r.allAfterReturn, true, `${name}: callbacks run after the call returned`);
    assert.equal(r.sameObject, true, `${name}: complete gets the success object`);
    assert.deepEqual(r.returnValue, { t: 'Undefined' }, `${name}: callback form returns undefined`);
    assert.equal(r.errMsg, errMsg, `${name}: errMsg`);
  }
  const field = (r, k) => r.arg.v.find(([name]) => name === k)?.[1];
  assert.deepEqual(field(res.getStorage, 'data'), obj([['a', num(1)]]));
  assert.deepEqual(field(res.batchGetStorage, 'dataList'), { t: 'Array', v: [str('two'), str(''), num(1)] });
  assert.deepEqual(field(res.getStorageInfo, 'keys'), { t: 'Array', v: [str('k'), str('b1'), str('b2')] });
  assert.equal(field(res.getStorageInfo, 'limitSize').v, '10240');
  assert.equal(field(res.getStorageInfo, 'currentSize').t, 'Number');
  assert.deepEqual(res.infoAfterClear.keys, []);
  assert.equal(res.infoAfterClear.currentSize, 0);
});

test('callbacks: fail then complete, with the same Error carrying errMsg', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const out = {
      notFound: await observe((o) => wx.getStorage(o), { key: 'nothing-here' }),
      badKey: await observe((o) => wx.setStorage(o), { key: 42, data: 1 }),
      badList: await observe((o) => wx.batchSetStorage(o), { kvList: 'nope' }),
      badKeyList: await observe((o) => wx.batchGetStorage(o), { keyList: null }),
      badRemove: await observe((o) => wx.removeStorage(o), { key: '' }),
    };
    for (const v of Object.values(out)) delete v.raw;
    return { out, keys: wx.getStorageInfoSync().keys };
  }, appid('fail-callbacks'));
  const expected = {
    notFound: 'getStorage:fail data not found',
    badKey: 'setStorage:fail parameter error: parameter.key should be String instead of Number;',
    badList: 'batchSetStorage:fail parameter error: parameter.kvList should be Array instead of String;',
    badKeyList: 'batchGetStorage:fail parameter error: parameter.keyList should be Array instead of Null;',
    badRemove: 'removeStorage:fail parameter error: parameter.key should be non-empty String instead of empty String;',
  };
  for (const [name, errMsg] of Object.entries(expected)) {
    const r = res.out[name];
    assert.deepEqual(r.order, ['fail', 'complete'], `${name}: fail then complete`);
    assert.equal(r.allAfterReturn, true, `${name}: callbacks run after the call returned`);
    assert.equal(r.sameObject, true, `${name}: complete gets the fail object`);
    assert.equal(r.isError, true, `${name}: the fail object is an Error`);
    assert.equal(r.errMsg, errMsg, `${name}: errMsg`);
    assert.deepEqual(r.returnValue, { t: 'Undefined' }, `${name}: callback form returns undefined`);
  }
  assert.deepEqual(res.keys, []);
});

test('callback form is chosen by the presence of success/fail/complete keys', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const calls = [];
    const tick = () => new Promise((r) => setTimeout(r, 50));
    // Keys present but undefined: still the callback form, so nothing is returned.
    const r1 = wx.setStorage({ key: 'a', data: 1, success: undefined });
    // Only complete.
    let completeArg;
    const r2 = wx.setStorage({ key: 'b', data: 2, complete: (res) => { completeArg = res; calls.push('complete'); } });
    // Only fail, on a call that succeeds: no callback runs, no Promise is returned.
    const r3 = wx.setStorage({ key: 'c', data: 3, fail: () => calls.push('unexpected fail') });
    // Only success, on a call that fails: nothing runs, no unhandled rejection.
    const r4 = wx.getStorage({ key: 'missing', success: () => calls.push('unexpected success') });
    // Only complete on a failing call.
    let failComplete;
    const r5 = wx.getStorage({ key: 'missing', complete: (res) => { failComplete = res; } });
    const sync = calls.length;
    await tick();
    return {
      returns: [r1, r2, r3, r4, r5].map((r) => r === undefined),
      callsDuringCall: sync,
      calls,
      completeMsg: completeArg && completeArg.errMsg,
      failCompleteMsg: failComplete && failComplete.errMsg,
      failCompleteIsError: failComplete instanceof Error,
      stored: wx.batchGetStorageSync(['a', 'b', 'c']),
    };
  }, appid('key-presence'));
  assert.deepEqual(res.returns, [true, true, true, true, true]);
  assert.equal(res.callsDuringCall, 0);
  assert.deepEqual(res.calls, ['complete']);
  assert.equal(res.completeMsg, 'setStorage:ok');
  assert.equal(res.failCompleteMsg, 'getStorage:fail data not found');
  assert.equal(res.failCompleteIsError, true);
  assert.deepEqual(res.stored, [1, 2, 3]);
});

test('Promise form: every async function resolves with its success object', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const out = {};
    const keep = (name, r) => { delete r.raw; out[name] = r; };
    keep('setStorage', await settle(() => wx.setStorage({ key: 'p', data: [1, 'x'] })));
    keep('getStorage', await settle(() => wx.getStorage({ key: 'p' })));
    keep('batchSetStorage', await settle(() => wx.batchSetStorage({ kvList: [{ key: 'q', value: true }, { key: 'r', value: null }] })));
    keep('batchGetStorage', await settle(() => wx.batchGetStorage({ keyList: ['r', 'q', 'nope', 'p'] })));
    keep('getStorageInfo', await settle(() => wx.getStorageInfo()));
    keep('getStorageInfoEmptyObject', await settle(() => wx.getStorageInfo({})));
    keep('removeStorage', await settle(() => wx.removeStorage({ key: 'p' })));
    keep('removeMissing', await settle(() => wx.removeStorage({ key: 'p' })));
    keep('afterRemove', await settle(() => wx.getStorageInfo()));
    keep('clearStorage', await settle(() => wx.clearStorage()));
    keep('clearStorageEmptyObject', await settle(() => wx.clearStorage({})));
    keep('afterClear', await settle(() => wx.getStorageInfo()));
    return out;
  }, appid('promise-ok'));
  const okMsgs = {
    setStorage: 'setStorage:ok',
    getStorage: 'getStorage:ok',
    batchSetStorage: 'batchSetStorage:ok',
    batchGetStorage: 'batchGetStorage:ok',
    getStorageInfo: 'getStorageInfo:ok',
    getStorageInfoEmptyObject: 'getStorageInfo:ok',
    removeStorage: 'removeStorage:ok',
    removeMissing: 'removeStorage:ok',
    clearStorage: 'clearStorage:ok',
    clearStorageEmptyObject: 'clearStorage:ok',
  };
  for (const [name, errMsg] of Object.entries(okMsgs)) {
    assert.equal(res[name].isPromise, true, `${name} returns a Promise`);
    assert.equal(res[name].ok, true, `${name} resolves (${res[name].errMsg ?? res[name].message})`);
    assert.equal(res[name].errMsg, errMsg);
  }
  const field = (r, k) => r.value.v.find(([name]) => name === k)?.[1];
  assert.deepEqual(field(res.getStorage, 'data'), { t: 'Array', v: [num(1), str('x')] });
  assert.deepEqual(field(res.batchGetStorage, 'dataList'), { t: 'Array', v: [{ t: 'Null' }, { t: 'Boolean', v: true }, str(''), { t: 'Array', v: [num(1), str('x')] }] });
  assert.deepEqual(field(res.getStorageInfo, 'keys'), { t: 'Array', v: [str('p'), str('q'), str('r')] });
  assert.deepEqual(field(res.getStorageInfo, 'limitSize'), num(10240));
  assert.deepEqual(field(res.getStorageInfo, 'currentSize'), num(1));
  assert.deepEqual(field(res.afterRemove, 'keys'), { t: 'Array', v: [str('q'), str('r')] });
  assert.deepEqual(field(res.afterClear, 'keys'), { t: 'Array', v: [] });
  assert.deepEqual(field(res.afterClear, 'currentSize'), num(0));
});

test('Promise form: failures reject with the fail object, an Error carrying errMsg', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    return {
      notFound: await settle(() => wx.getStorage({ key: 'absent' })),
      noOptionsSet: await settle(() => wx.setStorage()),
      noOptionsGet: await settle(() => wx.getStorage()),
      noOptionsRemove: await settle(() => wx.removeStorage()),
      noOptionsBatchSet: await settle(() => wx.batchSetStorage()),
      noOptionsBatchGet: await settle(() => wx.batchGetStorage()),
      stringOptions: await settle(() => wx.setStorage('key')),
      nullOptions: await settle(() => wx.getStorage(null)),
      arrayOptions: await settle(() => wx.removeStorage(['k'])),
      numberOptions: await settle(() => wx.batchSetStorage(5)),
      functionOptions: await settle(() => wx.batchGetStorage(() => {})),
      keys: wx.getStorageInfoSync().keys,
    };
  }, appid('promise-fail'));
  const expected = {
    notFound: 'getStorage:fail data not found',
    noOptionsSet: 'setStorage:fail parameter error: parameter should be Object instead of Undefined;',
    noOptionsGet: 'getStorage:fail parameter error: parameter should be Object instead of Undefined;',
    noOptionsRemove: 'removeStorage:fail parameter error: parameter should be Object instead of Undefined;',
    noOptionsBatchSet: 'batchSetStorage:fail parameter error: parameter should be Object instead of Undefined;',
    noOptionsBatchGet: 'batchGetStorage:fail parameter error: parameter should be Object instead of Undefined;',
    stringOptions: 'setStorage:fail parameter error: parameter should be Object instead of String;',
    nullOptions: 'getStorage:fail parameter error: parameter should be Object instead of Null;',
    arrayOptions: 'removeStorage:fail parameter error: parameter should be Object instead of Array;',
    numberOptions: 'batchSetStorage:fail parameter error: parameter should be Object instead of Number;',
    functionOptions: 'batchGetStorage:fail parameter error: parameter should be Object instead of Function;',
  };
  for (const [name, errMsg] of Object.entries(expected)) {
    const r = res[name];
    assert.equal(r.isPromise, true, `${name} returns a Promise (did it throw synchronously? ${r.threwSync ? r.message : 'no'})`);
    assert.equal(r.ok, false, `${name} rejects`);
    assert.equal(r.isError, true, `${name} rejects with an Error`);
    assert.equal(r.errMsg, errMsg, `${name}: errMsg`);
  }
  assert.deepEqual(res.keys, []);
});

test('sync forms: return values, and throw Errors whose errMsg and message name the Sync API', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    return {
      set: trySync(() => wx.setStorageSync('s', 'value')),
      get: trySync(() => wx.getStorageSync('s')),
      getMissing: trySync(() => wx.getStorageSync('missing')),
      batchSet: trySync(() => wx.batchSetStorageSync([{ key: 't', value: 7 }, { key: 'u', value: { x: [1] } }])),
      batchGet: trySync(() => wx.batchGetStorageSync(['u', 'missing', 's', 't'])),
      batchGetEmpty: trySync(() => wx.batchGetStorageSync([])),
      info: trySync(() => wx.getStorageInfoSync()),
      remove: trySync(() => wx.removeStorageSync('s')),
      removeMissing: trySync(() => wx.removeStorageSync('s')),
      getRemoved: trySync(() => wx.getStorageSync('s')),
      clear: trySync(() => wx.clearStorageSync()),
      infoCleared: trySync(() => wx.getStorageInfoSync()),
      errors: {
        setStorageSync: trySync(() => wx.setStorageSync(123, 'x')),
        getStorageSync: trySync(() => wx.getStorageSync(undefined)),
        removeStorageSync: trySync(() => wx.removeStorageSync(null)),
        batchSetStorageSync: trySync(() => wx.batchSetStorageSync('x')),
        batchGetStorageSync: trySync(() => wx.batchGetStorageSync(undefined)),
        setEmpty: trySync(() => wx.setStorageSync('', 1)),
      },
    };
  }, appid('sync'));
  for (const name of ['set', 'get', 'getMissing', 'batchSet', 'batchGet', 'batchGetEmpty', 'info', 'remove', 'removeMissing', 'getRemoved', 'clear', 'infoCleared']) {
    assert.equal(res[name].threw, false, `${name} does not throw (${res[name].errMsg ?? res[name].message})`);
  }
  assert.deepEqual(res.set.value, { t: 'Undefined' });
  assert.deepEqual(res.get.value, str('value'));
  assert.deepEqual(res.getMissing.value, str(''));
  assert.deepEqual(res.batchSet.value, { t: 'Undefined' });
  assert.deepEqual(res.batchGet.value, { t: 'Array', v: [obj([['x', { t: 'Array', v: [num(1)] }]]), str(''), str('value'), num(7)] });
  assert.deepEqual(res.batchGetEmpty.value, { t: 'Array', v: [] });
  const info = Object.fromEntries(res.info.value.v);
  assert.deepEqual(info.keys, { t: 'Array', v: [str('s'), str('t'), str('u')] });
  assert.deepEqual(info.currentSize, num(1));
  assert.deepEqual(info.limitSize, num(10240));
  assert.deepEqual(res.remove.value, { t: 'Undefined' });
  assert.deepEqual(res.getRemoved.value, str(''));
  assert.deepEqual(res.clear.value, { t: 'Undefined' });
  const cleared = Object.fromEntries(res.infoCleared.value.v);
  assert.deepEqual(cleared.keys, { t: 'Array', v: [] });
  assert.deepEqual(cleared.currentSize, num(0));

  const expected = {
    setStorageSync: 'setStorageSync:fail parameter error: parameter.key should be String instead of Number;',
    getStorageSync: 'getStorageSync:fail parameter error: parameter.key should be String instead of Undefined;',
    removeStorageSync: 'removeStorageSync:fail parameter error: parameter.key should be String instead of Null;',
    batchSetStorageSync: 'batchSetStorageSync:fail parameter error: parameter.kvList should be Array instead of String;',
    batchGetStorageSync: 'batchGetStorageSync:fail parameter error: parameter.keyList should be Array instead of Undefined;',
    setEmpty: 'setStorageSync:fail parameter error: parameter.key should be non-empty String instead of empty String;',
  };
  for (const [name, errMsg] of Object.entries(expected)) {
    const r = res.errors[name];
    assert.equal(r.threw, true, `${name} throws`);
    assert.equal(r.isError, true, `${name} throws an Error`);
    assert.equal(r.errMsg, errMsg, `${name}: errMsg`);
    assert.equal(r.message, errMsg, `${name}: message`);
  }
});

test('sync and async forms share one store', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    wx.setStorageSync('x', 1);
    await wx.setStorage({ key: 'y', data: 2 });
    const a = (await wx.getStorage({ key: 'x' })).data;
    const b = wx.getStorageSync('y');
    await wx.batchSetStorage({ kvList: [{ key: 'z', value: 3 }] });
    const c = wx.batchGetStorageSync(['x', 'y', 'z']);
    wx.batchSetStorageSync([{ key: 'w', value: 4 }]);
    const d = (await wx.batchGetStorage({ keyList: ['w', 'z'] })).dataList;
    await wx.removeStorage({ key: 'x' });
    const e = wx.getStorageSync('x');
    wx.removeStorageSync('y');
    const f = await settle(() => wx.getStorage({ key: 'y' }));
    const g = (await wx.getStorageInfo()).keys;
    const h = wx.getStorageInfoSync().keys;
    await wx.clearStorage();
    const i = wx.getStorageInfoSync().keys;
    wx.setStorageSync('v', 5);
    wx.clearStorageSync();
    const j = (await wx.getStorageInfo()).keys;
    return { a, b, c, d, e, f: f.errMsg, g, h, i, j };
  }, appid('shared'));
  assert.deepEqual(res, {
    a: 1, b: 2, c: [1, 2, 3], d: [4, 3], e: '', f: 'getStorage:fail data not found',
    g: ['z', 'w'], h: ['z', 'w'], i: [], j: [],
  });
});

test('a callback that throws does not break later calls', async () => {
  const res = await page.evaluate(async (id) => {
    const { wx } = await rtFor(id);
    const seen = [];
    const swallow = (e) => e.preventDefault();
    window.addEventListener('error', swallow);
    window.addEventListener('unhandledrejection', swallow);
    try {
      wx.setStorage({
        key: 'k',
        data: 'v',
        success() { seen.push('success'); throw new Error('thrown by a success callback'); },
      });
      await new Promise((r) => setTimeout(r, 100));
      const later = await observe((o) => wx.getStorage(o), { key: 'k' });
      return { seen, order: later.order, data: later.raw && later.raw.data, sync: wx.getStorageSync('k') };
    } finally {
      window.removeEventListener('error', swallow);
      window.removeEventListener('unhandledrejection', swallow);
    }
  }, appid('throwing-callback'));
  assert.deepEqual(res, { seen: ['success'], order: ['success', 'complete'], data: 'v', sync: 'v' });
});

test('the module exports exactly the values www/index.d.ts declares', async () => {
  const dts = readFileSync(path.join(ROOT, 'www/index.d.ts'), 'utf8');
  // A name declared twice is one export with overloads.
  const declared = [...new Set([...dts.matchAll(/^export\s+(?:declare\s+)?(?:async\s+)?(?:function|const|let|var|class)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]))].sort();
  assert.ok(declared.includes('createRuntime'));
  const exported = await page.evaluate(async () => Object.keys(await import('wxrt')).sort());
  assert.deepEqual(exported, declared);
});
