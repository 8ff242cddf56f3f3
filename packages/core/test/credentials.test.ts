import { createUploader, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { acknowledgedParts, KiB, patternBytes, sameBytes } from '#test-support'

describe('credential refresh', () => {
  it('refreshes once however many parts fail at once, then re-sends only the failed parts', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: (op) => (op === 'UploadPart' ? 5 : 0) })
    const auth = memoryAuth({ delay: 20 })
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      concurrency: 4,
    })
    const states: string[] = []
    uploader.hooks.stateChanged.tap('test', (file) => states.push(file.state))
    let expired = false
    uploader.hooks.partUploaded.tap('test', (_file, part) => {
      if (part.n === 2 && !expired) {
        expired = true
        target.expireTokens()
      }
    })
    const bytes = patternBytes(1200 * KiB)
    const result = await uploader.upload(transport.putFile('long.mp4', bytes))

    expect(auth.counts).toEqual({ authorize: 1, refresh: 1 })
    expect(sameBytes(target.objects.get('test-bucket/uploads/long.mp4'), bytes)).toBe(true)
    const expiredCalls = target.calls.filter((c) => c.code === 'TOKEN_EXPIRED')
    expect(expiredCalls.length).toBeGreaterThan(0)
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
    expect(result.partsSent).toBe(12)
    const startedDuringRefresh = target.calls.filter(
      (c) => c.operation === 'UploadPart' && c.token === 'token-1' && c.outcome === 'ok',
    )
    expect(startedDuringRefresh.length).toBeLessThanOrEqual(2 + 4)
    expect(states).toContain('awaiting-credentials')
    expect(states.at(-1)).toBe('success')
  })

  it('refreshes ahead of a known expiry, before the server refuses anything', async () => {
    const transport = memoryTransport()
    const target = memoryTarget({ delay: 10 })
    const auth = memoryAuth({ ttlMs: 60 })
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      concurrency: 1,
    })
    await uploader.upload(transport.putFile('a.mp4', patternBytes(800 * KiB)))
    expect(auth.counts.refresh).toBeGreaterThan(0)
    expect(target.calls.filter((c) => c.outcome === 'error')).toEqual([])
  })

  it('fails with TOKEN_EXPIRED when no plugin refreshes', async () => {
    const transport = memoryTransport()
    const target = memoryTarget()
    const uploader = createUploader(
      [
        transport,
        target,
        {
          name: 'one-shot-auth',
          apply(kernel) {
            kernel.hooks.authorize.tapPromise('one-shot-auth', async ({ file }) => ({
              credentials: { accessKeyId: 'id', accessKeySecret: 's', securityToken: 'only' },
              destination: { endpoint: 'http://127.0.0.1:1', bucket: 'b', objectKey: file.name },
            }))
          },
        },
      ],
      { partSize: 100 * KiB },
    )
    target.failNext(
      'UploadPart',
      () => new UploadError('TOKEN_EXPIRED', 'expired', { serverCode: 'SecurityTokenExpired' }),
    )
    const file = uploader.addFile(transport.putFile('x.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    expect(file.state).toBe('failure')
    expect(file.error).toMatchObject({ code: 'TOKEN_EXPIRED', serverCode: 'SecurityTokenExpired' })
  })

  it('gives up after refreshed credentials keep failing, instead of looping', async () => {
    const transport = memoryTransport()
    const target = memoryTarget()
    const auth = memoryAuth()
    const uploader = createUploader([transport, target, auth], {
      partSize: 100 * KiB,
      maxRefreshesWithoutProgress: 2,
    })
    target.failNext(
      'InitiateMultipartUpload',
      () => new UploadError('TOKEN_EXPIRED', 'expired'),
      10,
    )
    const file = uploader.addFile(transport.putFile('x.mp4', patternBytes(300 * KiB)))
    await uploader.start()
    expect(file.error?.code).toBe('TOKEN_EXPIRED')
    expect(auth.counts.refresh).toBe(2)
  })

  it('refuses a malformed authorization with AUTH_INVALID naming the field', async () => {
    const transport = memoryTransport()
    const uploader = createUploader([
      transport,
      memoryTarget(),
      {
        name: 'bad-auth',
        apply(kernel) {
          kernel.hooks.authorize.tapPromise('bad-auth', async () => ({
            credentials: { accessKeyId: 'id', accessKeySecret: '' },
            destination: { endpoint: 'oss.example.com', bucket: 'b', objectKey: 'k' },
          }))
        },
      },
    ])
    const file = uploader.addFile(transport.putFile('x.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error).toMatchObject({ code: 'AUTH_INVALID', field: 'credentials.accessKeySecret' })
  })

  it('fails with AUTH_MISSING when no plugin authorizes', async () => {
    const transport = memoryTransport()
    const uploader = createUploader([transport, memoryTarget()])
    const file = uploader.addFile(transport.putFile('x.mp4', patternBytes(10)))
    await uploader.start()
    expect(file.error?.code).toBe('AUTH_MISSING')
  })
})
