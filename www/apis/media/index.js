// Media: audio (InnerAudioContext, the background player and its legacy functions), the
// `<video>` and `<audio>` contexts, and canvas exports. Core's `apis::media` keeps values in
// WeChat's ranges and names the failures; these modules play, find and draw.

import { asyncApi } from '../../async-api.js';
import { BackgroundAudioManager, InnerAudioContext } from './audio.js';
import { canvasApis } from './canvas.js';
import { AudioContext, VideoContext } from './contexts.js';

/** This family's `wx` methods for the runtime of `host`; `rules` is the families' wasm. */
export function install(host, rules) {
  let background;
  const manager = () => {
    background ??= new BackgroundAudioManager(host, rules);
    return background;
  };
  const canvas = canvasApis(host, rules);
  // Asynchronous methods that take a component as a second argument, as WeChat's canvas
  // functions do: families.js's `later` passes options only.
  const withComponent = (name) => (options, component) => asyncApi((o) => {
    rules.checkOptions(name, o);
    return canvas[name](o, component);
  })(options);
  // `mixWithOther: false` makes a context that starts playing pause the others, as WeChat's
  // does with other apps' audio; `obeyMuteSwitch` and `speakerOn` have nothing to act on in
  // a browser (no mute switch, no earpiece).
  let mixWithOther = true;
  const players = new Set();
  const createInnerAudioContext = () => {
    const player = new InnerAudioContext(host, rules);
    players.add(player);
    player.element.addEventListener('play', () => {
      if (mixWithOther) return;
      for (const other of players) if (other !== player) other.element.pause();
      background?.element.pause();
    });
    const destroy = player.destroy.bind(player);
    player.destroy = () => {
      players.delete(player);
      destroy();
    };
    return player;
  };

  return {
    createInnerAudioContext,
    setInnerAudioOption: (options = {}) => {
      if (options.mixWithOther !== undefined) mixWithOther = options.mixWithOther;
      return { errMsg: 'setInnerAudioOption:ok' };
    },
    getBackgroundAudioManager: manager,

    // The legacy background audio functions drive the same player.
    playBackgroundAudio: ({ dataUrl, title, coverImgUrl }) => {
      const player = manager();
      if (title !== undefined) player.title = title;
      if (coverImgUrl !== undefined) player.coverImgUrl = coverImgUrl;
      player.src = dataUrl;
      return { errMsg: 'playBackgroundAudio:ok' };
    },
    pauseBackgroundAudio: () => {
      manager().pause();
      return { errMsg: 'pauseBackgroundAudio:ok' };
    },
    seekBackgroundAudio: ({ position }) => {
      manager().seek(position);
      return { errMsg: 'seekBackgroundAudio:ok' };
    },
    stopBackgroundAudio: () => {
      manager().stop();
      return { errMsg: 'stopBackgroundAudio:ok' };
    },
    getBackgroundAudioPlayerState: () => {
      const player = manager();
      const state = rules.playerState(Boolean(player.src), player.paused, player.buffered, player.duration);
      return {
        duration: player.duration,
        currentPosition: player.currentTime,
        status: state.status,
        downloadPercent: state.downloadPercent,
        dataUrl: player.src,
        errMsg: 'getBackgroundAudioPlayerState:ok',
      };
    },
    onBackgroundAudioPlay: (listener) => manager().onPlay(listener),
    onBackgroundAudioPause: (listener) => manager().onPause(listener),
    onBackgroundAudioStop: (listener) => manager().onStop(listener),

    createVideoContext: (id, component) => new VideoContext(host, rules, id, component),
    createAudioContext: (id, component) => new AudioContext(host, id, component),

    canvasToTempFilePath: withComponent('canvasToTempFilePath'),
    canvasGetImageData: withComponent('canvasGetImageData'),
    canvasPutImageData: withComponent('canvasPutImageData'),
    createOffscreenCanvas: canvas.createOffscreenCanvas,
  };
}
