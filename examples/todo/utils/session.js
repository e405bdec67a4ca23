// The classic login flow on the client: wx.login, the code to our backend, the session
// id it returns kept in storage and sent with every call; a new login when the backend
// says the session expired.
const SESSION_KEY = 'session'

let backend = 'http://127.0.0.1:8081'

function setBackend(url) {
  backend = url
}

function request(path, data) {
  return new Promise((resolve, reject) => {
    wx.request({
      url: backend + path,
      data,
      success: res => resolve(res.data),
      fail: err => reject(new Error(err.errMsg))
    })
  })
}

function login() {
  return new Promise((resolve, reject) => {
    wx.login({ success: resolve, fail: err => reject(new Error(err.errMsg)) })
  })
    .then(res => request('/login', { code: res.code }))
    .then(answer => {
      if (!answer.session) throw new Error(answer.error || 'login failed')
      wx.setStorageSync(SESSION_KEY, answer.session)
      return answer.session
    })
}

function call(path, retried) {
  const session = wx.getStorageSync(SESSION_KEY)
  const ready = session ? Promise.resolve(session) : login()
  return ready
    .then(id => request(path, { session: id }))
    .then(answer => {
      if (answer.code === 'expired' && !retried) {
        wx.removeStorageSync(SESSION_KEY)
        return call(path, true)
      }
      if (answer.code !== 0) throw new Error('backend: ' + answer.code)
      return answer.data
    })
}

module.exports = { setBackend, call }
