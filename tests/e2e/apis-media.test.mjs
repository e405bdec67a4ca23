// Media (www/apis/media/ and the `<video>`/`<audio>` elements of render/elements/media.js):
// InnerAudioContext and the background player over real audio (a WAV tone this test
// writes beside a copy of the media-app fixture), the video context driving `<video>` with
// its events and danmu, the legacy `<audio>` context, and canvas exports to temp files that
// `<image>` shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTS, launchBrowser, openPreview, startServer } from './harness.mjs';

let browser;
let server;
let page;
let dir;

// `seconds` of a 440 Hz tone as 8 kHz 8-bit mono PCM WAV.
function tone(seconds) {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i += 1) wav[44 + i] = 128 + Math.round(60 * Math.sin((2 * Math.PI * 440 * i) / rate));
  return wav;
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wxrt-media-'));
  cpSync(path.join(PROJECTS, 'media-app'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'tone.wav'), tone(2));
  writeFileSync(path.join(dir, 'short.wav'), tone(0.3));
  writeFileSync(path.join(dir, 'broken.wav'), 'not audio at all');
  browser = await launchBrowser();
  server = await startServer(dir);
  page = await openPreview({ server, context: await browser.newContext() });
  assert.equal(page.startError, undefined);
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const top = () => 'wxrt.getCurrentPages().at(-1)';

test('the media family is there for canIUse, and InnerAudioContext plays, pauses, seeks and stops', async () => {
  assert.deepEqual(await page.evaluate(() => ['createInnerAudioContext', 'getBackgroundAudioManager', 'createVideoContext', 'canvasToTempFilePath', 'playBackgroundAudio']
    .map((n) => wxrt.callWxMethod('canIUse', n))), [true, true, true, true, true]);
  await page.evaluate(() => {
    const audio = wxrt.callWxMethod('createInnerAudioContext');
    window.audio = audio;
    window.heard = [];
    for (const name of ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'Seeked', 'Error']) audio[`on${name}`](() => heard.push(name));
    audio.volume = 0.5;
    audio.volume = 3;
    audio.playbackRate = 4;
    audio.startTime = 1;
    audio.src = '/tone.wav';
    audio.play();
  });
  await page.waitForFunction(() => heard.includes('Play') && audio.currentTime > 1);
  assert.deepEqual(await page.evaluate(() => [audio.volume, audio.playbackRate, audio.paused, Math.round(audio.duration), audio.src]),
    [0.5, 2, false, 2, '/tone.wav'], 'volume out of range is ignored, rate clamped, startTime honoured');
  await page.evaluate(() => audio.pause());
  await page.waitForFunction(() => heard.includes('Pause') && audio.paused);
  await page.evaluate(() => audio.seek(0.5));
  await page.waitForFunction(() => heard.includes('Seeked'));
  await page.evaluate(() => audio.play());
  await page.waitForFunction(() => heard.filter((n) => n === 'Play').length === 2);
  await page.evaluate(() => {
    audio.stop();
    // A later pause is heard again: stop swallows only its own.
    audio.onPause(() => heard.push('after stop'));
    audio.play();
  });
  await page.waitForFunction(() => heard.filter((n) => n === 'Play').length === 3);
  await page.evaluate(() => audio.pause());
  await page.waitForFunction(() => heard.includes('after stop'));
  assert.equal(await page.evaluate(() => heard.filter((n) => n === 'Pause').length), 2, 'stop is onStop, not onPause');
  assert.ok(await page.evaluate(() => heard.includes('Stop')));
});

test('InnerAudioContext reports a broken file with WeChat\'s errCode, and off* removes listeners', async () => {
  const error = await page.evaluate(() => new Promise((resolve) => {
    const broken = wxrt.callWxMethod('createInnerAudioContext');
    const never = () => resolve('off failed');
    broken.onError(never);
    broken.offError(never);
    broken.onError(resolve);
    broken.autoplay = true;
    broken.src = '/broken.wav';
  }));
  assert.ok([10003, 10004].includes(error.errCode), JSON.stringify(error));
  assert.match(error.errMsg, /错误/);
});

