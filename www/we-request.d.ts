/**
 * `wxrt/we-request`: the weRequest library's API on wxrt's `wx`. Session decisions
 * (check once per app lifetime, one shared login, code to session, re-login on
 * `loginTrigger` up to `reLoginLimit`) are wxrt's core; see the README.
 */

/** weRequest's `init` options (a subset is required: `codeToSession`). */
export interface WeRequestConfig {
  sessionName?: string
  urlPerfix?: string | (() => string)
  loginTrigger?: (data: any) => boolean
  codeToSession: {
    url: string
    method?: string
    codeName?: string
    data?: Record<string, unknown> | (() => Record<string, unknown>)
    success: (data: any) => string | undefined
  }
  reLoginLimit?: number
  successTrigger?: (data: any) => boolean
  successData?: (data: any) => any
  errorTitle?: string | ((res: any) => string)
  errorContent?: string | ((res: any) => string)
  errorCallback?: (error: WeRequestError, res: any) => void
  errorHandler?: (error: WeRequestError, res: any) => void
  doNotCheckSession?: boolean
  reportCGI?: (name: string, startTime: number, endTime: number, request: unknown) => void
  globalData?: Record<string, unknown> | (() => Record<string, unknown>)
  sessionExpireTime?: number
  sessionExpireKey?: string
  doNotUseQueryString?: boolean
  setHeader?: Record<string, string> | (() => Record<string, string>)
  beforeSend?: (request: any) => any
}

/** What a failed call reports: `type` is `system-error`, `http-error` or `logic-error`. */
export interface WeRequestError {
  type: string
  errMsg: string
  message: string
}

/** One weRequest call's options. */
export interface WeRequestOptions {
  url: string
  data?: Record<string, unknown>
  header?: Record<string, string>
  method?: string
  dataType?: string
  beforeSend?: (request: any) => any
  success?: (data: any, res: any) => void
  fail?: (error: WeRequestError, res: any) => void
  complete?: () => void
  showLoading?: boolean | string
  report?: string
  cache?: boolean
  noCacheFlash?: boolean
  catchError?: boolean
}

/** A weRequest instance. */
export interface WeRequest {
  init(config: WeRequestConfig): void
  request<T = any>(options: WeRequestOptions): Promise<T>
  login(callback?: () => void): Promise<string | undefined>
  getSession(): string
  setSession(session: string): Promise<void>
  getConfig(): { urlPerfix?: unknown; sessionExpireTime?: number; sessionExpireKey: string; sessionExpire: number }
  getVersion(): string
}

/** A weRequest instance over the `wx` `getWx()` returns. */
export declare function createWeRequest(getWx?: () => unknown): WeRequest

declare const weRequest: WeRequest
export default weRequest
