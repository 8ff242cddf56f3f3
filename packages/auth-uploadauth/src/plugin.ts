import {
  type Authorization,
  type FileTask,
  isUploadError,
  type Kernel,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import {
  assertNotEmpty,
  checkFileId,
  type DecodedAnswer,
  decodeAnswer,
  Mailbox,
  onFileRunEnd,
  toAuthorization,
  type UploadAuthAnswer,
} from '@vodup/vod'
import { type UploadAuthOptions, validateUploadAuthOptions } from './options'
import { type CredentialRequest, getUploadAuthHooks, type UploadAuthHooks } from './plugin-hooks'

const NAME = 'auth-uploadauth'

/** The `auth-uploadauth` plugin, with the entry points of "app answers" mode. */
export interface UploadAuthPlugin extends UploaderPlugin {
  readonly name: typeof NAME
  /**
   * Gives a file's credentials (the legacy `setUploadAuthAndAddress`): kept until the plugin asks, or handed to
   * it at once if it waits. Bad credentials fail that file with `AUTH_INVALID`. `fileId` undefined: the file
   * that waits. Throws `INVALID_STATE` when the plugin has `getUploadAuth`.
   */
  supply(fileId: string | undefined, answer: UploadAuthAnswer): void
  /** Gives fresh credentials after an expiry (the legacy `resumeUploadWithAuth`); the destination stays. */
  supplyRefresh(fileId: string | undefined, uploadAuth: string): void
}

async function askApp(
  ask: (file: FileTask) => Promise<UploadAuthAnswer>,
  file: FileTask,
  functionName: string,
): Promise<DecodedAnswer> {
  let answer: UploadAuthAnswer
  try {
    answer = await ask(file)
  } catch (error) {
    if (isUploadError(error)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new UploadError('AUTH_MISSING', `${functionName}() failed: ${reason}`, { cause: error })
  }
  return decodeAnswer(answer, Date.now())
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
export function uploadAuth(options: UploadAuthOptions = {}): UploadAuthPlugin {
  validateUploadAuthOptions(options)
  const { getUploadAuth, refreshUploadAuth } = options
  const mailbox = new Mailbox<DecodedAnswer>()

  const deliver = (fileId: string | undefined, read: () => DecodedAnswer) => {
    checkFileId(fileId)
    if (getUploadAuth) {
      throw new UploadError(
        'INVALID_STATE',
        'This uploadAuth() plugin gets credentials from getUploadAuth; supply() is for app-answers mode.',
      )
    }
    try {
      mailbox.deliver(fileId, { value: read() })
    } catch (error) {
      mailbox.deliver(fileId, { error: error as UploadError })
    }
  }

  const fromApp = (
    file: FileTask,
    hooks: UploadAuthHooks,
    kernel: Kernel,
    request: CredentialRequest,
  ): Promise<DecodedAnswer> =>
    mailbox.take(file.id, () => {
      try {
        hooks.waitingForApp.call(file, request)
      } catch (error) {
        kernel.log('warn', `A waitingForApp tap threw: ${(error as Error).message}`, {
          fileId: file.id,
        })
      }
    })

  const fromFunctions = (file: FileTask): Promise<DecodedAnswer> =>
    file.videoId && refreshUploadAuth
      ? askApp(refreshUploadAuth, file, 'refreshUploadAuth')
      : askApp(
          getUploadAuth as (file: FileTask) => Promise<UploadAuthAnswer>,
          file,
          'getUploadAuth',
        )

  return {
    name: NAME,
    supply(fileId, answer) {
      deliver(fileId, () => decodeAnswer(answer, Date.now()))
    },
    supplyRefresh(fileId, uploadAuth) {
      deliver(fileId, () => decodeAnswer({ uploadAuth }, Date.now()))
    },
    apply(kernel) {
      const hooks = getUploadAuthHooks(kernel)
      kernel.hooks.authorize.tapPromise(NAME, async ({ file }): Promise<Authorization> => {
        assertNotEmpty(file)
        const decoded = getUploadAuth
          ? await fromFunctions(file)
          : await fromApp(file, hooks, kernel, { kind: 'authorize' })
        return toAuthorization(decoded, { videoId: file.videoId })
      })
      kernel.hooks.tokenExpired.tapPromise(
        NAME,
        async ({ file, error }): Promise<Authorization> => {
          const decoded = getUploadAuth
            ? await fromFunctions(file)
            : await fromApp(file, hooks, kernel, { kind: 'refresh', error })
          return toAuthorization(decoded, { destination: file.destination, videoId: file.videoId })
        },
      )
      onFileRunEnd(kernel, NAME, (file, reason) => mailbox.forget(file.id, reason))
    },
  }
}

/** The plugin's own hooks for a kernel (webpack's `getHooks` pattern); see {@link UploadAuthHooks}. */
uploadAuth.getHooks = getUploadAuthHooks
