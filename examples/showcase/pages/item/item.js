import { findFruit } from '../../utils/fruits'

Page({
  data: { fruit: null, rating: 0 },

  onLoad(query) {
    const fruit = findFruit(query.id)
    const ratings = wx.getStorageSync('ratings') || {}
    this.setData({ fruit: fruit || null, rating: fruit ? ratings[fruit.id] || fruit.stars : 0 })
    if (fruit) wx.setNavigationBarTitle({ title: fruit.name })
  },

  onRate(e) {
    const ratings = wx.getStorageSync('ratings') || {}
    ratings[this.data.fruit.id] = e.detail.value
    wx.setStorageSync('ratings', ratings)
    this.setData({ rating: e.detail.value })
  }
})
