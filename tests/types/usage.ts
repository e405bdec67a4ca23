// Typed usage of the `wxrt` package, as a web project would write it.
// Resolved through the package's own name and its `exports` (self-reference).
import { createRuntime, init, DEFAULT_USER } from 'wxrt'
import type { CreateRuntimeOptions, Runtime, RuntimeWx, StorageLike } from 'wxrt'

interface Profile {
  name: string
  visits: number
}

const memory = new Map<string, string>()
const storage: StorageLike = {
  get length() {
    return memory.size
  },
  key: (index) => [...memory.keys()][index] ?? null,
  getItem: (key) => memory.get(key) ?? null,
  setItem: (key, value) => {
    memory.set(key, value)
  },
  removeItem: (key) => {
    memory.delete(key)
  },
}

export async function main(): Promise<void> {
  const options: CreateRuntimeOptions = {
    appid: 'wx1234567890abcdef',
    user: 'alice',
    storage,
    encryptionKey: new Uint8Array(16),
  }
  await init()
  const defaultUser: 'wxrt-user' = DEFAULT_USER
  const rt: Runtime = await createRuntime(options)
  await createRuntime({ appid: 'demo', module: '/assets/wxrt_wasm_bg.wasm' })
  const minimal = await createRuntime({ appid: 'demo' })
  minimal.dispose()

  const appid: string = rt.appid
  const user: string = rt.user
  const wx: RuntimeWx = rt.wx

  // Sync forms.
  wx.setStorageSync('profile', { name: 'Ada', visits: 3 })
  const profile = wx.getStorageSync<Profile>('profile')
  const visits: number = profile.visits
  wx.removeStorageSync('profile')
  const info = wx.getStorageInfoSync()
  const keys: string[] = info.keys
  const sizes: number = info.currentSize + info.limitSize
  wx.batchSetStorageSync([
    { key: 'a', value: 1 },
    { key: 'b', value: 'two' },
  ])
  const values: any[] = wx.batchGetStorageSync(['a', 'b'])
  wx.clearStorageSync()

  // Promise forms: no success/fail/complete.
  const set = await wx.setStorage({ key: 'when', data: new Date() })
  const setMsg: string = set.errMsg
  const got = await wx.getStorage<Profile>({ key: 'profile' })
  const name: string = got.data.name
  const secret = await wx.getStorage({ key: 'token', encrypt: true })
  await wx.setStorage({ key: 'token', data: 'abc', encrypt: true })
  const removed = await wx.removeStorage({ key: 'when' })
  const cleared = await wx.clearStorage()
  const asyncInfo = await wx.getStorageInfo()
  const limit: number = asyncInfo.limitSize
  await wx.batchSetStorage({ kvList: [{ key: 'x', value: [1, 2, 3] }] })
  await wx.batchGetStorage({ keyList: ['x'] })

  // Callback forms return nothing.
  const nothing: void = wx.setStorage({
    key: 'k',
    data: 1,
    success: (res) => {
      const msg: string = res.errMsg
    },
    fail: (err) => {
      const msg: string = err.errMsg
    },
    complete: () => {},
  })
  wx.getStorage<number>({
    key: 'k',
    success: (res) => {
      const n: number = res.data
    },
  })
  wx.getStorageInfo({ complete: () => {} })
  wx.clearStorage({ fail: () => {} })
  wx.removeStorage({ key: 'k', complete: () => {} })
  wx.batchSetStorage({ kvList: [], success: () => {} })
  wx.batchGetStorage({ keyList: [], fail: () => {} })

  const can: boolean = wx.canIUse('getStorage') && !wx.canIUse('startSoterAuthentication')
  rt.phone.set({ authorize: 'allow' })
  await wx.authorize({ scope: 'scope.camera' })
  const granted: boolean | undefined = (await rt.scopes())['scope.camera']
  await rt.setScope('scope.camera', undefined)
  // Location and the open capabilities.
  rt.phone.set({ position: { latitude: 31.23, longitude: 121.47 }, locationSource: 'simulated', payment: 'cancel', ads: 'fill' })
  const { latitude, longitude } = await wx.getLocation({ type: 'gcj02', altitude: true })
  wx.onLocationChange(({ speed }) => speed)
  await wx.openLocation({ latitude, longitude, name: 'here', scale: 16 })
  const { name: placeName } = await wx.chooseLocation({})
  const appId: string = wx.getAccountInfoSync().miniProgram.appId
  await wx.requestPayment({ timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' })
  wx.navigateToMiniProgram({ appId, path: placeName, fail: ({ errMsg }) => errMsg })
  wx.reportAnalytics('event', { value: 1 })
  const ad = wx.createRewardedVideoAd({ adUnitId: 'adunit-1' })
  ad.onClose(({ isEnded }) => isEnded)
  const { userName } = await wx.chooseAddress({})
  const asked = (await rt.openRecords()).map((record) => record.api + userName)
  // The page frame and the device.
  await wx.setTabBarBadge({ index: 0, text: '3' })
  const { tapIndex } = await wx.showActionSheet({ itemList: ['a', 'b'], itemColor: '#000000' })
  wx.showNavigationBarLoading({ complete: () => tapIndex })
  const tabs = (await rt.frame()).tabBar?.items.map((item) => item.badge)
  const left: boolean = await rt.userBack()
  rt.phone.set({ networkType: 'none', scanCode: 'cancel', theme: 'dark', accelerometer: { x: 0, y: 1, z: 0 } })
  const { networkType } = await wx.getNetworkType()
  wx.onNetworkStatusChange(({ isConnected }) => isConnected)
  await wx.setClipboardData({ data: 'copied' })
  const { data: clip } = await wx.getClipboardData()
  await wx.vibrateShort({ type: 'heavy' })
  const battery: number = wx.getBatteryInfoSync().level
  const vibrated: number = (await rt.device()).vibrations.length
  wx.onThemeChange(({ theme }) => theme === 'dark')
  await rt.captureScreen()
  const task = wx.request({ url: 'https://example.com', data: { q: 1 }, success: (r) => r.statusCode })
  const socket = wx.connectSocket({ url: 'wss://example.com', protocols: ['chat'] })
  socket.onMessage(({ data }) => typeof data === 'string')
  socket.send({ data: new ArrayBuffer(1) })
  wx.onSocketClose(({ code }) => code)
  await wx.closeSocket({ code: 1000 })
  const audio = wx.createInnerAudioContext()
  audio.src = '/a.mp3'
  audio.onError(({ errCode }) => errCode)
  wx.getBackgroundAudioManager().title = 't'
  wx.createVideoContext('v').sendDanmu({ text: 'hi', color: '#fff' })
  const { tempFilePath } = await wx.canvasToTempFilePath({ canvasId: 'c' })
  task.abort()
  // Images and files.
  const download = wx.downloadFile({ url: 'https://example.com/a.png', success: ({ tempFilePath }) => tempFilePath })
  download.onProgressUpdate(({ progress }) => progress)
  const fsm = wx.getFileSystemManager()
  fsm.writeFileSync(`${wx.env.USER_DATA_PATH}/a.txt`, 'text', 'utf8')
  const text = fsm.readFileSync(`${wx.env.USER_DATA_PATH}/a.txt`, 'utf8')
  fsm.unzip({ zipFilePath: `${wx.env.USER_DATA_PATH}/a.zip`, targetPath: `${wx.env.USER_DATA_PATH}/a`, success: () => {} })
  const unpacked: ArrayBuffer = fsm.readCompressedFileSync({ filePath: `${wx.env.USER_DATA_PATH}/a.br`, compressionAlgorithm: 'br' })
  const { savedFilePath } = await wx.saveFile({ tempFilePath: 'wxfile://tmp_1.png' })
  const { digest } = await wx.getFileInfo({ filePath: savedFilePath, digestAlgorithm: 'sha1' })
  await wx.previewImage({ urls: [savedFilePath] })
  rt.phone.set({ album: 'cancel' })
  const albumNames: string[] = (await rt.album()).map((entry) => entry.name)
  const { code } = await wx.login({ timeout: 5000 })
  await wx.checkSession()
  const backend = rt.code2Session({ appid: rt.appid, js_code: code })
  const openid: string | undefined = 'openid' in backend ? backend.openid : undefined

  // Misuse the declarations must reject.
  // @ts-expect-error keys are strings
  wx.getStorageSync(123)
  // @ts-expect-error setStorage needs a key
  wx.setStorage({ data: 1 })
  // @ts-expect-error setStorageSync needs the data argument
  wx.setStorageSync('k')
  // @ts-expect-error kvList entries are { key, value }
  wx.batchSetStorageSync([{ key: 'a' }])
  // @ts-expect-error keyList is an array of strings
  wx.batchGetStorageSync('a')
  // @ts-expect-error a callback call returns nothing to await a result from
  const bad: string = (await wx.getStorageInfo({ success: () => {} })).errMsg
  // @ts-expect-error previewImage needs its urls
  wx.previewImage({ current: 'a' })
  // @ts-expect-error saveFile needs a tempFilePath
  wx.saveFile({})
  // @ts-expect-error appid is required
  await createRuntime({})
  // @ts-expect-error the encryption key is bytes
  await createRuntime({ appid: 'demo', encryptionKey: 'secret' })
  // @ts-expect-error the runtime is created asynchronously
  createRuntime({ appid: 'demo' }).wx
  // @ts-expect-error the appid is read-only
  rt.appid = 'other'

  void [appid, user, visits, keys, sizes, values, setMsg, name, secret, removed, cleared, limit]
  void [nothing, can, bad, defaultUser]
}

// A mini-program from its sources, driven through the automation handle.
export async function runProject(): Promise<string | undefined> {
  const app = await createRuntime({
    appid: 'wx1234567890abcdef',
    project: { files: { 'app.json': '{"pages":["pages/a/a"]}', 'app.js': 'App({})', 'pages/a/a.js': 'Page({})' } },
    launch: { path: 'pages/a/a', query: { id: '3' }, scene: 1011 },
    screen: { width: 390, height: 844 },
    recordCalls: true,
  })
  await app.launched
  const stop = app.watch(() => console.log(app.appState(), app.updateStatus().planned))
  const failed: string[] = (app.calls?.() ?? []).filter((c) => c.state === 'fail').map((c) => c.errMsg ?? c.name)
  const sizes: number[] = app.storageEntries().map((e) => (e.type === 'corrupt' ? 0 : e.bytes))
  const where = app.errors().map((e) => `${e.file}:${e.line}:${e.column} ${e.frames.length}`)
  void [failed, sizes, where, app.routes(), app.launchOptions()?.scene, app.destroyAfterMs()]
  stop()
  await app.background()
  await app.advanceClock(300000)
  await app.foreground()
  app.wx.navigateTo({ url: '/pages/a/a?id=4' })
  const hooks: string[] = app.hooks().map((h) => `${h.target}.${h.hook}`)
  app.dispose()
  return hooks[0] ?? app.currentPage()?.route
}

// Session management through `wxrt/we-request`, with weRequest's documented options.
import weRequest, { createWeRequest } from 'wxrt/we-request'
import type { WeRequestCaughtError } from 'wxrt/we-request'

export async function sessions(filePath: string): Promise<void> {
  weRequest.init({
    urlPerfix: () => 'https://api.example.com',
    codeToSession: { url: '/login', codeName: 'code', success: (data: { session?: string }) => data.session, report: 'login' },
    loginTrigger: (data) => data.code === 'expired',
    successTrigger: (data) => data.code === 0,
    errorRetryBtn: true,
    mockJson: { '/api/mocked': { code: 0 } },
    isFixSuccessCompleteTiming: true,
    reportCGI: (name, start, end, request) => {
      void request({ url: '/report', data: { name, cost: end - start } })
    },
    errorCallback: (options, res) => console.log(options.url, res),
  })
  const profile = await weRequest.request<{ name: string }>({ url: '/api/profile', cache: (data) => data.name !== '', catchError: true }).catch((e: WeRequestCaughtError) => ({ name: e.message }))
  console.log(profile.name)
  const other = createWeRequest(() => undefined)
  await other.uploadFile({ url: '/api/upload', filePath, name: 'avatar', formData: { album: 'a' }, fail: (res, error) => console.log(res, error.type) })
}
