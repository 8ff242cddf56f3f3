import { createHash } from 'node:crypto'
import type { HttpRequest } from '@vodup/core'
import { describe, expect, it } from 'vitest'
import { answer, fakeContext, ossError } from '../test/fake-context'
import { crc64, crc64OfParts } from './crc64'
import { createOssTarget, OSS_LIMITS, ossTarget } from './oss-target'

const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)
const md5Hex = (data: Uint8Array) => createHash('md5').update(data).digest('hex').toUpperCase()
const etag = (data: Uint8Array) => `"${md5Hex(data)}"`
const part = { uploadId: 'U1', partNumber: 4, body: bytes }
const query = (request: HttpRequest) => request.url.slice(request.url.indexOf('?') + 1)

describe('ossTarget', () => {
  it('is a plugin named target-oss that provides the OSS target with OSS limits', () => {
    const plugin = ossTarget()
    const provided: unknown[] = []
    plugin.apply({ provideTarget: (t: unknown) => provided.push(t) } as never)
    expect(plugin.name).toBe('target-oss')
    expect(provided).toEqual([plugin.target])
    expect(plugin.target.limits).toEqual({
      minPartSize: 102_400,
      maxPartSize: 5 * 1024 ** 3,
      maxParts: 10_000,
      maxObjectSize: OSS_LIMITS.maxObjectSize,
    })
    expect(OSS_LIMITS.maxObjectSize / 1024 ** 4).toBeCloseTo(48.8, 3)
  })
})

describe('initiateUpload', () => {
  it('sends Content-Type from the key and userData as x-oss-notification, and returns the upload id', async () => {
    const fake = fakeContext(
      () =>
        answer(
          200,
          {},
          '<InitiateMultipartUploadResult><UploadId>0042</UploadId></InitiateMultipartUploadResult>',
        ),
      { meta: { userData: '{"Vod":{"Title":"标题"}}' } },
    )
    expect(await createOssTarget().initiateUpload(fake.context)).toBe('0042')
    const [request] = fake.sent
    expect(request).toMatchObject({ method: 'POST' })
    expect(query(request!)).toBe('uploads')
    expect(request!.headers['Content-Type']).toBe('video/mp4')
    expect(request!.headers['x-oss-notification']).toBe(
      Buffer.from('{"Vod":{"Title":"标题"}}').toString('base64'),
    )
  })

  it('fails with BAD_RESPONSE when the answer has no upload id', async () => {
    const fake = fakeContext(() => answer(200, {}, 'oops'))
    await expect(createOssTarget().initiateUpload(fake.context)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    })
  })
})

