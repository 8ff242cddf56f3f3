// The typed API: createUploader with the WeChat transport, OSS, UploadAuth from the app server, and retries.
import { uploadAuth } from '@vodup/auth-uploadauth'
import { createUploader, type FileTask, isUploadError, type Uploader } from '@vodup/core'
import { retry } from '@vodup/retry'
import { ossTarget } from '@vodup/target-oss'
import { wxTransport } from '@vodup/transport-wx'
import { askUploadAuth } from '../../lib/app-server'
import { chooseMedia } from '../../lib/choose-media'
import { displayName, type FileRow, percentOf } from '../../lib/file-row'

function rowOf(file: FileTask): FileRow {
  return {
    id: file.id,
    name: displayName(file.name),
    kind: file.meta.isImage ? 'image' : 'video',
    percent: file.state === 'success' ? 100 : percentOf(file.loaded, file.size),
    state: file.state,
    mediaId: file.videoId ?? file.imageId ?? '',
    error:
      file.state === 'failure' && file.error ? `${file.error.code}: ${file.error.message}` : '',
    canCancel: file.state !== 'success' && file.state !== 'canceled',
    canResume: file.state === 'canceled',
  }
}

function messageOf(error: unknown): string {
  return isUploadError(error)
    ? `${error.code}: ${error.message}`
    : String((error as Error)?.message ?? error)
}

Page({
  data: {
    files: [] as FileRow[],
    running: false,
    message: '',
  },
  uploader: undefined as Uploader | undefined,

  onLoad() {
    const uploader = createUploader([
      wxTransport(),
      ossTarget(),
      uploadAuth({
        getUploadAuth: (file) =>
          askUploadAuth({ fileName: file.name, isImage: file.meta.isImage === true }),
        refreshUploadAuth: (file) => askUploadAuth({ videoId: file.videoId }),
      }),
      retry(),
    ])
    const refresh = () => this.setData({ files: uploader.listFiles().map(rowOf) })
    uploader.hooks.progress.tap('page', refresh)
    uploader.hooks.stateChanged.tap('page', refresh)
    uploader.hooks.fileRemoved.tap('page', refresh)
    uploader.hooks.end.tap('page', (summary) => {
      this.setData({
        message: `${summary.succeeded.length} uploaded, ${summary.failed.length} failed, ${summary.canceled.length} canceled.`,
      })
    })
    this.uploader = uploader
  },

  onUnload() {
    void this.uploader?.dispose()
  },

  async choose() {
    let picked: Awaited<ReturnType<typeof chooseMedia>>
    try {
      picked = await chooseMedia()
    } catch {
      return // the user closed the picker
    }
    const uploader = this.uploader as Uploader
    for (const media of picked) {
      try {
        uploader.addFile(
          { tempFilePath: media.tempFilePath, size: media.size },
          { meta: { isImage: media.fileType === 'image' } },
        )
      } catch (error) {
        this.setData({ message: messageOf(error) })
      }
    }
    this.setData({ files: uploader.listFiles().map(rowOf) })
    this.resume()
  },

  /** Starts (or continues) every ready, stopped or failed file. */
  resume() {
    const uploader = this.uploader as Uploader
    this.setData({ running: true, message: 'Uploading…' })
    uploader
      .start()
      .then(() => this.setData({ running: false, files: uploader.listFiles().map(rowOf) }))
      .catch((error: unknown) => this.setData({ running: false, message: messageOf(error) }))
  },

  /** Stops every upload; checkpoints stay, so Resume goes on from the parts already sent. */
  pause() {
    void (this.uploader as Uploader).stop().then(() => this.setData({ message: 'Paused.' }))
  },

  /** Cancels one file: its multipart upload is aborted on the server. */
  cancel(event: WechatMiniprogram.TouchEvent) {
    void (this.uploader as Uploader).cancelFile(String(event.currentTarget.dataset.id))
  },

  /** A canceled file becomes ready again and uploads from the start. */
  resumeFile(event: WechatMiniprogram.TouchEvent) {
    ;(this.uploader as Uploader).resumeFile(String(event.currentTarget.dataset.id))
    this.resume()
  },
})
