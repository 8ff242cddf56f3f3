// vodup (transport-node + target-oss) uploads one file to the emulator with the account keys.
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { benchAccount } from '../lib/accounts.mjs'
import { measure, runner } from '../lib/measure.mjs'

await runner(async (args) => {
  const { path, partSize, concurrency, checkpointDir, hashThreads, integrity } = args
  const transport = nodeTransport({
    checkpointDir,
    ...(hashThreads === undefined ? {} : { hashThreads }),
  })
  // `integrity: 'both'` hashes every byte with MD5 and CRC-64, as vodup did before CRC-64 became the only proof.
  const target = ossTarget(integrity === undefined ? {} : { integrity })
  const uploader = createUploader([transport, target, benchAccount(args)], {
    partSize,
    concurrency,
  })
  const meter = measure()
  const result = await uploader.upload(path)
  const figures = meter.finish(result.size)
  await uploader.dispose()
  return { ...figures, parts: result.partsSent }
})
