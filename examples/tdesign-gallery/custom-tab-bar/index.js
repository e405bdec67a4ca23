// The custom tab bar WeChat draws for `"custom": true`: each tab page tells it which tab
// is current in onShow (through getTabBar()), and a tap switches tabs.
Component({
  data: {
    value: 'form',
    list: [
      { value: 'form', label: 'Form', icon: 'edit', url: '/pages/form/form' },
      { value: 'display', label: 'Display', icon: 'view-module', url: '/pages/display/display' },
      { value: 'feedback', label: 'Feedback', icon: 'notification', url: '/pages/feedback/feedback' },
      { value: 'navigation', label: 'Navigation', icon: 'compass', url: '/pages/navigation/navigation' },
    ],
  },
  methods: {
    onChange(e) {
      const { value } = e.detail;
      const tab = this.data.list.find((t) => t.value === value);
      this.setData({ value });
      wx.switchTab({ url: tab.url });
    },
    select(value) {
      this.setData({ value });
    },
  },
});
