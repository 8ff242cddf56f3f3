// The official ali-oss client `put`s many small files, `concurrency` at a time.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import OSS from 'ali-oss'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({ dir, url, region, bucket, key, accessKeyId, accessKeySecret, concurrency }) => {
    const client = new OSS({
      endpoint: url,
      region: `oss-${region}`,
      bucket,
      accessKeyId,
      accessKeySecret,
      timeout: 600_000,
    })
    const names = (await readdir(dir)).sort()
    let bytes = 0
    for (const name of names) bytes += (await stat(join(dir, name))).size
    let next = 0
    const meter = measure()
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++]
        await client.put(`${key}/${name}`, join(dir, name))
      }
    }
    await Promise.all(Array.from({ length: concurrency }, worker))
    const figures = meter.finish(bytes)
    return { ...figures, files: names.length }
  },
)
