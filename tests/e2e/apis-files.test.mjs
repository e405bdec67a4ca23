// Images and files (www/apis/files/, core's apis::files): the FileSystemManager over
// IndexedDB with WeChat's paths, limits and errMsg texts, kept per (appid, user) across
// runtimes; downloadFile through the dev server's proxy with its task and failures; the
// simulated album behind scope.writePhotosAlbum; the viewer; `<image src="wxfile://usr/…">`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { PROJECTS, appid, launchBrowser, openPreview, startServer, useBrowser } from './harness.mjs';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAEElEQVR4nGP4z8AARww4OQD1MQv1NXv7ggAAAABJRU5ErkJggg==', 'base64');
const env = useBrowser();
let page;
let backend;
let backendUrl;
const APPID = appid('files');

before(async () => {
  // The developer's file server. It allows other origins, for the runtimes made here
  // without a dev server's proxy; the project preview below goes through the proxy.
  backend = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://backend');
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'x-kind, content-length');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-headers', '*');
      res.end();
      return;
    }
    if (url.pathname === '/hold') return; // never answers: timeouts and aborts
    if (url.pathname === '/upload') {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        res.end(JSON.stringify({ png: body.includes(PNG), name: /filename="([^"]+)"/.exec(body.toString('latin1'))?.[1] }));
      });
      return;
    }
    if (url.pathname === '/pic.png') {
      res.setHeader('content-type', 'image/png');
      res.setHeader('x-kind', 'picture');
      res.end(PNG);
    } else if (url.pathname === '/big') {
      const size = Number(url.searchParams.get('mb')) * 1024 * 1024;
      res.setHeader('content-length', String(size));
      res.setHeader('content-type', 'application/octet-stream');
      res.end(Buffer.alloc(size, 7));
    } else if (url.pathname === '/doc.pdf') {
      res.setHeader('content-type', 'application/pdf');
      res.end('%PDF-1.4\n%%EOF\n');
    } else {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain');
      res.end('gone');
    }
  });
  await new Promise((resolve) => backend.listen(0, '127.0.0.1', resolve));
  backendUrl = `http://127.0.0.1:${backend.address().port}`;
});

after(() => backend?.close());

const create = (user) => page.evaluate(async ({ id, user }) => {
  const { createRuntime } = await import('wxrt');
  window.rt?.dispose();
  window.rt = await createRuntime({ appid: id, user, storage: sessionStorage });
  // A call of the family loads it (a project naming getFileSystemManager preloads it).
  await rt.wx.getSavedFileList();
  window.fs = rt.wx.getFileSystemManager();
}, { id: APPID, user });

// Runs `fn` in the page: `{ok: result}`, or the errMsg it threw or rejected with.
const errMsg = (fn) => page.evaluate(async (source) => {
  try {
    return { ok: await (0, eval)(`(${source})`)() };
  } catch (error) {
    return error.errMsg ?? `thrown: ${error.message}`;
  }
}, fn.toString());

