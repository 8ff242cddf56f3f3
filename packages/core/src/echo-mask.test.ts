import { describe, expect, it } from 'vitest'
import { maskEchoedHeaders, secretValuesOf } from './echo-mask'

describe('secret values of a signed request, by structure', () => {
  it('takes the Authorization header and its signature (V1 and V4), and the token headers', () => {
    expect(
      secretValuesOf({
        url: 'https://b.oss/k?partNumber=1',
        headers: {
          Authorization: 'OSS STS.id:c2lnbmF0dXJlLXZhbHVl',
          'x-oss-security-token': 'CAIStoken123',
        },
      }),
    ).toEqual(['OSS STS.id:c2lnbmF0dXJlLXZhbHVl', 'c2lnbmF0dXJlLXZhbHVl', 'CAIStoken123'])
    const v4 =
      'OSS4-HMAC-SHA256 Credential=id/20250101/cn-shanghai/oss/aliyun_v4_request,Signature=0123456789abcdef0123'
    expect(secretValuesOf({ url: 'https://b.oss/k', headers: { authorization: v4 } })).toEqual([
      v4,
      '0123456789abcdef0123',
    ])
  })

  it('takes signature and token query parameters (presigned URLs, RPC calls), raw and decoded', () => {
    expect(
      secretValuesOf({
        url: 'https://vod/?Action=X&Signature=abc%2Bdef%3D12&SecurityToken=tok%2Fen123&AccessKeyId=LTAIid#f',
        headers: {},
      }),
    ).toEqual(['abc%2Bdef%3D12', 'abc+def=12', 'tok%2Fen123', 'tok/en123'])
  })

  it('leaves out short values, which could match ordinary text', () => {
    expect(
      secretValuesOf({ url: 'https://h/?Signature=y', headers: { Authorization: 'x' } }),
    ).toEqual([])
  })
})

describe('maskEchoedHeaders', () => {
  it('masks where a response header repeats a secret value, and keeps the object when nothing does', () => {
    const headers = { 'x-echo': 'you sent OSS id:c2lnbmF0dXJl', etag: '"E"' }
    expect(maskEchoedHeaders(headers, ['OSS id:c2lnbmF0dXJl', 'c2lnbmF0dXJl'])).toEqual({
      'x-echo': 'you sent ***',
      etag: '"E"',
    })
    expect(maskEchoedHeaders(headers, ['nothing-like-it'])).toBe(headers)
  })
})
