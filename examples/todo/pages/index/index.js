// index.js
const todos = require('../../utils/todos.js')

const app = getApp()

const countRemaining = list => list.filter(todo => !todo.done).length

Page({
  data: {
    todos: [],
    draft: '',
    remaining: 0,
    user: '',
    tip: ''
  },

  onLoad() {
    console.log('[index] launched with', app.globalData.launchOptions)
    this.loadTodos()
    this.showUser()
    app.onUserChange = () => this.showUser()
    this.showTip()
    app.onTip = () => this.showTip()
  },

  showTip() {
    this.setData({ tip: app.globalData.tip })
  },

  showUser() {
    const { user, signInError } = app.globalData
    this.setData({ user: user ? user.openid : signInError ? 'not signed in: ' + signInError : 'signing in…' })
  },

  onShow() {
    // the detail page may have toggled or removed a todo
    this.loadTodos()
  },

  loadTodos() {
    const list = todos.list()
    this.setData({
      todos: list,
      remaining: countRemaining(list)
    })
  },

  onDraftInput(e) {
    this.setData({
      draft: e.detail.value
    })
  },

  addTodo() {
    const title = this.data.draft.trim()
    if (!title) return

    todos.add(title)
    this.setData({ draft: '' })
    this.loadTodos()
  },

  toggleTodo(e) {
    const { id } = e.currentTarget.dataset
    const index = this.data.todos.findIndex(todo => todo.id === Number(id))
    if (index < 0) return

    const { done } = this.data.todos[index]
    todos.toggle(id)
    const remaining = this.data.remaining + (done ? 1 : -1)
    this.setData({
      [`todos[${index}].done`]: !done,
      remaining
    })
  },

  openTodo(e) {
    const { id } = e.currentTarget.dataset
    wx.navigateTo({
      url: `/pages/detail/detail?id=${id}`
    })
  }
})
