import type { MediaRecord } from './media-store.js'
import { isoSeconds, type RpcDeps } from './rpc-deps.js'

/** UploadAuth and UploadAddress (base64 JSON, VOD's field layout) for one media file, with fresh credentials. */
export async function uploadCredentials(
  media: MediaRecord,
  deps: RpcDeps,
): Promise<{ UploadAuth: string; UploadAddress: string }> {
  const credential = await deps.credentials.issue('upload-auth', deps.tokenTtlSeconds, {
    bucket: media.bucket,
    key: media.key,
  })
  const auth = {
    SecurityToken: credential.securityToken,
    AccessKeyId: credential.accessKeyId,
    ExpireUTCTime: isoSeconds(credential.expiresAt ?? deps.clock.now()),
    AccessKeySecret: credential.accessKeySecret,
    Expiration: String(deps.tokenTtlSeconds),
    Region: deps.region,
  }
  const address = { Endpoint: deps.baseUrl(), Bucket: media.bucket, FileName: media.key }
  const base64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64')
  return { UploadAuth: base64(auth), UploadAddress: base64(address) }
}
