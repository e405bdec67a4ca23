// Animations as WeChat offers them to pages and components:
// - `wx.createAnimation(options)`: a chainable description whose `step()` closes a group
//   and whose `export()` hands the groups to an element's `animation` attribute, which
//   plays them one after another as CSS transitions;
// - `this.animate(selector, keyframes, duration, callback)` and `this.clearAnimation`:
//   WeChat's keyframes played with the Web Animations API.
// A chunk of its own (features.js): loaded when the project's code names these.

const STYLE_METHODS = ['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right'];
const TRANSFORM_METHODS = [
  'rotate', 'rotate3d', 'rotateX', 'rotateY', 'rotateZ', 'scale', 'scale3d', 'scaleX', 'scaleY', 'scaleZ',
  'skew', 'skewX', 'skewY', 'translate', 'translate3d', 'translateX', 'translateY', 'translateZ', 'matrix', 'matrix3d',
];
const LENGTHS = new Set(['width', 'height', 'top', 'left', 'bottom', 'right']);

const px = (value) => (typeof value === 'number' ? `${value}px` : String(value));
const deg = (value) => (typeof value === 'number' ? `${value}deg` : String(value));
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A CSS transform function from WeChat's method name and arguments (numbers: px, deg). */
export function transformFunction(type, args) {
  const list = (Array.isArray(args) ? args : [args]).filter((a) => a !== undefined && a !== null);
  let text;
  if (/^rotate[XYZ]?$/.test(type) || /^skew[XY]?$/.test(type)) text = list.map(deg);
  else if (type === 'rotate3d') text = [...list.slice(0, 3).map(String), deg(list[3] ?? 0)];
  else if (/^translate/.test(type)) text = list.map(px);
  else text = list.map(String);
  return `${type}(${text.join(', ')})`;
}

/** `wx.createAnimation(options)`: WeChat's Animation object. */
export class Animation {
  constructor({ duration = 400, timingFunction = 'linear', delay = 0, transformOrigin = '50% 50% 0' } = {}) {
    this.defaults = { duration, timingFunction, delay, transformOrigin };
    this.actions = [];
    this.styles = [];
    // Transforms last across steps (a later step rotating keeps an earlier scale), each
    // method replacing its own previous value, as WeChat composes them.
    this.transforms = new Map();
    this.transformChanged = false;
  }

  /** Closes the current group: what was called since the last step animates together. */
  step(options = {}) {
    const { duration, timingFunction, delay, transformOrigin } = { ...this.defaults, ...options };
    const animates = this.styles.map(([name, value]) => ({ type: 'style', args: [name, value] }));
    if (this.transformChanged) for (const [type, args] of this.transforms) animates.push({ type, args });
    this.actions.push({ animates, option: { transformOrigin, transition: { duration, timingFunction, delay } } });
    this.styles = [];
    this.transformChanged = false;
    return this;
  }

  /** The groups so far, for an `animation` attribute; the queue starts empty again. */
  export() {
    const actions = this.actions;
    this.actions = [];
    return { actions };
  }
}

for (const name of STYLE_METHODS) {
  Animation.prototype[name] = function setStyle(value) {
    this.styles.push([name, LENGTHS.has(name) ? px(value) : value]);
    return this;
  };
}
for (const name of TRANSFORM_METHODS) {
  Animation.prototype[name] = function setTransform(...args) {
    this.transforms.delete(name);
    this.transforms.set(name, args);
    this.transformChanged = true;
    return this;
  };
}

/** The inline styles one exported group sets. */
function groupStyles(action) {
  const styles = {};
  const transforms = [];
  for (const { type, args } of action?.animates ?? []) {
    if (type === 'style') styles[kebab(String(args[0]))] = String(args[1]);
    else if (TRANSFORM_METHODS.includes(type)) transforms.push(transformFunction(type, args));
  }
  if (transforms.length) styles.transform = transforms.join(' ');
  return styles;
}

/**
 * The `animation` attribute of the element `dom` became `value` (an exported Animation):
 * its groups play in order, each a CSS transition of what it sets; what they set stays
 * over the element's own style until the element's style attribute is written again.
 */