test('the FileSystemManager reads and writes user files, with WeChat\'s paths and errors', async () => {
  page = await env.open();
  await create('ann');
  const r = await page.evaluate(() => {
    const out = {};
    out.root = rt.wx.env.USER_DATA_PATH;
    fs.writeFileSync(`${rt.wx.env.USER_DATA_PATH}/a.txt`, 'héllo');
    fs.appendFileSync('wxfile://usr/a.txt', ' world');
    out.text = fs.readFileSync('wxfile://usr/a.txt', 'utf8');
    out.bytes = new Uint8Array(fs.readFileSync('wxfile://usr/a.txt')).length;
    out.window = fs.readFileSync('wxfile://usr/a.txt', 'utf8', 1, 5);
    fs.writeFileSync('wxfile://usr/b.bin', new Uint8Array([1, 2, 255]).buffer);
    out.hex = fs.readFileSync('wxfile://usr/b.bin', 'hex');
    out.base64 = fs.readFileSync('wxfile://usr/b.bin', 'base64');
    fs.writeFileSync('wxfile://usr/c.txt', 'SGk=', 'base64');
    out.decoded = fs.readFileSync('wxfile://usr/c.txt', 'utf8');
    fs.mkdirSync('wxfile://usr/d/e', true);
    fs.copyFileSync('wxfile://usr/a.txt', 'wxfile://usr/d/e/copy.txt');
    fs.renameSync('wxfile://usr/c.txt', 'wxfile://usr/d/moved.txt');
    out.listing = fs.readdirSync('wxfile://usr/d');
    const stats = fs.statSync('wxfile://usr/a.txt');
    out.stat = [stats.size, stats.isFile(), stats.isDirectory(), stats.mode];
    out.tree = fs.statSync('wxfile://usr/d', true).map((e) => [e.path, e.stats.isDirectory()]);
    fs.truncateSync({ filePath: 'wxfile://usr/a.txt', length: 2 });
    out.truncated = fs.readFileSync('wxfile://usr/a.txt', 'latin1');
    fs.unlinkSync('wxfile://usr/b.bin');
    fs.rmdirSync('wxfile://usr/d', true);
    out.after = fs.readdirSync('wxfile://usr');
    out.b64 = rt.wx.arrayBufferToBase64(new Uint8Array([72, 105]).buffer);
    out.ab = Array.from(new Uint8Array(rt.wx.base64ToArrayBuffer('SGk=')));
    return out;
  });
  assert.deepEqual(r, {
    root: 'wxfile://usr',
    text: 'héllo world',
    bytes: 12,
    window: 'éllo',
    hex: '0102ff',
    base64: 'AQL/',
    decoded: 'Hi',
    listing: ['e', 'moved.txt'],
    stat: [12, true, false, 33188],
    tree: [['/', true], ['/e', true], ['/e/copy.txt', false], ['/moved.txt', false]],
    truncated: 'hÃ',
    after: ['a.txt'],
    b64: 'SGk=',
    ab: [72, 105],
  });
});

test('FileSystemManager failures read as WeChat\'s, in both forms', async () => {
  assert.equal(await errMsg(() => fs.readFileSync('wxfile://usr/none.txt')), 'readFileSync:fail no such file or directory, open wxfile://usr/none.txt');
  assert.equal(await errMsg(() => fs.readFile({ filePath: 'wxfile://usr/none.txt' })), 'readFile:fail no such file or directory, open wxfile://usr/none.txt');
  const viaCallback = await page.evaluate(() => new Promise((resolve) => fs.access({ path: 'wxfile://usr/x', fail: (e) => resolve([e.errMsg, e.errno]) })));
  assert.deepEqual(viaCallback, ['access:fail no such file or directory wxfile://usr/x', 1300002]);
  assert.equal(await errMsg(() => fs.writeFileSync('wxfile://tmp_1.txt', 'x')), 'writeFileSync:fail permission denied, open wxfile://tmp_1.txt');
  assert.equal(await errMsg(() => fs.writeFile({ filePath: '/pages/a.txt', data: 'x' })), 'writeFile:fail permission denied, open /pages/a.txt');
  assert.equal(await errMsg(() => fs.writeFileSync('wxfile://usr/no/dir.txt', 'x')), 'writeFileSync:fail no such file or directory, open wxfile://usr/no/dir.txt');
  assert.equal(await errMsg(() => fs.mkdirSync('wxfile://usr/a.txt')), 'mkdirSync:fail file already exists wxfile://usr/a.txt');
  assert.equal(await errMsg(() => fs.readdirSync('wxfile://')), 'readdirSync:fail permission denied, open wxfile://');
  assert.equal(await errMsg(() => fs.copyFileSync('wxfile://usr/x', 'wxfile://usr/y')), 'copyFileSync:fail no such file or directory, copyFile wxfile://usr/x -> wxfile://usr/y');
  assert.equal(await errMsg(() => fs.writeFileSync('wxfile://usr/z', '*', 'base64')), 'writeFileSync:fail base64 encode error');
  assert.equal(await errMsg(() => fs.readFile({})), 'readFile:fail parameter error: parameter.filePath should be String instead of Undefined;');
  assert.deepEqual(await errMsg(() => fs.writeFile({ filePath: 'wxfile://usr/ok.txt', data: 'ok' })), { ok: { errMsg: 'writeFile:ok' } });
});

