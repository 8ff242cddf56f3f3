// How vodup's runners reach the emulator: a plugin that authorizes every file with the account keys. ali-oss's
// client is in ./ali-oss-client.mjs, so that vodup's runners do not load ali-oss (its modules weigh on their RSS).

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
