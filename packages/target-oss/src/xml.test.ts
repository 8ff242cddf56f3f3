import { describe, expect, it } from 'vitest'
import { escapeXmlText, parseOssErrorXml, parseXml } from './xml'

describe('OSS XML', () => {
  it('parses an error body into its safe fields, keeping values as text', () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<Error>
  <Code>RequestTimeTooSkewed</Code>
  <Message>The difference &amp; more &lt;is&gt; too large.</Message>
  <RequestId>0042</RequestId>
  <HostId>bucket.oss-cn-shanghai.aliyuncs.com</HostId>
  <ServerTime>2024-01-01T00:00:00.000Z</ServerTime>
  <EC>0002-00000504</EC>
  <StringToSign>secret stuff</StringToSign>
</Error>`
    expect(parseOssErrorXml(body)).toEqual({
      code: 'RequestTimeTooSkewed',
      message: 'The difference & more <is> too large.',
      requestId: '0042',
      hostId: 'bucket.oss-cn-shanghai.aliyuncs.com',
      serverTime: '2024-01-01T00:00:00.000Z',
      ec: '0002-00000504',
    })
  })

  it('returns undefined for text that is not an OSS error', () => {
    for (const text of [
      '',
      'Bad Gateway',
      '<html><body>502</body></html>',
      '<Error><Code>',
      '<Error></Error>',
    ]) {
      expect(parseOssErrorXml(text)).toBeUndefined()
    }
    expect(parseXml('plain')).toBeUndefined()
  })

  it('keeps numeric-looking upload ids and quoted ETags as written', () => {
    const parsed = parseXml(
      '<InitiateMultipartUploadResult><UploadId>0012345678901234567890</UploadId><ETag>"0E5"</ETag></InitiateMultipartUploadResult>',
    )
    expect(parsed?.InitiateMultipartUploadResult).toEqual({
      UploadId: '0012345678901234567890',
      ETag: '"0E5"',
    })
  })

  it('escapes element text', () => {
    expect(escapeXmlText('"a" & <b>')).toBe('"a" &amp; &lt;b&gt;')
  })
})
