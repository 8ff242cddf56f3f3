import { createUploader, UploadError, type UploadError as UploadErrorType } from '@vodup/core'
import { MAX_ERROR_MESSAGE_LENGTH } from '@vodup/core/internal'
import { memoryAuth, memoryTarget, memoryTransport } from '@vodup/core/testing'
import { describe, expect, it } from 'vitest'
import { acknowledgedParts, KiB, patternBytes, sameBytes, until } from '#test-support'

const KEY = 'test-bucket/uploads/movie.mp4'

function stack(partSize = 100 * KiB) {
  const transport = memoryTransport()
  const target = memoryTarget({ delay: (op) => (op === 'UploadPart' ? 3 : 0) })
  const make = () => createUploader([transport, target, memoryAuth()], { partSize, concurrency: 2 })
  return { transport, target, make }
}

function warningsOf(uploader: ReturnType<typeof createUploader>): UploadErrorType[] {
  const warnings: UploadErrorType[] = []
  uploader.hooks.warning.tap('test', (error) => warnings.push(error))
  return warnings
}

/** The server acted (stored the object) but its answer carries no proof of it. */
const unproven = (code: 'INTEGRITY_MISMATCH' | 'BAD_RESPONSE') => () =>
  new UploadError(code, 'The answer does not prove the object.', {
    status: 200,
    retryable: false,
    operation: 'CompleteMultipartUpload',
  })

describe('resume proves before it trusts', () => {
  it('a file rewritten at the same size and modification time since its checkpoint is uploaded anew, with a warning', async () => {
    const { transport, target, make } = stack()
    const before = patternBytes(700 * KiB, 1)
    const input = transport.putFile('movie.mp4', before, 42)
    const first = make()
    let acknowledged = 0
    first.hooks.partUploaded.tap('test', () => acknowledged++)
    first.addFile(input)
    const run = first.start()
    await until(() => acknowledged >= 3)
    await first.stop()
    await run
    const staleUploadId = [...target.uploads.keys()][0]

    // Same name, same size, same modification time: the fingerprint cannot tell, the bytes can.
    const after = patternBytes(700 * KiB, 2)
    transport.putFile('movie.mp4', after, 42)
    const second = make()
    const warnings = warningsOf(second)
    const file = second.addFile(input)
    await second.start()

    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get(KEY), after)).toBe(true)
    expect(file.result).toMatchObject({ partsResumed: 0, partsSent: 7 })
    expect(warnings.map((w) => w.code)).toEqual(['FILE_CHANGED'])
    expect(warnings[0].message).toMatch(/changed since its checkpoint/)
    expect(target.uploads.has(staleUploadId)).toBe(false)
    const ops = target.calls.map((c) => c.operation)
    expect(ops.filter((op) => op === 'AbortMultipartUpload')).toHaveLength(1)
    expect(ops.filter((op) => op === 'InitiateMultipartUpload')).toHaveLength(2)
  })

  it('an unchanged file resumes: every resumed part is read back and proven, none is sent again', async () => {
    const { transport, target, make } = stack()
    const bytes = patternBytes(900 * KiB)
    const input = transport.putFile('movie.mp4', bytes)
    const first = make()
    let acknowledged = 0
    first.hooks.partUploaded.tap('test', () => acknowledged++)
    first.addFile(input)
    const run = first.start()
    await until(() => acknowledged >= 4)
    await first.stop()
    await run
    const readsBefore = transport.reads.length

    const second = make()
    const warnings = warningsOf(second)
    const file = second.addFile(input)
    await second.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get(KEY), bytes)).toBe(true)
    const resumed = (file.result as { partsResumed: number }).partsResumed
    expect(resumed).toBeGreaterThanOrEqual(4)
    expect(warnings).toEqual([])
    for (const count of acknowledgedParts(target.calls).values()) expect(count).toBe(1)
    // Nine parts in all: the resumed ones read once to be proven, the others once to be sent.
    expect(transport.reads.length - readsBefore).toBe(9)
  })
})

