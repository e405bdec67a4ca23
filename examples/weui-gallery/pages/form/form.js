const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    error: '',
    radioItems: [
      { name: 'Small', value: 's', checked: true },
      { name: 'Large', value: 'l' },
    ],
    checkboxItems: [
      { name: 'Apple', value: 'apple', checked: true },
      { name: 'Pear', value: 'pear' },
    ],
    formData: { radio: 's', checkbox: ['apple'], name: '', mobile: '', date: '', notify: true },
    rules: [
      { name: 'name', rules: { required: true, message: 'Please enter your name' } },
      {
        name: 'mobile',
        rules: [
          { required: true, message: 'Please enter a phone number' },
          { mobile: true, message: 'That phone number is not valid' },
        ],
      },
    ],
    files: [],
  },

  onLoad() {
    // WeUI's documented way: functions handed to the components through data.
    this.setData({ search: this.search.bind(this), upload: this.uploadFile.bind(this) });
  },

  onShow() {
    if (typeof this.getTabBar === 'function' && this.getTabBar()) {
      this.getTabBar().select(this.route);
    }
  },

  search(value) {
    return new Promise((resolve) => {
      setTimeout(() => {
        resolve([
          { text: `${value} in components`, value: 1 },
          { text: `${value} in the docs`, value: 2 },
        ]);
      }, 200);
    });
  },
  onSearchInput(e) {
    logEvent(this, 'searchbar input', { value: e.detail.value });
  },
  onSelectResult(e) {
    logEvent(this, 'searchbar selectresult', e.detail);
  },

  onRadioChange(e) {
    this.setData({ 'formData.radio': e.detail.value });
    logEvent(this, 'checkbox-group change', e.detail);
  },
  onCheckboxChange(e) {
    this.setData({ 'formData.checkbox': e.detail.value });
    logEvent(this, 'checkbox-group change', e.detail);
  },
  onFieldInput(e) {
    const { field } = e.currentTarget.dataset;
    this.setData({ [`formData.${field}`]: e.detail.value });
    logEvent(this, `${field} input`, { value: e.detail.value });
  },
  onDateChange(e) {
    this.setData({ 'formData.date': e.detail.value });
    logEvent(this, 'picker change', e.detail);
  },
  onSwitchChange(e) {
    this.setData({ 'formData.notify': e.detail.value });
    logEvent(this, 'switch change', e.detail);
  },

  uploadFile(files) {
    // A real app would send files.tempFilePaths to its server; the gallery keeps them local.
    return Promise.resolve({ urls: files.tempFilePaths });
  },
  onUploadSuccess(e) {
    this.setData({ files: [...this.data.files, ...e.detail.urls.map((url) => ({ url }))] });
    logEvent(this, 'uploader success', { count: e.detail.urls.length });
  },
  onUploadFail(e) {
    logEvent(this, 'uploader fail', e.detail);
  },

  onTipsHide() {
    this.setData({ error: '' });
  },
  submitForm() {
    this.selectComponent('#form').validate((valid, errors) => {
      if (!valid) {
        const firstError = Object.keys(errors);
        if (firstError.length) {
          this.setData({ error: errors[firstError[0]].message });
          logEvent(this, 'form invalid', { message: errors[firstError[0]].message });
        }
      } else {
        logEvent(this, 'form valid', this.data.formData);
      }
    });
  },
});
