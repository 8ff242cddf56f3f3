// The script of the web drop-in's test page. It uses only what `dist/vodupload.web.js` defines (the global
// `AliyunUpload.Vod`), as a page that swapped Alibaba's script for vodup's would, and records every callback.

import { patternBytes } from '../../../../test/support/pattern-bytes'
import type { UploadInfo, VODUploadOptions } from '../../src/web'

type AppServerCall = (action: string, argument?: string) => Promise<Record<string, string>>
const appServer = (action: string, argument?: string) =>
  (globalThis as unknown as { vodupAppServer: AppServerCall }).vodupAppServer(action, argument)

/** The web SDK's class, as the page sees it. */
interface WebVod {
  addFile(file: File, endpoint?: null, bucket?: null, object?: null, userData?: string): boolean
  startUpload(): void
  stopUpload(): void
  cancelFile(index: number): boolean
  listFiles(): UploadInfo[]
  setUploadAuthAndAddress(info: UploadInfo, auth: string, address: string, videoId?: string): void
  setSTSToken(info: UploadInfo, id: string, secret: string, token: string): void
  resumeUploadWithAuth(auth: string): void
  resumeUploadWithSTSToken(id: string, secret: string, token: string): void
}
type WebVodClass = new (options: VODUploadOptions) => WebVod

/** One callback call: its name and what the test checks of its arguments. */
export interface Call {
  name: string
  videoId?: string
  percent?: number
  code?: string
  message?: string
  /** The file's state as `listFiles()` gives it at that moment. */
  state?: string
}

/** How the test page drives the drop-in. */
export interface WebRunOptions {
  flow: 'uploadauth' | 'sts'
  emulatorUrl: string
  partSize: number
  parallel: number
  /** After this many onUploadProgress calls past 0: stop, then start again in a later task. */
  stopAfterProgress?: number
  /** After this many onUploadProgress calls past 0: cancel the file. */
  cancelAfterProgress?: number
  /** Expire every token on the server after this many progress calls. */
  expireAfterProgress?: number
}

/** A File of `size` pattern bytes. */
function patternFile(name: string, size: number, seed = 1, lastModified = 1_700_000_000_000) {
  return new File([patternBytes(size, seed) as Uint8Array<ArrayBuffer>], name, { lastModified })
}

/**
 * Uploads `file` with `new AliyunUpload.Vod(...)` the way the web SDK's guide does: credentials in
 * `onUploadstarted`, refreshes in `onUploadTokenExpired`. Resolves at `onUploadEnd` with every call made.
 */
function run(file: File, options: WebRunOptions): Promise<Call[]> {
  const Vod = (globalThis as unknown as { AliyunUpload: { Vod: WebVodClass } }).AliyunUpload.Vod
  const calls: Call[] = []
  let progressCalls = 0
  return new Promise((resolve) => {
    const uploader: WebVod = new Vod({
      userId: '1303984639806000',
      partSize: options.partSize,
      parallel: options.parallel,
      ...(options.flow === 'sts' ? { vodEndpoint: options.emulatorUrl } : {}),
      addFileSuccess: () => calls.push({ name: 'addFileSuccess' }),
      onUploadstarted: async (info) => {
        calls.push({ name: 'onUploadstarted', videoId: info.videoId, state: state() })
        if (options.flow === 'sts') {
          const token = await appServer('assumeRole')
          uploader.setSTSToken(info, token.AccessKeyId, token.AccessKeySecret, token.SecurityToken)
        } else {
          const answer = info.videoId
            ? await appServer('refreshUploadVideo', info.videoId)
            : await appServer('createUploadVideo', (info.file as File).name)
          uploader.setUploadAuthAndAddress(
            info,
            answer.UploadAuth,
            answer.UploadAddress,
            answer.VideoId,
          )
        }
      },
      onUploadProgress: (_info, _total, loaded) => {
        calls.push({ name: 'onUploadProgress', percent: loaded, state: state() })
        if (loaded > 0) progressCalls++
        if (progressCalls === options.expireAfterProgress) void appServer('expireTokens')
        if (progressCalls === options.stopAfterProgress) {
          uploader.stopUpload()
          calls.push({ name: 'stopUpload', state: state() })
          setTimeout(() => {
            calls.push({ name: 'startUpload', state: state() })
            uploader.startUpload()
          }, 0)
        }
        if (progressCalls === options.cancelAfterProgress) {
          const canceled = uploader.cancelFile(0)
          calls.push({ name: `cancelFile:${canceled}`, state: state() })
        }
      },
      onUploadTokenExpired: async (info) => {
        calls.push({ name: 'onUploadTokenExpired', videoId: info.videoId })
        if (options.flow === 'sts') {
          const token = await appServer('assumeRole')
          uploader.resumeUploadWithSTSToken(
            token.AccessKeyId,
            token.AccessKeySecret,
            token.SecurityToken,
          )
        } else {
          const answer = await appServer('refreshUploadVideo', info.videoId)
          uploader.resumeUploadWithAuth(answer.UploadAuth)
        }
      },
      onUploadSucceed: (info) => calls.push({ name: 'onUploadSucceed', videoId: info.videoId }),
      onUploadFailed: (_info, code, message) =>
        calls.push({ name: 'onUploadFailed', code, message }),
      onUploadCanceled: () => calls.push({ name: 'onUploadCanceled', state: state() }),
      onUploadEnd: () => {
        calls.push({ name: 'onUploadEnd', state: state() })
        resolve(calls)
      },
    })
    function state() {
      return uploader.listFiles()[0]?.state
    }
    uploader.addFile(file, null, null, null, '{"Vod":{"Title":"web drop-in"}}')
    uploader.startUpload()
  })
}

Object.assign(globalThis, { webVod: { run, patternFile }, vodupReady: true })

/** What the page script defines, for the tests' `page.evaluate` callbacks. */
export type WebVodPage = { webVod: { run: typeof run; patternFile: typeof patternFile } }
