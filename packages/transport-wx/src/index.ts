export type { WxFileInput, WxFileSource } from './file-input'
export type { ReadMode } from './file-source'
export {
  MAX_CONCURRENCY,
  type ResolvedWxTransportOptions,
  type WxTransportOptions,
} from './options'
export { type WxTransportPlugin, wxTransport } from './plugin'
export type {
  WxFileFailure,
  WxFileSystemManager,
  WxLike,
  WxNetworkFailure,
  WxNetworkStatus,
  WxOffListener,
  WxRequestOption,
  WxRequestSuccess,
  WxStats,
  WxTask,
  WxUploadFileOption,
  WxUploadProgress,
  WxUploadTask,
} from './wx-api'
export { createWxStore, type WxStoreOptions } from './wx-store'
export { createWxTransport, type WxTransport } from './wx-transport'
