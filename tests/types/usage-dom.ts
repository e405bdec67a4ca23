// A browser project (lib "DOM"): the page's own Storage objects fit `storage`.
import { createRuntime } from 'wxrt'

export async function main(): Promise<void> {
  const local = await createRuntime({ appid: 'demo', storage: localStorage })
  const session = await createRuntime({ appid: 'demo', storage: window.sessionStorage })
  local.wx.setStorageSync('title', document.title)
  const title: string = session.wx.getStorageSync<string>('title')
  const el = document.createElement('p')
  el.textContent = title
  local.dispose()
  session.dispose()
}
