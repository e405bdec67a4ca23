// Vant's custom tab bar recipe: the tab pages call getTabBar().init() in onShow, and a
// tap switches tabs by the index the tab bar reports.
Component({
  data: {
    active: 0,
    list: [
      { icon: 'edit', text: 'Form', url: '/pages/form/form' },
      { icon: 'apps-o', text: 'Display', url: '/pages/display/display' },
      { icon: 'comment-o', text: 'Feedback', url: '/pages/feedback/feedback', info: '' },
      { icon: 'guide-o', text: 'Navigation', url: '/pages/navigation/navigation' },
    ],
  },
  methods: {
    onChange(event) {
      this.setData({ active: event.detail });
      wx.switchTab({ url: this.data.list[event.detail].url });
    },
    init() {
      const page = getCurrentPages().pop();
      this.setData({ active: this.data.list.findIndex((item) => item.url === `/${page.route}`) });
    },
  },
});