describe('uploadPart', () => {
  const proven = () => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': crc64(bytes) })

  it('returns the acknowledged part with its CRC-64 when the answered CRC-64 matches the bytes', async () => {
    const fake = fakeContext(proven)
    const progress: number[] = []
    const record = await createOssTarget().uploadPart(fake.context, {
      ...part,
      onProgress: (n) => progress.push(n),
    })
    expect(record).toEqual({ n: 4, etag: etag(bytes), size: 300, crc64: crc64(bytes) })
    const [request] = fake.sent
    expect(request).toMatchObject({ method: 'PUT', body: bytes })
    expect(request!.headers['Content-MD5']).toBeUndefined()
    expect(query(request!)).toBe('partNumber=4&uploadId=U1')
    request!.onUploadProgress?.(100)
    expect(progress).toEqual([100])
  })

  it('computes CRC-64 alone by default: no MD5 on the hot path, the ETag taken as answered', async () => {
    const calls: string[] = []
    const digests = {
      md5: () => {
        calls.push('md5')
        return new Uint8Array(16)
      },
      partMd5: async () => {
        calls.push('partMd5')
        return new Uint8Array(16)
      },
      partCrc64: async (data: Uint8Array) => {
        calls.push('partCrc64')
        return crc64(data)
      },
    }
    const respond = () =>
      answer(200, { etag: '"NOT-AN-MD5"', 'x-oss-hash-crc64ecma': crc64(bytes) })
    const record = await createOssTarget().uploadPart(
      fakeContext(respond, { digests }).context,
      part,
    )
    expect(record).toMatchObject({ etag: '"NOT-AN-MD5"', crc64: crc64(bytes) })
    expect(calls).toEqual(['partCrc64'])
  })

  it('refuses a CRC-64 that differs from the bytes sent (retryable, for the kernel to re-send)', async () => {
    const fake = fakeContext(() =>
      answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': '12345', 'x-oss-request-id': 'R1' }),
    )
    await expect(createOssTarget().uploadPart(fake.context, part)).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      retryable: true,
      partNumber: 4,
      operation: 'UploadPart',
      requestId: 'R1',
    })
  })

  it.each([
    ['without x-oss-hash-crc64ecma', { etag: etag(bytes) }, /without x-oss-hash-crc64ecma/],
    ['without an ETag', { 'x-oss-hash-crc64ecma': crc64(bytes) }, /without an ETag/],
    ['without either', {}, /without an ETag and x-oss-hash-crc64ecma/],
    [
      'with a CRC-64 that is no number',
      { etag: etag(bytes), 'x-oss-hash-crc64ecma': 'abc' },
      /malformed x-oss-hash-crc64ecma/,
    ],
  ])(
    'does not acknowledge a part answered %s: BAD_RESPONSE naming it',
    async (_what, headers, message) => {
      const fake = fakeContext(() => answer(200, headers as Record<string, string>))
      const failure = createOssTarget().uploadPart(fake.context, part)
      await expect(failure).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        partNumber: 4,
        retryable: true,
      })
      await expect(failure).rejects.toThrow(message)
    },
  )

  it("with integrity 'md5', proves the part by its ETag and ignores the CRC-64 header", async () => {
    const target = createOssTarget({ integrity: 'md5' })
    const record = await target.uploadPart(
      fakeContext(() => answer(200, { etag: etag(bytes) })).context,
      part,
    )
    expect(record).toEqual({ n: 4, etag: etag(bytes), size: 300 })
    await expect(
      target.uploadPart(
        fakeContext(() => answer(200, { etag: '"00000000000000000000000000000000"' })).context,
        part,
      ),
    ).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH', retryable: true })
  })

  it("with integrity 'both', needs the ETag and the CRC-64 to match", async () => {
    const target = createOssTarget({ integrity: 'both' })
    expect(await target.uploadPart(fakeContext(proven).context, part)).toEqual({
      n: 4,
      etag: etag(bytes),
      size: 300,
      crc64: crc64(bytes),
    })
    const wrongEtag = () =>
      answer(200, {
        etag: '"00000000000000000000000000000000"',
        'x-oss-hash-crc64ecma': crc64(bytes),
      })
    await expect(target.uploadPart(fakeContext(wrongEtag).context, part)).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
    })
    await expect(
      target.uploadPart(fakeContext(() => answer(200, { etag: etag(bytes) })).context, part),
    ).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })

  it('sends Content-MD5 when asked for', async () => {
    const fake = fakeContext(proven)
    await createOssTarget({ contentMd5: true }).uploadPart(fake.context, part)
    expect(fake.sent[0]!.headers['Content-MD5']).toBe(
      createHash('md5').update(bytes).digest('base64'),
    )
  })

  it('passes server errors on classified', async () => {
    const expired = fakeContext(() => ossError(403, 'InvalidAccessKeyId'), { securityToken: 'T' })
    await expect(createOssTarget().uploadPart(expired.context, part)).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
      partNumber: 4,
    })
  })

  it("uses the transport's synchronous CRC-64 when it has no partCrc64", async () => {
    const fake = fakeContext(
      () => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': '7' }),
      {
        digests: { crc64: () => '7' },
      },
    )
    expect(await createOssTarget().uploadPart(fake.context, part)).toMatchObject({ crc64: '7' })
  })

  it('hashes a large part with the portable CRC-64 in slices that give the whole-body CRC-64', async () => {
    const large = Uint8Array.from({ length: 700 * 1024 + 13 }, (_, i) => (i * 31 + (i >> 9)) & 0xff)
    const fake = fakeContext(() =>
      answer(200, { etag: etag(large), 'x-oss-hash-crc64ecma': crc64(large) }),
    )
    expect(
      await createOssTarget().uploadPart(fake.context, { ...part, body: large }),
    ).toMatchObject({ crc64: crc64(large) })
  })

  it('sends a part while partCrc64 hashes it, and settles only once hashing is over, even when sending fails', async () => {
    let sentBeforeHashed = false
    let hashingOver = false
    const fake = fakeContext((_request, index) =>
      index === 0
        ? answer(200, { etag: '"E"', 'x-oss-hash-crc64ecma': '7' })
        : ossError(500, 'InternalError'),
    )
    const digests = {
      partCrc64: () =>
        new Promise<string>((resolve) =>
          setTimeout(() => {
            sentBeforeHashed = fake.sent.length > 0
            hashingOver = true
            resolve('7')
          }, 5),
        ),
    }
    const context = { ...fake.context, digests }
    expect(await createOssTarget().uploadPart(context, part)).toMatchObject({ crc64: '7' })
    expect(sentBeforeHashed).toBe(true)
    hashingOver = false
    const failing = createOssTarget().uploadPart(context, part)
    await expect(failing).rejects.toMatchObject({ code: 'SERVER_ERROR' })
    expect(hashingOver).toBe(true)
  })
})

