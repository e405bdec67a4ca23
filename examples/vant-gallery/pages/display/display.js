const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    closableTag: true,
    gridItems: [
      { text: 'Orders', icon: 'orders-o', badge: '3' },
      { text: 'Coupons', icon: 'coupon-o' },
      { text: 'Wallet', icon: 'balance-o' },
      { text: 'Service', icon: 'service-o' },
    ],
    steps: [
      { text: 'Ordered', desc: '10:20' },
      { text: 'Paid', desc: '10:24' },
      { text: 'Shipped' },
      { text: 'Delivered' },
    ],
    step: 1,
    openPanels: ['shipping'],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().init();
    }
  },

  onNoticeClose() {
    logEvent(this, 'notice-bar close');
  },
  onTagClose() {
    this.setData({ closableTag: false });
    logEvent(this, 'tag close');
  },
  onGridClick(event) {
    logEvent(this, 'grid-item click', { name: event.currentTarget.dataset.name });
  },
  onClickStep(event) {
    this.setData({ step: event.detail });
    logEvent(this, 'steps click-step', event.detail);
  },
  onCollapseChange(event) {
    this.setData({ openPanels: event.detail });
    logEvent(this, 'collapse change', event.detail);
  },
});
