import type { FileTask } from '@vodup/core'
import { invalidOption, type UploadAuthAnswer } from '@vodup/vod'

/** Options of `uploadAuth()`. */
export interface UploadAuthOptions {
  /**
   * Credentials for a file without a `videoId`: the app server calls CreateUploadVideo (CreateUploadImage for images)
   * and returns its UploadAuth, UploadAddress and VideoId. Also used for refreshes when `refreshUploadAuth` is
   * absent.
   */
  getUploadAuth: (file: FileTask) => Promise<UploadAuthAnswer>
  /**
   * Credentials for a file that has a `videoId` (resumed, or expired mid-upload): the app server calls
   * RefreshUploadVideo with `file.videoId`. The UploadAddress may be left out of a mid-upload refresh.
   */
  refreshUploadAuth?: (file: FileTask) => Promise<UploadAuthAnswer>
  /**
   * Accept an UploadAddress whose endpoint is plain `http://` to a host that is not loopback (the security token
   * then crosses the network in clear). Default false: such an answer fails the file with `AUTH_INVALID`.
   * `http://` to 127.0.0.0/8, `[::1]` and `localhost` (a local emulator) is always accepted.
   */
  allowPlainHttp?: boolean
}

/** Checks the options; throws `INVALID_ARGUMENT` naming the bad one. */
export function validateUploadAuthOptions(options: unknown): asserts options is UploadAuthOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalidOption('uploadAuth()', 'options', 'must be an object with getUploadAuth.')
  }
  const { getUploadAuth, refreshUploadAuth, allowPlainHttp } = options as UploadAuthOptions
  if (typeof getUploadAuth !== 'function') {
    throw invalidOption('uploadAuth()', 'getUploadAuth', 'must be a function.')
  }
  if (refreshUploadAuth !== undefined && typeof refreshUploadAuth !== 'function') {
    throw invalidOption('uploadAuth()', 'refreshUploadAuth', 'must be a function.')
  }
  if (allowPlainHttp !== undefined && typeof allowPlainHttp !== 'boolean') {
    throw invalidOption('uploadAuth()', 'allowPlainHttp', 'must be true or false.')
  }
}
