import Toast from '@vant/weapp/toast/toast';
import Dialog from '@vant/weapp/dialog/dialog';

// Vant's own docs import; CommonJS code requires the same module and takes `.default`.
const Notify = require('@vant/weapp/notify/notify').default;
const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    actionSheetVisible: false,
    actions: [{ name: 'Send to a friend' }, { name: 'Share to Moments' }, { name: 'Copy the link', subname: 'anyone can open it' }],
    shareSheetVisible: false,
    shareOptions: [
      { name: 'WeChat', icon: 'wechat' },
      { name: 'Moments', icon: 'wechat-moments' },
      { name: 'Link', icon: 'link' },
      { name: 'QR code', icon: 'qrcode' },
    ],
    popupVisible: false,
    overlayVisible: false,
    fadeShown: false,
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().init();
    }
  },

  showToast() {
    Toast.success('Saved');
    logEvent(this, 'toast shown', 'Saved');
  },
  showLoadingToast() {
    Toast.loading({ message: 'Loading…', forbidClick: true, duration: 1000 });
    logEvent(this, 'loading toast shown');
  },
  showDialog() {
    Dialog.confirm({ title: 'Delete the draft?', message: 'It cannot be recovered.', confirmButtonText: 'Delete', cancelButtonText: 'Keep' })
      .then(() => logEvent(this, 'dialog confirm'))
      .catch(() => logEvent(this, 'dialog cancel'));
  },
  showNotify() {
    Notify({ type: 'primary', message: 'Three new messages' });
    logEvent(this, 'notify shown', 'Three new messages');
  },

  showActionSheet() {
    this.setData({ actionSheetVisible: true });
  },
  hideActionSheet() {
    this.setData({ actionSheetVisible: false });
  },
  onActionSelect(event) {
    this.setData({ actionSheetVisible: false });
    logEvent(this, 'action-sheet select', event.detail);
  },
  showShareSheet() {
    this.setData({ shareSheetVisible: true });
  },
  hideShareSheet() {
    this.setData({ shareSheetVisible: false });
  },
  onShareSelect(event) {
    this.setData({ shareSheetVisible: false });
    logEvent(this, 'share-sheet select', event.detail);
  },
  showPopup() {
    this.setData({ popupVisible: true });
  },
  hidePopup() {
    this.setData({ popupVisible: false });
    logEvent(this, 'popup close');
  },
  showOverlay() {
    this.setData({ overlayVisible: true });
  },
  hideOverlay() {
    this.setData({ overlayVisible: false });
    logEvent(this, 'overlay click');
  },
  toggleTransition() {
    this.setData({ fadeShown: !this.data.fadeShown });
  },

  onSwipeOpen(event) {
    logEvent(this, 'swipe-cell open', event.detail);
  },
  onSwipeClick(event) {
    logEvent(this, 'swipe-cell click', event.detail);
  },
  onSwipeClose(event) {
    const { position, name } = event.detail;
    logEvent(this, 'swipe-cell close', { position, name });
    event.detail.instance.close();
  },
});
