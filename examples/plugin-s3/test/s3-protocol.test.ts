import { describe, expect, it } from 'vitest'
import { multipartEtag } from '../src/digests'
import { s3Error } from '../src/s3-errors'
import { completeUploadXml, parseListParts } from '../src/s3-xml'

const errorBody = (code: string) =>
  `<?xml version="1.0"?><Error><Code>${code}</Code><Message>m</Message><RequestId>r-1</RequestId></Error>`

describe('S3 errors become UploadErrors with stable codes', () => {
  it.each([
    [400, 'ExpiredToken', 'TOKEN_EXPIRED'],
    [403, 'InvalidAccessKeyId', 'ACCESS_DENIED'],
    [403, 'SignatureDoesNotMatch', 'SIGNATURE_MISMATCH'],
    [403, 'RequestTimeTooSkewed', 'CLOCK_SKEWED'],
    [404, 'NoSuchUpload', 'NO_SUCH_UPLOAD'],
    [400, 'InvalidPart', 'INVALID_PART'],
    [400, 'BadDigest', 'INTEGRITY_MISMATCH'],
    [503, 'SlowDown', 'THROTTLED'],
    [500, 'InternalError', 'SERVER_ERROR'],
    [400, 'InvalidBucketName', 'SERVICE_ERROR'],
  ])('HTTP %i %s → %s', (status, serverCode, code) => {
    const error = s3Error({ status, headers: {}, body: errorBody(serverCode) }, 'UploadPart', 2)
    expect(error).toMatchObject({ code, status, serverCode, requestId: 'r-1', partNumber: 2 })
  })

  it('classifies a body-less 429 as THROTTLED and keeps the header request id', () => {
    const error = s3Error(
      { status: 429, headers: { 'x-amz-request-id': 'h-1' }, body: '' },
      'ListParts',
    )
    expect(error).toMatchObject({ code: 'THROTTLED', requestId: 'h-1', retryable: true })
  })
})

describe('S3 XML', () => {
  it('reads one part, several parts and the next-page marker of ListParts', () => {
    const one = parseListParts(
      '<ListPartsResult><IsTruncated>false</IsTruncated><Part><PartNumber>1</PartNumber><ETag>"a"</ETag><Size>5</Size></Part></ListPartsResult>',
    )
    expect(one).toEqual({ parts: [{ n: 1, etag: '"a"', size: 5 }], nextMarker: undefined })
    const page = parseListParts(
      '<ListPartsResult><IsTruncated>true</IsTruncated><NextPartNumberMarker>2</NextPartNumberMarker><Part><PartNumber>1</PartNumber><ETag>"a"</ETag><Size>5</Size></Part><Part><PartNumber>2</PartNumber><ETag>"b"</ETag><Size>6</Size></Part></ListPartsResult>',
    )
    expect(page.parts.map((p) => p.n)).toEqual([1, 2])
    expect(page.nextMarker).toBe('2')
  })

  it('fails with BAD_RESPONSE when a part lacks its ETag', () => {
    expect(() =>
      parseListParts(
        '<ListPartsResult><Part><PartNumber>1</PartNumber><Size>5</Size></Part></ListPartsResult>',
      ),
    ).toThrow(expect.objectContaining({ code: 'BAD_RESPONSE' }))
  })

  it('writes the CompleteMultipartUpload body with escaped ETags', () => {
    expect(completeUploadXml([{ n: 1, etag: '"a&b"', size: 1 }])).toContain(
      '<Part><PartNumber>1</PartNumber><ETag>&quot;a&amp;b&quot;</ETag></Part>',
    )
  })

  it('computes the multipart ETag S3 gives an object', () => {
    // Two parts whose MD5s are all zeros and all ones: MD5 of those 32 bytes, "-2".
    expect(multipartEtag([`"${'0'.repeat(32)}"`, 'f'.repeat(32)])).toMatch(/^[0-9a-f]{32}-2$/)
  })
})
