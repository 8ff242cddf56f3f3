import { type UploadAuthAnswer, uploadAuth } from '@vodup/auth-uploadauth'
import type { FileTask, HttpRequest, HttpResponse, Kernel, PluginInput } from '@vodup/core'
import { callVodApi, type RpcCredentials, uploadActionFor, uploadActionParams } from '@vodup/vod'

/** Where and how the command reaches VOD. */
export interface VodAccount {
  credentials: RpcCredentials
  region: string
  /** The VOD OpenAPI endpoint, with scheme. */
  endpoint: string
  /** Accept plain-HTTP UploadAddress endpoints to hosts that are not loopback (`--allow-plain-http`). */
  allowPlainHttp?: boolean
}

const NAME = 'vodup-cli-vod-calls'

/**
 * The command acting as its own app server: for each file it calls CreateUploadVideo (CreateUploadImage for
 * images, RefreshUploadVideo when a checkpoint or an expiry gives the file a video id) with the account's keys,
 * under the kernel's retry policy (a 503 is retried like a part, and reported on the `retry` hook), and hands the
 * answer to the UploadAuth strategy.
 */
export function vodAppServer(
  account: VodAccount,
  send: (request: HttpRequest) => Promise<HttpResponse>,
): PluginInput[] {
  let kernel: Kernel | undefined
  const call = (file: FileTask) => {
    const action = uploadActionFor(file)
    return callVodApi(send, {
      action,
      params: uploadActionParams(action, file),
      credentials: account.credentials,
      region: account.region,
      endpoint: account.endpoint,
    })
  }
  const ask = async (file: FileTask): Promise<UploadAuthAnswer> => {
    const answer = kernel
      ? await kernel.runWithRetry({ operation: uploadActionFor(file), file }, () => call(file))
      : await call(file)
    return answer as unknown as UploadAuthAnswer
  }
  return [
    {
      name: NAME,
      apply(applied) {
        kernel = applied
      },
    },
    uploadAuth({
      getUploadAuth: ask,
      refreshUploadAuth: ask,
      ...(account.allowPlainHttp ? { allowPlainHttp: true } : {}),
    }),
  ]
}