test('setInnerAudioOption mixWithOther: false lets one context play at a time', async () => {
  await page.evaluate(() => wxrt.callWxMethod('setInnerAudioOption', { mixWithOther: false }));
  await page.evaluate(() => {
    window.first = wxrt.callWxMethod('createInnerAudioContext');
    window.second = wxrt.callWxMethod('createInnerAudioContext');
    first.src = '/tone.wav';
    second.src = '/tone.wav';
    first.loop = true;
    first.play();
  });
  await page.waitForFunction(() => !first.paused);
  await page.evaluate(() => second.play());
  await page.waitForFunction(() => !second.paused && first.paused);
  await page.evaluate(() => { second.destroy(); first.destroy(); });
  const bad = await page.evaluate(() => wxrt.callWxMethod('setInnerAudioOption', { mixWithOther: 1 }).catch((e) => e.errMsg));
  assert.equal(bad, 'setInnerAudioOption:fail parameter error: parameter.mixWithOther should be Boolean instead of Number;');
});

test('the background player and its legacy functions share one player', async () => {
  await page.evaluate(() => {
    window.bg = wxrt.callWxMethod('getBackgroundAudioManager');
    window.bgHeard = [];
    wxrt.callWxMethod('onBackgroundAudioPlay', () => bgHeard.push('play'));
    wxrt.callWxMethod('onBackgroundAudioPause', () => bgHeard.push('pause'));
    wxrt.callWxMethod('onBackgroundAudioStop', () => bgHeard.push('stop'));
  });
  assert.equal(await page.evaluate(() => wxrt.callWxMethod('getBackgroundAudioManager') === bg), true, 'one manager');
  assert.equal((await page.evaluate(() => wxrt.callWxMethod('getBackgroundAudioPlayerState'))).status, 2, 'nothing loaded');
  await page.evaluate(() => { bg.title = 'Tone'; bg.singer = 'wxrt'; bg.src = '/tone.wav'; });
  await page.waitForFunction(() => bgHeard.includes('play'));
  const playing = await page.evaluate(() => wxrt.callWxMethod('getBackgroundAudioPlayerState'));
  assert.equal(playing.status, 1);
  assert.equal(playing.dataUrl, '/tone.wav');
  assert.equal(playing.errMsg, 'getBackgroundAudioPlayerState:ok');
  assert.deepEqual(await page.evaluate(() => wxrt.callWxMethod('pauseBackgroundAudio')), { errMsg: 'pauseBackgroundAudio:ok' });
  await page.waitForFunction(() => bgHeard.includes('pause'));
  assert.equal((await page.evaluate(() => wxrt.callWxMethod('getBackgroundAudioPlayerState'))).status, 0);
  await page.evaluate(() => wxrt.callWxMethod('seekBackgroundAudio', { position: 1.5 }));
  await page.waitForFunction(() => Math.abs(bg.currentTime - 1.5) < 0.01);
  await page.evaluate(() => wxrt.callWxMethod('playBackgroundAudio', { dataUrl: '/short.wav', title: 'Short' }));
  await page.waitForFunction(() => bg.src === '/short.wav' && !bg.paused);
  assert.equal(await page.evaluate(() => bg.title), 'Short');
  await page.evaluate(() => wxrt.callWxMethod('stopBackgroundAudio'));
  await page.waitForFunction(() => bgHeard.includes('stop'));
  const missing = await page.evaluate(() => wxrt.callWxMethod('playBackgroundAudio', {}).catch((e) => e.errMsg));
  assert.equal(missing, 'playBackgroundAudio:fail parameter error: parameter.dataUrl should be String instead of Undefined;');
});

