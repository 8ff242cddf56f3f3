import { readdir } from 'node:fs/promises'
import { createUploader } from '@vodup/core'
import { nodeTransport } from '@vodup/transport-node'
import { describe, expect, it } from 'vitest'
import {
  type EmulatorAuthOptions,
  emulatorAuth,
  nodeTransportForTest,
  patternBytes,
  sameBytes,
  testDir,
  uploadErrorOf,
  useEmulator,
  useTempDir,
} from '#test-support'
import { type OssIntegrity, ossTarget } from '../src/index'

const emulator = useEmulator()
const files = useTempDir()

const PART = 200 * 1024

async function setup(auth: EmulatorAuthOptions = {}, integrity: OssIntegrity = 'crc64') {
  const authPlugin = emulatorAuth(emulator, auth)
  const uploader = createUploader(
    [await nodeTransportForTest(), ossTarget({ integrity }), authPlugin],
    { partSize: PART, concurrency: 1 },
  )
  return { uploader, auth: authPlugin, from: emulator.requests().length }
}

const logSince = (from: number) => emulator.requests().slice(from)
const partLog = (from: number) =>
  logSince(from)
    .filter((r) => r.operation === 'UploadPart')
    .map((r) => `${r.partNumber}:${r.status}${r.code ? `:${r.code}` : ''}`)

async function stored(key: string, bytes: Uint8Array) {
  return sameBytes(await emulator.getObject(emulator.defaultBucket, key), bytes)
}

