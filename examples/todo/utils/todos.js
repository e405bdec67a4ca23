// utils/todos.js: a tiny storage-backed todo store
const util = require('./util')

const STORAGE_KEY = 'todos'
const NEXT_ID_KEY = 'todos_next_id'

const load = () => wx.getStorageSync(STORAGE_KEY) || []

const save = todos => {
  wx.setStorageSync(STORAGE_KEY, todos)
  return todos
}

const list = () => load()

const add = title => {
  const id = wx.getStorageSync(NEXT_ID_KEY) || 1
  const todo = {
    id,
    title,
    done: false,
    createdAt: util.formatTime(new Date())
  }
  save(load().concat(todo))
  wx.setStorageSync(NEXT_ID_KEY, id + 1)
  return todo
}

const get = id => load().find(todo => todo.id === Number(id)) || null

const toggle = id => {
  let updated = null
  save(load().map(todo => {
    if (todo.id !== Number(id)) return todo
    updated = { ...todo, done: !todo.done }
    return updated
  }))
  return updated
}

const remove = id => {
  save(load().filter(todo => todo.id !== Number(id)))
}

module.exports = {
  list,
  add,
  get,
  toggle,
  remove
}