test('the descriptor methods: open, write, read, fstat, ftruncate, close', async () => {
  const r = await page.evaluate(async () => {
    const fd = fs.openSync({ filePath: 'wxfile://usr/fd.txt', flag: 'w+' });
    const written = fs.writeSync({ fd, data: 'hello world' });
    const buffer = new ArrayBuffer(8);
    const read = fs.readSync({ fd, arrayBuffer: buffer, offset: 2, length: 5, position: 6 });
    const text = String.fromCharCode(...new Uint8Array(buffer, 2, 5));
    fs.ftruncateSync({ fd, length: 5 });
    const size = fs.fstatSync({ fd }).size;
    const viaPromise = await fs.fstat({ fd });
    fs.closeSync({ fd });
    const closed = await fs.close({ fd }).catch((e) => e.errMsg);
    const flag = await fs.open({ filePath: 'wxfile://usr/fd.txt', flag: 'q' }).catch((e) => e.errMsg);
    const denied = await fs.open({ filePath: 'wxfile://tmp_1.png', flag: 'w' }).catch((e) => e.errMsg);
    const offset = (() => { try { fs.readSync({ fd: fs.openSync({ filePath: 'wxfile://usr/fd.txt' }), arrayBuffer: new ArrayBuffer(2), offset: 3 }); } catch (e) { return e.errMsg; } return 'read'; })();
    fs.unlinkSync('wxfile://usr/fd.txt');
    return { written, read: read.bytesRead, text, size, isFile: viaPromise.stats.isFile(), closed, flag, denied, offset };
  });
  assert.deepEqual(r, {
    written: { bytesWritten: 11 },
    read: 5,
    text: 'world',
    size: 5,
    isFile: true,
    closed: 'close:fail bad file descriptor',
    flag: 'open:fail invalid flag',
    denied: 'open:fail permission denied when open using flag',
    offset: 'readSync:fail value of offset is out of range',
  });
});

test('files survive a new runtime (IndexedDB) and each user has their own', async () => {
  await page.evaluate(() => fs.writeFile({ filePath: 'wxfile://usr/kept.txt', data: 'for ann' }));
  await create('bob');
  assert.deepEqual(await page.evaluate(() => fs.readdirSync('wxfile://usr')), []);
  assert.equal(await errMsg(() => fs.readFileSync('wxfile://usr/kept.txt', 'utf8')), 'readFileSync:fail no such file or directory, open wxfile://usr/kept.txt');
  await env.reload(page);
  await create('ann');
  assert.equal(await page.evaluate(() => fs.readFileSync('wxfile://usr/kept.txt', 'utf8')), 'for ann');
  assert.deepEqual((await page.evaluate(() => fs.readdirSync('wxfile://usr'))).sort(), ['a.txt', 'kept.txt', 'ok.txt']);
});

