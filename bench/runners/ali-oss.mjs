// The official ali-oss client's multipartUpload of one file to the emulator with the account keys.
import { stat } from 'node:fs/promises'
import OSS from 'ali-oss'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({
    path,
    url,
    region,
    bucket,
    key,
    accessKeyId,
    accessKeySecret,
    partSize,
    concurrency,
  }) => {
    const client = new OSS({
      endpoint: url,
      region: `oss-${region}`,
      bucket,
      accessKeyId,
      accessKeySecret,
      timeout: 600_000,
    })
    const { size } = await stat(path)
    const meter = measure()
    await client.multipartUpload(key, path, { partSize, parallel: concurrency })
    return meter.finish(size)
  },
)
