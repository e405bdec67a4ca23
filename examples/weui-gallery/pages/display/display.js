const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    grids: [
      { imgUrl: '/images/sample.png', text: 'Orders' },
      { imgUrl: '/images/sample.png', text: 'Coupons' },
      { imgUrl: '/images/sample.png', text: 'Wallet' },
      { imgUrl: '/images/sample.png', text: 'Service' },
      { imgUrl: '/images/sample.png', text: 'Address' },
      { imgUrl: '/images/sample.png', text: 'Settings' },
    ],
    galleryVisible: false,
    images: ['/images/sample.png', '/images/tab-active.png'],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select(this.route);
    }
  },

  onCellTap(e) {
    logEvent(this, 'cell tap', { name: e.currentTarget.dataset.name });
  },
  openGallery() {
    this.setData({ galleryVisible: true });
    logEvent(this, 'gallery shown');
  },
  onGalleryChange(e) {
    logEvent(this, 'gallery change', e.detail);
  },
  onGalleryHide() {
    this.setData({ galleryVisible: false });
    logEvent(this, 'gallery hide');
  },
});
