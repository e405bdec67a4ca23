Page({
  data: { name: '', on: false },
  onName(e) { this.setData({ name: e.detail.value }); },
  onSwitch(e) { this.setData({ on: e.detail.value }); },
});
