// How the measured runners reach the emulator: vodup through a plugin that authorizes every file with the account
// keys, ali-oss through a client made with them.
import OSS from 'ali-oss'

/**
 * A vodup plugin that authorizes each file to `bucket` at `url` with the account keys, under `objectKeyOf(file)`
 * (default: `key`).
 */
export function benchAccount({ url, bucket, key, accessKeyId, accessKeySecret }, objectKeyOf) {
  return {
    name: 'bench-account',
    apply(kernel) {
      kernel.hooks.authorize.tapPromise('bench-account', async ({ file }) => ({
        credentials: { accessKeyId, accessKeySecret },
        destination: { endpoint: url, bucket, objectKey: objectKeyOf ? objectKeyOf(file) : key },
      }))
    },
  }
}

/** The official client, for the emulator at `url` with the account keys. */
export function aliOssClient({ url, region, bucket, accessKeyId, accessKeySecret }) {
  return new OSS({
    endpoint: url,
    region: `oss-${region}`,
    bucket,
    accessKeyId,
    accessKeySecret,
    timeout: 600_000,
  })
}
