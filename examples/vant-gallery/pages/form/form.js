const { logEvent } = require('../../utils/event-log');

function formatDay(timestamp) {
  const d = new Date(timestamp);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

Page({
  data: {
    lastEvent: '',
    keyword: '',
    name: '',
    fruits: ['apple'],
    fruitOptions: [
      { name: 'apple', label: 'Apple' },
      { name: 'pear', label: 'Pear' },
      { name: 'grape', label: 'Grape' },
    ],
    size: 'm',
    agreed: false,
    notify: true,
    quantity: 1,
    rating: 3,
    volume: 40,
    cityVisible: false,
    city: '',
    cities: ['Beijing', 'Shanghai', 'Guangzhou', 'Shenzhen', 'Chengdu'],
    dateVisible: false,
    date: new Date(2025, 5, 1).getTime(),
    minDate: new Date(2024, 0, 1).getTime(),
    dateText: '',
    calendarVisible: false,
    calendarText: '',
    cascaderVisible: false,
    area: '',
    areaText: '',
    areaOptions: [
      {
        text: 'Guangdong',
        value: '440000',
        children: [
          { text: 'Guangzhou', value: '440100' },
          { text: 'Shenzhen', value: '440300' },
        ],
      },
      {
        text: 'Zhejiang',
        value: '330000',
        children: [
          { text: 'Hangzhou', value: '330100' },
          { text: 'Ningbo', value: '330200' },
        ],
      },
    ],
    fileList: [],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().init();
    }
  },

  onSearchChange(event) {
    this.setData({ keyword: event.detail });
    logEvent(this, 'search change', event.detail);
  },
  onSearch(event) {
    logEvent(this, 'search search', event.detail);
  },
  onNameChange(event) {
    this.setData({ name: event.detail });
    logEvent(this, 'field change', event.detail);
  },
  onPhoneChange(event) {
    logEvent(this, 'phone change', event.detail);
  },
  onMessageChange(event) {
    logEvent(this, 'textarea change', event.detail);
  },
  onFruitsChange(event) {
    this.setData({ fruits: event.detail });
    logEvent(this, 'checkbox-group change', event.detail);
  },
  onSizeChange(event) {
    this.setData({ size: event.detail });
    logEvent(this, 'radio-group change', event.detail);
  },
  onAgreeChange(event) {
    this.setData({ agreed: event.detail });
    logEvent(this, 'checkbox change', event.detail);
  },
  onNotifyChange(event) {
    this.setData({ notify: event.detail });
    logEvent(this, 'switch change', event.detail);
  },
  onQuantityChange(event) {
    this.setData({ quantity: event.detail });
    logEvent(this, 'stepper change', event.detail);
  },
  onRatingChange(event) {
    this.setData({ rating: event.detail });
    logEvent(this, 'rate change', event.detail);
  },
  onVolumeChange(event) {
    this.setData({ volume: event.detail });
    logEvent(this, 'slider change', event.detail);
  },

  showCityPicker() {
    this.setData({ cityVisible: true });
  },
  hideCityPicker() {
    this.setData({ cityVisible: false });
  },
  onCityChange(event) {
    const { value, index } = event.detail;
    logEvent(this, 'picker change', { value, index });
  },
  onCityConfirm(event) {
    const { value, index } = event.detail;
    this.setData({ cityVisible: false, city: value });
    logEvent(this, 'picker confirm', { value, index });
  },
  showDatePicker() {
    this.setData({ dateVisible: true });
  },
  hideDatePicker() {
    this.setData({ dateVisible: false });
  },
  onDateConfirm(event) {
    this.setData({ dateVisible: false, date: event.detail, dateText: formatDay(event.detail) });
    logEvent(this, 'datetime-picker confirm', formatDay(event.detail));
  },
  showCalendar() {
    this.setData({ calendarVisible: true });
  },
  hideCalendar() {
    this.setData({ calendarVisible: false });
  },
  onCalendarConfirm(event) {
    const text = formatDay(event.detail);
    this.setData({ calendarVisible: false, calendarText: text });
    logEvent(this, 'calendar confirm', text);
  },
  showCascader() {
    this.setData({ cascaderVisible: true });
  },
  hideCascader() {
    this.setData({ cascaderVisible: false });
  },
  onAreaFinish(event) {
    const { value, selectedOptions } = event.detail;
    const labels = selectedOptions.map((option) => option.text);
    this.setData({ cascaderVisible: false, area: value, areaText: labels.join(' / ') });
    logEvent(this, 'cascader finish', { value, labels });
  },

  afterRead(event) {
    const { file } = event.detail;
    this.setData({ fileList: [...this.data.fileList, { url: file.url, name: 'photo' }] });
    logEvent(this, 'uploader after-read', { type: file.type, size: file.size });
  },
  onDeleteFile(event) {
    const fileList = this.data.fileList.slice();
    fileList.splice(event.detail.index, 1);
    this.setData({ fileList });
    logEvent(this, 'uploader delete', { index: event.detail.index });
  },

  onSubmit() {
    const { name, fruits, size, agreed, notify, quantity, rating } = this.data;
    logEvent(this, 'submit', { name, fruits, size, agreed, notify, quantity, rating });
  },
});
