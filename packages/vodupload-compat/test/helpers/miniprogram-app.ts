import type { UploadInfo, VodCallbacks } from '@vodup/callback-compat'
import type { VODUploadCore, VODUploadOptions } from '../../src/index'
import type { AppServer } from './app-server'
import { recordCallbacks } from './recorder'
import type { VODUploadClass } from './wx-bundle'

/** How the app gets credentials: from its server (UploadAuth) or as STS credentials that vodup uses itself. */
export type CredentialMode = 'upload-auth' | 'sts'

/**
 * An app written against VODUpload's documentation: it answers `onUploadstarted` with CreateUploadVideo's (or
 * RefreshUploadVideo's) UploadAuth, or with STS credentials, and `onUploadTokenExpired` with
 * `resumeUploadWithAuth` or `resumeUploadWithSTSToken`. Every callback call is recorded.
 */
export function documentedApp(
  VODUpload: VODUploadClass,
  server: AppServer,
  mode: CredentialMode,
  options: VODUploadOptions = {},
  extra: Partial<VodCallbacks> = {},
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
        : server.createUploadVideo('A holiday', uploadInfo.url ?? 'video.mp4')
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
    ...extra,
  }
  const recorded = recordCallbacks(app)
  uploader = new VODUpload({ partSize: 102400, parallel: 2, ...options, ...recorded.callbacks })
  return { uploader, ...recorded }
}
