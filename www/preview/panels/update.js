// Update: plan what the next cold start's update check reports, cold-start now, and apply
// an update that is ready through the app's own update manager.

import { $, throttled } from '../dom.js';

const PLANS = { ready: 'a new version, ready (onUpdateReady)', failed: 'a new version that fails to download (onUpdateFailed)' };

function lastCheckText(check) {
  if (!check) return 'No check yet.';
  if (!check.hasUpdate) return 'Last check: no update.';
  return `Last check: update, ${check.ready ? 'ready' : 'failed'}.`;
}

export function updatePanel(rt) {
  const draw = () => {
    const { planned, lastCheck } = rt.updateStatus();
    $('update-status').textContent = `Next cold start: ${PLANS[planned] ?? 'compares the code with the version this browser last ran'}. ${lastCheckText(lastCheck)}`;
  };
  const attempt = async (call) => {
    $('update-error').textContent = '';
    try {
      await call();
    } catch (error) {
      $('update-error').textContent = error.errMsg ?? error.message;
    }
    draw();
  };
  $('update-ready').addEventListener('click', () => attempt(() => rt.simulateUpdate('ready')));
  $('update-failed').addEventListener('click', () => attempt(() => rt.simulateUpdate('failed')));
  $('update-restart').addEventListener('click', () => attempt(() => rt.restart()));
  $('update-apply').addEventListener('click', () => attempt(() => rt.wx.getUpdateManager().applyUpdate()));
  rt.watch(throttled(draw));
  draw();
}
