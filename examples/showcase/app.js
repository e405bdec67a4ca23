// app.js — written as for WeChat, with ES module syntax (WeChat's "ES6 to ES5").
import { FRUITS } from './utils/fruits'

App({
  onLaunch() {
    if (!wx.getStorageSync('ratings')) wx.setStorageSync('ratings', {})
    this.globalData.screenWidth = wx.getSystemInfoSync().windowWidth
  },
  globalData: {
    fruits: FRUITS,
    screenWidth: 0
  }
})
