// WeUI's tab bar as the custom tab bar of `"custom": true`: tab pages name the current
// tab in onShow through getTabBar(); a tap switches tabs.
const PAGES = ['/pages/form/form', '/pages/display/display', '/pages/feedback/feedback'];

Component({
  data: {
    current: 0,
    list: [
      { text: 'Form', iconPath: '/images/tab.png', selectedIconPath: '/images/tab-active.png' },
      { text: 'Display', iconPath: '/images/tab.png', selectedIconPath: '/images/tab-active.png', badge: 'New' },
      { text: 'Feedback', iconPath: '/images/tab.png', selectedIconPath: '/images/tab-active.png', dot: true },
    ],
  },
  methods: {
    onChange(e) {
      const { index } = e.detail;
      this.setData({ current: index });
      wx.switchTab({ url: PAGES[index] });
    },
    select(route) {
      this.setData({ current: PAGES.indexOf(`/${route}`) });
    },
  },
});
