const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    tip: '',
    dialogVisible: false,
    dialogButtons: [{ text: 'Keep' }, { text: 'Delete' }],
    actionsheetVisible: false,
    actions: [
      { text: 'Send to a friend', value: 'friend' },
      { text: 'Share to Moments', value: 'moments' },
      { text: 'Report', type: 'warn', value: 'report' },
    ],
    halfScreenVisible: false,
    halfScreenButtons: [
      { type: 'default', className: '', text: 'Not now', value: 0 },
      { type: 'primary', className: '', text: 'Allow', value: 1 },
    ],
    slideButtons: [{ text: 'Mark' }, { type: 'warn', text: 'Delete' }],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select(this.route);
    }
  },

  openDialog() {
    this.setData({ dialogVisible: true });
  },
  onDialogButtonTap(e) {
    this.setData({ dialogVisible: false });
    logEvent(this, 'dialog buttontap', e.detail);
  },
  onDialogClose() {
    this.setData({ dialogVisible: false });
    logEvent(this, 'dialog close');
  },
  openActionsheet() {
    this.setData({ actionsheetVisible: true });
  },
  onActionTap(e) {
    this.setData({ actionsheetVisible: false });
    logEvent(this, 'actionsheet actiontap', e.detail);
  },
  onActionsheetClose() {
    this.setData({ actionsheetVisible: false });
  },
  openHalfScreen() {
    this.setData({ halfScreenVisible: true });
  },
  onHalfScreenButtonTap(e) {
    this.setData({ halfScreenVisible: false });
    logEvent(this, 'half-screen-dialog buttontap', e.detail);
  },
  onHalfScreenClose() {
    this.setData({ halfScreenVisible: false });
  },
  openToptips() {
    this.setData({ tip: 'Saved' });
    logEvent(this, 'toptips shown', { msg: 'Saved' });
  },
  onTipHide() {
    this.setData({ tip: '' });
  },
  openToast() {
    wx.showToast({ title: 'Done', icon: 'success' });
    logEvent(this, 'toast shown');
  },
  goNavigation() {
    wx.navigateTo({ url: '/pages/navigation/navigation' });
  },
  onSlideButtonTap(e) {
    logEvent(this, 'slideview buttontap', { index: e.detail.index, text: e.detail.data && e.detail.data.text });
  },
});
