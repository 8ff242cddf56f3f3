import { browserTransport } from '@vodup/transport-browser'
import type { VODUploadOptions } from './options'
import { VODUploadCore } from './vod-upload'

export type { CancelEvent, LegacyCheckpoint, LegacyState, UploadInfo } from '@vodup/callback-compat'
export type { InstanceState } from './instance-state'
export type { VODUploadOptions } from './options'
export type { PlatformTransportOptions, VODUploadPlatform } from './platform'
export { VODUploadCore } from './vod-upload'

/** The web SDK 1.5's defaults: 1 MiB parts, 5 at once. */
const WEB_PART_SIZE = 1024 * 1024
const WEB_PARALLEL = 5

/**
 * Alibaba Cloud's web `AliyunUpload.Vod` (upload SDK 1.5.x) on vodup: the same options, callbacks and methods,
 * `addFile(file, endpoint, bucket, object, userData)` with a `File`, without `window.OSS`, without reports to
 * any log service and without touching `window.onbeforeunload`. Checkpoints go to IndexedDB, so choosing the
 * same file again after a reload resumes its upload.
 *
 * @example
 * ```js
 * import { VODUpload } from '@vodup/vodupload-compat/web' // or <script src="vodupload.web.js"> and AliyunUpload.Vod
 * const uploader = new VODUpload({
 *   onUploadstarted(uploadInfo) {
 *     fetch('/upload-auth?file=' + encodeURIComponent(uploadInfo.file.name))
 *       .then((response) => response.json())
 *       .then(({ UploadAuth, UploadAddress, VideoId }) =>
 *         uploader.setUploadAuthAndAddress(uploadInfo, UploadAuth, UploadAddress, VideoId))
 *   },
 *   onUploadProgress(uploadInfo, totalSize, loadedPercent) {
 *     console.log(Math.ceil(loadedPercent * 100) + '%')
 *   },
 * })
 * input.onchange = () => {
 *   uploader.addFile(input.files[0], null, null, null, '{"Vod":{}}')
 *   uploader.startUpload()
 * }
 * ```
 */
export class VODUpload extends VODUploadCore {
  constructor(options: VODUploadOptions = {}) {
    super(options, {
      transport: ({ parallel }) =>
        browserTransport({
          defaultPartSize: WEB_PART_SIZE,
          defaultConcurrency: parallel ?? WEB_PARALLEL,
          maxConcurrency: Math.max(6, parallel ?? WEB_PARALLEL),
        }),
    })
  }
}

export default VODUpload
