import { nodeTransport } from '@vodup/transport-node'
import type { VODUploadOptions } from './options'
import { VODUploadCore } from './vod-upload'

export type { CancelEvent, LegacyCheckpoint, LegacyState, UploadInfo } from '@vodup/callback-compat'
export type { InstanceState } from './instance-state'
export type { VODUploadOptions } from './options'
export type { PlatformTransportOptions, VODUploadPlatform } from './platform'
export { VODUploadCore } from './vod-upload'

/**
 * Alibaba Cloud's `VODUpload` API in Node.js, on vodup: a file is `{ url: path }`. Checkpoints go to
 * `~/.vodup/checkpoints`, so an interrupted upload resumes when the script runs again.
 *
 * @example
 * ```js
 * import VODUpload from '@vodup/vodupload-compat'
 * const uploader = new VODUpload({
 *   onUploadstarted: async (uploadInfo) => {
 *     const { UploadAuth, UploadAddress, VideoId } = await myServer.createUploadVideo(uploadInfo.file.url)
 *     uploader.setUploadAuthAndAddress(uploadInfo, UploadAuth, UploadAddress, VideoId)
 *   },
 *   onUploadSucceed: (uploadInfo) => console.log('uploaded', uploadInfo.videoId),
 * })
 * uploader.addFile({ url: './movie.mp4' }, null, null, null, '{"Vod":{"Title":"Movie"}}')
 * uploader.startUpload()
 * ```
 */
export class VODUpload extends VODUploadCore {
  constructor(options: VODUploadOptions = {}) {
    super(options, {
      transport: ({ parallel }) =>
        nodeTransport(parallel !== undefined && parallel > 16 ? { maxConcurrency: parallel } : {}),
    })
  }
}

export default VODUpload
