// The official ali-oss client `put`s many small files, `concurrency` at a time.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { aliOssClient } from '../lib/ali-oss-client.mjs'
import { measure, runner } from '../lib/measure.mjs'

await runner(async (args) => {
  const { dir, key, concurrency } = args
  const client = aliOssClient(args)
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
})
