import {
  createUploader,
  type RetryAttempt,
  type RetryFailure,
  UploadError,
  type UploaderPlugin,
} from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, sameBytes, until } from '#test-support'

/** A policy that records what it was asked and retries what `retry` says, at once. */
function recordingPolicy(retry: (failure: RetryFailure) => boolean, delayMs = 0) {
  const asked: RetryFailure[] = []
  const plugin: UploaderPlugin = {
    name: 'recording-policy',
    apply(kernel) {
      kernel.provideRetryPolicy({
        decide(failure) {
          asked.push(failure)
          return { retry: retry(failure), delayMs }
        },
      })
    },
  }
  return { plugin, asked }
}

function stack(...plugins: UploaderPlugin[]) {
  const transport = memoryTransport()
  const target = memoryTarget()
  const uploader = createUploader([transport, target, memoryAuth(), ...plugins], {
    partSize: 100 * KiB,
    concurrency: 1,
  })
  const retries: RetryAttempt[] = []
  uploader.hooks.retry.tap('test', (attempt) => {
    retries.push(attempt)
  })
  return { transport, target, uploader, retries }
}

const networkError = () => new UploadError('NETWORK', 'connection reset')

describe('the kernel retry loop', () => {
  it('without a retry plugin asks shouldRetry, and a tap can retry; the retry is reported', async () => {
    const { transport, target, uploader, retries } = stack()
    const asked: string[] = []
    uploader.hooks.shouldRetry.tap('app', (error, attempt) => {
      asked.push(`${attempt.operation}:${attempt.attempt}:${error.code}`)
      return true
    })
    target.failNext('UploadPart', networkError)
    const bytes = patternBytes(250 * KiB)
    const result = await uploader.upload(transport.putFile('a.mp4', bytes))
    expect(result.partsSent).toBe(3)
    expect(sameBytes(target.objects.get('test-bucket/uploads/a.mp4'), bytes)).toBe(true)
    expect(asked).toEqual(['UploadPart:1:NETWORK'])
    expect(retries).toEqual([
      expect.objectContaining({ operation: 'UploadPart', partNumber: 1, attempt: 1, delayMs: 0 }),
    ])
  })

  it('without a retry plugin and without taps, a failure fails the file at once', async () => {
    const { transport, target, uploader, retries } = stack()
    target.failNext('InitiateMultipartUpload', networkError)
    const file = uploader.addFile(transport.putFile('b.mp4', patternBytes(250 * KiB)))
    await uploader.start()
    expect(file.error?.code).toBe('NETWORK')
    expect(retries).toEqual([])
  })

  it('gives the policy the failure streak, which starts again once a part is acknowledged', async () => {
    const policy = recordingPolicy(() => true)
    const { transport, target, uploader } = stack(policy.plugin)
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 1) target.failNext('UploadPart', networkError, 2)
    })
    target.failNext('UploadPart', networkError, 2)
    await uploader.upload(transport.putFile('c.mp4', patternBytes(250 * KiB)))
    expect(policy.asked.map((f) => [f.partNumber, f.attempt, f.streak])).toEqual([
      [1, 1, 1],
      [1, 2, 2],
      [2, 1, 1],
      [2, 2, 2],
    ])
  })

  it('a shouldRetry tap that throws counts as no answer and is reported; a throwing retry tap is harmless', async () => {
    const policy = recordingPolicy(() => true)
    const { transport, target, uploader, retries } = stack(policy.plugin)
    const warnings: string[] = []
    uploader.hooks.warning.tap('test', (error) => warnings.push(error.message))
    uploader.hooks.shouldRetry.tap('broken', () => {
      throw new Error('tap bug')
    })
    uploader.hooks.retry.tap('broken', () => {
      throw new Error('observer bug')
    })
    target.failNext('UploadPart', networkError)
    await uploader.upload(transport.putFile('d.mp4', patternBytes(150 * KiB)))
    expect(retries).toHaveLength(1)
    expect(warnings).toEqual([
      'The "broken" tap of shouldRetry threw: tap bug',
      'The "broken" tap of retry threw: observer bug',
    ])
  })

  it('never retries a bug (INTERNAL), whatever a tap says', async () => {
    const { transport, target, uploader, retries } = stack()
    uploader.hooks.shouldRetry.tap('eager', () => true)
    target.failNext('InitiateMultipartUpload', () => {
      throw new TypeError('cannot read properties of undefined')
    })
    const file = uploader.addFile(transport.putFile('e.mp4', patternBytes(150 * KiB)))
    await uploader.start()
    expect(file.error).toMatchObject({ code: 'INTERNAL' })
    expect(retries).toEqual([])
  })

  it('a stop ends the wait before a retry at once, and nothing is sent afterwards', async () => {
    const policy = recordingPolicy(() => true, 3_600_000)
    const { transport, target, uploader, retries } = stack(policy.plugin)
    target.failNext('UploadPart', networkError)
    const file = uploader.addFile(transport.putFile('f.mp4', patternBytes(150 * KiB)))
    const run = uploader.start()
    await until(() => retries.length === 1)
    const calls = target.calls.length
    await uploader.stop()
    expect((await run).stopped).toEqual([file])
    expect(target.calls.length).toBe(calls)
  })
})

describe('kernel.runWithRetry', () => {
  it("runs a plugin's own operation under the retry policy, asking shouldRetry and reporting each retry", async () => {
    const policy = recordingPolicy((failure) => failure.error.retryable)
    let attempts = 0
    const vodLike: UploaderPlugin = {
      name: 'vod-like',
      apply(kernel) {
        kernel.hooks.authorize.tapPromise({ name: 'vod-like', before: 'memory-auth' }, (context) =>
          kernel.runWithRetry(
            { operation: 'CreateUploadVideo', file: context.file, signal: context.signal },
            async (attempt) => {
              attempts = attempt
              if (attempt < 3) {
                throw new UploadError('THROTTLED', 'Service unavailable.', { status: 503 })
              }
              return undefined
            },
          ),
        )
      },
    }
    const { transport, uploader, retries } = stack(policy.plugin, vodLike)
    const asked: string[] = []
    uploader.hooks.shouldRetry.tap('app', (_error, attempt) => {
      asked.push(`${attempt.operation}:${attempt.attempt}`)
      return undefined
    })
    await uploader.upload(transport.putFile('g.mp4', patternBytes(10)))
    expect(attempts).toBe(3)
    expect(asked).toEqual(['CreateUploadVideo:1', 'CreateUploadVideo:2'])
    expect(retries.map((r) => [r.operation, r.attempt, r.error.code])).toEqual([
      ['CreateUploadVideo', 1, 'THROTTLED'],
      ['CreateUploadVideo', 2, 'THROTTLED'],
    ])
  })

  it('rejects with the failure the policy did not retry', async () => {
    const policy = recordingPolicy((failure) => failure.error.retryable)
    const denied = new UploadError('ACCESS_DENIED', 'Forbidden.', { status: 403 })
    const strict: UploaderPlugin = {
      name: 'strict',
      apply(kernel) {
        kernel.hooks.authorize.tapPromise({ name: 'strict', before: 'memory-auth' }, (context) =>
          kernel.runWithRetry({ operation: 'CreateUploadVideo', file: context.file }, async () => {
            throw denied
          }),
        )
      },
    }
    const { transport, uploader, retries } = stack(policy.plugin, strict)
    const file = uploader.addFile(transport.putFile('h.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error).toBe(denied)
    expect(retries).toEqual([])
  })
})
