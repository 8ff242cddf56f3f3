import { createUploader, type RetryAttempt, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { loadInMiniProgram } from '#test-support'
import { retry } from './retry'

const KiB = 1024

/** Byte equality without toEqual, which is slow on large arrays. */
function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.compare(a, b) === 0
}

function bytesOf(size: number): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 7 + (i >> 9)) & 0xff
  return out
}

function stack(retryOptions = {}) {
  const transport = memoryTransport()
  const target = memoryTarget()
  const auth = memoryAuth()
  const uploader = createUploader(
    [transport, target, auth, retry({ minTimeout: 1, randomize: false, ...retryOptions })],
    { partSize: 100 * KiB, concurrency: 1 },
  )
  const retries: RetryAttempt[] = []
  uploader.hooks.retry.tap('test', (attempt) => {
    retries.push(attempt)
  })
  return { transport, target, auth, uploader, retries }
}

describe('retry() in an uploader', () => {
  it('re-sends a part that hit a network error and the object arrives whole', async () => {
    const { transport, target, uploader, retries } = stack()
    target.failNext('UploadPart', () => new UploadError('NETWORK', 'connection reset'), 2)
    const bytes = bytesOf(350 * KiB)
    const file = uploader.addFile(transport.putFile('clip.mp4', bytes))
    const result = await uploader.start()

    expect(result.succeeded).toEqual([file])
    expect(sameBytes(target.objects.get('test-bucket/uploads/clip.mp4'), bytes)).toBe(true)
    expect(retries).toEqual([
      expect.objectContaining({
        fileId: file.id,
        operation: 'UploadPart',
        partNumber: 1,
        attempt: 1,
        delayMs: 1,
      }),
      expect.objectContaining({
        fileId: file.id,
        operation: 'UploadPart',
        partNumber: 1,
        attempt: 2,
        delayMs: 2,
      }),
    ])
    const part1 = target.calls.filter((c) => c.operation === 'UploadPart' && c.partNumber === 1)
    expect(part1.map((c) => c.outcome)).toEqual(['error', 'error', 'ok'])
  })

  it('fails the file with the last error once the retries are used up', async () => {
    const { transport, target, uploader, retries } = stack({ retries: 2 })
    target.failNext(
      'CompleteMultipartUpload',
      () => new UploadError('SERVER_ERROR', 'internal error', { status: 500 }),
      3,
    )
    const file = uploader.addFile(transport.putFile('clip.mp4', bytesOf(250 * KiB)))
    await uploader.start()
    expect(file.state).toBe('failure')
    expect(file.error).toMatchObject({ code: 'SERVER_ERROR', status: 500 })
    expect(retries.map((r) => r.attempt)).toEqual([1, 2])
  })

  it('sends an expired token to the credential refresh, not to the retry policy', async () => {
    const { transport, target, auth, uploader, retries } = stack()
    uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 1) target.expireTokens()
    })
    const bytes = bytesOf(300 * KiB)
    await uploader.upload(transport.putFile('clip.mp4', bytes))
    expect(auth.counts.refresh).toBe(1)
    expect(retries).toEqual([])
    expect(sameBytes(target.objects.get('test-bucket/uploads/clip.mp4'), bytes)).toBe(true)
  })

  it('stops retrying when the upload is stopped during the backoff', async () => {
    const { transport, target, uploader } = stack({ minTimeout: 3_600_000 })
    target.failNext('UploadPart', () => new UploadError('TIMEOUT', 'no answer'), 1)
    uploader.hooks.retry.tap('test', () => {
      setTimeout(() => void uploader.stop(), 1)
    })
    const file = uploader.addFile(transport.putFile('clip.mp4', bytesOf(250 * KiB)))
    const summary = await uploader.start()
    expect(summary.stopped).toEqual([file])
    // The run is over: the retry waiting in its backoff was dropped, not sent.
    expect(uploader.running).toBe(false)
  })

  it('runs in a mini-program context without code generation', async () => {
    const outcome: { value?: unknown } = {}
    await loadInMiniProgram(
      `
      import { createUploader, UploadError } from '@vodup/core'
      import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
      import { retry } from '@vodup/retry'
      const transport = memoryTransport()
      const target = memoryTarget()
      const uploader = createUploader(
        [transport, target, memoryAuth(), retry({ minTimeout: 1 })],
        { partSize: 100 * 1024 },
      )
      const retries = []
      uploader.hooks.retry.tap('test', (attempt) => { retries.push(attempt.operation + ':' + attempt.error.code) })
      target.failNext('InitiateMultipartUpload', () => new UploadError('THROTTLED', 'slow down', { status: 503 }), 1)
      uploader
        .upload(transport.putFile('a.mp4', new Uint8Array(300 * 1024)))
        .then((result) => report({ size: result.size, retries }), (error) => report({ error: String(error) }))
      `,
      { report: (value: unknown) => (outcome.value = value) },
    )
    await expect.poll(() => outcome.value).toBeDefined()
    expect(outcome.value).toEqual({
      size: 300 * KiB,
      retries: ['InitiateMultipartUpload:THROTTLED'],
    })
  })
})
