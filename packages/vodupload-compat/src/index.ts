import { MAX_CONCURRENCY, wxTransport } from '@vodup/transport-wx'
import type { VODUploadOptions } from './options'
import { VODUploadCore } from './vod-upload'

export type { CancelEvent, LegacyCheckpoint, LegacyState, UploadInfo } from '@vodup/callback-compat'
export type { InstanceState } from './instance-state'
export type { VODUploadOptions } from './options'
export type { PlatformTransportOptions, VODUploadPlatform } from './platform'
export { VODUploadCore } from './vod-upload'

/**
 * Alibaba Cloud's `VODUpload` for WeChat mini programs, on vodup: the same constructor options, methods and
 * callbacks, with multipart upload, retries and working credential refresh. Uses the global `wx`.
 *
 * @example
 * ```js
 * import VODUpload from '@vodup/vodupload-compat' // or './vodupload.wx.js'
 * const uploader = new VODUpload({
 *   onUploadstarted(uploadInfo) {
 *     getUploadAuth(uploadInfo).then(({ UploadAuth, UploadAddress, VideoId }) =>
 *       uploader.setUploadAuthAndAddress(uploadInfo, UploadAuth, UploadAddress, VideoId))
 *   },
 *   onUploadProgress(uploadInfo, totalSize, loadedPercent) {
 *     console.log(Math.ceil(loadedPercent * 100) + '%')
 *   },
 * })
 * wx.chooseVideo({ success: (res) => {
 *   uploader.addFile({ url: res.tempFilePath, coverUrl: res.thumbTempFilePath }, null, null, null, '{"Vod":{}}')
 *   uploader.startUpload()
 * } })
 * ```
 */
export class VODUpload extends VODUploadCore {
  constructor(options: VODUploadOptions = {}) {
    super(options, {
      transport: ({ parallel }) =>
        wxTransport(parallel !== undefined ? { concurrency: parallel } : {}),
      maxParallel: MAX_CONCURRENCY,
    })
  }
}

export default VODUpload