export function animationAttribute(dom, value) {
  if (value === dom.wxAnimationValue) return;
  dom.wxAnimationValue = value;
  clearTimeout(dom.wxAnimationTimer);
  cancelAnimationFrame(dom.wxAnimationFrame);
  const actions = Array.isArray(value?.actions) ? value.actions : [];
  if (!actions.length) return;
  const play = (index) => {
    if (index >= actions.length || !dom.isConnected) return;
    const action = actions[index];
    const styles = groupStyles(action);
    const { duration = 400, timingFunction = 'linear', delay = 0 } = action.option?.transition ?? {};
    const names = Object.keys(styles);
    dom.style.transition = names.map((name) => `${name} ${Number(duration) || 0}ms ${timingFunction} ${Number(delay) || 0}ms`).join(', ');
    if (action.option?.transformOrigin) dom.style.transformOrigin = action.option.transformOrigin;
    dom.wxAnimatedStyle = { ...dom.wxAnimatedStyle, ...styles, 'transform-origin': dom.style.transformOrigin };
    for (const [name, text] of Object.entries(styles)) dom.style.setProperty(name, text);
    dom.wxAnimationTimer = setTimeout(() => play(index + 1), (Number(duration) || 0) + (Number(delay) || 0));
  };
  // The element must have been drawn with its current style first, or there is nothing
  // to transition from.
  dom.wxAnimationFrame = requestAnimationFrame(() => {
    getComputedStyle(dom).getPropertyValue('transform');
    play(0);
  });
}

/** The element's style attribute was written: what animations set is put back over it. */
export function restoreAnimatedStyle(dom) {
  for (const [name, text] of Object.entries(dom.wxAnimatedStyle ?? {})) if (text) dom.style.setProperty(name, text);
}

// WeChat's keyframe properties (`this.animate`), as CSS.
const KEYFRAME_STYLES = new Set(['opacity', 'backgroundColor', 'width', 'height', 'top', 'left', 'bottom', 'right', 'transformOrigin']);
const KEYFRAME_TRANSFORMS = new Set(TRANSFORM_METHODS);

/** A WeChat keyframe as a Web Animations keyframe. */
export function cssKeyframe(frame) {
  const out = {};
  const transforms = [];
  for (const [name, value] of Object.entries(frame ?? {})) {
    if (name === 'offset') out.offset = Number(value);
    else if (name === 'ease') out.easing = String(value);
    else if (KEYFRAME_STYLES.has(name)) out[name] = LENGTHS.has(name) ? px(value) : String(value);
    else if (KEYFRAME_TRANSFORMS.has(name)) transforms.push(transformFunction(name, value));
  }
  if (transforms.length) out.transform = transforms.join(' ');
  out.easing ??= 'linear';
  return out;
}

/** The CSS properties a WeChat clearAnimation option (`{opacity: true, rotate: true}`) names. */
function clearedProperties(options) {
  if (!options || typeof options !== 'object' || !Object.keys(options).length) return undefined;
  const names = new Set();
  for (const [name, on] of Object.entries(options)) {
    if (!on) continue;
    if (KEYFRAME_TRANSFORMS.has(name)) names.add('transform');
    else if (KEYFRAME_STYLES.has(name)) names.add(kebab(name));
  }
  return names;
}

/**
 * `this.animate(selector, keyframes, duration, callback)` on the elements `targets`: the
 * end state stays until cleared; `callback` runs once when they have all finished.
 */
export function animateElements(targets, keyframes, duration, callback) {
  const frames = (Array.isArray(keyframes) ? keyframes : []).map(cssKeyframe);
  if (!targets.length || !frames.length) return;
  const runs = targets.map((el) => {
    const run = el.animate(frames, { duration: Number(duration) || 0, fill: 'forwards' });
    (el.wxKeyframeAnimations ??= []).push(run);
    return run.finished;
  });
  Promise.all(runs).then(() => {
    if (typeof callback === 'function') callback();
  }, () => {});
}

/**
 * `this.clearAnimation(selector, options, callback)`: the properties `options` names (all
 * without it) return to the element's own style.
 */
export function clearElements(targets, options, callback) {
  const names = clearedProperties(options);
  for (const el of targets) {
    const runs = el.wxKeyframeAnimations ?? [];
    el.wxKeyframeAnimations = [];
    // What is kept of an animation becomes inline style, so the rest can be let go.
    const kept = el.wxKeyframeKept ?? new Set();
    for (const run of runs) {
      if (names) {
        run.commitStyles();
        for (const frame of run.effect.getKeyframes()) {
          for (const key of Object.keys(frame)) if (!['offset', 'computedOffset', 'easing', 'composite'].includes(key)) kept.add(kebab(key));
        }
      }
      run.cancel();
    }
    const cleared = names ? [...names].filter((name) => kept.has(name)) : [...kept];
    for (const name of cleared) kept.delete(name);
    el.wxKeyframeKept = kept;
    restoreOwnStyle(el, cleared);
  }
  if (typeof callback === 'function') setTimeout(callback);
}

/** Puts the properties `names` of `el` back to what its style attribute says. */
function restoreOwnStyle(el, names) {
  const own = document.createElement('div').style;
  own.cssText = el.wxStyle ?? '';
  for (const name of names) {
    const value = own.getPropertyValue(name);
    if (value) el.style.setProperty(name, value);
    else el.style.removeProperty(name);
  }
}
