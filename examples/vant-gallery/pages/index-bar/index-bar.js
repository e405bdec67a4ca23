const { logEvent } = require('../../utils/event-log');

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
    lastEvent: '',
    groups: GROUPS,
    indexList: GROUPS.map((g) => g.index),
  },
  onIndexSelect(event) {
    logEvent(this, 'index-bar select', event.detail);
  },
  onCityTap(event) {
    logEvent(this, 'city', { city: event.currentTarget.dataset.city });
  },
  onSubmit() {
    logEvent(this, 'submit-bar submit');
  },
});
