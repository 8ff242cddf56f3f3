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
  it('returns the acknowledged part with its CRC-64 when ETag and CRC-64 match the bytes', async () => {
    const fake = fakeContext(() =>
      answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': crc64(bytes) }),
    )
    const progress: number[] = []
    const record = await createOssTarget().uploadPart(fake.context, {
      ...part,
      onProgress: (n) => progress.push(n),
    })
    expect(record).toEqual({ n: 4, etag: etag(bytes), size: 300, crc64: crc64(bytes) })
    const [request] = fake.sent
    expect(request).toMatchObject({ method: 'PUT', body: bytes })
    expect(query(request!)).toBe('partNumber=4&uploadId=U1')
    request!.onUploadProgress?.(100)
    expect(progress).toEqual([100])
  })

  it('refuses an ETag that is not the MD5 of the bytes sent (retryable, for the kernel to re-send)', async () => {
    const fake = fakeContext(() =>
      answer(200, { etag: '"00000000000000000000000000000000"', 'x-oss-request-id': 'R1' }),
    )
    await expect(createOssTarget().uploadPart(fake.context, part)).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      retryable: true,
      partNumber: 4,
      operation: 'UploadPart',
      requestId: 'R1',
    })
  })

  it('refuses a CRC-64 that differs from the bytes sent, unless CRC checks are off', async () => {
    const respond = () => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': '12345' })
    await expect(
      createOssTarget().uploadPart(fakeContext(respond).context, part),
    ).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      retryable: true,
    })
    const record = await createOssTarget({ verifyCrc64: false }).uploadPart(
      fakeContext(respond).context,
      part,
    )
    expect(record).toEqual({ n: 4, etag: etag(bytes), size: 300 })
  })

  it('fails with BAD_RESPONSE without an ETag, and passes server errors on classified', async () => {
    await expect(
      createOssTarget().uploadPart(fakeContext(() => answer(200)).context, part),
    ).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
      partNumber: 4,
    })
    const expired = fakeContext(() => ossError(403, 'InvalidAccessKeyId'), { securityToken: 'T' })
    await expect(createOssTarget().uploadPart(expired.context, part)).rejects.toMatchObject({
      code: 'TOKEN_EXPIRED',
      partNumber: 4,
    })
  })

  it("uses the transport's native digests when it has them", async () => {
    const fakeMd5 = new Uint8Array(16).fill(0xab)
    const fake = fakeContext(
      () => answer(200, { etag: `"${'AB'.repeat(16)}"`, 'x-oss-hash-crc64ecma': '7' }),
      {
        digests: { md5: () => fakeMd5, crc64: () => '7' },
      },
    )
    expect(await createOssTarget().uploadPart(fake.context, part)).toMatchObject({ crc64: '7' })
  })

  it("hashes a part body through the transport's partDigests when it has them, MD5 alone when not verifying CRC-64", async () => {
    const hashed: Uint8Array[] = []
    const digests = {
      md5: () => new Uint8Array(16).fill(0xcd),
      crc64: () => '1',
      partDigests: async (data: Uint8Array) => {
        hashed.push(data)
        return { md5: new Uint8Array(16).fill(0xab), crc64: '7' }
      },
    }
    const respond = () => answer(200, { etag: `"${'AB'.repeat(16)}"`, 'x-oss-hash-crc64ecma': '7' })
    const record = await createOssTarget().uploadPart(
      fakeContext(respond, { digests }).context,
      part,
    )
    expect(record).toMatchObject({ etag: `"${'AB'.repeat(16)}"`, crc64: '7' })
    expect(hashed).toEqual([bytes])
    await expect(
      createOssTarget({ verifyCrc64: false }).uploadPart(
        fakeContext(respond, { digests }).context,
        part,
      ),
    ).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' })
    expect(hashed).toHaveLength(1)
  })

  it('sends a part while partDigests hashes it, and settles only once hashing is over, even when sending fails', async () => {
    let sentBeforeHashed = false
    let hashingOver = false
    const fake = fakeContext((_request, index) =>
      index === 0
        ? answer(200, { etag: `"${'AB'.repeat(16)}"`, 'x-oss-hash-crc64ecma': '7' })
        : ossError(500, 'InternalError'),
    )
    const digests = {
      partDigests: () =>
        new Promise<{ md5: Uint8Array; crc64: string }>((resolve) =>
          setTimeout(() => {
            sentBeforeHashed = fake.sent.length > 0
            hashingOver = true
            resolve({ md5: new Uint8Array(16).fill(0xab), crc64: '7' })
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

  it('describes a part as OSS would acknowledge it', async () => {
    expect(
      await createOssTarget().describePart!(fakeContext(() => answer(200)).context, bytes),
    ).toEqual({
      etag: etag(bytes),
      crc64: crc64(bytes),
    })
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

  it('posts the part list with its Content-MD5 and checks the combined CRC-64', async () => {
    const fake = fakeContext(
      () =>
        answer(
          200,
          { etag: '"OBJ-2"', 'x-oss-hash-crc64ecma': crc64(bytes) },
          '<CompleteMultipartUploadResult><Location>https://b/k</Location></CompleteMultipartUploadResult>',
        ),
      { meta: { userData: 'u' } },
    )
    const result = await createOssTarget().completeUpload(fake.context, 'U1', parts)
    expect(result).toEqual({ etag: '"OBJ-2"', crc64: crc64(bytes), location: 'https://b/k' })
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
  })

  it('fails with a non-retryable INTEGRITY_MISMATCH when the object CRC-64 differs', async () => {
    const fake = fakeContext(() => answer(200, { etag: '"X"', 'x-oss-hash-crc64ecma': '1' }))
    await expect(createOssTarget().completeUpload(fake.context, 'U1', parts)).rejects.toMatchObject(
      {
        code: 'INTEGRITY_MISMATCH',
        retryable: false,
        operation: 'CompleteMultipartUpload',
      },
    )
    expect(crc64OfParts(parts)).toBe(crc64(bytes))
  })

  it('cannot check the object when a part has no CRC-64, and says nothing then', async () => {
    const fake = fakeContext(() => answer(200, { etag: '"X"', 'x-oss-hash-crc64ecma': '1' }))
    const partial = [parts[0]!, { n: 2, etag: '"B"', size: 100 }]
    expect(await createOssTarget().completeUpload(fake.context, 'U1', partial)).toMatchObject({
      crc64: '1',
    })
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
      {
        code: 'INVALID_PART',
      },
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
  it('sends the body with its Content-MD5 and checks the answered ETag and CRC-64', async () => {
    const fake = fakeContext(
      () => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': crc64(bytes) }),
      {
        objectKey: 'covers/a.png',
      },
    )
    expect(await createOssTarget().putObject(fake.context, bytes)).toEqual({
      etag: etag(bytes),
      crc64: crc64(bytes),
    })
    const [request] = fake.sent
    expect(request!.url).toBe('https://bucket.oss-cn-shanghai.aliyuncs.com/covers/a.png')
    expect(request!.headers['Content-Type']).toBe('image/png')
    expect(request!.headers['Content-MD5']).toBe(createHash('md5').update(bytes).digest('base64'))

    const wrong = fakeContext(() => answer(200, { etag: etag(bytes), 'x-oss-hash-crc64ecma': '5' }))
    await expect(createOssTarget().putObject(wrong.context, bytes)).rejects.toMatchObject({
      code: 'INTEGRITY_MISMATCH',
      operation: 'PutObject',
    })
  })
})
