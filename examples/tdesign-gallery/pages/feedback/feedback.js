import enUS from 'tdesign-miniprogram/locale/en_US';
import Toast from 'tdesign-miniprogram/toast/index';
import Dialog from 'tdesign-miniprogram/dialog/index';
import Message from 'tdesign-miniprogram/message/index';
import ActionSheet, { ActionSheetTheme } from 'tdesign-miniprogram/action-sheet/index';
import { logEvent } from '../../utils/event-log';

Page({
  data: {
    // The components' own words in English (t-config-provider).
    locale: enUS,
    lastEvent: '',
    popupVisible: false,
    drawerVisible: false,
    overlayVisible: false,
    swipeActions: [
      { text: 'Mark read', className: 'swipe-read', style: 'background-color: #0052d9; color: #fff;' },
      { text: 'Delete', className: 'swipe-delete-action', style: 'background-color: #e34d59; color: #fff;' },
    ],
    drawerItems: [{ title: 'Inbox' }, { title: 'Starred' }, { title: 'Archive' }],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select('feedback');
    }
  },

  showToast() {
    Toast({ context: this, selector: '#t-toast', message: 'Saved', theme: 'success', direction: 'column' });
    logEvent(this, 'toast shown', { message: 'Saved' });
  },
  showDialog() {
    Dialog.confirm({
      context: this,
      title: 'Delete the draft?',
      content: 'It cannot be recovered.',
      confirmBtn: 'Delete',
      cancelBtn: 'Keep',
    })
      .then(() => logEvent(this, 'dialog confirm'))
      .catch(() => logEvent(this, 'dialog cancel'));
  },
  showMessage() {
    Message.info({ context: this, offset: [20, 32], duration: 3000, content: 'Three new messages' });
    logEvent(this, 'message shown', { content: 'Three new messages' });
  },
  showActionSheet() {
    ActionSheet.show({
      theme: ActionSheetTheme.List,
      selector: '#t-action-sheet',
      context: this,
      description: 'Share the page',
      cancelText: 'Cancel',
      items: ['Send to a friend', 'Share to Moments', 'Copy the link'],
    });
  },
  onActionSelected(e) {
    logEvent(this, 'action-sheet selected', e.detail);
  },
  onActionCancel() {
    logEvent(this, 'action-sheet cancel');
  },

  showPopup() {
    this.setData({ popupVisible: true });
  },
  hidePopup() {
    this.setData({ popupVisible: false });
  },
  onPopupVisibleChange(e) {
    this.setData({ popupVisible: e.detail.visible });
    logEvent(this, 'popup visible-change', e.detail);
  },
  showDrawer() {
    this.setData({ drawerVisible: true });
  },
  hideDrawer() {
    this.setData({ drawerVisible: false });
  },
  onDrawerItemClick(e) {
    this.setData({ drawerVisible: false });
    logEvent(this, 'drawer item-click', { index: e.detail.index, title: e.detail.item.title });
  },
  showOverlay() {
    this.setData({ overlayVisible: true });
  },
  hideOverlay() {
    this.setData({ overlayVisible: false });
    logEvent(this, 'overlay click');
  },

  onSwipeClick(e) {
    logEvent(this, 'swipe-cell click', { text: e.detail.text });
  },
  onDeleteOrder(e) {
    logEvent(this, 'swipe delete', { name: e.currentTarget.dataset.name });
  },
  onFabClick() {
    logEvent(this, 'fab click');
  },
});