describe('verifyPart', () => {
  const context = () => fakeContext(() => answer(200)).context
  const claimed = { n: 4, etag: etag(bytes), size: 300 }

  it('proves local bytes by the CRC-64 the record holds, without MD5', async () => {
    const md5Calls: number[] = []
    const ctx = {
      ...context(),
      digests: {
        partMd5: async () => {
          md5Calls.push(1)
          return new Uint8Array(16)
        },
      },
    }
    const withCrc = { ...claimed, etag: '"ANY"', crc64: crc64(bytes) }
    expect(await createOssTarget().verifyPart!(ctx, bytes, withCrc)).toEqual(withCrc)
    expect(
      await createOssTarget().verifyPart!(ctx, bytes, { ...withCrc, crc64: '1' }),
    ).toBeUndefined()
    expect(md5Calls).toEqual([])
  })

  it('proves by the ETag (MD5) when the record has no CRC-64, and completes it with the local CRC-64', async () => {
    expect(await createOssTarget().verifyPart!(context(), bytes, claimed)).toEqual({
      ...claimed,
      crc64: crc64(bytes),
    })
    const otherBytes = bytes.map((b) => b ^ 1)
    expect(await createOssTarget().verifyPart!(context(), otherBytes, claimed)).toBeUndefined()
    expect(
      await createOssTarget({ integrity: 'md5' }).verifyPart!(context(), bytes, claimed),
    ).toEqual(claimed)
  })

  it('refuses bytes of another length', async () => {
    const shorter = bytes.subarray(1)
    expect(
      await createOssTarget().verifyPart!(context(), shorter, { ...claimed, crc64: crc64(bytes) }),
    ).toBeUndefined()
  })
})

describe('listParts', () => {
  it('reads every page and returns the parts ascending with their CRC-64', async () => {
    const page = (parts: number[], truncated: boolean, next: number) =>
      answer(
        200,
        {},
        `<ListPartsResult><IsTruncated>${truncated}</IsTruncated><NextPartNumberMarker>${next}</NextPartNumberMarker>${parts
          .map(
            (n) =>
              `<Part><PartNumber>${n}</PartNumber><ETag>"E${n}"</ETag><Size>${n * 100}</Size><HashCrc64ecma>${n}</HashCrc64ecma></Part>`,
          )
          .join('')}</ListPartsResult>`,
      )
    const fake = fakeContext((_r, index) =>
      index === 0 ? page([2, 1], true, 2) : page([5], false, 5),
    )
    const parts = await createOssTarget().listParts(fake.context, 'U1')
    expect(parts).toEqual([
      { n: 1, etag: '"E1"', size: 100, crc64: '1' },
      { n: 2, etag: '"E2"', size: 200, crc64: '2' },
      { n: 5, etag: '"E5"', size: 500, crc64: '5' },
    ])
    expect(fake.sent.map(query)).toEqual([
      'uploadId=U1&max-parts=1000&part-number-marker=0',
      'uploadId=U1&max-parts=1000&part-number-marker=2',
    ])
  })

  it('maps a stale upload id to NO_SUCH_UPLOAD', async () => {
    const fake = fakeContext(() => ossError(404, 'NoSuchUpload'))
    await expect(createOssTarget().listParts(fake.context, 'U1')).rejects.toMatchObject({
      code: 'NO_SUCH_UPLOAD',
      operation: 'ListParts',
    })
  })
})

