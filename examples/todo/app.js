// app.js
const session = require('./utils/session')

App({
  onLaunch(options) {
    // 展示本地存储能力
    const logs = wx.getStorageSync('logs') || []
    logs.unshift(Date.now())
    wx.setStorageSync('logs', logs)

    this.globalData.launchOptions = options

    this.checkForUpdate()
    this.signIn(options.query.backend)
    this.readPrefetchedTip()
  },

  // WeChat fetched the day's tip from our backend while this code loaded (wxrt.config.json's
  // backgroundFetch). It may still be on its way: read what is there, and listen.
  readPrefetchedTip() {
    const show = res => {
      this.globalData.tip = JSON.parse(res.fetchedData).tip
      this.onTip && this.onTip()
    }
    wx.onBackgroundFetchData(show)
    wx.getBackgroundFetchData({ fetchType: 'pre', success: show, fail() {} })
  },

  // Signs in through our backend (see backend/server.mjs); pages read globalData.user.
  signIn(backend) {
    if (backend) session.setBackend(backend)
    return session.call('/api/me')
      .then(user => {
        this.globalData.user = user
        this.globalData.signInError = null
        // The next prefetch identifies the user by our session instead of a login code.
        wx.setBackgroundFetchToken({ token: wx.getStorageSync('session'), fail() {} })
      })
      .catch(err => {
        this.globalData.signInError = err.message
      })
      .then(() => this.onUserChange && this.onUserChange())
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
    user: null,
    tip: '',
    signInError: null,
    launchOptions: null,
    showCount: 0,
    hideCount: 0
  }
})
