import { describe, expect, it } from 'vitest'
import { resolveOssAddress } from './addressing.js'

describe('resolveOssAddress', () => {
  it('uses path style for IPs, localhost and single-label names', () => {
    expect(resolveOssAddress('127.0.0.1:9000', '/bucket/a/b%20c.mp4')).toMatchObject({
      style: 'path',
      bucket: 'bucket',
      key: 'a/b c.mp4',
    })
    expect(resolveOssAddress('[::1]:9000', '/bucket')).toMatchObject({
      style: 'path',
      bucket: 'bucket',
    })
    expect(resolveOssAddress('localhost', '/b/k')).toMatchObject({
      style: 'path',
      bucket: 'b',
      key: 'k',
    })
    expect(resolveOssAddress('oss-cn-shanghai.aliyuncs.com', '/b/k')).toMatchObject({
      style: 'path',
      bucket: 'b',
    })
  })

  it('uses virtual-hosted style for bucket.host names', () => {
    expect(resolveOssAddress('bucket.oss-local:9000', '/x/y%2Bz')).toMatchObject({
      style: 'virtual-hosted',
      bucket: 'bucket',
      key: 'x/y+z',
    })
    expect(resolveOssAddress('my-bucket.oss-cn-hangzhou.aliyuncs.com', '/')).toMatchObject({
      style: 'virtual-hosted',
      bucket: 'my-bucket',
    })
  })
})
