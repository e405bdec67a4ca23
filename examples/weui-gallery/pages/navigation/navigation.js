const { logEvent } = require('../../utils/event-log');

Page({
  data: {
    lastEvent: '',
    loading: false,
  },
  toggleLoading() {
    this.setData({ loading: !this.data.loading });
    logEvent(this, 'loading', { loading: this.data.loading });
  },
  onBack(e) {
    logEvent(this, 'navigation-bar back', e.detail);
  },
});
