// vodup (transport-node + target-oss) uploads one file to the emulator with the account keys.
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({
    path,
    url,
    bucket,
    key,
    accessKeyId,
    accessKeySecret,
    partSize,
    concurrency,
    checkpointDir,
    hashThreads,
    integrity,
  }) => {
    const account = {
      name: 'bench-account',
      apply(kernel) {
        kernel.hooks.authorize.tapPromise('bench-account', async () => ({
          credentials: { accessKeyId, accessKeySecret },
          destination: { endpoint: url, bucket, objectKey: key },
        }))
      },
    }
    const transport = nodeTransport({
      checkpointDir,
      ...(hashThreads === undefined ? {} : { hashThreads }),
    })
    // `integrity: 'both'` hashes every byte with MD5 and CRC-64, as vodup did before CRC-64 became the only proof.
    const target = ossTarget(integrity === undefined ? {} : { integrity })
    const uploader = createUploader([transport, target, account], {
      partSize,
      concurrency,
    })
    const meter = measure()
    const result = await uploader.upload(path)
    const figures = meter.finish(result.size)
    await uploader.dispose()
    return { ...figures, parts: result.partsSent }
  },
)
