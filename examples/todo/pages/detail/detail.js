// detail.js
const todos = require('../../utils/todos.js')

Page({
  data: {
    todo: null,
    missing: false
  },

  onLoad(query) {
    const todo = todos.get(query.id)
    if (!todo) {
      this.setData({ missing: true })
      return
    }
    this.setData({ todo })
  },

  toggle() {
    const todo = todos.toggle(this.data.todo.id)
    this.setData({ todo })
  },

  remove() {
    todos.remove(this.data.todo.id)
    wx.navigateBack()
  },

  onUnload() {
  }
})
