import { createHash, randomBytes } from 'node:crypto'
import { crc64 } from 'crc64-ecma182.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { ossClient, popClient } from './helpers/clients.js'
import { xmlField } from './helpers/http.js'
import { multipartRequests, ossRequest } from './helpers/oss-request.js'

const BUCKET = 'faults-bucket'
const PART = 100 * 1024

describe('fault injection', () => {
  let emulator: Emulator

  beforeAll(async () => {
    emulator = await startEmulator()
  })
  afterEach(() => {
    emulator.faults.clear()
    emulator.clearRequests()
  })
  afterAll(() => emulator.stop())

  const oss = () => multipartRequests(emulator.url, emulator, BUCKET)
  const initiate = async (key: string) => xmlField((await oss().initiate(key)).text, 'UploadId')!
  const uploadPart = (key: string, uploadId: string, n: number, body: Buffer) =>
    oss().uploadPart(key, uploadId, n, body)
  const complete = (key: string, uploadId: string, parts: [number, string][]) =>
    oss().complete(key, uploadId, parts)

  it('fails the next N requests of an operation with the given status and code, in each service format', async () => {
    emulator.faults.failNext({
      operation: 'UploadPart',
      count: 2,
      status: 503,
      code: 'ServiceUnavailable',
    })
    const key = 'fail.bin'
    const uploadId = await initiate(key)
    const body = randomBytes(1000)
    const first = await uploadPart(key, uploadId, 1, body)
    expect(first.status).toBe(503)
    expect(xmlField(first.text, 'Code')).toBe('ServiceUnavailable')
    expect((await uploadPart(key, uploadId, 1, body)).status).toBe(503)
    expect((await uploadPart(key, uploadId, 1, body)).status).toBe(200)
    const parts = emulator.requests().filter((r) => r.operation === 'UploadPart')
    expect(parts.map((r) => [r.status, r.code, r.bytes, r.partNumber, r.uploadId])).toEqual([
      [503, 'ServiceUnavailable', 1000, 1, uploadId],
      [503, 'ServiceUnavailable', 1000, 1, uploadId],
      [200, undefined, 1000, 1, uploadId],
    ])

    emulator.faults.failNext({
      operation: 'CreateUploadVideo',
      status: 503,
      code: 'ServiceUnavailable',
      message: 'busy',
    })
    const vod = popClient(emulator, 'vod')
    await expect(
      vod.request('CreateUploadVideo', { Title: 't', FileName: 'a.mp4' }),
    ).rejects.toMatchObject({
      code: 'ServiceUnavailable',
    })
    await expect(
      vod.request('CreateUploadVideo', { Title: 't', FileName: 'a.mp4' }),
    ).resolves.toHaveProperty('VideoId')
  })

  it('resets the connection after K body bytes and stores nothing', async () => {
    const key = 'reset.bin'
    const uploadId = await initiate(key)
    emulator.faults.resetConnection({ operation: 'UploadPart', afterBytes: 64 * 1024 })
    await expect(uploadPart(key, uploadId, 1, randomBytes(PART * 3))).rejects.toThrow()
    const entry = emulator.requests().find((r) => r.operation === 'UploadPart')!
    expect(entry).toMatchObject({ status: 0, code: 'ConnectionReset' })
    expect(entry.bytes).toBeGreaterThanOrEqual(64 * 1024)
    expect(entry.bytes).toBeLessThan(PART * 3)
    expect(
      emulator.listMultipartUploads().find((u) => u.uploadId === uploadId)?.partNumbers,
    ).toEqual([])
    expect((await uploadPart(key, uploadId, 1, randomBytes(10))).status).toBe(200)

    emulator.faults.resetConnection({ operation: 'GetObject', afterBytes: 0 })
    await expect(
      ossRequest(emulator.url, emulator, { method: 'GET', bucket: BUCKET, key: 'none' }),
    ).rejects.toThrow()
  })

  it('loses the answer of a served request: the part is stored and the upload completed, the client gets no answer', async () => {
    const key = 'lost.bin'
    const uploadId = await initiate(key)
    const body = randomBytes(PART)
    emulator.faults.loseAnswer({ operation: 'UploadPart' })
    await expect(uploadPart(key, uploadId, 1, body)).rejects.toThrow()
    expect(
      emulator.listMultipartUploads().find((u) => u.uploadId === uploadId)?.partNumbers,
    ).toEqual([1])
    const etag = `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`
    emulator.faults.loseAnswer({ operation: 'CompleteMultipartUpload', count: 2 })
    await expect(complete(key, uploadId, [[1, etag]])).rejects.toThrow()
    expect(emulator.getObject(BUCKET, key)?.equals(body)).toBe(true)
    // The retried Complete is answered NoSuchUpload, and that answer is lost as well.
    await expect(complete(key, uploadId, [[1, etag]])).rejects.toThrow()
    const again = await complete(key, uploadId, [[1, etag]])
    expect(xmlField(again.text, 'Code')).toBe('NoSuchUpload')
    expect(
      emulator
        .requests()
        .filter((r) => r.operation !== 'InitiateMultipartUpload')
        .map((r) => [r.operation, r.status, r.code, r.answerLost]),
    ).toEqual([
      ['UploadPart', 200, undefined, true],
      ['CompleteMultipartUpload', 200, undefined, true],
      ['CompleteMultipartUpload', 404, 'NoSuchUpload', true],
      ['CompleteMultipartUpload', 404, 'NoSuchUpload', undefined],
    ])

    emulator.faults.loseAnswer({ operation: 'CreateUploadVideo' })
    const vod = popClient(emulator, 'vod')
    await expect(
      vod.request('CreateUploadVideo', { Title: 't', FileName: 'lost.mp4' }),
    ).rejects.toThrow()
    const created = emulator.requests().filter((r) => r.operation === 'CreateUploadVideo')
    expect(created.map((r) => [r.status, r.answerLost])).toEqual([[200, true]])
    expect(emulator.faults.state().loseAnswer).toEqual([])
  })

  it('adds latency to one operation only', async () => {
    emulator.faults.setLatency(300, 'PutObject')
    const started = Date.now()
    await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'slow',
      body: 'x',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(280)
    // A GET sent after a delayed PUT answers before it: the latency is the PUT's only (no clock read, so a
    // loaded machine cannot fail it).
    emulator.faults.setLatency(3000, 'PutObject')
    let putAnswered = false
    const put = ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'slower',
      body: 'y',
    }).then(() => {
      putAnswered = true
    })
    await ossRequest(emulator.url, emulator, { method: 'GET', bucket: BUCKET, key: 'slow' })
    expect(putAnswered).toBe(false)
    await put
  })

  it('limits bandwidth for request bodies', async () => {
    emulator.faults.setBandwidth(256 * 1024)
    const started = Date.now()
    const res = await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'bw',
      body: randomBytes(256 * 1024),
    })
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(700)
    emulator.faults.setBandwidth(null)
  })

  it('skews the server clock: RequestTimeTooSkewed, then success once the client adopts the server Date', async () => {
    emulator.faults.skewClock(20 * 60 * 1000)
    await expect(
      ossClient(emulator, BUCKET).put('skew.txt', Buffer.from('x')),
    ).rejects.toMatchObject({
      status: 403,
      code: 'RequestTimeTooSkewed',
    })
    const raw = await ossRequest(emulator.url, emulator, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'skew.txt',
      body: 'x',
    })
    expect(xmlField(raw.text, 'Code')).toBe('RequestTimeTooSkewed')
    const offset = Date.parse(raw.headers.date as string) - Date.now()
    expect(Math.abs(offset - 20 * 60 * 1000)).toBeLessThan(2000)
    const corrected = ossClient(emulator, BUCKET, undefined, { amendTimeSkewed: offset } as never)
    await expect(corrected.put('skew.txt', Buffer.from('x'))).resolves.toMatchObject({
      res: { status: 200 },
    })
  })

  it('corrupts a stored part: ETag matches, but the object CRC-64 no longer matches the client', async () => {
    const key = 'corrupt.bin'
    const uploadId = await initiate(key)
    const a = randomBytes(PART)
    const b = randomBytes(PART)
    emulator.faults.corruptNextPart()
    const partA = await uploadPart(key, uploadId, 1, a)
    expect(partA.headers.etag).toBe(`"${createHash('md5').update(a).digest('hex').toUpperCase()}"`)
    expect(partA.headers['x-oss-hash-crc64ecma']).toBe(crc64(a))
    const partB = await uploadPart(key, uploadId, 2, b)
    const done = await complete(key, uploadId, [
      [1, partA.headers.etag as string],
      [2, partB.headers.etag as string],
    ])
    expect(done.status).toBe(200)
    const whole = Buffer.concat([a, b])
    expect(done.headers['x-oss-hash-crc64ecma']).not.toBe(crc64(whole))
    const stored = emulator.getObject(BUCKET, key)!
    expect(stored.equals(whole)).toBe(false)
    expect(done.headers['x-oss-hash-crc64ecma']).toBe(crc64(stored))
  })

  it('answers a wrong ETag for the next part; completing with it fails with InvalidPart', async () => {
    const key = 'etag.bin'
    const uploadId = await initiate(key)
    const body = randomBytes(10)
    emulator.faults.wrongEtagNext({ count: 1 })
    const res = await uploadPart(key, uploadId, 1, body)
    const md5 = `"${createHash('md5').update(body).digest('hex').toUpperCase()}"`
    expect(res.headers.etag).toMatch(/^"[0-9A-F]{32}"$/)
    expect(res.headers.etag).not.toBe(md5)
    expect(
      xmlField((await complete(key, uploadId, [[1, res.headers.etag as string]])).text, 'Code'),
    ).toBe('InvalidPart')
    expect((await complete(key, uploadId, [[1, md5]])).status).toBe(200)
  })

  it('expires every issued token at once', async () => {
    const role = await popClient(emulator, 'sts').request<{
      Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string }
    }>('AssumeRole', { RoleArn: 'acs:ram::1:role/r', RoleSessionName: 'expire' })
    const keys = {
      accessKeyId: role.Credentials.AccessKeyId,
      accessKeySecret: role.Credentials.AccessKeySecret,
      securityToken: role.Credentials.SecurityToken,
    }
    await ossClient(emulator, BUCKET, keys).put('before', Buffer.from('x'))
    await emulator.faults.expireAllTokens()
    await expect(
      ossClient(emulator, BUCKET, keys).put('after', Buffer.from('x')),
    ).rejects.toMatchObject({
      code: 'SecurityTokenExpired',
    })
    await expect(ossClient(emulator, BUCKET).put('account', Buffer.from('x'))).resolves.toBeTruthy()
  })

  it('takes initial faults from the start options', async () => {
    const configured = await startEmulator({
      faults: {
        failNext: [{ operation: 'HeadObject', status: 503, code: 'ServiceUnavailable' }],
        latency: 1,
      },
    })
    try {
      const client = ossClient(configured, BUCKET)
      await expect(client.head('x')).rejects.toMatchObject({
        status: 503,
        code: 'ServiceUnavailable',
      })
      await expect(client.head('x')).rejects.toMatchObject({ status: 404, code: 'NoSuchKey' })
      expect(configured.faults.state()).toMatchObject({ failNext: [], latency: { ms: 1 } })
    } finally {
      await configured.stop()
    }
  })
})
