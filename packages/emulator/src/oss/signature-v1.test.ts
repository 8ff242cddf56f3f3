import { describe, expect, it } from 'vitest'
import { v1CanonicalResource, v1Signature, v1StringToSign } from './signature-v1.js'

describe('OSS V1 header signature', () => {
  it('reproduces the reference test vector', () => {
    const stringToSign = v1StringToSign({
      method: 'PUT',
      contentMd5: 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
      contentType: 'text/html',
      date: 'Thu, 17 Nov 2005 18:49:58 GMT',
      headers: {
        'x-oss-meta-author': 'foo@bar.com',
        'x-oss-magic': 'abracadabra',
        host: 'ignored',
      },
      bucket: 'oss-example',
      key: 'nelson',
      query: [],
    })
    expect(stringToSign).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\nx-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
    )
    expect(v1Signature('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', stringToSign)).toBe(
      '26NBxoKdsyly4EDv6inkoDft/yA=',
    )
  })

  it('keeps only sub-resources, sorted, with bare names for empty values', () => {
    expect(v1CanonicalResource('b', 'k', [['uploads', '']])).toBe('/b/k?uploads')
    expect(
      v1CanonicalResource('b', 'a/k', [
        ['uploadId', 'X'],
        ['max-parts', '5'],
        ['partNumber', '3'],
      ]),
    ).toBe('/b/a/k?partNumber=3&uploadId=X')
    expect(v1CanonicalResource('b', undefined, [])).toBe('/b/')
  })
})
