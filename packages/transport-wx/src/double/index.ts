export type {
  FileFailure,
  NetworkFailure,
  NetworkType,
  WxDoubleApi,
  WxFileSystemDouble,
} from './api-types'
export type { WxDouble, WxDoubleOptions } from './create-wx-double'
export { createWxDouble } from './create-wx-double'
export type { FileOperation, FileSystemLimits } from './file-context'
export type { HeaderCase, NetworkCall } from './network-state'
export type { StorageInspector } from './storage'
export type { CreateFileOptions, TempPathStyle } from './temp-files'
