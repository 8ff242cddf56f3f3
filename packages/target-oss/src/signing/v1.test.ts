import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliOssRequest } from '../../test/ali-oss-oracle'
import { signingCase, signingRequestOf } from '../../test/signing-cases'
import {
  OSS_V1_SUBRESOURCES,
  ossV1Authorization,
  ossV1CanonicalResource,
  ossV1Signature,
  ossV1StringToSign,
} from './v1'

describe('OSS V1 signature', () => {
  it('reproduces the documented test vector', () => {
    const stringToSign = ossV1StringToSign({
      method: 'PUT',
      bucket: 'oss-example',
      objectKey: 'nelson',
      headers: {
        'Content-MD5': 'ODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=',
        'Content-Type': 'text/html',
        Date: 'Thu, 17 Nov 2005 18:49:58 GMT',
        'X-OSS-Meta-Author': 'foo@bar.com',
        'X-OSS-Magic': 'abracadabra',
      },
    })
    expect(stringToSign).toBe(
      'PUT\nODBGOERFMDMzQTczRUY3NUE3NzA5QzdFNUYzMDQxNEM=\ntext/html\nThu, 17 Nov 2005 18:49:58 GMT\n' +
        'x-oss-magic:abracadabra\nx-oss-meta-author:foo@bar.com\n/oss-example/nelson',
    )
    expect(ossV1Signature('OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV', stringToSign)).toBe(
      '26NBxoKdsyly4EDv6inkoDft/yA=',
    )
  })

  it('puts x-oss-date in the Date slot and signs the multipart sub-resources', () => {
    const stringToSign = ossV1StringToSign({
      method: 'put',
      bucket: 'b',
      objectKey: 'a b/ü.mp4',
      query: { uploadId: 'U1', partNumber: '3', 'max-parts': '1000' },
      headers: {
        'x-oss-date': 'Tue, 01 Sep 2020 08:00:00 GMT',
        'x-oss-security-token': ' tok ',
        'Content-Type': 'video/mp4',
      },
    })
    expect(stringToSign).toBe(
      'PUT\n\nvideo/mp4\nTue, 01 Sep 2020 08:00:00 GMT\n' +
        'x-oss-date:Tue, 01 Sep 2020 08:00:00 GMT\nx-oss-security-token:tok\n' +
        '/b/a b/ü.mp4?partNumber=3&uploadId=U1',
    )
    expect(
      ossV1CanonicalResource({
        method: 'POST',
        bucket: 'b',
        objectKey: 'k',
        query: { uploads: null },
        headers: {},
      }),
    ).toBe('/b/k?uploads')
  })

  it('produces the Authorization header ali-oss 6.23 sends, over generated requests', () => {
    fc.assert(
      fc.property(signingCase('v1', [...OSS_V1_SUBRESOURCES]), (input) => {
        const oracle = aliOssRequest(input)
        const ours = ossV1Authorization(signingRequestOf(input, oracle.headers), input)
        expect(ours).toBe(oracle.headers.authorization)
      }),
      { numRuns: 400 },
    )
  })
})
