// Vibration, the screen (brightness, kept on), the battery, the accelerometer and screen
// captures. The browser vibrates and holds a Wake Lock where it can; the rest is the
// simulated phone's: its battery, its tilt, its brightness.

import { Listeners } from '../../listeners.js';

const STILL = { x: 0, y: 0, z: -1 };

export function sensorApis(host, rules, record) {
  const { phone } = host;
  const motion = new Listeners();
  const captures = new Listeners();
  let sampling;
  let wakeLock;

  const vibrate = (api, long, kind) => {
    const [ms, named] = rules.vibration(long, kind);
    globalThis.navigator?.vibrate?.(ms);
    record.vibrations.push({ api, type: named, ms });
    return { errMsg: `${api}:ok` };
  };
  const battery = () => ({
    level: rules.batteryLevel(Number(phone.get('batteryLevel', 100))),
    isCharging: String(phone.get('batteryCharging', false)) === 'true',
    isLowPowerModeEnabled: false,
  });
  const sample = () => {
    const { x = 0, y = 0, z = 0 } = phone.get('accelerometer', STILL) ?? STILL;
    motion.emit({ x: Number(x), y: Number(y), z: Number(z) }, host.guard);
  };
  const stop = () => {
    clearInterval(sampling);
    sampling = undefined;
  };

  return {
    apis: {
      vibrateShort: ({ type } = {}) => vibrate('vibrateShort', false, type),
      vibrateLong: () => vibrate('vibrateLong', true, undefined),
      setKeepScreenOn: async ({ keepScreenOn }) => {
        record.keepScreenOn = keepScreenOn;
        if (keepScreenOn && !wakeLock) {
          // The browser may refuse (a hidden page, no permission); the screen is then
          // kept on in the simulated phone only.
          wakeLock = globalThis.navigator?.wakeLock?.request('screen').catch(() => undefined);
        } else if (!keepScreenOn && wakeLock) {
          const held = await wakeLock;
          wakeLock = undefined;
          await held?.release().catch(() => {});
        }
        return { errMsg: 'setKeepScreenOn:ok' };
      },
      getScreenBrightness: () => ({ value: Number(phone.get('screenBrightness', 0.5)), errMsg: 'getScreenBrightness:ok' }),
      setScreenBrightness: ({ value }) => {
        phone.set({ screenBrightness: rules.brightness(value) });
        return { errMsg: 'setScreenBrightness:ok' };
      },
      getBatteryInfo: () => ({ ...battery(), errMsg: 'getBatteryInfo:ok' }),
      getBatteryInfoSync: () => battery(),
      onAccelerometerChange: (listener) => motion.add(listener),
      offAccelerometerChange: (listener) => motion.remove(listener),
      startAccelerometer: ({ interval } = {}) => {
        stop();
        sampling = setInterval(sample, rules.accelerometerPeriod(interval));
        return { errMsg: 'startAccelerometer:ok' };
      },
      stopAccelerometer: () => {
        stop();
        return { errMsg: 'stopAccelerometer:ok' };
      },
      onUserCaptureScreen: (listener) => captures.add(listener),
      offUserCaptureScreen: (listener) => captures.remove(listener),
    },
    capture: () => captures.emit({}, host.guard),
  };
}
