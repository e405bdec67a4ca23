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
    /** The `reportCGI` name of the exchange (its `url` by default). */
    report?: string
  }
  reLoginLimit?: number
  successTrigger?: (data: any) => boolean
  successData?: (data: any) => any
  /** The error modal's title: text, or a function of the response data. */
  errorTitle?: string | ((data: any) => string)
  /** The error modal's content: text, or a function of the response data. */
  errorContent?: string | ((data: any) => string)
  /** Called after every error (a report hook): the call's options and the response. */
  errorCallback?: (options: WeRequestOptions | WeRequestUploadOptions, res: any) => void
  /** Replaces the error modal. */
  errorHandler?: (error: WeRequestError, res: any) => void
  /** The error modal gets a 重试 (retry) button that sends the call again. */
  errorRetryBtn?: boolean
  doNotCheckSession?: boolean
  /** Timing report of each call with `report`, of `wx.login` (`wx_login`), of
   * `wx.checkSession` (`wx_checkSession`) and of the code exchange; `request` is
   * `weRequest.request`, for sending the figure. */
  reportCGI?: (name: string, startTime: number, endTime: number, request: WeRequest['request']) => void
  /** Answers by URL (as passed to `request`, or with the prefix), without a session or the
   * network; `successTrigger` and `successData` apply. */
  mockJson?: Record<string, unknown> | false
  globalData?: Record<string, unknown> | (() => Record<string, unknown>)
  sessionExpireTime?: number
  sessionExpireKey?: string
  doNotUseQueryString?: boolean
  setHeader?: Record<string, string> | (() => Record<string, string>)
  beforeSend?: (request: any, code: string | undefined, session: string) => any
  /** `success` before `complete`, as `wx.request` does; weRequest's default is the reverse. */
  isFixSuccessCompleteTiming?: boolean
}

/** What a failed call reports: `type` is `system-error`, `http-error` or `logic-error`;
 * `res` is the response (or `wx`'s failure result). */
export interface WeRequestError {
  type: string
  errMsg: string
  message: string
  res: any
}

/** The rejection of a `catchError` call: `message` is the status of an HTTP error, the
 * `errorContent` of a business failure, else the reason; `data` the response data. */
export interface WeRequestCaughtError extends Error {
  type: string
  errMsg: string
  data: any
}

/** What `request` and `uploadFile` calls share. */
export interface WeRequestCallOptions {
  url: string
  header?: Record<string, string>
  dataType?: string
  beforeSend?: (request: any) => void
  success?: (data: any, res: any) => void
  /** Replaces the error modal: the response (or `wx`'s failure result), and wxrt's
   * classification. */
  fail?: (res: any, error: WeRequestError) => void
  complete?: () => void
  showLoading?: boolean | string
  report?: string
  /** Reject the Promise with a {@link WeRequestCaughtError} instead of the error modal. */
  catchError?: boolean
}

/** One `weRequest.request` call's options. */
export interface WeRequestOptions extends WeRequestCallOptions {
  data?: Record<string, unknown>
  method?: string
  /** Store the answer under the URL and serve it first next time (`isCache`); a function
   * decides per answer. */
  cache?: boolean | ((data: any) => boolean)
  noCacheFlash?: boolean
}

/** One `weRequest.uploadFile` call's options: `wx.uploadFile`'s, with the session added to
 * `formData` (and the URL unless `doNotUseQueryString`). */
export interface WeRequestUploadOptions extends WeRequestCallOptions {
  filePath: string
  name: string
  formData?: Record<string, unknown>
}

/** A weRequest instance. */
export interface WeRequest {
  init(config: WeRequestConfig): void
  request<T = any>(options: WeRequestOptions): Promise<T>
  uploadFile<T = any>(options: WeRequestUploadOptions): Promise<T>
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
