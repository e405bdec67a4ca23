// Screens the simulator offers, in CSS px; 750 rpx are always the width.

export const DEVICES = [
  { id: 'iphone-se', name: 'iPhone SE / 8 (375×667)', width: 375, height: 667 },
  // Turned on its side: the running app hears onResize as on a phone rotated.
  { id: 'iphone-se-landscape', name: 'iPhone SE / 8, landscape (667×375)', width: 667, height: 375 },
  { id: 'iphone-14', name: 'iPhone 14 (390×844)', width: 390, height: 844 },
  { id: 'iphone-14-pro-max', name: 'iPhone 14 Pro Max (430×932)', width: 430, height: 932 },
  { id: 'pixel-7', name: 'Pixel 7 (412×915)', width: 412, height: 915 },
  { id: 'android-small', name: 'Android small (360×640)', width: 360, height: 640 },
  { id: 'ipad-mini', name: 'iPad mini (768×1024)', width: 768, height: 1024 },
];

export const deviceById = (id) => DEVICES.find((device) => device.id === id) ?? DEVICES[0];

/**
 * The running mini-program `runtime` takes `device`'s size, as a phone turned or a window
 * resized in WeChat: system info and rpx follow, then the page's components get
 * `pageLifetimes.resize`, the page `onResize`, and `wx.onWindowResize` listeners run.
 */
export const resizeTo = (runtime, device) => runtime.resize({ width: device.width, height: device.height });
