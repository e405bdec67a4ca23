import Toast from 'tdesign-miniprogram/toast/index';

Page({
  data: { count: 0 },
  onTap() {
    this.setData({ count: this.data.count + 1 });
    Toast({ context: this, selector: '#t-toast', message: `tapped ${this.data.count}` });
  },
});
