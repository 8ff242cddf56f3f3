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

  it('refuses DTDs and entity declarations, and expands no entity but the predefined ones', () => {
    expect(parseXml('<!DOCTYPE a [<!ENTITY e "x">]><A>&e;</A>')).toBeUndefined()
    expect(parseXml('<A><!ENTITY e "x"></A>')).toBeUndefined()
    expect(parseXml('<A>&e;&amp;&#65;&#x42;</A>')).toEqual({ A: '&e;&AB' })
  })

  it('refuses a cut document, several roots and a mismatched closing tag', () => {
    for (const text of [
      '<ListPartsResult><Part><PartNumber>1</PartNumber></Part>',
      '<ListPartsResult><Part><PartNumber>1</PartNumber></Part><Part/>',
      '<A>1</A><B>2</B>',
      '<A><B>1</C></A>',
    ]) {
      expect(parseXml(text)).toBeUndefined()
    }
    expect(parseXml('<?xml version="1.0"?>\n<A/>\n')).toEqual({ A: '' })
  })

  it('lists repeated elements in order and takes element names as plain names', () => {
    const parsed = parseXml(
      '<R><Part><N>1</N></Part><Part><N>2</N></Part><Part><N>3</N></Part><__proto__>x</__proto__><constructor/></R>',
    )
    const root = parsed?.R as Record<string, unknown>
    expect(root.Part).toEqual([{ N: '1' }, { N: '2' }, { N: '3' }])
    expect(Object.getOwnPropertyDescriptor(root, '__proto__')?.value).toBe('x')
    expect(root.constructor).toBe('')
  })
})
