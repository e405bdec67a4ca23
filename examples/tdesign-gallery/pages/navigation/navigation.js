import enUS from 'tdesign-miniprogram/locale/en_US';
import { logEvent } from '../../utils/event-log';

const CATEGORIES = [
  { value: 0, label: 'Fruit', text: 'Apples, pears and grapes' },
  { value: 1, label: 'Vegetables', text: 'Greens picked this morning' },
  { value: 2, label: 'Dairy', text: 'Milk, yoghurt and cheese' },
];

Page({
  data: {
    // The components' own words in English (t-config-provider).
    locale: enUS,
    lastEvent: '',
    tab: 'recommended',
    sort: 'newest',
    sortOptions: [
      { value: 'newest', label: 'Newest' },
      { value: 'price', label: 'Price' },
      { value: 'rating', label: 'Rating' },
    ],
    status: 'all',
    statusOptions: [
      { value: 'all', label: 'All' },
      { value: 'open', label: 'Open' },
      { value: 'closed', label: 'Closed' },
    ],
    categories: CATEGORIES,
    category: 0,
    categoryText: CATEGORIES[0].text,
    city: '',
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select('navigation');
    }
    const { city } = getApp().globalData;
    if (city) this.setData({ city });
  },

  onTabsChange(e) {
    this.setData({ tab: e.detail.value });
    logEvent(this, 'tabs change', e.detail);
  },
  onSortChange(e) {
    this.setData({ sort: e.detail.value });
    logEvent(this, 'dropdown-item change', e.detail);
  },
  onStatusChange(e) {
    this.setData({ status: e.detail.value });
    logEvent(this, 'dropdown-item change', e.detail);
  },
  onSideBarChange(e) {
    const { value } = e.detail;
    this.setData({ category: value, categoryText: CATEGORIES[value].text });
    logEvent(this, 'side-bar change', e.detail);
  },
  openCity() {
    wx.navigateTo({ url: '/pages/city/city' });
  },
});
