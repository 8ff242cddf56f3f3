import { createUploader, UploadError } from '@vodup/core'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes } from '#test-support'

describe('read chunks', () => {
  it('are released once their part was sent, resumed or described', async () => {
    const transport = memoryTransport()
    const target = memoryTarget()
    const uploader = createUploader([transport, target, memoryAuth()], {
      partSize: 100 * KiB,
      concurrency: 3,
    })
    target.failNext('UploadPart', () => new UploadError('SERVER_ERROR', 'busy', { status: 503 }))
    const input = transport.putFile('movie.mp4', patternBytes(1000 * KiB))
    await expect(uploader.upload(input)).rejects.toMatchObject({ code: 'SERVER_ERROR' })
    expect(transport.unreleased.size).toBe(0)

    await uploader.start()
    expect(transport.reads.length).toBeGreaterThan(10)
    expect(transport.unreleased.size).toBe(0)
  })

  it('is released after a single-request upload', async () => {
    const transport = memoryTransport()
    const uploader = createUploader([transport, memoryTarget(), memoryAuth()])
    await uploader.upload(transport.putFile('small.jpg', patternBytes(10 * KiB)))
    expect(transport.reads).toHaveLength(1)
    expect(transport.unreleased.size).toBe(0)
  })
})
