import { UploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { KiB, patternBytes, sameBytes } from '#test-support'
import { memoryStack, recordEvents } from './helpers'

describe('createUploader with the in-memory stack', () => {
  it('uploads a multi-part file whose bytes arrive intact, with hooks in order', async () => {
    const { uploader, transport, target } = memoryStack()
    const events = recordEvents(uploader)
    const bytes = patternBytes(350 * KiB)
    const file = uploader.addFile(transport.putFile('movie.mp4', bytes))
    const summary = await uploader.start()

    expect(summary.succeeded.map((f) => f.id)).toEqual([file.id])
    expect(sameBytes(target.objects.get('test-bucket/uploads/movie.mp4'), bytes)).toBe(true)
    expect(events[0]).toBe('added:movie.mp4')
    expect(events[1]).toBe('started:movie.mp4')
    expect(events.filter((e) => e.startsWith('part:')).sort()).toEqual([
      'part:movie.mp4:1',
      'part:movie.mp4:2',
      'part:movie.mp4:3',
      'part:movie.mp4:4',
    ])
    expect(events.slice(-2)).toEqual(['succeeded:movie.mp4', 'end'])
    expect(file.state).toBe('success')
    expect(file.result).toMatchObject({ size: bytes.length, partsSent: 4, partsResumed: 0 })
    expect(transport.storage.size).toBe(0)
  })

  it('sends a small file and an empty file in one request each', async () => {
    const { uploader, transport, target } = memoryStack()
    uploader.addFile(transport.putFile('small.jpg', patternBytes(10 * KiB)))
    uploader.addFile(transport.putFile('empty.txt', new Uint8Array(0)))
    await uploader.start()
    expect(target.calls.map((c) => c.operation)).toEqual(['PutObject', 'PutObject'])
    expect(target.objects.get('test-bucket/uploads/empty.txt')).toEqual(new Uint8Array(0))
  })

  it('upload() resolves with the result and rejects with a coded error', async () => {
    const { uploader, transport, target } = memoryStack()
    const result = await uploader.upload(transport.putFile('a.mp4', patternBytes(150 * KiB)))
    expect(result).toMatchObject({
      bucket: 'test-bucket',
      objectKey: 'uploads/a.mp4',
      partsSent: 2,
    })
    target.failNext(
      'InitiateMultipartUpload',
      () => new UploadError('ACCESS_DENIED', 'no', { status: 403 }),
    )
    await expect(
      uploader.upload(transport.putFile('b.mp4', patternBytes(150 * KiB))),
    ).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
    })
  })
})
