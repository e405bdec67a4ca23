// Namespaces on one origin: the localStorage layout, apps and users kept apart,
// foreign keys left alone, injected storage, and tabs seeing each other's writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAIT_MS, useBrowser, appid } from './harness.mjs';

const env = useBrowser();
let page;

test('open the fixture page', async () => {
  page = await env.open();
});

test('entries are named wxrt:<appid>:<user>:<key> and small values stay readable', async () => {
  const id = appid('layout');
  const res = await page.evaluate(async (id) => {
    const alice = await rtFor(id, { user: 'alice' });
    const dflt = await rtFor(id);
    alice.wx.setStorageSync('greeting', 'hello');
    alice.wx.setStorageSync('a:b', 42);
    dflt.wx.setStorageSync('greeting', 'hi there');
    return {
      alice: localStorage.getItem(`wxrt:${id}:alice:greeting`),
      colon: localStorage.getItem(`wxrt:${id}:alice:a:b`),
      dflt: localStorage.getItem(`wxrt:${id}:wxrt-user:greeting`),
      names: [alice.appid, alice.user, dflt.appid, dflt.user],
    };
  }, id);
  assert.ok(res.alice !== null && res.alice.includes('hello'), `raw entry: ${res.alice}`);
  assert.ok(res.colon !== null && res.colon.includes('42'), `raw entry: ${res.colon}`);
  assert.ok(res.dflt !== null && res.dflt.includes('hi there'), `raw entry: ${res.dflt}`);
  assert.deepEqual(res.names, [id, 'alice', id, 'wxrt-user']);
});

test('apps and users on one origin are isolated; clearStorage clears only its own namespace', async () => {
  const a = appid('appA');
  const b = appid('appB');
  const res = await page.evaluate(async ({ a, b }) => {
    localStorage.setItem('foreign', 'page data');
    localStorage.setItem('wxrt-not-a-namespace', 'x');
    localStorage.setItem(`wxrt:${a}`, 'looks close');
    const rts = {
      aDefault: await rtFor(a),
      aAlice: await rtFor(a, { user: 'alice' }),
      aBob: await rtFor(a, { user: 'bob' }),
      bDefault: await rtFor(b),
    };
    for (const [name, rt] of Object.entries(rts)) {
      rt.wx.setStorageSync('shared-name', name);
      rt.wx.setStorageSync(`only-${name}`, { owner: name });
    }
    await rts.aAlice.wx.batchSetStorage({ kvList: [{ key: 'x', value: 1 }, { key: 'y', value: 2 }] });
    const read = (rt) => ({ shared: rt.wx.getStorageSync('shared-name'), keys: rt.wx.getStorageInfoSync().keys });
    const before = Object.fromEntries(Object.entries(rts).map(([n, rt]) => [n, read(rt)]));
    const crossRead = rts.aDefault.wx.getStorageSync('only-aAlice');
    const crossAsync = await settle(() => rts.bDefault.wx.getStorage({ key: 'only-aDefault' }));
    const otherBefore = JSON.stringify(Object.fromEntries(Object.entries(snapshot()).filter(([k]) => !k.startsWith(`wxrt:${a}:alice:`))));
    await rts.aAlice.wx.clearStorage();
    const otherAfter = JSON.stringify(Object.fromEntries(Object.entries(snapshot()).filter(([k]) => !k.startsWith(`wxrt:${a}:alice:`))));
    const after = Object.fromEntries(Object.entries(rts).map(([n, rt]) => [n, read(rt)]));
    rts.bDefault.wx.clearStorageSync();
    const afterSync = Object.fromEntries(Object.entries(rts).map(([n, rt]) => [n, read(rt)]));
    return {
      before,
      after,
      afterSync,
      crossRead,
      crossAsync: crossAsync.errMsg,
      othersUntouched: otherBefore === otherAfter,
      aliceLeft: Object.keys(nsEntries(a, 'alice')).length,
      bLeft: Object.keys(nsEntries(b)).length,
      foreign: [localStorage.getItem('foreign'), localStorage.getItem('wxrt-not-a-namespace'), localStorage.getItem(`wxrt:${a}`)],
    };
  }, { a, b });
  assert.deepEqual(res.before, {
    aDefault: { shared: 'aDefault', keys: ['shared-name', 'only-aDefault'] },
    aAlice: { shared: 'aAlice', keys: ['shared-name', 'only-aAlice', 'x', 'y'] },
    aBob: { shared: 'aBob', keys: ['shared-name', 'only-aBob'] },
    bDefault: { shared: 'bDefault', keys: ['shared-name', 'only-bDefault'] },
  });
  assert.equal(res.crossRead, '');
  assert.equal(res.crossAsync, 'getStorage:fail data not found');
  assert.equal(res.othersUntouched, true, 'clearStorage leaves every other entry as it was');
  assert.deepEqual(res.after.aAlice, { shared: '', keys: [] });
  assert.deepEqual(res.after.aDefault, res.before.aDefault);
  assert.deepEqual(res.after.aBob, res.before.aBob);
  assert.deepEqual(res.after.bDefault, res.before.bDefault);
  assert.deepEqual(res.afterSync.bDefault, { shared: '', keys: [] });
  assert.deepEqual(res.afterSync.aDefault, res.before.aDefault);
  assert.deepEqual(res.afterSync.aBob, res.before.aBob);
  assert.equal(res.aliceLeft, 0);
  assert.equal(res.bLeft, 0);
  assert.deepEqual(res.foreign, ['page data', 'x', 'looks close']);
});

