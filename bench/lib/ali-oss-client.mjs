// How ali-oss's runners reach the emulator: the official client made with the account keys. Kept apart from
// ./accounts.mjs so that vodup's runners do not import ali-oss.
import OSS from 'ali-oss'

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
