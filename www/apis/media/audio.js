// Audio over one HTMLAudioElement each: InnerAudioContext (`wx.createInnerAudioContext`)
// and the background player (`wx.getBackgroundAudioManager`, one per runtime, which the
// legacy `wx.playBackgroundAudio` family also drives). Core keeps the settings in WeChat's
// ranges and names the errors; this module plays.

import { Listeners } from '../../listeners.js';
import { environment } from '../../render/elements/common.js';
import { tempFileUrl } from '../../files.js';

// The browser's events behind WeChat's, by WeChat's name.
const EVENTS = {
  Canplay: 'canplay',
  Play: 'play',
  Pause: 'pause',
  Ended: 'ended',
  TimeUpdate: 'timeupdate',
  Waiting: 'waiting',
  Seeking: 'seeking',
  Seeked: 'seeked',
};

/** The URL the browser plays for a mini-program's `src` (a project path, a temp file, a URL). */
export function mediaUrl(src, from = '') {
  if (!src) return '';
  if (src.startsWith('wxfile://')) return tempFileUrl(src) || src;
  return environment.assetUrl(from, src);
}

/** What InnerAudioContext and the background manager share. */
export class AudioPlayer {
  constructor(host, rules, names) {
    this.host = host;
    this.rules = rules;
    this.element = new Audio();
    this.element.preload = 'auto';
    this.listeners = {};
    this.source = '';
    this.start = 0;
    this.volumeValue = 1;
    this.rateValue = 1;
    for (const name of names) this.listeners[name] = new Listeners();
    for (const [name, type] of Object.entries(EVENTS)) {
      this.element.addEventListener(type, () => {
        // The pause that stop() causes arrives after it, as onStop already said it.
        if (name === 'Pause' && this.stopPause) {
          this.stopPause = false;
          return;
        }
        this.emit(name);
      });
    }
    this.element.addEventListener('error', () => {
      const error = this.element.error;
      if (error) this.emit('Error', rules.audioError(error.code));
    });
  }

  emit(name, payload) {
    this.listeners[name]?.emit(payload, this.host.guard);
  }

  get src() { return this.source; }

  set src(value) {
    this.source = String(value ?? '');
    this.startApplied = false;
    const page = this.host.program()?.currentPages?.().at(-1)?.route ?? '';
    const url = mediaUrl(this.source, page);
    if (url) this.element.src = url;
    else this.element.removeAttribute('src');
  }

  get startTime() { return this.start; }

  set startTime(value) { this.start = Number(value) || 0; }

  get loop() { return this.element.loop; }

  set loop(value) { this.element.loop = Boolean(value); }

  get volume() { return this.volumeValue; }

  set volume(value) {
    this.volumeValue = this.rules.audioVolume(Number(value), this.volumeValue);
    this.element.volume = this.volumeValue;
  }

  get playbackRate() { return this.rateValue; }

  set playbackRate(value) {
    this.rateValue = this.rules.audioPlaybackRate(Number(value), this.rateValue);
    this.element.playbackRate = this.rateValue;
  }

  // Read-only, as WeChat's: 0 before the metadata is known.
  get duration() { return Number.isFinite(this.element.duration) ? this.element.duration : 0; }

  get currentTime() { return this.element.currentTime; }

  get paused() { return this.element.paused; }

  /** How far it has buffered, in seconds. */
  get buffered() {
    const ranges = this.element.buffered;
    return ranges.length ? ranges.end(ranges.length - 1) : 0;
  }

  play() {
    if (!this.startApplied && this.start) this.element.currentTime = this.start;
    this.startApplied = true;
    this.element.play().catch((error) => {
      // Refused by the browser (no user gesture yet) or no source: WeChat's onError says why.
      if (error.name !== 'AbortError') this.emit('Error', { errCode: -1, errMsg: error.message });
    });
  }

  pause() { this.element.pause(); }

  /** Pauses and rewinds, with onStop instead of onPause. */
  stop() {
    this.stopPause = !this.element.paused;
    this.element.pause();
    this.element.currentTime = 0;
    this.emit('Stop');
  }

  seek(position) { this.element.currentTime = Math.max(0, Number(position) || 0); }
}

// on/off pairs for each event name.
function listenerMethods(target, names, withOff) {
  for (const name of names) {
    target[`on${name}`] = function on(listener) { this.listeners[name].add(listener); };
    if (withOff) target[`off${name}`] = function off(listener) { this.listeners[name].remove(listener); };
  }
}

const INNER_EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked'];

/** `wx.createInnerAudioContext()`'s object. */
export class InnerAudioContext extends AudioPlayer {
  constructor(host, rules) {
    super(host, rules, INNER_EVENTS);
    this.auto = false;
    this.obeyMuteSwitch = true;
    this.referrerPolicy = 'origin';
  }

  get autoplay() { return this.auto; }

  set autoplay(value) { this.auto = Boolean(value); }

  set src(value) {
    super.src = value;
    if (this.auto && this.source) this.play();
  }

  get src() { return super.src; }

  destroy() {
    this.element.pause();
    this.element.removeAttribute('src');
    this.element.load();
    for (const listeners of Object.values(this.listeners)) listeners.remove();
  }
}
listenerMethods(InnerAudioContext.prototype, INNER_EVENTS, true);

const BACKGROUND_EVENTS = ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'TimeUpdate', 'Error', 'Waiting', 'Seeking', 'Seeked', 'Next', 'Prev'];
const DESCRIPTION = ['title', 'epname', 'singer', 'coverImgUrl', 'webUrl', 'protocol', 'audioType', 'referrerPolicy'];

/** `wx.getBackgroundAudioManager()`'s object: setting `src` starts playing, as WeChat's does. */
export class BackgroundAudioManager extends AudioPlayer {
  constructor(host, rules) {
    super(host, rules, BACKGROUND_EVENTS);
    this.title = '';
    this.epname = '';
    this.singer = '';
    this.coverImgUrl = '';
    this.webUrl = '';
    this.protocol = 'http';
    this.audioType = 'music';
    this.referrerPolicy = 'origin';
    // The lock screen's controls, where the browser has them (Media Session).
    const session = globalThis.navigator?.mediaSession;
    session?.setActionHandler?.('nexttrack', () => this.emit('Next'));
    session?.setActionHandler?.('previoustrack', () => this.emit('Prev'));
    this.element.addEventListener('play', () => {
      if (session && globalThis.MediaMetadata) {
        session.metadata = new MediaMetadata({
          title: this.title,
          artist: this.singer,
          album: this.epname,
          artwork: this.coverImgUrl ? [{ src: mediaUrl(this.coverImgUrl) }] : [],
        });
      }
    });
  }

  set src(value) {
    super.src = value;
    if (this.source) this.play();
  }

  get src() { return super.src; }

  /** The fields the workbench shows of what plays. */
  describe() {
    return Object.fromEntries([...DESCRIPTION.map((key) => [key, this[key]]), ['src', this.src], ['paused', this.paused]]);
  }
}
listenerMethods(BackgroundAudioManager.prototype, BACKGROUND_EVENTS, false);