test('foreign keys do not count towards an app, and isolation holds after a reload', async () => {
  const a = appid('reloadA');
  const b = appid('reloadB');
  await page.evaluate(async ({ a, b }) => {
    (await rtFor(a)).wx.setStorageSync('k', 'from a');
    (await rtFor(b, { user: 'carol' })).wx.setStorageSync('k', 'from b carol');
    localStorage.setItem(`foreign-${a}`, 'x'.repeat(5000));
  }, { a, b });
  await env.reload(page);
  const res = await page.evaluate(async ({ a, b }) => {
    const ra = await rtFor(a);
    const rb = await rtFor(b, { user: 'carol' });
    const rbDefault = await rtFor(b);
    return {
      a: [ra.wx.getStorageSync('k'), ra.wx.getStorageInfoSync().keys, ra.wx.getStorageInfoSync().currentSize],
      b: [rb.wx.getStorageSync('k'), rb.wx.getStorageInfoSync().keys],
      bDefault: [rbDefault.wx.getStorageSync('k'), rbDefault.wx.getStorageInfoSync().keys],
    };
  }, { a, b });
  assert.deepEqual(res.a, ['from a', ['k'], 1]);
  assert.deepEqual(res.b, ['from b carol', ['k']]);
  assert.deepEqual(res.bDefault, ['', []]);
});

test('an injected storage is used instead of localStorage', async () => {
  const id = appid('injected');
  const res = await page.evaluate(async (id) => {
    const memory = new MemoryStorage();
    const inMemory = await createRuntime({ appid: id, storage: memory });
    inMemory.wx.setStorageSync('k', { v: 1 });
    await inMemory.wx.setStorage({ key: 'l', data: 'two' });
    const session = await createRuntime({ appid: id, storage: sessionStorage });
    session.wx.setStorageSync('k', 'in session');
    return {
      memoryKeys: [...memory.map.keys()].filter((k) => k.startsWith(`wxrt:${id}:wxrt-user:`)).sort(),
      memoryRead: [inMemory.wx.getStorageSync('k'), inMemory.wx.getStorageSync('l'), inMemory.wx.getStorageInfoSync().keys],
      sessionRaw: sessionStorage.getItem(`wxrt:${id}:wxrt-user:k`) !== null,
      sessionRead: session.wx.getStorageSync('k'),
      inLocal: Object.keys(nsEntries(id)).length,
    };
  }, id);
  assert.deepEqual(res.memoryKeys, [`wxrt:${id}:wxrt-user:k`, `wxrt:${id}:wxrt-user:l`]);
  assert.deepEqual(res.memoryRead, [{ v: 1 }, 'two', ['k', 'l']]);
  assert.equal(res.sessionRaw, true);
  assert.equal(res.sessionRead, 'in session');
  assert.equal(res.inLocal, 0);
});