test('the video context drives <video>: play, pause, seek, rate, danmu, full screen, events', async () => {
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ clip: '/tone.wav', danmuList: [{ text: 'first', color: '#ff0000', time: 0.2 }] }));
  await page.waitForFunction(() => document.querySelector('wx-video video')?.src.endsWith('/tone.wav'));
  await page.evaluate(() => {
    window.clip = wxrt.getCurrentPages().at(-1).video();
    clip.play();
  });
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'clip' && type === 'play'));
  await page.waitForSelector('wx-video .wx-video-danmu > span:text("first")');
  await page.evaluate(() => clip.sendDanmu({ text: 'sent', color: '#00ff00' }));
  await page.waitForSelector('wx-video .wx-video-danmu > span:text("sent")');
  assert.equal(await page.evaluate(() => document.querySelector('wx-video video').style.objectFit), 'cover');
  assert.equal(await page.evaluate(() => document.querySelector('wx-video video').controls), false);
  await page.evaluate(() => clip.playbackRate(1.5));
  await page.evaluate(() => clip.playbackRate(3));
  await page.waitForFunction(() => document.querySelector('wx-video video').playbackRate === 1.5);
  await page.evaluate(() => clip.requestFullScreen({ direction: 90 }));
  await page.waitForSelector('wx-video[wx-fullscreen]');
  await page.evaluate(() => clip.exitFullScreen());
  await page.waitForSelector('wx-video:not([wx-fullscreen])');
  await page.evaluate(() => clip.pause());
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'clip' && type === 'pause'));
  await page.evaluate(() => clip.seek(1.9));
  await page.evaluate(() => clip.play());
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'clip' && type === 'ended'));
  const events = await page.evaluate(() => wxrt.getCurrentPages().at(-1).events.filter(([id]) => id === 'clip').map(([, type, detail]) => [type, detail]));
  assert.deepEqual(events.filter(([type]) => type === 'fullscreenchange'),
    [['fullscreenchange', { fullScreen: true, direction: 'horizontal' }], ['fullscreenchange', { fullScreen: false, direction: 'vertical' }]]);
  assert.ok(await page.evaluate(() => wxrt.getCurrentPages().at(-1).lastTime.duration > 1.9), 'bindtimeupdate gives currentTime and duration');
  await page.evaluate(() => wxrt.getCurrentPages().at(-1).setData({ clip: '/broken.wav' }));
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'clip' && type === 'error'));
});

test('the legacy audio context drives <audio>', async () => {
  await page.evaluate(() => {
    const ctx = wxrt.getCurrentPages().at(-1).audio();
    ctx.setSrc('/tone.wav');
    ctx.play();
    window.song = ctx;
  });
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'song' && type === 'play'));
  assert.equal(await page.textContent('wx-audio .wx-audio-info'), 'Tone - wxrt');
  await page.evaluate(() => song.pause());
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id, type]) => id === 'song' && type === 'pause'));
});

