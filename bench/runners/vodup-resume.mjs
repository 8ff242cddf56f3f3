// vodup resumes a 1 GiB upload stopped at 90 %: phase `stop` uploads until 90 % of the parts are acknowledged and
// stops (the checkpoint stays on disk); phase `resume` is a new process, as after a restart, that proves each
// resumed part against the local file (read back, CRC-64) before it sends the rest. Measures the proving apart.
import { createUploader } from '@vodup/core'
import { ossTarget } from '@vodup/target-oss'
import { nodeTransport } from '@vodup/transport-node'
import { benchAccount } from '../lib/accounts.mjs'
import { measure, runner } from '../lib/measure.mjs'

await runner(
  async ({
    phase,
    path,
    url,
    bucket,
    key,
    accessKeyId,
    accessKeySecret,
    partSize,
    concurrency,
    checkpointDir,
    fraction,
  }) => {
    const account = benchAccount({ url, bucket, key, accessKeyId, accessKeySecret })
    const uploader = createUploader([nodeTransport({ checkpointDir }), ossTarget(), account], {
      partSize,
      concurrency,
    })
    if (phase === 'stop') {
      let acknowledged = 0
      let stopAt = Number.POSITIVE_INFINITY
      uploader.hooks.fileStarted.tap('bench', (file) => {
        stopAt = Math.floor(Math.ceil(file.size / partSize) * fraction)
      })
      uploader.hooks.partUploaded.tap('bench', () => {
        if (++acknowledged === stopAt) void uploader.stop()
      })
      const file = uploader.addFile(path)
      await uploader.start()
      await uploader.dispose()
      return { state: file.state, acknowledged }
    }
    // Everything up to the first part sent (or Complete) is the resume's own cost: ListParts, then every resumed
    // part read back from the file and its CRC-64 compared with the checkpoint's.
    const meter = measure()
    let proving
    uploader.hooks.request.tap('bench', (request, info) => {
      if (
        !proving &&
        (info.operation === 'UploadPart' || info.operation === 'CompleteMultipartUpload')
      ) {
        proving = meter.finish(0)
      }
      return request
    })
    const result = await uploader.upload(path)
    const whole = meter.finish(result.size)
    await uploader.dispose()
    return {
      partsResumed: result.partsResumed,
      partsSent: result.partsSent,
      resumedBytes: result.partsResumed * partSize,
      proving,
      whole,
    }
  },
)
