// `Tool.native`: what a tester does to WeChat's own UI. wxrt draws that UI itself (modals,
// action sheets, permission dialogs, the cashier, the share card), so each method presses
// the button a user would press there; with nothing of the kind open it fails, saying so.

/** Clicks the last open element matching `selector`, or fails with `what`. */
function press(selector, what) {
  const button = [...document.querySelectorAll(selector)].at(-1);
  if (!button) throw new Error(`no ${what} is open`);
  button.click();
  return {};
}

export function nativeMethods({ handle, wx }) {
  const route = (method, url) => new Promise((resolve, reject) => {
    wx[method]({ url, success: () => resolve({}), fail: (e) => reject(new Error(String(e.errMsg).replace(`${method}:fail `, ''))) });
  });
  const NATIVE = {
    // The capsule's home button: the app's first page, the stack emptied.
    goHome: () => route('reLaunch', `/${handle.routes()[0]}`),
    // The navigation bar's back button (it may ask first: wx.enableAlertBeforeUnload).
    navigateLeft: async () => {
      await handle.userBack(1);
      return {};
    },
    switchTab: (data) => route('switchTab', data?.url),
    confirmModal: () => press('.wxrt-modal .wxrt-modal-confirm', 'modal'),
    cancelModal: () => press('.wxrt-modal .wxrt-modal-cancel, .wxrt-items .wxrt-cancel', 'modal or action sheet'),
    authorizeAllow: () => press('.wxrt-authorize button[data-value="true"]', 'authorization dialog'),
    authorizeCancel: () => press('.wxrt-authorize button[data-value="false"]', 'authorization dialog'),
    closePaymentDialog: () => press('.wxrt-cashier button[data-value="cancel"]', 'payment dialog'),
    // The share card is what was sent; leaving the capsule menu shares nothing.
    shareConfirm: () => press('.wxrt-share-card .wxrt-back', 'share dialog'),
    shareCancel: () => press('.wxrt-capsule-menu .wxrt-cancel, .wxrt-share-card .wxrt-back', 'share dialog'),
  };
  return {
    'Tool.native'({ method, data }) {
      if (!Object.hasOwn(NATIVE, method)) throw new Error(`Tool.native ${method} unimplemented`);
      return NATIVE[method](data);
    },
  };
}
