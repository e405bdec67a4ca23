const app = getApp()

Page({
  data: {
    fruits: [],
    fruitIndex: 0,
    boxes: 1,
    delivery: 'courier',
    deliveries: [
      { value: 'courier', label: 'Courier' },
      { value: 'pickup', label: 'Pick up' }
    ],
    date: '2026-12-01',
    bell: true,
    draft: { name: '' },
    orders: []
  },

  onLoad() {
    this.setData({ fruits: app.globalData.fruits, orders: wx.getStorageSync('orders') || [] })
  },

  onName(e) {
    this.setData({ 'draft.name': e.detail.value })
  },

  onFruit(e) {
    this.setData({ fruitIndex: Number(e.detail.value) })
  },

  onBoxes(e) {
    this.setData({ boxes: e.detail.value })
  },

  onDelivery(e) {
    this.setData({ delivery: e.detail.value })
  },

  onDate(e) {
    this.setData({ date: e.detail.value })
  },

  submit(e) {
    const value = e.detail.value
    if (!value.name) {
      wx.showToast({ title: 'Name, please', icon: 'none' })
      return
    }
    const order = {
      at: Date.now(),
      name: value.name,
      fruit: this.data.fruits[value.fruit].name,
      boxes: value.boxes,
      delivery: value.delivery,
      extras: value.extras,
      bell: value.bell,
      note: value.note
    }
    const orders = [order, ...this.data.orders]
    wx.setStorageSync('orders', orders)
    this.setData({ orders })
    wx.showToast({ title: 'Ordered' })
  },

  reset() {
    this.setData({ 'draft.name': '', boxes: 1, fruitIndex: 0 })
  }
})