describe('completeUpload', () => {
  const parts = [
    { n: 1, etag: '"A&<"', size: 200, crc64: crc64(bytes.subarray(0, 200)) },
    { n: 2, etag: '"B"', size: 100, crc64: crc64(bytes.subarray(200)) },
  ]
  const result =
    '<CompleteMultipartUploadResult><Location>https://b/k</Location></CompleteMultipartUploadResult>'

  it('posts the part list with its Content-MD5 and proves the object by the combined CRC-64', async () => {
    const fake = fakeContext(
      () => answer(200, { etag: '"OBJ-2"', 'x-oss-hash-crc64ecma': crc64(bytes) }, result),
      { meta: { userData: 'u' } },
    )
    const completed = await createOssTarget().completeUpload(fake.context, 'U1', parts)
    expect(completed).toEqual({ etag: '"OBJ-2"', crc64: crc64(bytes), location: 'https://b/k' })
    const [request] = fake.sent
    expect(request!.body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n' +
        '<Part>\n<PartNumber>1</PartNumber>\n<ETag>"A&amp;&lt;"</ETag>\n</Part>\n' +
        '<Part>\n<PartNumber>2</PartNumber>\n<ETag>"B"</ETag>\n</Part>\n</CompleteMultipartUpload>',
    )
    expect(request!.headers['Content-MD5']).toBe(
      createHash('md5')
        .update(request!.body as string)
        .digest('base64'),
    )
    expect(request!.headers['Content-Type']).toBe('application/xml')
    expect(request!.headers['x-oss-notification']).toBe('dQ==')
    expect(query(request!)).toBe('uploadId=U1')
    expect(crc64OfParts(parts)).toBe(crc64(bytes))
  })

  it('fails with a non-retryable INTEGRITY_MISMATCH carrying the 2xx status when the object CRC-64 differs', async () => {
    const fake = fakeContext(() =>
      answer(200, { etag: '"X"', 'x-oss-hash-crc64ecma': '1' }, result),
    )
    await expect(createOssTarget().completeUpload(fake.context, 'U1', parts)).rejects.toMatchObject(
      {
        code: 'INTEGRITY_MISMATCH',
        retryable: false,
        status: 200,
        operation: 'CompleteMultipartUpload',
      },
    )
    expect(fake.sent.map((r) => r.method)).toEqual(['POST'])
  })

  it.each([
    ['without x-oss-hash-crc64ecma', { etag: '"X"' }, result, /without x-oss-hash-crc64ecma/],
    [
      'with a body that is not a result',
      { 'x-oss-hash-crc64ecma': crc64(bytes) },
      '<Other/>',
      /not a CompleteMultipartUploadResult/,
    ],
    [
      'with an empty body',
      { 'x-oss-hash-crc64ecma': crc64(bytes) },
      '',
      /not a CompleteMultipartUploadResult/,
    ],
  ])(
    'is no success when answered 200 %s: HeadObject is asked, then BAD_RESPONSE',
    async (_what, headers, body, message) => {
      const fake = fakeContext((request) =>
        request.method === 'HEAD'
          ? answer(200, { 'content-length': '300' })
          : answer(200, headers as Record<string, string>, body as string),
      )
      const failure = createOssTarget().completeUpload(fake.context, 'U1', parts)
      await expect(failure).rejects.toMatchObject({
        code: 'BAD_RESPONSE',
        retryable: false,
        status: 200,
      })
      await expect(failure).rejects.toThrow(message)
      expect(fake.sent.map((r) => r.method)).toContain('HEAD')
    },
  )

  it('a 200 without the proof succeeds when HeadObject proves the object', async () => {
    const fake = fakeContext((request) =>
      request.method === 'HEAD'
        ? answer(200, {
            'content-length': '300',
            'x-oss-hash-crc64ecma': crc64(bytes),
            etag: '"H"',
          })
        : answer(200, {}, result),
    )
    expect(await createOssTarget().completeUpload(fake.context, 'U1', parts)).toEqual({
      etag: '"H"',
      crc64: crc64(bytes),
    })
  })

  it('a 200 whose body is an OSS <Error> is that error, classified (a retryable server error here)', async () => {
    const fake = fakeContext(() => ({
      ...ossError(200, 'InternalError', 'We encountered an internal error.'),
    }))
    await expect(createOssTarget().completeUpload(fake.context, 'U1', parts)).rejects.toMatchObject(
      {
        code: 'SERVER_ERROR',
        serverCode: 'InternalError',
        status: 200,
        retryable: true,
      },
    )
  })

  it('refuses a part without CRC-64 before sending: the object could not be proven', async () => {
    const fake = fakeContext(() => answer(200, { 'x-oss-hash-crc64ecma': '1' }, result))
    const partial = [parts[0]!, { n: 2, etag: '"B"', size: 100 }]
    await expect(
      createOssTarget().completeUpload(fake.context, 'U1', partial),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'parts',
    })
    expect(fake.sent).toHaveLength(0)
  })

  it("with integrity 'md5', proves the object by the MD5 of the parts' MD5s", async () => {
    const a = bytes.subarray(0, 200)
    const b = bytes.subarray(200)
    const md5Parts = [
      { n: 1, etag: etag(a), size: 200 },
      { n: 2, etag: etag(b), size: 100 },
    ]
    const both = createHash('md5')
      .update(createHash('md5').update(a).digest())
      .update(createHash('md5').update(b).digest())
      .digest('hex')
      .toUpperCase()
    const good = fakeContext(() => answer(200, { etag: `"${both}-2"` }, result))
    expect(
      await createOssTarget({ integrity: 'md5' }).completeUpload(good.context, 'U1', md5Parts),
    ).toMatchObject({
      etag: `"${both}-2"`,
    })
    const bad = fakeContext(() => answer(200, { etag: `"${'0'.repeat(32)}-2"` }, result))
    await expect(
      createOssTarget({ integrity: 'md5' }).completeUpload(bad.context, 'U1', md5Parts),
    ).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH', status: 200 })
  })

  it('refuses an empty or unordered part list before sending', async () => {
    const fake = fakeContext(() => answer(200))
    await expect(createOssTarget().completeUpload(fake.context, 'U1', [])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
    await expect(
      createOssTarget().completeUpload(fake.context, 'U1', [parts[1]!, parts[0]!]),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
    expect(fake.sent).toHaveLength(0)
  })

  it('maps InvalidPart to INVALID_PART', async () => {
    const fake = fakeContext(() => ossError(400, 'InvalidPart'))
    await expect(createOssTarget().completeUpload(fake.context, 'U1', parts)).rejects.toMatchObject(
      { code: 'INVALID_PART' },
    )
  })
})

describe('abortUpload', () => {
  it('deletes the upload; an upload the server no longer knows counts as aborted', async () => {
    const fake = fakeContext((_r, index) =>
      index === 0 ? answer(204) : ossError(404, 'NoSuchUpload'),
    )
    await createOssTarget().abortUpload(fake.context, 'U1')
    await createOssTarget().abortUpload(fake.context, 'U1')
    expect(fake.sent.map((r) => `${r.method} ${query(r)}`)).toEqual([
      'DELETE uploadId=U1',
      'DELETE uploadId=U1',
    ])
  })

  it('reports any other refusal', async () => {
    const fake = fakeContext(() => ossError(403, 'AccessDenied'))
    await expect(createOssTarget().abortUpload(fake.context, 'U1')).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      operation: 'AbortMultipartUpload',
    })
  })
})

