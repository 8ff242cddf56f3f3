import {
  type Authorization,
  type AuthorizeContext,
  type FileTask,
  isUploadError,
  type Kernel,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import {
  assertNotEmpty,
  type CheckedStsToken,
  checkFileId,
  checkStsToken,
  checkVodInfo,
  decodeAnswer,
  Mailbox,
  onFileRunEnd,
  performRpc,
  type RpcClock,
  type RpcParams,
  type StsToken,
  toAuthorization,
  type UploadAction,
  uploadActionFor,
  uploadActionParams,
  vodEndpoint,
} from '@vodup/vod'
import { type StsOptions, validateStsOptions } from './options'
import { getStsHooks, type TokenRequest } from './plugin-hooks'
import { StsTokenSource } from './sts-token-source'

const NAME = 'auth-sts'
/** New STS tokens tried in a row when VOD keeps answering `InvalidSecurityToken.Expired`. */
const MAX_TOKEN_RENEWALS = 3

/** The `auth-sts` plugin, with the entry point of "app answers" mode. */
export interface StsPlugin extends UploaderPlugin {
  readonly name: typeof NAME
  /**
   * Gives an STS token for a file (the legacy `setSTSToken`, `resumeUploadWithSTSToken`): kept until the plugin
   * asks, or handed to it at once if it waits. `fileId` undefined: the file that waits (or the next to ask). A
   * bad token fails that file with `AUTH_INVALID`. Throws `INVALID_STATE` when the plugin has `getSTSToken`.
   */
  supplyToken(fileId: string | undefined, token: StsToken): void
}

/**
 * The STS credential strategy: the app supplies STS credentials and the plugin itself calls the VOD OpenAPI
 * through the transport (so it works in mini programs): CreateUploadVideo, CreateUploadImage for images,
 * RefreshUploadVideo for a file with a video id and whenever the OSS credentials VOD issued expire.
 *
 * @example
 * ```ts
 * const uploader = createUploader([
 *   wxTransport(),
 *   ossTarget(),
 *   sts({ region: 'cn-shanghai', getSTSToken: () => api.get('/sts-token') }),
 * ])
 * await uploader.upload({ url: tempFilePath }, { meta: { userData: '{"Vod":{"Title":"Holiday"}}' } })
 * ```
 */
export function sts(options: StsOptions = {}): StsPlugin {
  validateStsOptions(options)
  const { getSTSToken } = options
  const endpoint = vodEndpoint(options.region, options.endpoint)
  const mailbox = new Mailbox<CheckedStsToken>()
  const clock: RpcClock = { offsetMs: 0 }

  return {
    name: NAME,
    supplyToken(fileId, token) {
      checkFileId(fileId)
      if (getSTSToken) {
        throw new UploadError(
          'INVALID_STATE',
          'This sts() plugin gets tokens from getSTSToken; supplyToken() is for app-answers mode.',
        )
      }
      try {
        mailbox.deliver(fileId, { value: checkStsToken(token) })
      } catch (error) {
        mailbox.deliver(fileId, { error: error as UploadError })
      }
    },
    apply(kernel: Kernel) {
      const hooks = getStsHooks(kernel)
      const source = getSTSToken
        ? new StsTokenSource(getSTSToken, () => kernel.options.refreshAheadMs)
        : undefined

      const fromApp = (file: FileTask, request: TokenRequest) =>
        mailbox.take(file.id, () => {
          try {
            hooks.waitingForApp.call(file, request)
          } catch (error) {
            kernel.log('warn', `A waitingForApp tap threw: ${(error as Error).message}`, {
              fileId: file.id,
            })
          }
        })

      const callVod = (
        { file, signal }: AuthorizeContext,
        action: UploadAction,
        params: RpcParams,
        token: CheckedStsToken,
      ) =>
        kernel.runWithRetry({ operation: action, file, signal }, () =>
          performRpc(
            (request, sign) =>
              kernel.send(
                { ...request, signal, timeoutMs: kernel.options.timeoutMs },
                {
                  service: 'vod',
                  operation: action,
                  fileId: file.id,
                  requestIdHeader: 'x-acs-request-id',
                },
                sign,
              ),
            { action, params, credentials: token, endpoint },
            clock,
          ),
        )

      /** Asks VOD for the file's upload credentials, getting a new STS token when VOD refuses the current one. */
      const issue = async (
        context: AuthorizeContext,
        first: CheckedStsToken,
      ): Promise<Authorization> => {
        const { file } = context
        const action = uploadActionFor(file)
        const params = uploadActionParams(action, file)
        let token = first
        for (let renewals = 0; ; renewals++) {
          try {
            const answer = await callVod(context, action, params, token)
            return toAuthorization(decodeAnswer(answer, Date.now()), {
              destination: file.destination,
              videoId: file.videoId,
            })
          } catch (error) {
            if (!isUploadError(error) || error.code !== 'TOKEN_EXPIRED') throw error
            if (renewals >= MAX_TOKEN_RENEWALS) throw error
            kernel.log('info', `${action}: the STS token expired; getting a new one.`, {
              fileId: file.id,
            })
            token = source
              ? await source.renew(token)
              : await fromApp(file, { kind: 'token-expired', error })
          }
        }
      }

      kernel.hooks.beforeAdd.tap(NAME, (request) => {
        checkVodInfo({ meta: request.meta })
        return request
      })
      kernel.hooks.authorize.tapPromise(NAME, async (context) => {
        const { file } = context
        assertNotEmpty(file)
        checkVodInfo(file)
        const token = source ? await source.usable() : await fromApp(file, { kind: 'authorize' })
        return issue(context, token)
      })
      kernel.hooks.tokenExpired.tapPromise(NAME, async (context) => {
        const { file, error } = context
        if (file.uploadId && uploadActionFor(file) === 'CreateUploadImage') {
          throw new UploadError(
            'TOKEN_EXPIRED',
            `The credentials of image "${file.name}" expired during its multipart upload; VOD cannot refresh image credentials (a new CreateUploadImage names another object), so the image must be uploaded again.`,
            { cause: error, serverCode: error.serverCode, retryable: false },
          )
        }
        const token = source
          ? await source.usable()
          : await fromApp(file, { kind: 'refresh', error })
        return issue(context, token)
      })
      onFileRunEnd(kernel, NAME, (file, reason) => {
        mailbox.forget(file.id, reason)
      })
    },
  }
}

/** The plugin's own hooks for a kernel (webpack's `getHooks` pattern); see {@link StsHooks}. */
sts.getHooks = getStsHooks
