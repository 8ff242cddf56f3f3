import type { UploaderPlugin } from '@vodup/core'
import type { RpcCredentials } from '@vodup/vod'

const NAME = 'vodup-cli-oss-keys'

/** Where a file goes in the bucket, as `vodup cp` puts it in the file's metadata. */
export interface OssFileMeta {
  ossKey: string
}

/**
 * Authorizes every file with the same long-term (or STS) keys, to `endpoint`/`bucket` under the key its metadata
 * names. Keys that expire are not refreshed: the file fails with `TOKEN_EXPIRED` and resumes on the next run.
 */
export function ossKeys(
  credentials: RpcCredentials,
  endpoint: string,
  bucket: string,
  region: string | undefined,
): UploaderPlugin {
  return {
    name: NAME,
    apply(kernel) {
      kernel.hooks.authorize.tapPromise(NAME, async ({ file }) => ({
        credentials: { ...credentials },
        destination: {
          endpoint,
          bucket,
          objectKey: String((file.meta as Partial<OssFileMeta>).ossKey),
          ...(region ? { region } : {}),
        },
      }))
    },
  }
}
