import { describe, expect, it } from 'vitest'
import { percentEncode, rpcSignature, rpcStringToSign } from './signature.js'

describe('OpenAPI signature version 1.0', () => {
  it('reproduces the documented test vector', () => {
    const params = new Map([
      ['AccessKeyId', 'testAccessKeyId'],
      ['Action', 'GetVideoPlayAuth'],
      ['Format', 'JSON'],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureNonce', '8f8a035d-6496-4268-afd4-67c22837e38d'],
      ['SignatureVersion', '1.0'],
      ['Timestamp', '2017-10-10T12:02:54Z'],
      ['Version', '2017-03-21'],
      ['VideoId', '5aed81b74ba84920be578cdfe004af4b'],
    ])
    const stringToSign = rpcStringToSign('GET', params)
    expect(
      stringToSign.startsWith('GET&%2F&AccessKeyId%3DtestAccessKeyId%26Action%3DGetVideoPlayAuth'),
    ).toBe(true)
    expect(rpcSignature('testAccessKeySecret', stringToSign)).toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=')
  })

  it('ignores an existing Signature parameter and encodes per RFC 3986', () => {
    const params = new Map([
      ['B', "a b!'()*~"],
      ['A', '1'],
      ['Signature', 'ignored'],
    ])
    expect(rpcStringToSign('POST', params)).toBe(
      'POST&%2F&A%3D1%26B%3Da%2520b%2521%2527%2528%2529%252A~',
    )
    expect(percentEncode('a+b/c')).toBe('a%2Bb%2Fc')
  })
})