test('downloadFile: a task with progress and headers, any status is success, filePath, abort, timeout, network error', async () => {
  const ok = await page.evaluate((url) => new Promise((resolve) => {
    const seen = { progress: [], header: null };
    const task = rt.wx.downloadFile({
      url,
      success: (res) => resolve({ ...res, seen, bytes: fs.readFileSync(res.tempFilePath).byteLength }),
      fail: (e) => resolve(e.errMsg),
    });
    task.onProgressUpdate((p) => seen.progress.push(p.progress));
    task.onHeadersReceived((h) => { seen.header = h.header['x-kind']; });
  }), `${backendUrl}/pic.png`);
  assert.equal(ok.errMsg, 'downloadFile:ok');
  assert.equal(ok.statusCode, 200);
  assert.match(ok.tempFilePath, /^wxfile:\/\/tmp_\d+\.png$/);
  assert.equal(ok.bytes, PNG.length);
  assert.equal(ok.seen.header, 'picture');
  assert.equal(ok.seen.progress.at(-1), 100);

  const missing = await page.evaluate((url) => rt.wx.getFileSystemManager() && new Promise((resolve) => {
    rt.wx.downloadFile({ url, success: (res) => resolve([res.errMsg, res.statusCode, fs.readFileSync(res.tempFilePath, 'utf8')]), fail: (e) => resolve(e.errMsg) });
  }), `${backendUrl}/missing`);
  assert.deepEqual(missing, ['downloadFile:ok', 404, 'gone']);

  const saved = await page.evaluate((url) => new Promise((resolve) => {
    rt.wx.downloadFile({
      url,
      filePath: `${rt.wx.env.USER_DATA_PATH}/pic.png`,
      success: (res) => resolve([res.filePath, res.tempFilePath, fs.statSync(res.filePath).size]),
      fail: (e) => resolve(e.errMsg),
    });
  }), `${backendUrl}/pic.png`);
  assert.deepEqual(saved, ['wxfile://usr/pic.png', undefined, PNG.length]);
  // uploadFile (www/request.js) sends a user file as it sends a chosen one.
  const uploaded = await page.evaluate((url) => new Promise((resolve) => {
    rt.wx.uploadFile({ url, filePath: 'wxfile://usr/pic.png', name: 'file', success: (r) => resolve(JSON.parse(r.data)), fail: (e) => resolve(e.errMsg) });
  }), `${backendUrl}/upload`);
  assert.deepEqual(uploaded, { png: true, name: 'usr/pic.png' });

  const aborted = await page.evaluate((url) => new Promise((resolve) => {
    const task = rt.wx.downloadFile({ url, fail: (e) => resolve(e.errMsg), success: () => resolve('succeeded') });
    task.onHeadersReceived(() => {});
    setTimeout(() => task.abort(), 50);
  }), `${backendUrl}/hold`);
  assert.equal(aborted, 'downloadFile:fail abort');

  const timedOut = await page.evaluate((url) => new Promise((resolve) => {
    rt.wx.downloadFile({ url, timeout: 300, fail: (e) => resolve(e.errMsg), success: () => resolve('succeeded') });
  }), `${backendUrl}/hold`);
  assert.equal(timedOut, 'downloadFile:fail timeout');

  const unreachable = await page.evaluate(() => new Promise((resolve) => {
    rt.wx.downloadFile({ url: 'http://127.0.0.1:9/x', fail: (e) => resolve(e.errMsg), success: () => resolve('succeeded') });
  }));
  assert.match(unreachable, /^downloadFile:fail ./);

  const bad = await page.evaluate(() => new Promise((resolve) => { rt.wx.downloadFile({ fail: (e) => resolve(e.errMsg) }); }));
  assert.equal(bad, 'downloadFile:fail parameter error: parameter.url should be String instead of Undefined;');
  await page.evaluate(() => rt.phone.set({ networkType: 'none' }));
  const offline = await page.evaluate((url) => new Promise((resolve) => { rt.wx.downloadFile({ url, fail: (e) => resolve(e.errMsg) }); }), `${backendUrl}/pic.png`);
  assert.match(offline, /^downloadFile:fail /);
  await page.evaluate(() => rt.phone.set({ networkType: undefined }));

  // The request domain list applies to downloads too.
  const listed = await page.evaluate(async ({ id, url }) => {
    const { createRuntime } = await import('wxrt');
    const other = await createRuntime({ appid: id, user: 'listed', storage: sessionStorage, requestDomains: ['https://api.example.com'] });
    await other.wx.getSavedFileList();
    const out = await new Promise((resolve) => { other.wx.downloadFile({ url, fail: (e) => resolve(e.errMsg), success: () => resolve('succeeded') }); });
    other.dispose();
    return out;
  }, { id: APPID, url: `${backendUrl}/pic.png` });
  assert.equal(listed, 'downloadFile:fail url not in domain list');
});

test('saveFile and the saved-file list, the 10 MB limit, getFileInfo digests', async () => {
  const r = await page.evaluate(async (url) => {
    const { tempFilePath } = await new Promise((resolve, reject) => rt.wx.downloadFile({ url, success: resolve, fail: reject }));
    const info = await rt.wx.getFileInfo({ filePath: tempFilePath });
    const sha1 = await rt.wx.getFileInfo({ filePath: tempFilePath, digestAlgorithm: 'sha1' });
    const { savedFilePath } = await rt.wx.saveFile({ tempFilePath });
    const gone = await rt.wx.getFileInfo({ filePath: tempFilePath }).catch((e) => e.errMsg);
    const { fileList } = await rt.wx.getSavedFileList();
    const one = await rt.wx.getSavedFileInfo({ filePath: savedFilePath });
    const again = await rt.wx.saveFile({ tempFilePath }).catch((e) => e.errMsg);
    await rt.wx.removeSavedFile({ filePath: savedFilePath });
    const removed = await rt.wx.removeSavedFile({ filePath: savedFilePath }).catch((e) => e.errMsg);
    return { info, sha1: sha1.digest, savedFilePath, gone, list: fileList.map((f) => [f.filePath === savedFilePath, f.size]), one: one.size, again, removed };
  }, `${backendUrl}/pic.png`);
  assert.deepEqual(r.info, { size: PNG.length, digest: r.info.digest, errMsg: 'getFileInfo:ok' });
  const crypto = await import('node:crypto');
  assert.equal(r.info.digest, crypto.createHash('md5').update(PNG).digest('hex'));
  assert.equal(r.sha1, crypto.createHash('sha1').update(PNG).digest('hex'));
  assert.match(r.savedFilePath, /^wxfile:\/\/store_[0-9a-f]+\.png$/);
  assert.equal(r.gone, 'getFileInfo:fail file not exist');
  assert.deepEqual(r.list, [[true, PNG.length]]);
  assert.equal(r.one, PNG.length);
  assert.equal(r.again, 'saveFile:fail tempFilePath file not exist');
  assert.equal(r.removed, 'removeSavedFile:fail file not exist');

  const over = await page.evaluate(async (url) => {
    const { tempFilePath } = await new Promise((resolve, reject) => rt.wx.downloadFile({ url, success: resolve, fail: reject }));
    return rt.wx.saveFile({ tempFilePath }).catch((e) => e.errMsg);
  }, `${backendUrl}/big?mb=11`);
  assert.equal(over, 'saveFile:fail the maximum size of the file storage limit is exceeded');
});