describe('failures against the emulator', () => {
  it('refreshes an STS token that expires mid-upload and re-sends only the refused part', async () => {
    const bytes = patternBytes(4 * PART + 10, 21)
    const path = await files.write('expiry.mp4', bytes)
    const { uploader, auth, from } = await setup({ mode: 'sts' })
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      if (++parts === 1) void emulator.faults.expireAllTokens()
    })
    await uploader.upload({ path })

    expect(partLog(from)).toEqual([
      '1:200',
      '2:403:SecurityTokenExpired',
      '2:200',
      '3:200',
      '4:200',
      '5:200',
    ])
    expect(auth.counts).toEqual({ authorize: 1, refresh: 1 })
    expect(await stored('uploads/expiry.mp4', bytes)).toBe(true)
  })

  it('fails with SIGNATURE_MISMATCH on a wrong secret, without refreshing and without the secret in the message', async () => {
    const path = await files.write('wrong-secret.mp4', patternBytes(3 * PART, 22))
    const { uploader, auth } = await setup({
      mode: 'sts',
      override: { accessKeySecret: 'not-the-secret-123' },
    })
    const error = await uploadErrorOf(uploader.upload({ path }))

    expect(error).toMatchObject({
      code: 'SIGNATURE_MISMATCH',
      serverCode: 'SignatureDoesNotMatch',
      status: 403,
      operation: 'InitiateMultipartUpload',
      retryable: false,
    })
    expect(error.requestId).toMatch(/\w+/)
    expect(auth.counts.refresh).toBe(0)
    expect(`${error.message} ${JSON.stringify(error)}`).not.toMatch(
      /not-the-secret|CAIS|StringToSign/,
    )
  })

  it('fails with ACCESS_DENIED for an unknown AccessKeyId without a token', async () => {
    const path = await files.write('wrong-key.jpg', patternBytes(1000, 23))
    const { uploader } = await setup({ override: { accessKeyId: 'LTAIunknownKeyId' } })
    const error = await uploadErrorOf(uploader.upload({ path }))
    expect(error).toMatchObject({
      code: 'ACCESS_DENIED',
      serverCode: 'InvalidAccessKeyId',
      operation: 'PutObject',
    })
  })

  it("with integrity 'both', re-sends a part whose answered ETag is not the MD5 of the bytes sent", async () => {
    const bytes = patternBytes(3 * PART + 1, 24)
    const path = await files.write('etag.mp4', bytes)
    const { uploader, from } = await setup({}, 'both')
    emulator.faults.wrongEtagNext({ count: 1 })
    await uploader.upload({ path })
    expect(partLog(from)).toEqual(['1:200', '1:200', '2:200', '3:200', '4:200'])
    expect(await stored('uploads/etag.mp4', bytes)).toBe(true)
  })

  it('by default (CRC-64 only) a wrong part ETag is refused by the server at Complete: the file fails, nothing is reported stored', async () => {
    const bytes = patternBytes(3 * PART + 1, 27)
    const path = await files.write('etag-crc.mp4', bytes)
    const { uploader } = await setup()
    emulator.faults.wrongEtagNext({ count: 1 })
    const error = await uploadErrorOf(uploader.upload({ path }))
    expect(error).toMatchObject({ code: 'INVALID_PART', operation: 'CompleteMultipartUpload' })
    expect(await emulator.getObject(emulator.defaultBucket, 'uploads/etag-crc.mp4')).toBeUndefined()
  })

  it('a part stored with other bytes than were sent shows in the object CRC-64: the file is uploaded once more, with a warning', async () => {
    const bytes = patternBytes(3 * PART + 2, 25)
    const path = await files.write('corrupt.mp4', bytes)
    const { uploader, from } = await setup()
    const warnings: string[] = []
    uploader.hooks.warning.tap('test', (error) => warnings.push(`${error.code}: ${error.message}`))
    emulator.faults.corruptNextPart({ count: 1 })
    const result = await uploader.upload({ path })
    expect(result.partsSent).toBe(4)
    expect(await stored('uploads/corrupt.mp4', bytes)).toBe(true)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^INTEGRITY_MISMATCH: .*CRC-64.*once more from the start/)
    const initiated = logSince(from).filter((r) => r.operation === 'InitiateMultipartUpload')
    expect(initiated).toHaveLength(2)
  })

  it('an object that differs twice is deleted, and the file fails with INTEGRITY_MISMATCH', async () => {
    const bytes = patternBytes(3 * PART + 2, 28)
    const path = await files.write('corrupt-twice.mp4', bytes)
    const { uploader, from } = await setup()
    // Every part of the first upload, and one of the second.
    emulator.faults.corruptNextPart({ count: 5 })
    const error = await uploadErrorOf(uploader.upload({ path }))
    expect(error).toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      operation: 'CompleteMultipartUpload',
      retryable: false,
    })
    expect(error.message).toMatch(/CRC-64.*uploads\/corrupt-twice\.mp4 was deleted/)
    expect(
      await emulator.getObject(emulator.defaultBucket, 'uploads/corrupt-twice.mp4'),
    ).toBeUndefined()
    expect(
      logSince(from)
        .filter((r) => r.operation === 'DeleteObject')
        .map((r) => r.status),
    ).toEqual([204])
  })

  it("with integrity 'md5' a part stored with other bytes goes unnoticed (the limit of MD5-only servers)", async () => {
    const bytes = patternBytes(3 * PART + 2, 29)
    const path = await files.write('corrupt-unchecked.mp4', bytes)
    const unchecked = await setup({}, 'md5')
    emulator.faults.corruptNextPart({ count: 1 })
    await unchecked.uploader.upload({ path })
    expect(await stored('uploads/corrupt-unchecked.mp4', bytes)).toBe(false)
  })

  it('corrects its clock from the server after RequestTimeTooSkewed and keeps the offset', async () => {
    const bytes = patternBytes(2 * PART + 3, 26)
    const path = await files.write('skew.mp4', bytes)
    emulator.faults.skewClock(40 * 60 * 1000)
    const { uploader, from } = await setup()
    await uploader.upload({ path })
    const log = logSince(from).map((r) => `${r.operation}:${r.status}${r.code ? `:${r.code}` : ''}`)
    expect(log).toEqual([
      'InitiateMultipartUpload:403:RequestTimeTooSkewed',
      'InitiateMultipartUpload:200',
      'UploadPart:200',
      'UploadPart:200',
      'UploadPart:200',
      'CompleteMultipartUpload:200',
    ])
    expect(await stored('uploads/skew.mp4', bytes)).toBe(true)
  })

  it('reports a 5xx as a retryable SERVER_ERROR with the request id', async () => {
    const path = await files.write('server-error.mp4', patternBytes(2 * PART, 27))
    const { uploader } = await setup()
    emulator.faults.failNext({
      operation: 'UploadPart',
      status: 500,
      code: 'InternalError',
      message: 'boom',
    })
    const error = await uploadErrorOf(uploader.upload({ path }))
    expect(error).toMatchObject({
      code: 'SERVER_ERROR',
      serverCode: 'InternalError',
      status: 500,
      retryable: true,
      operation: 'UploadPart',
      partNumber: 1,
    })
    expect(error.message).toContain('boom')
    expect(error.requestId).toMatch(/\w+/)
  })

  it('aborts the multipart upload on the server when a file is canceled', async () => {
    const path = await files.write('cancel.mp4', patternBytes(4 * PART, 28))
    const { dir } = await testDir()
    const uploader = createUploader(
      [nodeTransport({ checkpointDir: dir }), ossTarget(), emulatorAuth(emulator)],
      { partSize: PART, concurrency: 1 },
    )
    const from = emulator.requests().length
    const file = uploader.addFile({ path })
    uploader.hooks.partUploaded.tap('test', () => {
      void uploader.cancelFile(file.id)
    })
    const summary = await uploader.start()
    expect(summary.canceled.map((f) => f.id)).toEqual([file.id])
    const abort = logSince(from).filter((r) => r.operation === 'AbortMultipartUpload')
    expect(abort).toMatchObject([{ status: 204 }])
    expect(emulator.listMultipartUploads().filter((u) => u.key === 'uploads/cancel.mp4')).toEqual(
      [],
    )
    expect(await readdir(dir).catch(() => [])).toEqual([])
  })

  it('cancels a stopped file whose credentials expired meanwhile: a TOKEN_EXPIRED warning, the parts stay on the server', async () => {
    const path = await files.write('cancel-expired.mp4', patternBytes(4 * PART, 30))
    const { dir } = await testDir()
    const uploader = createUploader(
      [nodeTransport({ checkpointDir: dir }), ossTarget(), emulatorAuth(emulator, { mode: 'sts' })],
      { partSize: PART, concurrency: 1 },
    )
    const file = uploader.addFile({ path })
    uploader.hooks.partUploaded.tap('test', () => void uploader.stop())
    await uploader.start()
    expect(file.state).toBe('stopped')
    const uploadId = file.uploadId
    await emulator.faults.expireAllTokens()
    const warnings: string[] = []
    uploader.hooks.warning.tap('test', (error) => {
      warnings.push(`${error.code}: ${error.message}`)
    })
    const from = emulator.requests().length
    await uploader.cancelFile(file.id)
    expect(file.state).toBe('canceled')
    expect(warnings).toEqual([expect.stringMatching(/^TOKEN_EXPIRED: .*SecurityTokenExpired/)])
    expect(logSince(from).map((r) => `${r.operation}:${r.code}`)).toEqual([
      'AbortMultipartUpload:SecurityTokenExpired',
    ])
    expect(emulator.listMultipartUploads().some((u) => u.uploadId === uploadId)).toBe(true)
    expect(await readdir(dir).catch(() => [])).toEqual([])
  })

  it('aborts with the refreshed credentials when a file is canceled after a token expiry', async () => {
    const path = await files.write('cancel-after-refresh.mp4', patternBytes(4 * PART, 29))
    const { uploader, auth, from } = await setup({ mode: 'sts' })
    const file = uploader.addFile({ path })
    let parts = 0
    uploader.hooks.partUploaded.tap('test', () => {
      parts++
      if (parts === 1) void emulator.faults.expireAllTokens()
      if (parts === 2) void uploader.cancelFile(file.id)
    })
    const warnings: string[] = []
    uploader.hooks.warning.tap('test', (error) => {
      warnings.push(`${error.code}: ${error.message}`)
    })
    await uploader.start()
    expect(auth.counts.refresh).toBe(1)
    expect(warnings).toEqual([])
    expect(logSince(from).filter((r) => r.operation === 'AbortMultipartUpload')).toMatchObject([
      { status: 204 },
    ])
  })
})
