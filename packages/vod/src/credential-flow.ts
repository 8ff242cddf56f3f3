import {
  type Authorization,
  type CancelSignal,
  type Destination,
  type FileTask,
  isUploadError,
  type Kernel,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import type { CredentialAnswer, CredentialAsk } from './credential-answer'
import { assertNotEmpty } from './media-kind'
import type { RpcClock } from './rpc-request'
import { assertSecureEndpoint } from './transport-security'
import { callUploadAction } from './upload-action-call'
import { type DecodedAnswer, toAuthorization } from './upload-auth-answer'
import { withMetaVideoId } from './vod-fields'
import { checkVodInfo, uploadActionFor } from './vod-params'

/** New STS tokens tried in a row when VOD keeps answering `InvalidSecurityToken.Expired`. */
export const MAX_TOKEN_RENEWALS = 3

/** A credential flow: where its answers come from and what it may change. */
export interface CredentialFlowOptions<Name extends string> {
  /** The plugin's name, which names its taps too. */
  name: Name
  /**
   * Answers a request for a file's credentials. `undefined`: no answer (for `authorize` another plugin may answer;
   * for `refresh` the kernel fails the file with `TOKEN_EXPIRED`; for `token-expired` VOD's refusal fails it).
   */
  ask(request: CredentialAsk, kernel: Kernel): Promise<CredentialAnswer | undefined>
  /** The VOD OpenAPI endpoint that STS answers are used with; needed only by flows that get STS answers. */
  vodEndpoint?(file: FileTask): string
  /** Changes a file's first destination (VODUpload's `addFile` endpoint, bucket and object override VOD's). */
  adjustDestination?(destination: Destination, file: FileTask): Destination
  /** Accept plain `http://` destinations to hosts that are not loopback (credentials then travel in clear). */
  allowPlainHttp?: boolean
}

/**
 * The one VOD credential flow that `uploadAuth()`, `sts()` and the VODUpload drop-ins are built on. A source
 * answers each request with VOD's answer (UploadAuth and UploadAddress) or with STS credentials; with STS
 * credentials the flow calls VOD itself (CreateUploadVideo, CreateUploadImage, RefreshUploadVideo) under the
 * kernel's retry policy, and asks the source for a new token when VOD refuses one as expired (up to
 * {@link MAX_TOKEN_RENEWALS} in a row). It refuses empty files and bad userData before anything is asked, keeps the
 * destination on a refresh, and refuses plain-HTTP destinations to hosts that are not loopback.
 */
export function credentialFlow<Name extends string>(
  options: CredentialFlowOptions<Name>,
): UploaderPlugin & { readonly name: Name } {
  const { name } = options
  const clock: RpcClock = { offsetMs: 0 }

  return {
    name,
    apply(kernel) {
      const authorizationOf = (
        decoded: DecodedAnswer,
        file: FileTask,
        keep: Destination | undefined,
        refresh: boolean,
      ): Authorization => {
        const authorization = toAuthorization(decoded, {
          destination: keep,
          videoId: file.videoId,
        })
        if (!refresh && options.adjustDestination) {
          authorization.destination = options.adjustDestination(authorization.destination, file)
        }
        assertSecureEndpoint(authorization.destination.endpoint, {
          field: 'UploadAddress.Endpoint',
          code: 'AUTH_INVALID',
          allowPlainHttp: options.allowPlainHttp,
        })
        return authorization
      }

      /** Turns an answer into an authorization; with STS credentials, calls VOD, renewing a refused token. */
      const settle = async (
        file: FileTask,
        first: CredentialAnswer,
        refresh: boolean,
        signal: CancelSignal,
      ): Promise<Authorization> => {
        let answer = first
        for (let renewals = 0; ; renewals++) {
          if (answer.kind === 'upload-auth') {
            // A refresh may leave the UploadAddress out: the destination stays.
            return authorizationOf(
              answer.decoded,
              file,
              refresh ? file.destination : undefined,
              refresh,
            )
          }
          if (!options.vodEndpoint) {
            throw new UploadError('INVALID_STATE', `${name} got STS credentials it cannot use.`)
          }
          try {
            const decoded = await callUploadAction(kernel, file, answer.token, {
              endpoint: options.vodEndpoint(file),
              clock,
              signal,
            })
            return authorizationOf(decoded, file, file.destination, refresh)
          } catch (error) {
            if (!isUploadError(error) || error.code !== 'TOKEN_EXPIRED') throw error
            if (renewals >= MAX_TOKEN_RENEWALS) throw error
            kernel.log(
              'info',
              `${uploadActionFor(file)}: the STS token expired; getting a new one.`,
              {
                fileId: file.id,
              },
            )
            const next = await options.ask(
              { file, reason: 'token-expired', error, refused: answer.token, signal },
              kernel,
            )
            if (!next) throw error
            answer = next
          }
        }
      }

      kernel.hooks.beforeAdd.tap(name, (request) => {
        checkVodInfo({ meta: request.meta })
        return withMetaVideoId(request)
      })
      kernel.hooks.authorize.tapPromise(name, async ({ file, signal }) => {
        assertNotEmpty(file)
        checkVodInfo(file)
        const answer = await options.ask({ file, reason: 'authorize', signal }, kernel)
        return answer && settle(file, answer, false, signal)
      })
      kernel.hooks.tokenExpired.tapPromise(name, async ({ file, error, signal }) => {
        if (file.uploadId && uploadActionFor(file) === 'CreateUploadImage') {
          throw new UploadError(
            'TOKEN_EXPIRED',
            `The credentials of image "${file.name}" expired during its multipart upload; VOD cannot refresh image credentials (a new CreateUploadImage names another object), so the image must be uploaded again.`,
            { cause: error, serverCode: error.serverCode, retryable: false },
          )
        }
        const answer = await options.ask({ file, reason: 'refresh', error, signal }, kernel)
        return answer && settle(file, answer, true, signal)
      })
    },
  }
}
