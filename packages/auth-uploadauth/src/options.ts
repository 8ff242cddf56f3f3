import { type FileTask, UploadError } from '@vodup/core'
import type { UploadAuthAnswer } from '@vodup/vod'

/**
 * Options of `uploadAuth()`. With `getUploadAuth` the plugin asks the app's functions ("modern" mode); without
 * it, the app answers from callbacks through the plugin's `supply` / `supplyRefresh` ("app answers" mode).
 */
export interface UploadAuthOptions {
  /**
   * Credentials for a file without a `videoId`: the app server calls CreateUploadVideo (CreateUploadImage for
   * images) and returns its UploadAuth, UploadAddress and VideoId. Also used for refreshes when
   * `refreshUploadAuth` is absent.
   */
  getUploadAuth?: (file: FileTask) => Promise<UploadAuthAnswer>
  /**
   * Credentials for a file that has a `videoId` (resumed, or expired mid-upload): the app server calls
   * RefreshUploadVideo with `file.videoId`. The UploadAddress may be left out of a mid-upload refresh.
   */
  refreshUploadAuth?: (file: FileTask) => Promise<UploadAuthAnswer>
}

/** Checks the options; throws `INVALID_ARGUMENT` naming the bad one. */
export function validateUploadAuthOptions(options: unknown): asserts options is UploadAuthOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new UploadError('INVALID_ARGUMENT', 'uploadAuth() options must be an object.', {
      field: 'options',
    })
  }
  const { getUploadAuth, refreshUploadAuth } = options as UploadAuthOptions
  for (const [name, value] of [
    ['getUploadAuth', getUploadAuth],
    ['refreshUploadAuth', refreshUploadAuth],
  ] as const) {
    if (value !== undefined && typeof value !== 'function') {
      throw new UploadError(
        'INVALID_ARGUMENT',
        `uploadAuth() option "${name}" must be a function.`,
        {
          field: name,
        },
      )
    }
  }
  if (refreshUploadAuth && !getUploadAuth) {
    throw new UploadError(
      'INVALID_ARGUMENT',
      'uploadAuth() option "refreshUploadAuth" needs "getUploadAuth" too.',
      { field: 'getUploadAuth' },
    )
  }
}
