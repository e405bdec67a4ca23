import enUS from 'tdesign-miniprogram/locale/en_US';
import { logEvent } from '../../utils/event-log';

const GROUPS = [
  { index: 'B', cities: ['Baoding', 'Beihai', 'Beijing', 'Bengbu'] },
  { index: 'C', cities: ['Changchun', 'Changsha', 'Chengdu', 'Chongqing'] },
  { index: 'G', cities: ['Ganzhou', 'Guangzhou', 'Guilin', 'Guiyang'] },
  { index: 'H', cities: ['Haikou', 'Hangzhou', 'Harbin', 'Hefei'] },
  { index: 'N', cities: ['Nanchang', 'Nanjing', 'Nanning', 'Ningbo'] },
  { index: 'S', cities: ['Shanghai', 'Shenyang', 'Shenzhen', 'Suzhou'] },
  { index: 'W', cities: ['Weihai', 'Wuhan', 'Wuxi', 'Wuzhou'] },
  { index: 'X', cities: ["Xi'an", 'Xiamen', 'Xining', 'Xuzhou'] },
];

Page({
  data: {
    // The components' own words in English (t-config-provider).
    locale: enUS,
    lastEvent: '',
    groups: GROUPS,
    indexList: GROUPS.map((g) => g.index),
    scrollTop: 0,
  },
  onPageScroll({ scrollTop }) {
    this.setData({ scrollTop });
  },
  onIndexSelect(e) {
    logEvent(this, 'indexes select', e.detail);
  },
  onCityTap(e) {
    const { city } = e.currentTarget.dataset;
    getApp().globalData.city = city;
    logEvent(this, 'city', { city });
  },
  onToTop() {
    logEvent(this, 'back-top to-top');
  },
});
