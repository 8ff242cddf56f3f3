import { describe, expect, it } from 'vitest'
import { isPathStyleHost, objectUrl, parseEndpoint, signingRegion } from './endpoint'

describe('endpoints', () => {
  it('splits scheme and host without the URL global', () => {
    expect(parseEndpoint('https://oss-cn-shanghai.aliyuncs.com/')).toEqual({
      scheme: 'https',
      host: 'oss-cn-shanghai.aliyuncs.com',
      hostname: 'oss-cn-shanghai.aliyuncs.com',
    })
    expect(parseEndpoint('HTTP://127.0.0.1:9000')).toMatchObject({
      scheme: 'http',
      host: '127.0.0.1:9000',
      hostname: '127.0.0.1',
    })
    expect(parseEndpoint('http://[::1]:80')).toMatchObject({ hostname: '::1' })
    for (const bad of [
      'oss-cn-shanghai.aliyuncs.com',
      'ftp://host',
      'https://',
      'https://user@host',
    ]) {
      expect(() => parseEndpoint(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'destination.endpoint' }),
      )
    }
  })

  it('uses path style for IP hosts and localhost, virtual-hosted style otherwise, no bucket with a cname', () => {
    expect(isPathStyleHost('10.0.0.1')).toBe(true)
    expect(isPathStyleHost('::1')).toBe(true)
    expect(isPathStyleHost('localhost')).toBe(true)
    expect(isPathStyleHost('oss-cn-shanghai.aliyuncs.com')).toBe(false)
    const destination = { endpoint: 'https://oss-cn-shanghai.aliyuncs.com', bucket: 'b' }
    expect(
      objectUrl(destination, 'a b/c.mp4', [
        ['partNumber', '2'],
        ['uploadId', 'x/y'],
      ]),
    ).toBe('https://b.oss-cn-shanghai.aliyuncs.com/a%20b/c.mp4?partNumber=2&uploadId=x%2Fy')
    expect(
      objectUrl({ endpoint: 'http://127.0.0.1:9000', bucket: 'b' }, 'k', [['uploads', null]]),
    ).toBe('http://127.0.0.1:9000/b/k?uploads')
    expect(objectUrl({ ...destination, cname: true }, 'k')).toBe(
      'https://oss-cn-shanghai.aliyuncs.com/k',
    )
    expect(objectUrl({ endpoint: 'https://media.example.com', bucket: 'b' }, 'k', [], true)).toBe(
      'https://media.example.com/k',
    )
  })

  it('takes the V4 region from the destination or the endpoint host', () => {
    expect(signingRegion({ endpoint: 'http://127.0.0.1:1', region: 'cn-beijing' })).toBe(
      'cn-beijing',
    )
    expect(signingRegion({ endpoint: 'http://127.0.0.1:1', region: 'oss-cn-beijing' })).toBe(
      'cn-beijing',
    )
    expect(signingRegion({ endpoint: 'https://oss-cn-shanghai.aliyuncs.com' })).toBe('cn-shanghai')
    expect(signingRegion({ endpoint: 'https://oss-ap-southeast-1-internal.aliyuncs.com' })).toBe(
      'ap-southeast-1',
    )
    expect(signingRegion({ endpoint: 'https://bucket.oss-eu-central-1.aliyuncs.com' })).toBe(
      'eu-central-1',
    )
    expect(() => signingRegion({ endpoint: 'http://127.0.0.1:9000' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', field: 'destination.region' }),
    )
  })
})
