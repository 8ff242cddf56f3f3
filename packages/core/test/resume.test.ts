import { createUploader, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { acknowledgedParts, KiB, patternBytes, sameBytes, until } from '#test-support'

/** Two uploaders over one transport (same files, same checkpoint store) and one server: a process restart. */
function restartable() {
  const transport = memoryTransport()
  const target = memoryTarget({ delay: (op) => (op === 'UploadPart' ? 4 : 0) })
  const make = () =>
    createUploader([transport, target, memoryAuth()], { partSize: 100 * KiB, concurrency: 2 })
  return { transport, target, make }
}

/** Uploads `input` until the server acknowledged `parts` parts, then stops: the checkpoint stays in storage. */
async function stopAfterParts(
  uploader: ReturnType<typeof createUploader>,
  input: unknown,
  parts: number,
) {
  let acknowledged = 0
  uploader.hooks.partUploaded.tap('test', () => acknowledged++)
  const file = uploader.addFile(input)
  const run = uploader.start()
  await until(() => acknowledged >= parts)
  await uploader.stop()
  await run
  return file
}

describe('resume from a checkpoint', () => {
  it('a new uploader resumes the same file from storage, reconciled with ListParts', async () => {
    const { transport, target, make } = restartable()
    const bytes = patternBytes(900 * KiB)
    const input = transport.putFile('movie.mp4', bytes)
    await stopAfterParts(make(), input, 4)

    const second = make()
    const file = second.addFile(input)
    await second.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get('test-bucket/uploads/movie.mp4'), bytes)).toBe(true)
    expect(target.calls.filter((c) => c.operation === 'ListParts')).toHaveLength(1)
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
    expect(transport.storage.size).toBe(0)
  })

  it('starts over when the server no longer knows the upload id (NO_SUCH_UPLOAD)', async () => {
    const { transport, target, make } = restartable()
    const bytes = patternBytes(700 * KiB)
    const input = transport.putFile('stale.mp4', bytes)
    const file1 = await stopAfterParts(make(), input, 2)
    target.dropUpload(file1.uploadId as string)

    const second = make()
    const file = second.addFile(input)
    await second.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get('test-bucket/uploads/stale.mp4'), bytes)).toBe(true)
    expect(target.calls.filter((c) => c.operation === 'InitiateMultipartUpload')).toHaveLength(2)
    expect(target.calls.find((c) => c.operation === 'ListParts')?.code).toBe('NO_SUCH_UPLOAD')
  })

  it('adopts parts the server holds but the checkpoint missed (a crash before the write), after checking them against the file', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: (op) => (op === 'UploadPart' ? 3 : 0) })
    const bytes = patternBytes(600 * KiB)
    const input = transport.putFile('lost.mp4', bytes)
    const first = createUploader([transport, target, memoryAuth()], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    let stored = 0
    first.hooks.saveCheckpoint.tapPromise('drop-after-part-2', async (_file, checkpoint) =>
      checkpoint.doneParts.length > 2 ? true : undefined,
    )
    first.hooks.partUploaded.tap('test', () => stored++)
    const firstFile = first.addFile(input)
    target.failNext(
      'CompleteMultipartUpload',
      () => new UploadError('ACCESS_DENIED', 'stop here'),
      1,
    )
    await first.start()
    expect(firstFile.state).toBe('failure')
    expect(stored).toBe(6)

    const second = createUploader([transport, target, memoryAuth()], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    const file = second.addFile(input)
    await second.start()
    expect(file.state).toBe('success')
    expect(file.result).toMatchObject({ partsResumed: 6, partsSent: 0 })
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
    // Each of the 6 parts was read once to be sent, and once more to be proven before the resume counted it.
    expect(transport.reads.filter((r) => r.name === 'lost.mp4').length).toBe(6 + 6)
  })

  it('ignores a checkpoint for another destination and starts a new upload', async () => {
    const { transport, target, make } = restartable()
    const input = transport.putFile('moved.mp4', patternBytes(400 * KiB))
    await stopAfterParts(make(), input, 1)
    const second = createUploader(
      [
        transport,
        target,
        memoryAuth({
          destination: (f) => ({
            endpoint: 'http://127.0.0.1:1',
            bucket: 'other',
            objectKey: f.name,
          }),
        }),
      ],
      { partSize: 100 * KiB },
    )
    await second.upload(input)
    expect(target.objects.has('other/moved.mp4')).toBe(true)
    expect(target.calls.filter((c) => c.operation === 'ListParts')).toHaveLength(0)
  })
})
