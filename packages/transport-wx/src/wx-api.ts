/**
 * The slice of WeChat's `wx` object the transport uses, typed structurally so that `wx`, `qq`, `uni` (mp-weixin)
 * and Taro's `Taro` fit, and so the package's public types do not depend on miniprogram-api-typings.
 */

/** What `fail` of `wx.request` / `wx.uploadFile` receives. `errno` exists from base library 2.24.0. */
export interface WxNetworkFailure {
  errMsg: string
  errno?: number
}

/** What `success` of `wx.request` receives: every HTTP status arrives here. */
export interface WxRequestSuccess {
  statusCode: number
  header?: Record<string, unknown>
  data?: unknown
}

/** The options the transport passes to `wx.request`. */
export interface WxRequestOption {
  url: string
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD'
  header: Record<string, string>
  data?: ArrayBuffer
  dataType: string
  responseType: 'text'
  timeout: number
  success(result: WxRequestSuccess): void
  fail(error: WxNetworkFailure): void
}

/** A running `wx.request` / `wx.uploadFile`. */
export interface WxTask {
  abort(): void
  /** `statusCode` comes with the headers on phones (not in the DevTools). */
  onHeadersReceived?(
    listener: (result: { header: Record<string, unknown>; statusCode?: number }) => void,
  ): void
}

/** Progress of `wx.uploadFile`. */
export interface WxUploadProgress {
  progress: number
  totalBytesSent: number
  totalBytesExpectedToSend: number
}

/** A running `wx.uploadFile`. */
export interface WxUploadTask extends WxTask {
  onProgressUpdate?(listener: (progress: WxUploadProgress) => void): void
}

/** The options the transport passes to `wx.uploadFile`. */
export interface WxUploadFileOption {
  url: string
  filePath: string
  name: string
  formData: Record<string, string>
  header: Record<string, string>
  timeout: number
  success(result: { statusCode: number; data?: unknown }): void
  fail(error: WxNetworkFailure): void
}

/** What `fail` of a `FileSystemManager` call receives. */
export interface WxFileFailure {
  errMsg: string
  errCode?: number
}

/** `Stats` of `FileSystemManager.stat`: `lastModifiedTime` is in seconds. */
export interface WxStats {
  size: number
  lastModifiedTime?: number
  isDirectory?(): boolean
}

/** The `FileSystemManager` calls the transport makes. */
export interface WxFileSystemManager {
  stat(option: {
    path: string
    success(result: { stats: unknown }): void
    fail(error: WxFileFailure): void
  }): void
  /** Ranged reads need base library 2.10.0. */
  readFile?(option: {
    filePath: string
    position: number
    length: number
    success(result: { data: unknown }): void
    fail(error: WxFileFailure): void
  }): void
  /** `open`, `read` and `close` need base library 2.16.1. */
  open?(option: {
    filePath: string
    flag: 'r'
    success(result: { fd: string }): void
    fail(error: WxFileFailure): void
  }): void
  read?(option: {
    fd: string
    arrayBuffer: ArrayBuffer
    offset: number
    length: number
    position: number
    success(result: { bytesRead: number }): void
    fail(error: WxFileFailure): void
  }): void
  close?(option: { fd: string; success?(): void; fail?(error: WxFileFailure): void }): void
}

/** What `wx.onNetworkStatusChange` listeners receive. */
export interface WxNetworkStatus {
  isConnected: boolean
  networkType: string
}

/** A listener as WeChat's typings declare it for `off*` calls. */
export type WxOffListener = (result: { errMsg: string }) => void

/** The `wx` object (or `qq`, `uni`, `Taro`...) the transport drives. */
export interface WxLike {
  request(option: WxRequestOption): WxTask
  uploadFile?(option: WxUploadFileOption): WxUploadTask
  getFileSystemManager(): WxFileSystemManager
  getStorageSync(key: string): unknown
  setStorageSync(key: string, data: unknown): void
  removeStorageSync(key: string): void
  getStorageInfoSync?(): { keys: string[]; currentSize: number; limitSize: number }
  onAppHide?(listener: () => void): void
  /** WeChat's typings give `off*` listeners a `{ errMsg }` parameter unlike the `on*` ones; pass the same function. */
  offAppHide?(listener: WxOffListener): void
  onAppShow?(listener: () => void): void
  offAppShow?(listener: WxOffListener): void
  onNetworkStatusChange?(listener: (status: WxNetworkStatus) => void): void
  offNetworkStatusChange?(listener: WxOffListener): void
  getNetworkType?(option: {
    success(result: { networkType: string }): void
    fail(error: unknown): void
  }): void
}
