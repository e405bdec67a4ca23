import enUS from 'tdesign-miniprogram/locale/en_US';
import { logEvent } from '../../utils/event-log';

Page({
  data: {
    // The components' own words (picker buttons, calendar weekdays, month names) in English.
    locale: enUS,
    lastEvent: '',
    keyword: '',
    name: '',
    fruits: ['apple'],
    fruitOptions: [
      { value: 'apple', label: 'Apple' },
      { value: 'pear', label: 'Pear' },
      { value: 'grape', label: 'Grape' },
    ],
    size: 'm',
    sizeOptions: [
      { value: 's', label: 'Small' },
      { value: 'm', label: 'Medium' },
      { value: 'l', label: 'Large' },
    ],
    notify: true,
    quantity: 1,
    rating: 3,
    volume: 40,
    cityVisible: false,
    cityValue: [],
    cityText: '',
    cities: [
      { label: 'Beijing', value: 'beijing' },
      { label: 'Shanghai', value: 'shanghai' },
      { label: 'Guangzhou', value: 'guangzhou' },
      { label: 'Shenzhen', value: 'shenzhen' },
      { label: 'Chengdu', value: 'chengdu' },
    ],
    dateVisible: false,
    date: '2025-06-01',
    calendarVisible: false,
    calendarMin: new Date(2025, 5, 1).getTime(),
    calendarMax: new Date(2025, 6, 31).getTime(),
    calendarValue: new Date(2025, 5, 1).getTime(),
    calendarText: '',
    cascaderVisible: false,
    area: '',
    areaText: '',
    areaOptions: [
      {
        label: 'Guangdong',
        value: '440000',
        children: [
          { label: 'Guangzhou', value: '440100' },
          { label: 'Shenzhen', value: '440300' },
        ],
      },
      {
        label: 'Zhejiang',
        value: '330000',
        children: [
          { label: 'Hangzhou', value: '330100' },
          { label: 'Ningbo', value: '330200' },
        ],
      },
    ],
    files: [],
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select('form');
    }
  },

  onSearchChange(e) {
    this.setData({ keyword: e.detail.value });
    logEvent(this, 'search change', e.detail);
  },
  onSearchSubmit(e) {
    logEvent(this, 'search submit', e.detail);
  },
  onNameChange(e) {
    this.setData({ name: e.detail.value });
    logEvent(this, 'input change', e.detail);
  },
  onPhoneChange(e) {
    logEvent(this, 'phone change', e.detail);
  },
  onNoteChange(e) {
    logEvent(this, 'textarea change', e.detail);
  },
  onFruitsChange(e) {
    this.setData({ fruits: e.detail.value });
    logEvent(this, 'checkbox-group change', { value: e.detail.value });
  },
  onSizeChange(e) {
    this.setData({ size: e.detail.value });
    logEvent(this, 'radio-group change', e.detail);
  },
  onNotifyChange(e) {
    this.setData({ notify: e.detail.value });
    logEvent(this, 'switch change', e.detail);
  },
  onQuantityChange(e) {
    this.setData({ quantity: e.detail.value });
    logEvent(this, 'stepper change', e.detail);
  },
  onRatingChange(e) {
    this.setData({ rating: e.detail.value });
    logEvent(this, 'rate change', e.detail);
  },
  onVolumeChange(e) {
    this.setData({ volume: e.detail.value });
    logEvent(this, 'slider change', e.detail);
  },

  showCityPicker() {
    this.setData({ cityVisible: true });
  },
  hideCityPicker() {
    this.setData({ cityVisible: false });
  },
  onCityConfirm(e) {
    const { value, label } = e.detail;
    this.setData({ cityVisible: false, cityValue: value, cityText: label.join(' ') });
    logEvent(this, 'picker confirm', { value, label });
  },
  showDatePicker() {
    this.setData({ dateVisible: true });
  },
  hideDatePicker() {
    this.setData({ dateVisible: false });
  },
  onDateConfirm(e) {
    this.setData({ dateVisible: false, date: e.detail.value });
    logEvent(this, 'date-time-picker confirm', e.detail);
  },
  showCalendar() {
    this.setData({ calendarVisible: true });
  },
  hideCalendar() {
    this.setData({ calendarVisible: false });
  },
  onCalendarConfirm(e) {
    const day = new Date(e.detail.value);
    const text = `${day.getFullYear()}-${day.getMonth() + 1}-${day.getDate()}`;
    this.setData({ calendarVisible: false, calendarValue: e.detail.value, calendarText: text });
    logEvent(this, 'calendar confirm', e.detail);
  },
  showCascader() {
    this.setData({ cascaderVisible: true });
  },
  hideCascader() {
    this.setData({ cascaderVisible: false });
  },
  onAreaChange(e) {
    const { value, selectedOptions } = e.detail;
    this.setData({ area: value, areaText: selectedOptions.map((o) => o.label).join(' / ') });
    logEvent(this, 'cascader change', { value, labels: selectedOptions.map((o) => o.label) });
  },

  onUploadAdd(e) {
    const { files } = e.detail;
    this.setData({ files: [...this.data.files, ...files] });
    logEvent(this, 'upload add', { count: files.length });
  },
  onUploadRemove(e) {
    const { index } = e.detail;
    const files = this.data.files.slice();
    files.splice(index, 1);
    this.setData({ files });
    logEvent(this, 'upload remove', { index });
  },

  onSubmit() {
    const { name, fruits, size, notify, quantity, rating } = this.data;
    logEvent(this, 'submit', { name, fruits, size, notify, quantity, rating });
  },
});
