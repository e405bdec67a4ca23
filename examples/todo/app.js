// app.js
App({
  onLaunch(options) {
    // 展示本地存储能力
    const logs = wx.getStorageSync('logs') || []
    logs.unshift(Date.now())
    wx.setStorageSync('logs', logs)

    this.globalData.launchOptions = options

    this.checkForUpdate()
  },

  onShow() {
    this.globalData.showCount += 1
  },

  onHide() {
    this.globalData.hideCount += 1
  },

  onError(msg) {
    console.error('[app] onError', msg)
  },

  checkForUpdate() {
    const updateManager = wx.getUpdateManager()

    updateManager.onCheckForUpdate(res => {
      // 请求完新版本信息的回调
      console.log('[app] hasUpdate', res.hasUpdate)
    })

    updateManager.onUpdateReady(() => {
      // 新版本已经下载好，应用新版本并重启
      updateManager.applyUpdate()
    })

    updateManager.onUpdateFailed(() => {
      // 新版本下载失败
      console.warn('[app] update failed')
    })
  },

  globalData: {
    launchOptions: null,
    showCount: 0,
    hideCount: 0
  }
})
