const app = getApp()

Page({
  data: {
    title: 'Fresh today',
    fruits: [],
    shown: [],
    filter: '',
    ratings: {},
    banners: ['Cherries are in season', 'Two bananas for one', 'Durian: ask us first'],
    refreshedAt: ''
  },

  onLoad() {
    const fruits = app.globalData.fruits
    this.setData({ fruits, shown: fruits, ratings: wx.getStorageSync('ratings') || {} })
  },

  onShow() {
    this.setData({ ratings: wx.getStorageSync('ratings') || {} })
  },

  onFilter(e) {
    const filter = e.detail.value
    const needle = filter.trim().toLowerCase()
    this.setData({
      filter,
      shown: this.data.fruits.filter(fruit => fruit.name.toLowerCase().includes(needle))
    })
  },

  onRate(e) {
    const id = e.currentTarget.dataset.id
    const ratings = { ...this.data.ratings, [id]: e.detail.value }
    wx.setStorageSync('ratings', ratings)
    this.setData({ [`ratings.${id}`]: e.detail.value })
  },

  openFruit(e) {
    wx.navigateTo({ url: `/pages/item/item?id=${e.currentTarget.dataset.id}` })
  },

  onPullDownRefresh() {
    this.setData({ refreshedAt: new Date().toLocaleTimeString() })
    wx.stopPullDownRefresh()
  }
})
