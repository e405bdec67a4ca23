const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    tab: 'recommended',
    sort: 'newest',
    sortOptions: [
      { text: 'Newest', value: 'newest' },
      { text: 'Price', value: 'price' },
      { text: 'Rating', value: 'rating' },
    ],
    status: 'all',
    statusOptions: [
      { text: 'All', value: 'all' },
      { text: 'Open', value: 'open' },
      { text: 'Closed', value: 'closed' },
    ],
    categories: [
      { title: 'Fruit', text: 'Apples, pears and grapes' },
      { title: 'Vegetables', text: 'Greens picked this morning', badge: '5' },
      { title: 'Dairy', text: 'Milk, yoghurt and cheese' },
    ],
    category: 0,
    treeItems: [
      {
        text: 'Zhejiang',
        children: [
          { text: 'Hangzhou', id: 1 },
          { text: 'Ningbo', id: 2 },
        ],
      },
      {
        text: 'Jiangsu',
        children: [
          { text: 'Nanjing', id: 3 },
          { text: 'Suzhou', id: 4 },
        ],
      },
    ],
    treeNav: 0,
    treeActive: 1,
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().init();
    }
  },

  onClickLeft() {
    logEvent(this, 'nav-bar click-left');
    wx.navigateTo({ url: '/pages/index-bar/index-bar' });
  },
  onClickRight() {
    logEvent(this, 'nav-bar click-right');
  },
  onStickyScroll(event) {
    if (event.detail.isFixed !== this.data.stickyFixed) {
      this.setData({ stickyFixed: event.detail.isFixed });
    }
  },
  onTabsChange(event) {
    const { index, name, title } = event.detail;
    this.setData({ tab: name });
    logEvent(this, 'tabs change', { index, name, title });
  },
  onSortChange(event) {
    this.setData({ sort: event.detail });
    logEvent(this, 'dropdown-item change', event.detail);
  },
  onStatusChange(event) {
    this.setData({ status: event.detail });
    logEvent(this, 'dropdown-item change', event.detail);
  },
  onSidebarChange(event) {
    this.setData({ category: event.detail });
    logEvent(this, 'sidebar change', event.detail);
  },
  onClickNav(event) {
    this.setData({ treeNav: event.detail.index || 0 });
    logEvent(this, 'tree-select click-nav', event.detail);
  },
  onClickItem(event) {
    const { id } = event.detail;
    this.setData({ treeActive: this.data.treeActive === id ? null : id });
    logEvent(this, 'tree-select click-item', event.detail);
  },
  onGoodsAction(event) {
    logEvent(this, 'goods-action click', { name: event.currentTarget.dataset.name });
  },
});
