import { type FileTask, UploadError, type UploaderPlugin } from '@vodup/core'
import { isImageFile, type UploadAuthAnswer } from '@vodup/vod'
import { uploadAuth } from './plugin'

/** What a `getAuth` function is asked for: credentials for a new video, a video's refresh, or a new image. */
export type GetAuthKind = 'create-video' | 'refresh-video' | 'create-image'

/**
 * What `getAuth(ctx)` receives, in the shape of Alibaba's upload SDK 2.0 (web, iOS and Android), so its
 * credential function works unchanged: `kind` says which VOD call the app server makes.
 */
export interface GetAuthContext {
  /** `create-video`: CreateUploadVideo; `refresh-video`: RefreshUploadVideo of `videoId`; `create-image`: CreateUploadImage. */
  kind: GetAuthKind
  /** The file as the app gave it to `upload()` (a `File` in a page, a path in Node, a temp file in WeChat). */
  file: unknown
  /** The file's name with its extension (VOD checks it) and its size, when known. */
  fileName: string
  fileSize?: number
  /** The video whose credentials to refresh (`refresh-video`). */
  videoId?: string
  /** The userData JSON the app gave the file, if any. */
  userData?: string
}

/** A 2.0 credential function: resolves with the app server's VOD answer, in VOD's or vodup's field names. */
export type GetAuth = (context: GetAuthContext) => Promise<UploadAuthAnswer>

function contextOf(file: FileTask, kind: GetAuthKind): GetAuthContext {
  const userData = file.meta.userData
  return {
    kind,
    file: file.input,
    fileName: file.name,
    ...(file.size !== undefined ? { fileSize: file.size } : {}),
    ...(kind === 'refresh-video' && file.videoId ? { videoId: file.videoId } : {}),
    ...(typeof userData === 'string' ? { userData } : {}),
  }
}

/**
 * The UploadAuth credential strategy driven by one `getAuth(ctx)` function, the contract of Alibaba's upload SDK
 * 2.0: an app moving from `createUploader({ getAuth })` keeps its function. It is asked with `create-video` (or
 * `create-image` for an image) before a file's first part, and with `refresh-video` when the credentials expire or
 * a resumed upload continues its video (an image gets `create-image` again: VOD has no image refresh). Works on
 * every platform.
 *
 * @example
 * ```ts
 * const uploader = createUploader([browserTransport(), ossTarget(), retry(), fromGetAuth(getAuth)])
 * const { videoId } = await uploader.upload(input.files[0])
 * ```
 */
export function fromGetAuth(getAuth: GetAuth): UploaderPlugin {
  if (typeof getAuth !== 'function') {
    throw new UploadError('INVALID_ARGUMENT', 'fromGetAuth(getAuth) needs a function.', {
      field: 'getAuth',
    })
  }
  const ask = (file: FileTask, refresh: boolean) =>
    getAuth(
      contextOf(
        file,
        isImageFile(file) ? 'create-image' : refresh ? 'refresh-video' : 'create-video',
      ),
    )
  return uploadAuth({
    getUploadAuth: (file) => ask(file, Boolean(file.videoId)),
    refreshUploadAuth: (file) => ask(file, true),
  })
}