test('saveImageToPhotosAlbum asks for scope.writePhotosAlbum and keeps the image in the album', async () => {
  await page.evaluate(() => rt.clearAlbum());
  await page.evaluate(() => rt.phone.set({ authorize: 'deny' }));
  assert.equal(await errMsg(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://usr/pic.png' })), 'saveImageToPhotosAlbum:fail auth deny');
  await page.evaluate(() => rt.phone.set({ authorize: undefined }));
  assert.equal(await errMsg(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://usr/pic.png' })), 'saveImageToPhotosAlbum:fail auth deny', 'a denied scope stays denied');
  await page.evaluate(() => rt.resetScopes());
  const asked = page.evaluate(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://usr/pic.png' }));
  await page.waitForSelector('.wxrt-authorize');
  assert.match(await page.textContent('.wxrt-authorize'), /保存图片或视频到你的相册/);
  await page.click('.wxrt-authorize button[data-value="true"]');
  assert.deepEqual(await asked, { errMsg: 'saveImageToPhotosAlbum:ok' });
  const album = await page.evaluate(() => rt.album());
  assert.deepEqual(album.map((e) => [e.name, e.type, e.size]), [['pic.png', 'image/png', PNG.length]]);
  assert.match(await errMsg(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'https://example.com/a.png' })), /^saveImageToPhotosAlbum:fail /);
  assert.match(await errMsg(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://usr/none.png' })), /^saveImageToPhotosAlbum:fail /);
  assert.match(await errMsg(() => rt.wx.saveVideoToPhotosAlbum({ filePath: 'wxfile://usr/pic.png' })), /^saveVideoToPhotosAlbum:fail /);
  await page.evaluate(() => rt.phone.set({ album: 'cancel' }));
  assert.equal(await errMsg(() => rt.wx.saveImageToPhotosAlbum({ filePath: 'wxfile://usr/pic.png' })), 'saveImageToPhotosAlbum:fail cancel');
  await page.evaluate(() => rt.phone.set({ album: undefined }));
  // Kept per user across runtimes.
  await create('ann');
  assert.equal((await page.evaluate(() => rt.album())).length, 1);
});

test('previewImage opens the viewer: arrows move, the long-press menu saves, a tap closes', async () => {
  assert.equal(await errMsg(() => rt.wx.previewImage({})), 'previewImage:fail parameter error: parameter.urls should be Array instead of Undefined;');
  const opened = await page.evaluate((url) => rt.wx.previewImage({ urls: ['wxfile://usr/pic.png', url], current: url }), `${backendUrl}/pic.png`);
  assert.deepEqual(opened, { errMsg: 'previewImage:ok' });
  await page.waitForSelector('.wxrt-viewer[data-current="1"]');
  await page.keyboard.press('ArrowLeft');
  await page.waitForSelector('.wxrt-viewer[data-current="0"] img[src^="blob:"]');
  await page.waitForFunction(() => document.querySelector('.wxrt-viewer img').naturalWidth === 4);
  await page.click('.wxrt-viewer img', { button: 'right' });
  await page.waitForSelector('.wxrt-viewer-menu');
  await page.click('.wxrt-viewer-menu button[data-index="2"]');
  await page.waitForFunction(async () => (await rt.album()).length === 2);
  await page.click('.wxrt-viewer img');
  await page.waitForSelector('.wxrt-viewer', { state: 'detached' });
  const media = await page.evaluate(() => rt.wx.previewMedia({ sources: [{ url: 'wxfile://usr/pic.png' }, { url: 'wxfile://usr/pic.png', type: 'video' }], current: 1 }));
  assert.deepEqual(media, { errMsg: 'previewMedia:ok' });
  await page.waitForSelector('.wxrt-viewer[data-current="1"] video');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.wxrt-viewer', { state: 'detached' });
});

test('getImageInfo, compressImage, openDocument', async () => {
  const info = await page.evaluate(() => rt.wx.getImageInfo({ src: 'wxfile://usr/pic.png' }));
  assert.deepEqual(info, { width: 4, height: 3, path: 'wxfile://usr/pic.png', orientation: 'up', type: 'png', errMsg: 'getImageInfo:ok' });
  const remote = await page.evaluate((src) => rt.wx.getImageInfo({ src }), `${backendUrl}/pic.png`);
  assert.match(remote.path, /^wxfile:\/\/tmp_/);
  assert.equal(remote.width, 4);
  assert.match(await errMsg(() => rt.wx.getImageInfo({ src: 'wxfile://usr/none.png' })), /^getImageInfo:fail /);
  const compressed = await page.evaluate(async () => {
    const { tempFilePath } = await rt.wx.compressImage({ src: 'wxfile://usr/pic.png', quality: 50, compressedWidth: 8 });
    return [tempFilePath, await rt.wx.getImageInfo({ src: tempFilePath })];
  });
  assert.match(compressed[0], /^wxfile:\/\/tmp_\d+\.jpg$/);
  assert.deepEqual([compressed[1].type, compressed[1].width, compressed[1].height], ['jpeg', 8, 6]);

  const pdf = await page.evaluate((url) => new Promise((resolve, reject) => rt.wx.downloadFile({ url, success: resolve, fail: reject })), `${backendUrl}/doc.pdf`);
  const tab = env.context.waitForEvent('page');
  assert.deepEqual(await page.evaluate((filePath) => rt.wx.openDocument({ filePath }), pdf.tempFilePath), { errMsg: 'openDocument:ok' });
  const opened = await tab;
  assert.match(opened.url(), /^blob:/);
  await opened.close();
  assert.equal(await errMsg(() => rt.wx.openDocument({ filePath: 'wxfile://usr/a.txt' })), 'openDocument:fail filetype not supported');
  assert.match(await errMsg(() => rt.wx.openDocument({ filePath: 'wxfile://usr/none.pdf' })), /^openDocument:fail /);
});

test('chooseMessageFile and chooseVideo go through the browser\'s file dialog', async () => {
  const chooser = page.waitForEvent('filechooser');
  const chosen = page.evaluate(() => rt.wx.chooseMessageFile({ count: 2, type: 'file' }));
  await (await chooser).setFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('chat file') }]);
  const result = await chosen;
  assert.equal(result.errMsg, 'chooseMessageFile:ok');
  assert.deepEqual(result.tempFiles.map((f) => [f.name, f.size, f.type]), [['notes.txt', 9, 'file']]);
  assert.equal(await page.evaluate((p) => fs.readFileSync(p, 'utf8'), result.tempFiles[0].path), 'chat file');

  const videoChooser = page.waitForEvent('filechooser');
  const video = page.evaluate(() => rt.wx.chooseVideo({ sourceType: ['album'] }));
  await (await videoChooser).setFiles([{ name: 'clip.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not really a video') }]);
  const picked = await video;
  assert.equal(picked.errMsg, 'chooseVideo:ok');
  assert.match(picked.tempFilePath, /^wxfile:\/\/tmp_\d+\.mp4$/);
  assert.equal(picked.size, 18);
  assert.equal(await errMsg(() => rt.wx.chooseMessageFile({})), 'chooseMessageFile:fail parameter error: parameter.count should be Number instead of Undefined;');
});

test('a project naming getFileSystemManager has it from its first line; <image> shows wxfile://usr files, kept across reloads', async () => {
  const server = await startServer(path.join(PROJECTS, 'files-app'));
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const preview = await openPreview({ server, context });
    assert.equal(preview.startError, undefined);
    await preview.waitForSelector('#existed >> text=written');
    await preview.waitForFunction(() => {
      const img = document.querySelector('#shown img') ?? document.querySelector('#shown');
      const style = img && getComputedStyle(img);
      return img && (img.naturalWidth === 4 || /blob:/.test(style.backgroundImage));
    });
    // The preview's downloads go through the dev server's proxy; app.json's
    // networkTimeout.downloadFile (400 ms) applies.
    const viaProxy = await preview.evaluate((url) => wxrt.getCurrentPages().at(-1).download(url), `${backendUrl}/pic.png`);
    assert.equal(viaProxy.errMsg, 'downloadFile:ok');
    assert.equal(viaProxy.statusCode, 200);
    const held = await preview.evaluate((url) => wxrt.getCurrentPages().at(-1).download(url), `${backendUrl}/hold`);
    assert.equal(held.errMsg, 'downloadFile:fail timeout', JSON.stringify(held));
    // A package image, by a path relative to the current page.
    const packaged = await preview.evaluate(() => wxrt.wx.getImageInfo({ src: 'pic.png' }));
    assert.deepEqual([packaged.width, packaged.height, packaged.type, packaged.path], [4, 3, 'png', 'pic.png']);
    await preview.evaluate(() => wxrt.wx.previewImage({ urls: ['pic.png'] }));
    await preview.waitForFunction(() => document.querySelector('.wxrt-viewer img')?.naturalWidth === 4);
    await preview.click('.wxrt-viewer img');
    await preview.waitForSelector('.wxrt-viewer', { state: 'detached' });
    await preview.reload();
    await preview.waitForSelector('#existed >> text=kept');
  } finally {
    await browser.close();
    server.kill();
  }
});

