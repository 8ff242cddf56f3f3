// vodup uploads many small files, `concurrency` files at a time (one PutObject each), with one uploader, as the
// CLI's bulk uploads do.
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { benchAccount } from '../lib/accounts.mjs'
import { measure, runner } from '../lib/measure.mjs'

await runner(async (args) => {
  const { dir, key, concurrency, checkpointDir } = args
  const account = benchAccount(args, (file) => `${key}/${file.name}`)
  const uploader = createUploader([nodeTransport({ checkpointDir }), ossTarget(), account], {
    fileConcurrency: concurrency,
  })
  const names = (await readdir(dir)).sort()
  const meter = measure()
  for (const name of names) uploader.addFile(join(dir, name))
  const summary = await uploader.start()
  if (summary.failed.length > 0) throw new Error(`${summary.failed.length} files failed`)
  const bytes = summary.succeeded.reduce((sum, file) => sum + file.size, 0)
  const figures = meter.finish(bytes)
  await uploader.dispose()
  return { ...figures, files: summary.succeeded.length }
})
