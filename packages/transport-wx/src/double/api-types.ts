/// <reference types="miniprogram-api-typings" />

/**
 * The part of WeChat's `FileSystemManager` the double implements, typed from miniprogram-api-typings so that a
 * change of the real signatures stops this package from compiling.
 */
export type WxFileSystemDouble = Pick<
  WechatMiniprogram.FileSystemManager,
  | 'readFile'
  | 'readFileSync'
  | 'open'
  | 'openSync'
  | 'read'
  | 'readSync'
  | 'close'
  | 'closeSync'
  | 'fstat'
  | 'fstatSync'
  | 'stat'
  | 'statSync'
  | 'access'
  | 'accessSync'
  | 'getFileInfo'
>

/** The part of the `wx` object the double implements, typed from miniprogram-api-typings. */
export type WxDoubleApi = Pick<
  WechatMiniprogram.Wx,
  | 'request'
  | 'uploadFile'
  | 'setStorageSync'
  | 'getStorageSync'
  | 'removeStorageSync'
  | 'clearStorageSync'
  | 'getStorageInfoSync'
  | 'setStorage'
  | 'getStorage'
  | 'removeStorage'
  | 'clearStorage'
  | 'getStorageInfo'
  | 'onAppHide'
  | 'offAppHide'
  | 'onAppShow'
  | 'offAppShow'
  | 'onNetworkStatusChange'
  | 'offNetworkStatusChange'
  | 'getNetworkType'
  | 'chooseMedia'
  | 'chooseVideo'
  | 'chooseImage'
  | 'chooseMessageFile'
> & {
  /** Returns the same manager on every call, as WeChat does. */
  getFileSystemManager(): WxFileSystemDouble
  /** `wx.env.USER_DATA_PATH`: `wxfile://usr`. */
  readonly env: { readonly USER_DATA_PATH: string }
}

/** `wifi`, `4g`, ... or `none` (offline), as `wx.getNetworkType` reports it. */
export type NetworkType = WechatMiniprogram.OnNetworkStatusChangeListenerResult['networkType']

/** The failure object of `wx.request` / `wx.uploadFile` (errno 0 where WeChat documents none, e.g. abort). */
export type NetworkFailure = WechatMiniprogram.RequestFailCallbackErr

/** The failure object of `FileSystemManager` calls. */
export interface FileFailure {
  errMsg: string
  errCode: number
}
