import enUS from 'tdesign-miniprogram/locale/en_US';
import { logEvent } from '../../utils/event-log';

Page({
  data: {
    // The components' own words in English (t-config-provider).
    locale: enUS,
    lastEvent: '',
    closableTag: true,
    step: 1,
    openPanels: ['shipping'],
    gridItems: [
      { text: 'Orders', icon: 'shop' },
      { text: 'Coupons', icon: 'discount' },
      { text: 'Wallet', icon: 'wallet' },
      { text: 'Service', icon: 'service' },
    ],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select('display');
    }
  },

  onNoticeClick(e) {
    logEvent(this, 'notice-bar click', e.detail);
  },
  onTagClose(e) {
    this.setData({ closableTag: false });
    logEvent(this, 'tag close', e.detail && e.detail.type ? { type: e.detail.type } : {});
  },
  onCheckTagChange(e) {
    logEvent(this, 'check-tag change', e.detail);
  },
  onGridClick(e) {
    logEvent(this, 'grid-item click', { name: e.currentTarget.dataset.name });
  },
  onStepsChange(e) {
    this.setData({ step: e.detail.current });
    logEvent(this, 'steps change', e.detail);
  },
  onCollapseChange(e) {
    this.setData({ openPanels: e.detail.value });
    logEvent(this, 'collapse change', e.detail);
  },
});
