export type { UploadAuthAnswer, UploadAuthFields, VodUploadResponse } from '@vodup/vod'
export type { UploadAuthOptions } from './options'
export type { UploadAuthPlugin } from './plugin'
export { uploadAuth } from './plugin'