test('canvasToTempFilePath turns a canvas-id canvas and a 2d node into temp files <image> shows', async () => {
  await page.evaluate(() => new Promise((resolve) => wxrt.getCurrentPages().at(-1).drawPoster(resolve)));
  const poster = await page.evaluate(() => new Promise((resolve, reject) => wxrt.callWxMethod('canvasToTempFilePath', {
    canvasId: 'poster', x: 50, width: 50, height: 50, destWidth: 20, destHeight: 20, success: resolve, fail: reject,
  }, wxrt.getCurrentPages().at(-1))));
  assert.match(poster.tempFilePath, /^wxfile:\/\/tmp_\d+\.png$/);
  assert.equal(poster.errMsg, 'canvasToTempFilePath:ok');
  await page.evaluate((shot) => wxrt.getCurrentPages().at(-1).setData({ shot }), poster.tempFilePath);
  await page.waitForFunction(() => wxrt.getCurrentPages().at(-1).events.some(([id]) => id === 'shot'));
  const shown = await page.evaluate(() => {
    const img = document.querySelector('wx-image img');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    return [img.naturalWidth, img.naturalHeight, [...ctx.getImageData(10, 10, 1, 1).data]];
  });
  assert.deepEqual(shown, [20, 20, [0, 0, 255, 255]], 'the right half (blue) at the size asked');

  const board = await page.evaluate(async () => {
    const node = await wxrt.getCurrentPages().at(-1).board();
    node.width = 60;
    node.height = 40;
    const ctx = node.getContext('2d');
    ctx.fillStyle = '#00ff00';
    ctx.fillRect(0, 0, 60, 40);
    return wxrt.callWxMethod('canvasToTempFilePath', { canvas: node, fileType: 'jpg', quality: 0.8 });
  });
  assert.match(board.tempFilePath, /^wxfile:\/\/tmp_\d+\.jpg$/);

  const missing = await page.evaluate(() => wxrt.callWxMethod('canvasToTempFilePath', { canvasId: 'nowhere' }).catch((e) => e.errMsg));
  assert.equal(missing, 'canvasToTempFilePath:fail canvas is empty');
  const empty = await page.evaluate(() => wxrt.callWxMethod('canvasToTempFilePath', { canvasId: 'poster', width: 0 }, wxrt.getCurrentPages().at(-1)).catch((e) => e.errMsg));
  assert.equal(empty, 'canvasToTempFilePath:fail create bitmap failed');
});

test('canvasGetImageData and canvasPutImageData read and write a canvas-id canvas; createOffscreenCanvas draws', async () => {
  const read = await page.evaluate(() => wxrt.callWxMethod('canvasGetImageData', { canvasId: 'poster', x: 10, y: 10, width: 1, height: 1 })
    .then((r) => [r.errMsg, r.data instanceof Uint8ClampedArray, [...r.data.slice(0, 4)]]));
  assert.deepEqual(read[0], 'canvasGetImageData:ok');
  assert.equal(read[1], true);
  assert.deepEqual(read[2], [255, 0, 0, 255]);
  const put = await page.evaluate(() => wxrt.callWxMethod('canvasPutImageData', {
    canvasId: 'poster', x: 0, y: 0, width: 1, height: 1, data: new Uint8ClampedArray([0, 255, 0, 255]),
  }).then((r) => r.errMsg));
  assert.equal(put, 'canvasPutImageData:ok');
  const after = await page.evaluate(() => wxrt.callWxMethod('canvasGetImageData', { canvasId: 'poster', x: 0, y: 0, width: 1, height: 1 }).then((r) => [...r.data.slice(0, 4)]));
  assert.deepEqual(after, [0, 255, 0, 255]);
  const wrong = await page.evaluate(() => wxrt.callWxMethod('canvasPutImageData', {
    canvasId: 'poster', x: 0, y: 0, width: 2, height: 2, data: new Uint8ClampedArray(4),
  }).catch((e) => e.errMsg));
  assert.match(wrong, /^canvasPutImageData:fail /);
  const missing = await page.evaluate(() => wxrt.callWxMethod('canvasGetImageData', { canvasId: 'poster' }).catch((e) => e.errMsg));
  assert.equal(missing, 'canvasGetImageData:fail parameter error: parameter.x should be Number instead of Undefined;parameter.y should be Number instead of Undefined;parameter.width should be Number instead of Undefined;parameter.height should be Number instead of Undefined;');

  const offscreen = await page.evaluate(async () => {
    const canvas = wxrt.callWxMethod('createOffscreenCanvas', { type: '2d', width: 8, height: 4 });
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 8, 4);
    const file = await wxrt.callWxMethod('canvasToTempFilePath', { canvas });
    return [canvas.width, canvas.height, typeof canvas.createImage, file.tempFilePath.endsWith('.png')];
  });
  assert.deepEqual(offscreen, [8, 4, 'function', true]);
});
