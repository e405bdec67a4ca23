Page({
  data: { items: [{ id: 1, title: 'one' }, { id: 2, title: 'two' }, { id: 3, title: 'three' }] },
  onReady() {
    getApp().globalData.readyAt = Date.now()
  }
})
