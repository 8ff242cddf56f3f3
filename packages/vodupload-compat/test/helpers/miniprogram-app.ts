import type { UploadInfo, VodCallbacks } from '@vodup/callback-compat'
import { type AppServer, recordCallbacks } from '#test-support'
import type { VODUploadCore, VODUploadOptions } from '../../src/index'
import type { VODUploadClass } from './wx-bundle'

/** How the app gets credentials: from its server (UploadAuth) or as STS credentials that vodup uses itself. */
export type CredentialMode = 'upload-auth' | 'sts'

/** More callbacks of the app, or a function that makes them for the uploader (to act on it). */
export type ExtraCallbacks =
  | Partial<VodCallbacks>
  | ((uploader: VODUploadCore) => Partial<VodCallbacks>)

/**
 * An app written against VODUpload's documentation: it answers `onUploadstarted` with CreateUploadVideo's (or
 * RefreshUploadVideo's) UploadAuth, or with STS credentials, and `onUploadTokenExpired` with
 * `resumeUploadWithAuth` or `resumeUploadWithSTSToken`; `extra` callbacks add to these or replace them. Every
 * callback call is recorded.
 */
export function documentedApp(
  VODUpload: VODUploadClass,
  server: AppServer,
  mode: CredentialMode,
  options: VODUploadOptions = {},
  extra: ExtraCallbacks = {},
) {
  let uploader: VODUploadCore | undefined
  const app: Partial<VodCallbacks> = {
    onUploadstarted(uploadInfo: UploadInfo) {
      if (mode === 'sts') {
        server.assumeRole().then((sts) => {
          uploader?.setSTSToken(uploadInfo, sts.AccessKeyId, sts.AccessKeySecret, sts.SecurityToken)
        })
        return
      }
      const answer = uploadInfo.videoId
        ? server.refreshUploadVideo(uploadInfo.videoId)
        : server.createUploadVideo(uploadInfo.url ?? 'video.mp4', 'A holiday')
      answer.then((data) => {
        uploader?.setUploadAuthAndAddress(
          uploadInfo,
          data.UploadAuth,
          data.UploadAddress,
          data.VideoId,
        )
      })
    },
    onUploadTokenExpired(uploadInfo: UploadInfo) {
      if (mode === 'sts') {
        server.assumeRole().then((sts) => {
          uploader?.resumeUploadWithSTSToken(
            sts.AccessKeyId,
            sts.AccessKeySecret,
            sts.SecurityToken,
          )
        })
        return
      }
      server.refreshUploadVideo(uploadInfo.videoId as string).then((data) => {
        uploader?.resumeUploadWithAuth(data.UploadAuth)
      })
    },
  }
  const recorded = recordCallbacks(app)
  uploader = new VODUpload({ partSize: 102400, parallel: 2, ...options, ...recorded.callbacks })
  // The recorder looks the app's handlers up at each call, so these take part from the first callback on.
  Object.assign(app, typeof extra === 'function' ? extra(uploader) : extra)
  return { uploader, ...recorded }
}

/** An `onUploadProgress` that runs `act` once, at the first progress report whose fraction `reached` accepts. */
export function onceProgress(
  reached: (loadedPercent: number) => boolean,
  act: () => void,
): Partial<VodCallbacks> {
  let done = false
  return {
    onUploadProgress(_info, _total, loadedPercent) {
      if (done || !reached(loadedPercent)) return
      done = true
      act()
    },
  }
}
