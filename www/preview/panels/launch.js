// Launch and lifecycle: relaunch with chosen launch options (a cold start of the preview
// with them in its URL, as a fresh open of the app), the app's life events, and the live
// list of hook calls.

import { $, durationText, h, throttled } from '../dom.js';
import { SCENES } from '../scenes.js';
import { LAUNCH_PARAMS, launchSearch } from '../../launch-search.js';

/** The preview URL's query for `launch`, keeping the options that are not the launch's. */
function relaunchSearch(current, launch) {
  const params = new URLSearchParams(launchSearch(launch));
  for (const [name, value] of new URLSearchParams(current)) {
    if (!LAUNCH_PARAMS.includes(name)) params.append(name, value);
  }
  return `?${params}`;
}

function fillLaunchForm(rt) {
  const options = rt.launchOptions() ?? {};
  $('launch-path').replaceChildren(...rt.routes().map((route) => h('option', { value: route, textContent: route })));
  $('launch-path').value = options.path ?? rt.routes()[0];
  $('launch-query').value = new URLSearchParams(options.query ?? {}).toString();
  const scenes = SCENES.some(([value]) => value === options.scene) ? SCENES : [[options.scene, '(from the launch URL)'], ...SCENES];
  $('launch-scene').replaceChildren(...scenes.map(([value, name]) => h('option', { value: String(value), textContent: `${value} ${name}` })));
  $('launch-scene').value = String(options.scene ?? 1001);
  $('launch-referrer').value = options.referrerInfo?.appId ?? '';
  $('launch-extra').value = options.referrerInfo?.extraData === undefined ? '' : JSON.stringify(options.referrerInfo.extraData);
}

const describeHook = ({ target, hook, arg }) => `${target}.${hook}(${arg === undefined ? '' : JSON.stringify(arg)})`;

export function launchPanel(rt, { relaunch }) {
  fillLaunchForm(rt);
  $('launch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const extra = $('launch-extra').value.trim();
    let extraData;
    try {
      extraData = extra ? JSON.parse(extra) : undefined;
    } catch (error) {
      $('launch-error').textContent = `extraData is not JSON: ${error.message}`;
      return;
    }
    relaunch(relaunchSearch(location.search, {
      path: $('launch-path').value,
      query: $('launch-query').value.trim() || undefined,
      scene: $('launch-scene').value,
      referrerInfo: { appId: $('launch-referrer').value.trim() || undefined, extraData },
    }));
  });
  const destroyAfter = rt.destroyAfterMs();
  $('life-note').textContent = `Hidden for ${durationText(destroyAfter)} the app is destroyed; "Destroy after background" hides it and moves the clock that far. Foreground then cold-starts it.`;
  $('life-background').addEventListener('click', () => rt.background());
  $('life-foreground').addEventListener('click', () => rt.foreground());
  $('life-destroy').addEventListener('click', async () => {
    await rt.background();
    await rt.advanceClock(rt.destroyAfterMs());
  });
  $('life-memory').addEventListener('click', () => rt.memoryWarning(Number($('life-memory-level').value)));

  let shown = 0;
  const draw = () => {
    const hooks = rt.hooks();
    if (hooks.length < shown) {
      $('hook-list').replaceChildren();
      shown = 0;
    }
    $('hook-list').append(...hooks.slice(shown).map((entry) => h('li', {}, describeHook(entry))));
    shown = hooks.length;
  };
  rt.watch(throttled(draw));
  draw();
  return { draw };
}