describe('an object the server cannot prove', () => {
  it('is uploaded once more from a new multipart upload, with a warning', async () => {
    const { transport, target, make } = stack()
    const bytes = patternBytes(450 * KiB)
    const input = transport.putFile('movie.mp4', bytes)
    target.failAfterActing('CompleteMultipartUpload', unproven('INTEGRITY_MISMATCH'))
    const uploader = make()
    const warnings = warningsOf(uploader)
    const file = uploader.addFile(input)
    await uploader.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get(KEY), bytes)).toBe(true)
    expect(warnings.map((w) => w.code)).toEqual(['INTEGRITY_MISMATCH'])
    expect(warnings[0].message).toMatch(/once more from the start/)
    const ops = target.calls.map((c) => c.operation)
    expect(ops.filter((op) => op === 'InitiateMultipartUpload')).toHaveLength(2)
    expect(ops.filter((op) => op === 'UploadPart')).toHaveLength(10)
    expect(ops).not.toContain('DeleteObject')
  })

  it('twice: the file fails with the code, and the object is deleted', async () => {
    const { transport, target, make } = stack()
    const input = transport.putFile('movie.mp4', patternBytes(450 * KiB))
    target.failAfterActing('CompleteMultipartUpload', unproven('BAD_RESPONSE'), 2)
    const uploader = make()
    const file = uploader.addFile(input)
    await uploader.start()
    expect(file.state).toBe('failure')
    expect(file.error?.code).toBe('BAD_RESPONSE')
    expect(file.error?.message).toMatch(/test-bucket\/uploads\/movie\.mp4 was deleted/)
    expect(target.objects.has(KEY)).toBe(false)
    expect(target.calls.filter((c) => c.operation === 'DeleteObject')).toHaveLength(1)
  })

  it('twice, and the credentials may not delete: the failure names the key and why', async () => {
    const { transport, target, make } = stack()
    const input = transport.putFile('movie.mp4', patternBytes(450 * KiB))
    target.failAfterActing('CompleteMultipartUpload', unproven('INTEGRITY_MISMATCH'), 2)
    target.failNext(
      'DeleteObject',
      () => new UploadError('ACCESS_DENIED', 'You have no right to delete it.', { status: 403 }),
    )
    const uploader = make()
    const file = uploader.addFile(input)
    await uploader.start()
    expect(file.state).toBe('failure')
    expect(file.error?.code).toBe('INTEGRITY_MISMATCH')
    expect(file.error?.message).toMatch(
      /object at test-bucket\/uploads\/movie\.mp4 could not be removed: You have no right to delete it\. \[ACCESS_DENIED\]/,
    )
  })

  it('in one request (PutObject): sent once more, then deleted', async () => {
    const { transport, target, make } = stack(1024 * KiB)
    const bytes = patternBytes(300 * KiB)
    const input = transport.putFile('movie.mp4', bytes)
    target.failAfterActing('PutObject', unproven('INTEGRITY_MISMATCH'))
    const once = make()
    const file = once.addFile(input)
    await once.start()
    expect(file.state).toBe('success')
    expect(sameBytes(target.objects.get(KEY), bytes)).toBe(true)
    expect(target.calls.filter((c) => c.operation === 'PutObject')).toHaveLength(2)

    target.failAfterActing('PutObject', unproven('INTEGRITY_MISMATCH'), 2)
    const twice = make()
    const again = twice.addFile(input)
    await twice.start()
    expect(again.state).toBe('failure')
    expect(target.objects.has(KEY)).toBe(false)
  })

  it('a failure that is no missing proof (an error status) is not retried from the start nor deleted', async () => {
    const { transport, target, make } = stack()
    const input = transport.putFile('movie.mp4', patternBytes(450 * KiB))
    target.failNext(
      'CompleteMultipartUpload',
      () => new UploadError('BAD_RESPONSE', 'HTTP 400 without an error body', { status: 400 }),
    )
    const uploader = make()
    const file = uploader.addFile(input)
    await uploader.start()
    expect(file.state).toBe('failure')
    const ops = target.calls.map((c) => c.operation)
    expect(ops.filter((op) => op === 'InitiateMultipartUpload')).toHaveLength(1)
    expect(ops).not.toContain('DeleteObject')
  })
})

describe('bounded answers and messages', () => {
  it('a transport cuts a body longer than the request allows and marks it truncated', async () => {
    const huge = `<Error><Message>${'A'.repeat(5 * 1024 * 1024)}</Message></Error>`
    const transport = memoryTransport({
      respond: () => ({ status: 403, headers: {}, body: huge }),
    })
    const cut = await transport.transport.request({
      method: 'GET',
      url: 'http://127.0.0.1/',
      headers: {},
      maxResponseBytes: 1000,
    })
    expect(cut).toMatchObject({ status: 403, truncated: true })
    expect(cut.body).toHaveLength(1000)
    const byDefault = await transport.transport.request({
      method: 'GET',
      url: 'http://127.0.0.1/',
      headers: {},
    })
    expect(byDefault.body).toHaveLength(1024 * 1024)
    const small = memoryTransport({ respond: () => ({ status: 200, headers: {}, body: 'ok' }) })
    const whole = await small.transport.request({ method: 'GET', url: 'x', headers: {} })
    expect(whole).toEqual({ status: 200, headers: {}, body: 'ok' })
  })

  it('an UploadError keeps its message, server code and request id short', () => {
    const error = new UploadError('SERVICE_ERROR', 'x'.repeat(50_000), {
      serverCode: 'C'.repeat(10_000),
      requestId: 'R'.repeat(10_000),
    })
    expect(error.message.length).toBe(MAX_ERROR_MESSAGE_LENGTH)
    expect(error.message.endsWith('…')).toBe(true)
    expect(error.serverCode?.length).toBeLessThanOrEqual(128)
    expect(error.requestId?.length).toBeLessThanOrEqual(128)
    expect(new UploadError('NETWORK', 'short').message).toBe('short')
  })
})
