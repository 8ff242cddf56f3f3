import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Emulator, startEmulator } from '../src/index.js'
import { decodeBase64Json, popClient, type UploadAuth, uploadAuthKeys } from './helpers/clients.js'
import { httpRequest, xmlField } from './helpers/http.js'
import { multipartRequests, ossRequest, type SigningKeys } from './helpers/oss-request.js'

const BUCKET = 'errors-bucket'

describe('OSS error answers', () => {
  let emulator: Emulator
  let keys: SigningKeys

  beforeAll(async () => {
    emulator = await startEmulator()
    keys = emulator
  })
  afterAll(() => emulator.stop())

  const oss = () => multipartRequests(emulator.url, keys, BUCKET)
  const initiate = async (key: string) => {
    const res = await oss().initiate(key)
    expect(res.status).toBe(200)
    return xmlField(res.text, 'UploadId')!
  }
  const putPart = async (key: string, uploadId: string, n: number, body: Buffer) => {
    const res = await oss().uploadPart(key, uploadId, n, body)
    expect(res.status).toBe(200)
    return res.headers.etag as string
  }
  const complete = (key: string, uploadId: string, parts: [number, string][]) =>
    oss().complete(key, uploadId, parts)

  const expectError = (
    res: { status: number; text: string; headers: Record<string, unknown> },
    status: number,
    code: string,
  ) => {
    expect(res.status).toBe(status)
    expect(xmlField(res.text, 'Code')).toBe(code)
    expect(xmlField(res.text, 'RequestId')).toBe(res.headers['x-oss-request-id'])
    expect(xmlField(res.text, 'HostId')).toBeTruthy()
    expect(res.headers['content-type']).toBe('application/xml')
  }

  it('UploadPart answers the quoted upper-case MD5 and the part CRC-64', async () => {
    const uploadId = await initiate('etag.bin')
    const body = Buffer.from('part body')
    const etag = await putPart('etag.bin', uploadId, 1, body)
    expect(etag).toMatch(/^"[0-9A-F]{32}"$/)
    expect(etag).toBe(`"${createHash('md5').update(body).digest('hex').toUpperCase()}"`)
  })

  it('NoSuchUpload, NoSuchKey', async () => {
    expectError(
      await ossRequest(emulator.url, keys, {
        method: 'PUT',
        bucket: BUCKET,
        key: 'k',
        query: [
          ['partNumber', '1'],
          ['uploadId', 'NOPE'],
        ],
        body: 'x',
      }),
      404,
      'NoSuchUpload',
    )
    expectError(
      await ossRequest(emulator.url, keys, { method: 'GET', bucket: BUCKET, key: 'missing.txt' }),
      404,
      'NoSuchKey',
    )
    const head = await ossRequest(emulator.url, keys, {
      method: 'HEAD',
      bucket: BUCKET,
      key: 'missing.txt',
    })
    expect(head.status).toBe(404)
    expect(head.body.length).toBe(0)
  })

  it('InvalidArgument for a part number outside 1..10000', async () => {
    const uploadId = await initiate('bad-part.bin')
    for (const n of ['0', '10001', 'x']) {
      const res = await ossRequest(emulator.url, keys, {
        method: 'PUT',
        bucket: BUCKET,
        key: 'bad-part.bin',
        query: [
          ['partNumber', n],
          ['uploadId', uploadId],
        ],
        body: 'x',
      })
      expectError(res, 400, 'InvalidArgument')
      expect(xmlField(res.text, 'ArgumentName')).toBe('partNumber')
    }
  })

  it('InvalidPartOrder, InvalidPart and EntityTooSmall at Complete, then success with the object CRC-64', async () => {
    const key = 'complete.bin'
    const uploadId = await initiate(key)
    const first = randomBytes(100 * 1024)
    const small = randomBytes(10)
    const e1 = await putPart(key, uploadId, 1, first)
    const e2 = await putPart(key, uploadId, 2, small)
    const e3 = await putPart(key, uploadId, 3, small)
    expectError(
      await complete(key, uploadId, [
        [2, e2],
        [1, e1],
      ]),
      400,
      'InvalidPartOrder',
    )
    expectError(
      await complete(key, uploadId, [
        [1, e1],
        [2, '"0123456789ABCDEF0123456789ABCDEF"'],
      ]),
      400,
      'InvalidPart',
    )
    expectError(
      await complete(key, uploadId, [
        [1, e1],
        [4, e2],
      ]),
      400,
      'InvalidPart',
    )
    expectError(
      await complete(key, uploadId, [
        [1, e1],
        [2, e2],
        [3, e3],
      ]),
      400,
      'EntityTooSmall',
    )
    const done = await complete(key, uploadId, [
      [1, e1],
      [3, e3],
    ])
    expect(done.status).toBe(200)
    expect(xmlField(done.text, 'Key')).toBe(key)
    const { crc64 } = await import('crc64-ecma182.js')
    expect(done.headers['x-oss-hash-crc64ecma']).toBe(crc64(Buffer.concat([first, small])))
    expect(done.headers.etag).toMatch(/^"[0-9A-F]{32}-2"$/)
    expect(emulator.getObject(BUCKET, key)?.equals(Buffer.concat([first, small]))).toBe(true)
    expectError(await complete(key, uploadId, [[1, e1]]), 404, 'NoSuchUpload')
  })

  it('InvalidAccessKeyId, SignatureDoesNotMatch (with StringToSign), AccessDenied without signature', async () => {
    const unknown = await ossRequest(
      emulator.url,
      { accessKeyId: 'LTAInobody', accessKeySecret: 'x' },
      {
        method: 'PUT',
        bucket: BUCKET,
        key: 'a',
        body: 'x',
      },
    )
    expectError(unknown, 403, 'InvalidAccessKeyId')
    expect(xmlField(unknown.text, 'OSSAccessKeyId')).toBe('LTAInobody')
    const wrong = await ossRequest(
      emulator.url,
      { ...keys, accessKeySecret: 'wrong' },
      { method: 'PUT', bucket: BUCKET, key: 'a', body: 'x' },
    )
    expectError(wrong, 403, 'SignatureDoesNotMatch')
    expect(xmlField(wrong.text, 'StringToSign')).toContain(`/${BUCKET}/a`)
    expectError(
      await httpRequest(`${emulator.url}/${BUCKET}/a`, { method: 'PUT', body: 'x' }),
      403,
      'AccessDenied',
    )
  })

  it('InvalidSecurityToken for a token that does not belong to the key; AccessDenied outside an UploadAuth scope', async () => {
    const created = await popClient(emulator, 'vod').request<{ UploadAuth: string }>(
      'CreateUploadVideo',
      {
        Title: 't',
        FileName: 'f.mp4',
      },
    )
    const auth = uploadAuthKeys(decodeBase64Json<UploadAuth>(created.UploadAuth))
    expectError(
      await ossRequest(
        emulator.url,
        { ...auth, securityToken: 'CAISnot-the-token' },
        { method: 'PUT', bucket: BUCKET, key: 'a', body: 'x' },
      ),
      403,
      'InvalidSecurityToken',
    )
    expectError(
      await ossRequest(emulator.url, auth, { method: 'PUT', bucket: BUCKET, key: 'a', body: 'x' }),
      403,
      'AccessDenied',
    )
  })

  it('RequestTimeTooSkewed beyond 15 minutes, with the server Date to correct the offset', async () => {
    const past = new Date(Date.now() - 16 * 60 * 1000)
    const skewed = await ossRequest(emulator.url, keys, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'a',
      body: 'x',
      date: past,
    })
    expectError(skewed, 403, 'RequestTimeTooSkewed')
    expect(Math.abs(Date.parse(skewed.headers.date as string) - Date.now())).toBeLessThan(2000)
    const ok = await ossRequest(emulator.url, keys, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'a',
      body: 'x',
      date: new Date(Date.now() - 14 * 60 * 1000),
    })
    expect(ok.status).toBe(200)
  })

  it('InvalidDigest when Content-MD5 does not match; MalformedXML for a bad Complete body', async () => {
    const res = await ossRequest(emulator.url, keys, {
      method: 'PUT',
      bucket: BUCKET,
      key: 'md5',
      body: 'x',
      headers: { 'Content-MD5': 'AAAAAAAAAAAAAAAAAAAAAA==' },
    })
    expectError(res, 400, 'InvalidDigest')
    const uploadId = await initiate('bad-xml')
    expectError(
      await ossRequest(emulator.url, keys, {
        method: 'POST',
        bucket: BUCKET,
        key: 'bad-xml',
        query: [['uploadId', uploadId]],
        body: '<nope/>',
      }),
      400,
      'MalformedXML',
    )
  })

  it('accepts the standard V1 form with a Date header and answers Date and x-oss-request-id', async () => {
    const date = new Date().toUTCString()
    const { v1Signature, v1StringToSign } = await import('../src/oss/signature-v1.js')
    const stringToSign = v1StringToSign({
      method: 'GET',
      date,
      headers: {},
      bucket: BUCKET,
      key: 'a',
      query: [],
    })
    const res = await httpRequest(`${emulator.url}/${BUCKET}/a`, {
      headers: {
        Date: date,
        Authorization: `OSS ${keys.accessKeyId}:${v1Signature(keys.accessKeySecret, stringToSign)}`,
      },
    })
    expect(res.status).toBe(200)
    expect(res.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/)
    expect(res.headers.date).toBeTruthy()
  })

  it('serves virtual-hosted addressing (bucket.host) on 127.0.0.1', async () => {
    const date = new Date().toUTCString()
    const { v1Signature, v1StringToSign } = await import('../src/oss/signature-v1.js')
    const headers = { 'x-oss-date': date, 'Content-Type': 'text/plain' }
    const sts = v1StringToSign({
      method: 'PUT',
      contentType: 'text/plain',
      date,
      headers: { 'x-oss-date': date },
      bucket: 'vhost-bucket',
      key: 'v/h.txt',
      query: [],
    })
    const put = await httpRequest(`${emulator.url}/v/h.txt`, {
      method: 'PUT',
      headers: {
        ...headers,
        Host: 'vhost-bucket.oss-local',
        Authorization: `OSS ${keys.accessKeyId}:${v1Signature(keys.accessKeySecret, sts)}`,
      },
      body: 'virtual',
    })
    expect(put.status).toBe(200)
    expect(emulator.getObject('vhost-bucket', 'v/h.txt')?.toString()).toBe('virtual')
    const get = await ossRequest(emulator.url, keys, {
      method: 'GET',
      bucket: 'vhost-bucket',
      key: 'v/h.txt',
    })
    expect(get.text).toBe('virtual')
  })
})