test('two tabs: writes, removals and clears in one are seen by the other', { timeout: 60000 }, async () => {
  const id = appid('tabs');
  const tabA = await env.open();
  const tabB = await env.open();
  const setup = (tab) => tab.evaluate(async (id) => { window.rt = await rtFor(id); return window.rt.wx.getStorageInfoSync().keys; }, id);
  try {
    assert.deepEqual(await setup(tabA), []);
    assert.deepEqual(await setup(tabB), []);
    const waitIn = (tab, fn, arg) => tab.waitForFunction(fn, arg, { timeout: WAIT_MS, polling: 50 });

    await tabA.evaluate(() => {
      rt.wx.setStorageSync('shared', { n: 1 });
      rt.wx.setStorageSync('big', pattern(5000));
    });
    await waitIn(tabB, () => rt.wx.getStorageInfoSync().keys.join() === 'shared,big');
    let seen = await tabB.evaluate(async () => ({
      sync: rt.wx.getStorageSync('shared'),
      async: (await rt.wx.getStorage({ key: 'shared' })).data,
      info: rt.wx.getStorageInfoSync(),
    }));
    assert.deepEqual(seen.sync, { n: 1 });
    assert.deepEqual(seen.async, { n: 1 });
    assert.equal(seen.info.currentSize, 5, 'size of the other tab\'s writes');

    await tabA.evaluate(() => rt.wx.setStorageSync('shared', { n: 2 }));
    await waitIn(tabB, () => JSON.stringify(rt.wx.getStorageSync('shared')) === '{"n":2}');

    await tabA.evaluate(() => rt.wx.removeStorageSync('big'));
    await waitIn(tabB, () => rt.wx.getStorageInfoSync().keys.join() === 'shared');
    seen = await tabB.evaluate(() => ({ big: rt.wx.getStorageSync('big'), size: rt.wx.getStorageInfoSync().currentSize }));
    assert.deepEqual(seen, { big: '', size: 1 });

    await tabB.evaluate(async () => { await rt.wx.batchSetStorage({ kvList: [{ key: 'fromB', value: 'b' }] }); });
    await waitIn(tabA, () => rt.wx.getStorageSync('fromB') === 'b' && rt.wx.getStorageInfoSync().keys.join() === 'shared,fromB');

    await tabA.evaluate(async () => { await rt.wx.clearStorage(); });
    await waitIn(tabB, () => rt.wx.getStorageInfoSync().keys.length === 0 && rt.wx.getStorageInfoSync().currentSize === 0);
    seen = await tabB.evaluate(() => [rt.wx.getStorageSync('shared'), rt.wx.getStorageSync('fromB')]);
    assert.deepEqual(seen, ['', '']);

    // A write after a clear in the other tab is accounted from zero.
    await tabB.evaluate(() => rt.wx.setStorageSync('again', 'x'));
    await waitIn(tabA, () => rt.wx.getStorageInfoSync().keys.join() === 'again');

    // Another app's writes do not show up. Storage events arrive in the order of the
    // writes, so once a later write of this app's is seen, the other one has arrived too.
    await tabA.evaluate(async (other) => {
      (await rtFor(other)).wx.setStorageSync('elsewhere', 1);
      rt.wx.setStorageSync('marker', 1);
    }, appid('tabs-other'));
    await waitIn(tabB, () => rt.wx.getStorageSync('marker') === 1);
    assert.deepEqual(await tabB.evaluate(() => rt.wx.getStorageInfoSync().keys), ['again', 'marker']);

    // dispose() detaches the listener.
    assert.equal(await tabB.evaluate(() => rt.dispose()), undefined);
  } finally {
    await tabA.close();
    await tabB.close();
  }
});

test('a read answered without core follows every change of the entry: writes, other runtimes, corruption', async () => {
  const id = appid('reads');
  const res = await page.evaluate(async (id) => {
    const here = await rtFor(id);
    const there = await rtFor(id); // another tab's runtime on the same storage
    const key = `wxrt:${id}:wxrt-user:profile`;
    here.wx.setStorageSync('profile', { name: 'a' });
    const out = [here.wx.getStorageSync('profile'), here.wx.getStorageSync('profile')];
    // Each read is a fresh copy, as WeChat's: mutating it changes nothing stored.
    out[1].name = 'mutated';
    out.push(here.wx.getStorageSync('profile'));
    there.wx.setStorageSync('profile', { name: 'b' });
    out.push(here.wx.getStorageSync('profile'));
    here.wx.setStorageSync('profile', 'now a string');
    out.push(here.wx.getStorageSync('profile'));
    there.wx.removeStorageSync('profile');
    out.push(here.wx.getStorageSync('profile'));
    here.wx.setStorageSync('profile', [1, 2]);
    out.push(here.wx.getStorageSync('profile'));
    // A payload cut short: core reports the corruption, whatever was read before.
    localStorage.setItem(key, localStorage.getItem(key).slice(0, -2));
    let corrupt;
    try {
      here.wx.getStorageSync('profile');
    } catch (error) {
      corrupt = error.errMsg;
    }
    return { out, corrupt };
  }, id);
  assert.deepEqual(res.out, [{ name: 'a' }, { name: 'mutated' }, { name: 'a' }, { name: 'b' }, 'now a string', '', [1, 2]]);
  assert.match(res.corrupt, /^getStorageSync:fail /);
});

test('a compacted entry read again is the same value, and follows its changes', async () => {
  const id = appid('compacted');
  const res = await page.evaluate(async (id) => {
    const here = await rtFor(id);
    const there = await rtFor(id);
    // Past the plain budget large values are compacted: fill it with noise first.
    let seed = 1;
    const noise = () => Array.from({ length: 600_000 }, () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return String.fromCharCode(48 + ((seed >>> 0) % 64));
    }).join('');
    for (let i = 0; i < 3; i += 1) here.wx.setStorageSync(`noise${i}`, noise());
    const big = (tag) => ({ tag, rows: Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `row ${i}` })) });
    here.wx.setStorageSync('big', big('first'));
    const format = localStorage.getItem(`wxrt:${id}:wxrt-user:big`).slice(0, 1);
    const reads = [here.wx.getStorageSync('big'), here.wx.getStorageSync('big')];
    reads[1].tag = 'mutated';
    const third = here.wx.getStorageSync('big');
    there.wx.setStorageSync('big', big('second'));
    const fourth = here.wx.getStorageSync('big');
    here.wx.clearStorageSync();
    return { format, tags: [reads[0].tag, third.tag, fourth.tag], rows: third.rows.length, last: fourth.rows[1999].name };
  }, id);
  assert.equal(res.format, 'z', 'the entry is compacted');
  assert.deepEqual(res.tags, ['first', 'first', 'second']);
  assert.equal(res.rows, 2000);
  assert.equal(res.last, 'row 1999');
});