describe('putObject', () => {
  it('sends the body (no Content-MD5 unless asked) and proves the object by its CRC-64', async () => {
    const fake = fakeContext(
      () => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': crc64(bytes) }),
      { objectKey: 'covers/a.png' },
    )
    expect(await createOssTarget().putObject(fake.context, bytes)).toEqual({
      etag: etag(bytes),
      crc64: crc64(bytes),
    })
    const [request] = fake.sent
    expect(request!.url).toBe('https://bucket.oss-cn-shanghai.aliyuncs.com/covers/a.png')
    expect(request!.headers['Content-Type']).toBe('image/png')
    expect(request!.headers['Content-MD5']).toBeUndefined()

    const md5 = fakeContext(() =>
      answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': crc64(bytes) }),
    )
    await createOssTarget({ contentMd5: true }).putObject(md5.context, bytes)
    expect(md5.sent[0]!.headers['Content-MD5']).toBe(
      createHash('md5').update(bytes).digest('base64'),
    )
  })

  it('an object that differs or is not proven fails with the 2xx status, not retryable', async () => {
    const wrong = fakeContext(() => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': '5' }))
    await expect(createOssTarget().putObject(wrong.context, bytes)).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      operation: 'PutObject',
      status: 200,
      retryable: false,
    })
    const missing = fakeContext(() => answer(200, { etag: etag(bytes) }))
    await expect(createOssTarget().putObject(missing.context, bytes)).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      status: 200,
      retryable: false,
    })
    const md5Mode = fakeContext(() => answer(200, { etag: '"00000000000000000000000000000000"' }))
    await expect(
      createOssTarget({ integrity: 'md5' }).putObject(md5Mode.context, bytes),
    ).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH', status: 200 })
  })
})

describe('deleteObject', () => {
  it('deletes the object; an object already gone is done; a refusal is passed on', async () => {
    const fake = fakeContext((_r, index) =>
      index === 0
        ? answer(204)
        : index === 1
          ? ossError(404, 'NoSuchKey')
          : ossError(403, 'AccessDenied'),
    )
    const target = createOssTarget()
    await target.deleteObject!(fake.context)
    await target.deleteObject!(fake.context)
    await expect(target.deleteObject!(fake.context)).rejects.toMatchObject({
      code: 'ACCESS_DENIED',
      operation: 'DeleteObject',
    })
    expect(fake.sent.map((r) => `${r.method} ${r.url}`)).toEqual(
      Array(3).fill('DELETE https://bucket.oss-cn-shanghai.aliyuncs.com/videos/movie.mp4'),
    )
  })
})
