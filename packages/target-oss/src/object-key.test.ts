import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { aliOssRequest } from '../test/ali-oss-oracle'
import { objectKeys } from '../test/signing-cases'
import { assertObjectKey, encodeObjectKey } from './object-key'

describe('encodeObjectKey', () => {
  it('encodes Unicode as UTF-8, spaces as %20 and + as %2B, keeping /', () => {
    expect(encodeObjectKey('视频/a b+c.mp4')).toBe('%E8%A7%86%E9%A2%91/a%20b%2Bc.mp4')
    expect(encodeObjectKey('q?x#y%z&=')).toBe('q%3Fx%23y%25z%26%3D')
  })

  it('writes the same request path as ali-oss for generated keys', () => {
    fc.assert(
      fc.property(objectKeys, (key) => {
        const { url } = aliOssRequest({
          method: 'GET',
          bucket: 'bucket',
          objectKey: key,
          accessKeyId: 'id',
          accessKeySecret: 'secret',
          signatureVersion: 'v1',
        })
        const path = url.slice(url.indexOf('/', 'http://'.length) + 1)
        expect(encodeObjectKey(key)).toBe(path)
      }),
      { numRuns: 200 },
    )
  })
})

describe('assertObjectKey', () => {
  it.each([
    ['', /empty/],
    ['/leading', /start with/],
    ['\\leading', /start with/],
    ['a/../b', /"\." or "\.\."/],
    ['./a', /"\." or "\.\."/],
    ['bad\ud800', /surrogate/],
    ['é'.repeat(512), /1023 bytes/],
  ])('refuses %j', (key, reason) => {
    expect(() => assertObjectKey(key)).toThrow(reason)
    try {
      assertObjectKey(key)
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'destination.objectKey' })
    }
  })

  it('accepts keys OSS accepts', () => {
    for (const key of ['a', 'a/b/c.mp4', '视频 1.mp4', 'x'.repeat(1023), 'a..b/.c', '😀']) {
      expect(() => assertObjectKey(key)).not.toThrow()
    }
  })
})
