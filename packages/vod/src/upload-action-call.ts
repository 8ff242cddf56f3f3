import type { CancelSignal, FileTask, Kernel } from '@vodup/core'
import { performRpc } from './call-vod-api'
import type { RpcClock } from './rpc-request'
import type { CheckedStsToken } from './sts-token'
import { type DecodedAnswer, decodeAnswer } from './upload-auth-answer'
import { uploadActionFor, uploadActionParams } from './vod-params'

/** Where and how the flow calls VOD with STS credentials. */
export interface UploadActionCall {
  /** The VOD OpenAPI endpoint with scheme. */
  endpoint: string
  /** Shared by the calls of one plugin, so a clock correction is learned once. */
  clock: RpcClock
  signal: CancelSignal
}

/**
 * Asks VOD for a file's upload credentials with an STS token: CreateUploadVideo, CreateUploadImage, or
 * RefreshUploadVideo for a file with a video id. The call goes through the kernel's `send` (so `request` hooks see
 * it, unsigned) and under its retry policy (`runWithRetry`: `shouldRetry` decides, `retry` reports), like a part.
 */
export async function callUploadAction(
  kernel: Kernel,
  file: FileTask,
  token: CheckedStsToken,
  call: UploadActionCall,
): Promise<DecodedAnswer> {
  const action = uploadActionFor(file)
  const params = uploadActionParams(action, file)
  const { signal } = call
  const answer = await kernel.runWithRetry({ operation: action, file, signal }, () =>
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
      { action, params, credentials: token, endpoint: call.endpoint },
      call.clock,
    ),
  )
  return decodeAnswer(answer, Date.now())
}
