// The official ali-oss client's multipartUpload of one file to the emulator with the account keys.
import { stat } from 'node:fs/promises'
import { aliOssClient } from '../lib/ali-oss-client.mjs'
import { measure, runner } from '../lib/measure.mjs'

await runner(async (args) => {
  const { path, key, partSize, concurrency } = args
  const client = aliOssClient(args)
  const { size } = await stat(path)
  const meter = measure()
  await client.multipartUpload(key, path, { partSize, parallel: concurrency })
  return meter.finish(size)
})
