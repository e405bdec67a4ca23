// Each line marked `error:` misuses the API; the type check must report every one.
import { createRuntime } from 'wxrt'

export async function main(): Promise<void> {
  const rt = await createRuntime({ appid: 'demo' })
  rt.wx.getStorageSync(123) // error: the key is a string
  rt.wx.setStorage({ data: 'value' }) // error: the key is required
  rt.wx.removeStorageSync() // error: the key is required
  rt.wx.batchGetStorageSync('a') // error: keyList is an array
  rt.wx.startSoterAuthentication({}) // error: startSoterAuthentication is not provided
  await createRuntime({ user: 'alice' }) // error: appid is required
  await createRuntime({ appid: 'demo', storage: {} }) // error: storage needs the Storage methods
  await createRuntime({ appid: 'demo', screen: { width: 390 } }) // error: screen needs a height
  rt.storageEntries().map((e) => e.value) // error: entries carry no value
  rt.phone.set({ authorize: 'maybe' }) // error: a dialog is asked, allowed or denied
}

import weRequest from 'wxrt/we-request'

export function sessionMisuse(): void {
  weRequest.uploadFile({ url: '/api/upload', name: 'avatar' }) // error: filePath is required
  weRequest.init({ codeToSession: { url: '/login' } }) // error: codeToSession needs success
}
