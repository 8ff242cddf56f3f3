// The drop-in: Alibaba's VODUpload API, callbacks and all, on vodup. An app written for aliyun-upload-sdk changes
// its import and nothing else.
import VODUpload, { type UploadInfo } from '@vodup/vodupload-compat'
import { askUploadAuth } from '../../lib/app-server'
import { chooseMedia } from '../../lib/choose-media'
import { displayName, type FileRow } from '../../lib/file-row'

function rowOf(info: UploadInfo, index: number): FileRow {
  return {
    id: String(index),
    name: displayName(info.url ?? ''),
    kind: info.isImage ? 'image' : 'video',
    percent: Math.min(100, Math.floor((info.loaded ?? 0) * 100)),
    state: info.state,
    mediaId: info.videoId ?? info.imageId ?? '',
    error: '',
    canCancel: info.state !== 'Success' && info.state !== 'Canceled',
    canResume: info.state === 'Canceled',
  }
}

const fileNameOf = (info: UploadInfo) =>
  (info.url ?? '').slice((info.url ?? '').lastIndexOf('/') + 1)

Page({
  data: {
    files: [] as FileRow[],
    running: false,
    message: '',
  },
  uploader: undefined as VODUpload | undefined,
  errors: {} as Record<string, string>,

  onLoad() {
    const refresh = () => {
      const files = uploader.listFiles().map(rowOf)
      for (const row of files) row.error = this.errors[row.id] ?? ''
      this.setData({ files })
    }
    const fail = (info: UploadInfo, text: string) => {
      this.errors[String(uploader.listFiles().indexOf(info))] = text
      refresh()
    }
    const uploader = new VODUpload({
      parallel: 3,
      // Your server calls CreateUploadVideo (RefreshUploadVideo when the file already has a video id).
      onUploadstarted(info) {
        const query = info.videoId
          ? { videoId: info.videoId }
          : { fileName: fileNameOf(info), isImage: info.isImage }
        askUploadAuth(query)
          .then((c) =>
            uploader.setUploadAuthAndAddress(info, c.uploadAuth, c.uploadAddress, c.videoId),
          )
          .catch((error: Error) => fail(info, error.message))
        refresh()
      },
      onUploadProgress: refresh,
      // The credentials expired mid-upload: refresh them and the upload goes on with the same parts.
      onUploadTokenExpired(info) {
        askUploadAuth({ videoId: info.videoId })
          .then((c) => uploader.resumeUploadWithAuth(c.uploadAuth))
          .catch((error: Error) => fail(info, error.message))
      },
      onUploadSucceed: refresh,
      onUploadFailed: (info, code, message) => fail(info, `${code}: ${message}`),
      onUploadCanceled: refresh,
      onUploadEnd: () => {
        const files = uploader.listFiles()
        const count = (state: string) => files.filter((f) => f.state === state).length
        this.setData({
          running: false,
          message: `${count('Success')} uploaded, ${count('Failure')} failed, ${count('Canceled')} canceled.`,
        })
        refresh()
      },
    })
    this.uploader = uploader
  },

  onUnload() {
    this.uploader?.stopUpload()
  },

  async choose() {
    let picked: Awaited<ReturnType<typeof chooseMedia>>
    try {
      picked = await chooseMedia()
    } catch {
      return // the user closed the picker
    }
    const uploader = this.uploader as VODUpload
    for (const media of picked) {
      const title = media.fileType === 'image' ? 'Picked image' : 'Picked video'
      uploader.addFile(
        { url: media.tempFilePath, coverUrl: media.thumbTempFilePath },
        null,
        null,
        null,
        JSON.stringify({ Vod: { Title: title } }),
      )
    }
    this.resume()
  },

  resume() {
    this.setData({ running: true, message: 'Uploading…' })
    ;(this.uploader as VODUpload).startUpload()
  },

  pause() {
    ;(this.uploader as VODUpload).stopUpload()
    this.setData({ running: false, message: 'Paused.' })
  },

  cancel(event: WechatMiniprogram.TouchEvent) {
    ;(this.uploader as VODUpload).cancelFile(Number(event.currentTarget.dataset.id))
  },

  resumeFile(event: WechatMiniprogram.TouchEvent) {
    ;(this.uploader as VODUpload).resumeFile(Number(event.currentTarget.dataset.id))
    this.resume()
  },
})
