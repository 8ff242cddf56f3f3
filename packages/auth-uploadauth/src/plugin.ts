import { type FileTask, isUploadError, UploadError, type UploaderPlugin } from '@vodup/core'
import { credentialFlow, decodeAnswer, type UploadAuthAnswer } from '@vodup/vod'
import { type UploadAuthOptions, validateUploadAuthOptions } from './options'

const NAME = 'auth-uploadauth'

/** The `auth-uploadauth` plugin. */
export interface UploadAuthPlugin extends UploaderPlugin {
  readonly name: typeof NAME
}

async function askApp(
  ask: (file: FileTask) => Promise<UploadAuthAnswer>,
  file: FileTask,
  functionName: string,
): Promise<UploadAuthAnswer> {
  try {
    return await ask(file)
  } catch (error) {
    if (isUploadError(error)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new UploadError('AUTH_MISSING', `${functionName}() failed: ${reason}`, { cause: error })
  }
}

/**
 * The UploadAuth + UploadAddress credential strategy: the app gets credentials from its server (CreateUploadVideo,
 * RefreshUploadVideo, CreateUploadImage) and the plugin decodes, checks and hands them to the kernel, which
 * refreshes ahead of `ExpireUTCTime` and on expiry through `tokenExpired`.
 *
 * @example
 * ```ts
 * const uploader = createUploader([
 *   nodeTransport(),
 *   ossTarget(),
 *   uploadAuth({
 *     getUploadAuth: (file) => api.post('/vod/create-upload-video', { fileName: file.name }),
 *     refreshUploadAuth: (file) => api.post('/vod/refresh-upload-video', { videoId: file.videoId }),
 *   }),
 * ])
 * ```
 */
export function uploadAuth(options: UploadAuthOptions): UploadAuthPlugin {
  validateUploadAuthOptions(options)
  const { getUploadAuth, refreshUploadAuth, allowPlainHttp } = options
  return credentialFlow({
    name: NAME,
    allowPlainHttp,
    async ask({ file }) {
      const answer =
        file.videoId && refreshUploadAuth
          ? await askApp(refreshUploadAuth, file, 'refreshUploadAuth')
          : await askApp(getUploadAuth, file, 'getUploadAuth')
      return { kind: 'upload-auth', decoded: decodeAnswer(answer, Date.now()) }
    },
  })
}
