import { type UploadAuthAnswer, uploadAuth } from '@vodup/auth-uploadauth'
import type { FileTask, HttpRequest, HttpResponse, UploaderPlugin } from '@vodup/core'
import { callVodApi, type RpcCredentials, uploadActionFor, uploadActionParams } from '@vodup/vod'

/** Where and how the command reaches VOD. */
export interface VodAccount {
  credentials: RpcCredentials
  region: string
  /** The VOD OpenAPI endpoint, with scheme. */
  endpoint: string
}

/**
 * The command acting as its own app server: for each file it calls CreateUploadVideo (CreateUploadImage for
 * images, RefreshUploadVideo when a checkpoint or an expiry gives the file a video id) with the account's keys,
 * and hands the answer to the UploadAuth strategy.
 */
export function vodAppServer(
  account: VodAccount,
  send: (request: HttpRequest) => Promise<HttpResponse>,
): UploaderPlugin {
  const ask = async (file: FileTask): Promise<UploadAuthAnswer> => {
    const action = uploadActionFor(file)
    const answer = await callVodApi(send, {
      action,
      params: uploadActionParams(action, file),
      credentials: account.credentials,
      region: account.region,
      endpoint: account.endpoint,
    })
    return answer as unknown as UploadAuthAnswer
  }
  return uploadAuth({ getUploadAuth: ask, refreshUploadAuth: ask })
}
