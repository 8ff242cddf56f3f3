import { UploadError } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { acknowledgedParts, KiB, patternBytes, sameBytes, until } from '#test-support'
import { memoryStack, recordEvents } from './helpers'

describe('file list and states', () => {
  it('uploads files one at a time in list order, picking up files added during the run', async () => {
    const { uploader, transport, target } = memoryStack()
    const events = recordEvents(uploader)
    uploader.addFile(transport.putFile('1.mp4', patternBytes(150 * KiB, 1)))
    uploader.addFile(transport.putFile('2.mp4', patternBytes(150 * KiB, 2)))
    const run = uploader.start()
    uploader.addFile(transport.putFile('3.mp4', patternBytes(50 * KiB, 3)))
    await run
    const order = events.filter((e) => e.startsWith('started') || e.startsWith('succeeded'))
    expect(order).toEqual([
      'started:1.mp4',
      'succeeded:1.mp4',
      'started:2.mp4',
      'succeeded:2.mp4',
      'started:3.mp4',
      'succeeded:3.mp4',
    ])
    expect(target.objects.size).toBe(3)
  })

  it('runs several files at once with fileConcurrency', async () => {
    const { uploader, transport, target } = memoryStack({ fileConcurrency: 3 }, undefined, {
      delay: 5,
    })
    for (let i = 0; i < 3; i++)
      uploader.addFile(transport.putFile(`${i}.mp4`, patternBytes(300 * KiB, i + 1)))
    await uploader.start()
    expect(target.objects.size).toBe(3)
    expect(target.peaks.operations).toBeGreaterThan(1)
  })

  it('stop keeps acknowledged parts; start resumes without sending them again', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 2 }, undefined, { delay: 5 })
    const bytes = patternBytes(1000 * KiB)
    const file = uploader.addFile(transport.putFile('big.mp4', bytes))
    const events = recordEvents(uploader)
    const run = uploader.start()
    await until(() => events.filter((e) => e.startsWith('part:')).length >= 3)
    await uploader.stop()
    const summary = await run
    expect(file.state).toBe('stopped')
    expect(summary.stopped).toEqual([file])
    expect(events).not.toContain('end')
    expect(transport.storage.size).toBe(1)

    await uploader.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get('test-bucket/uploads/big.mp4'), bytes)).toBe(true)
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
    expect(target.calls.filter((c) => c.operation === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(file.result?.partsResumed).toBeGreaterThanOrEqual(3)
  })

  it('cancel aborts the server upload, drops the checkpoint, and resumeFile makes it ready again', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 1 }, undefined, { delay: 5 })
    const file = uploader.addFile(transport.putFile('c.mp4', patternBytes(600 * KiB)))
    const events = recordEvents(uploader)
    const run = uploader.start()
    await until(() => events.some((e) => e.startsWith('part:')))
    await uploader.cancelFile(file.id)
    await run
    expect(file.state).toBe('canceled')
    expect(events).toContain('canceled:c.mp4')
    expect(
      target.calls.some((c) => c.operation === 'AbortMultipartUpload' && c.outcome === 'ok'),
    ).toBe(true)
    expect(target.uploads.size).toBe(0)
    expect(transport.storage.size).toBe(0)

    uploader.resumeFile(file.id)
    expect(file.state).toBe('ready')
    await uploader.start()
    expect(file.state).toBe('success')
  })

  it('a failed file keeps its checkpoint; the next start resumes it', async () => {
    const { uploader, transport, target } = memoryStack({ concurrency: 1 })
    const file = uploader.addFile(transport.putFile('f.mp4', patternBytes(500 * KiB)))
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 2)
        target.failNext(
          'UploadPart',
          () => new UploadError('ACCESS_DENIED', 'denied', { status: 403 }),
        )
    })
    const first = await uploader.start()
    expect(first.failed).toEqual([file])
    expect(file.error).toMatchObject({ code: 'ACCESS_DENIED', status: 403 })
    await uploader.start()
    expect(file.state).toBe('success')
    expect(file.result?.partsResumed).toBe(2)
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
  })

  it('removeFile, clear and illegal calls', async () => {
    const { uploader, transport } = memoryStack()
    const a = uploader.addFile(transport.putFile('a.mp4', patternBytes(10)))
    const b = uploader.addFile(transport.putFile('b.mp4', patternBytes(10)))
    expect(() => uploader.addFile(transport.putFile('a.mp4', patternBytes(10)))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(() => uploader.resumeFile(a.id)).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    )
    expect(() => uploader.resumeFile('nope')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'id' }),
    )
    expect(() => uploader.addFile({})).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    )
    expect(uploader.listFiles()).toEqual([a, b])
    await uploader.removeFile(a.id)
    expect(uploader.listFiles()).toEqual([b])
    await uploader.start()
    await expect(uploader.cancelFile(b.id)).rejects.toMatchObject({ code: 'INVALID_STATE' })
    await uploader.clear()
    expect(uploader.listFiles()).toEqual([])
  })

  it('beforeAdd taps can refuse or transform a file', () => {
    const { uploader, transport } = memoryStack()
    uploader.hooks.beforeAdd.tap('guard', (request) => {
      const name = (request.input as { name: string }).name
      if (name.endsWith('.exe'))
        throw new UploadError('INVALID_ARGUMENT', 'No programs.', { field: 'input' })
      return { ...request, meta: { ...request.meta, title: name } }
    })
    expect(() => uploader.addFile(transport.putFile('x.exe', patternBytes(1)))).toThrow(
      'No programs.',
    )
    expect(uploader.addFile(transport.putFile('y.mp4', patternBytes(1))).meta).toEqual({
      title: 'y.mp4',
    })
    expect(uploader.listFiles()).toHaveLength(1)
  })

  it('a tap that throws in a notification hook does not break the upload', async () => {
    const { uploader, transport } = memoryStack()
    const warnings: Array<{ code: string; message: string; file?: string }> = []
    uploader.hooks.progress.tap('broken', () => {
      throw new Error('app bug')
    })
    uploader.hooks.warning.tap('test', (error, file) =>
      warnings.push({ code: error.code, message: error.message, file: file?.name }),
    )
    const result = await uploader.upload(transport.putFile('a.mp4', patternBytes(300 * KiB)))
    expect(result.size).toBe(300 * KiB)
    expect(warnings).toContainEqual({
      code: 'INTERNAL',
      message: 'The "broken" tap of progress threw: app bug',
      file: 'a.mp4',
    })
  })

  it('a file changed during the upload fails with FILE_CHANGED', async () => {
    const { uploader, transport } = memoryStack({ concurrency: 1 })
    const file = uploader.addFile(transport.putFile('v.mp4', patternBytes(500 * KiB)))
    uploader.hooks.partUploaded.tap('test', (_f, part) => {
      if (part.n === 1) transport.putFile('v.mp4', patternBytes(500 * KiB, 9), 2)
    })
    await uploader.start()
    expect(file.error?.code).toBe('FILE_CHANGED')
  })
})
