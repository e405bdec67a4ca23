// What a page keeps of its window: the navigation bar's spinner, the home button, the
// background colours and text style, the alert before unload. Kept in the page's window
// (MiniProgram.pageWindowOf), which the workbench draws.

import { choose } from '../ui.js';

export function windowApis(host, rules, { windowOf, changeWindow }) {
  const set = (api, change) => (options) => {
    changeWindow(change(options ?? {}));
    return { errMsg: `${api}:ok` };
  };

  /**
   * The user leaves the page by the back button or key: WeChat asks first when the page
   * enabled the alert (a modal of its message, 取消 stays, 确定 leaves). Resolves whether
   * the page was left. wx.navigateBack called by the code itself is not asked about.
   */
  const userBack = async (delta = 1) => {
    const message = windowOf().alertBeforeUnload;
    if (message) {
      const leave = await choose({ className: 'wxrt-unload-alert', text: message, sheet: false, buttons: [{ text: '取消', value: false }, { text: '确定', value: true, primary: true }] });
      if (!leave) return false;
    }
    await host.program()?.wx.navigateBack({ delta });
    return true;
  };

  return {
    apis: {
      showNavigationBarLoading: set('showNavigationBarLoading', () => ({ navigationBarLoading: true })),
      hideNavigationBarLoading: set('hideNavigationBarLoading', () => ({ navigationBarLoading: false })),
      hideHomeButton: set('hideHomeButton', () => ({ homeButton: false })),
      setBackgroundColor: set('setBackgroundColor', ({ backgroundColor, backgroundColorTop, backgroundColorBottom }) => {
        const change = {};
        if (backgroundColor !== undefined) change.backgroundColor = backgroundColor;
        if (backgroundColorTop !== undefined) change.backgroundColorTop = backgroundColorTop;
        if (backgroundColorBottom !== undefined) change.backgroundColorBottom = backgroundColorBottom;
        return change;
      }),
      setBackgroundTextStyle: set('setBackgroundTextStyle', ({ textStyle }) => ({ backgroundTextStyle: rules.backgroundTextStyle(textStyle) })),
      enableAlertBeforeUnload: set('enableAlertBeforeUnload', ({ message }) => ({ alertBeforeUnload: message })),
      disableAlertBeforeUnload: set('disableAlertBeforeUnload', () => ({ alertBeforeUnload: undefined })),
    },
    userBack,
  };
}