// A zip written here, entry by entry: `[name, content, deflate?]`; a name ending in `/`
// is a folder. Deflate comes from Node's zlib, the container is built by hand.
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content = '', deflate = false] of entries) {
    const raw = Buffer.from(content);
    const data = deflate ? zlib.deflateRawSync(raw) : raw;
    const fileName = Buffer.from(name);
    const fields = (head) => {
      head.writeUInt16LE(deflate ? 8 : 0, head.length === 30 ? 8 : 10);
      const at = head.length === 30 ? 14 : 16;
      head.writeUInt32LE(zlib.crc32(raw), at);
      head.writeUInt32LE(data.length, at + 4);
      head.writeUInt32LE(raw.length, at + 8);
      head.writeUInt16LE(fileName.length, at + 12);
      return head;
    };
    const local = fields(Buffer.alloc(30));
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const central = fields(Buffer.alloc(46));
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ZIP = zipOf([['a.txt', 'stored text'], ['d/'], ['d/b.txt', 'deflated '.repeat(20), true]]);

test('unzip extracts stored and deflate entries into usr; its failures', async () => {
  await create('zips');
  const out = await page.evaluate(async (base64) => {
    fs.writeFileSync('wxfile://usr/p.zip', base64, 'base64');
    fs.writeFileSync('wxfile://usr/bad.zip', 'PK this is no zip');
    const res = await fs.unzip({ zipFilePath: 'wxfile://usr/p.zip', targetPath: 'wxfile://usr/out' });
    return {
      errMsg: res.errMsg,
      top: fs.readdirSync('wxfile://usr/out'),
      a: fs.readFileSync('wxfile://usr/out/a.txt', 'utf8'),
      b: fs.readFileSync('wxfile://usr/out/d/b.txt', 'utf8'),
    };
  }, ZIP.toString('base64'));
  assert.deepEqual(out, { errMsg: 'unzip:ok', top: ['a.txt', 'd'], a: 'stored text', b: 'deflated '.repeat(20) });
  const failure = (zipFilePath, targetPath) => page.evaluate((o) => new Promise((resolve) => {
    fs.unzip({ ...o, success: () => resolve('succeeded'), fail: (e) => resolve([e.errMsg, e.errno]) });
  }), { zipFilePath, targetPath });
  assert.deepEqual(await failure('wxfile://usr/none.zip', 'wxfile://usr/o'), ['unzip:fail no such file or directory, unzip wxfile://usr/none.zip -> wxfile://usr/o', 1300002]);
  assert.deepEqual(await failure('wxfile://usr/p.zip', 'wxfile://tmp_o'), ['unzip:fail permission denied, unzip wxfile://usr/p.zip -> wxfile://tmp_o', 1300013]);
  assert.deepEqual(await failure('wxfile://usr/p.zip', 'wxfile://usr/x/y'), ['unzip:fail no such file or directory, unzip wxfile://usr/p.zip -> wxfile://usr/x/y', 1300002]);
  assert.deepEqual(await failure('wxfile://usr/bad.zip', 'wxfile://usr/o'), ['unzip:fail unzip open file fail', 1301102]);
  assert.equal(await errMsg(() => fs.unzip({ zipFilePath: 'wxfile://usr/p.zip' })), 'unzip:fail parameter error: parameter.targetPath should be String instead of Undefined;');
  // Extracted files are user files like any other: kept across runtimes.
  await create('zips');
  assert.equal(await page.evaluate(() => fs.readFileSync('wxfile://usr/out/d/b.txt', 'utf8')), 'deflated '.repeat(20));
  // The failed ones left nothing behind.
  assert.equal(await errMsg(() => fs.accessSync('wxfile://usr/o')), 'accessSync:fail no such file or directory wxfile://usr/o');
});

test('readZipEntry reads all entries or those asked for, each with its errMsg', async () => {
  await create('zips');
  const all = await page.evaluate(async () => (await fs.readZipEntry({ filePath: 'wxfile://usr/p.zip', entries: 'all', encoding: 'utf8' })).entries);
  assert.deepEqual(all, {
    'a.txt': { data: 'stored text', errMsg: 'readZipEntry:ok' },
    'd/b.txt': { data: 'deflated '.repeat(20), errMsg: 'readZipEntry:ok' },
  });
  const some = await page.evaluate(async () => {
    const { entries } = await fs.readZipEntry({
      filePath: 'wxfile://usr/p.zip',
      entries: [{ path: 'd/b.txt', encoding: 'utf8', position: 9, length: 8 }, { path: 'a.txt' }, { path: 'gone.txt' }],
    });
    return { b: entries['d/b.txt'], a: Array.from(new Uint8Array(entries['a.txt'].data)), gone: entries['gone.txt'] };
  });
  assert.deepEqual(some, {
    b: { data: 'deflated', errMsg: 'readZipEntry:ok' },
    a: Array.from(Buffer.from('stored text')),
    gone: { errMsg: 'readZipEntry:fail no such file or directory gone.txt' },
  });
  assert.equal(await errMsg(() => fs.readZipEntry({ filePath: 'wxfile://usr/bad.zip', entries: 'all' })), 'readZipEntry:fail unzip open file fail');
  assert.equal(await errMsg(() => fs.readZipEntry({ filePath: 'wxfile://usr/none.zip', entries: 'all' })), 'readZipEntry:fail no such file or directory, open wxfile://usr/none.zip');
});

test('readCompressedFile and its Sync form decompress brotli', async () => {
  await create('zips');
  const text = 'brotli '.repeat(50);
  const out = await page.evaluate(async (base64) => {
    fs.writeFileSync('wxfile://usr/t.br', base64, 'base64');
    const decode = (buffer) => new TextDecoder().decode(buffer);
    const res = await fs.readCompressedFile({ filePath: 'wxfile://usr/t.br', compressionAlgorithm: 'br' });
    return { errMsg: res.errMsg, async: decode(res.data), sync: decode(fs.readCompressedFileSync({ filePath: 'wxfile://usr/t.br', compressionAlgorithm: 'br' })) };
  }, zlib.brotliCompressSync(text).toString('base64'));
  assert.deepEqual(out, { errMsg: 'readCompressedFile:ok', async: text, sync: text });
  assert.equal(await errMsg(() => fs.readCompressedFileSync({ filePath: 'wxfile://usr/none.br', compressionAlgorithm: 'br' })), 'readCompressedFileSync:fail no such file or directory, open wxfile://usr/none.br');
  assert.equal(await errMsg(() => fs.readCompressedFile({ filePath: 'wxfile://usr/none.br', compressionAlgorithm: 'br' })), 'readCompressedFile:fail no such file or directory, open wxfile://usr/none.br');
  const bad = await page.evaluate(() => new Promise((resolve) => {
    fs.readCompressedFile({ filePath: 'wxfile://usr/bad.zip', compressionAlgorithm: 'br', fail: (e) => resolve([e.errMsg, e.errno]) });
  }));
  assert.deepEqual(bad, ['readCompressedFile:fail brotli decompress fail', 1301111]);
});
