import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'
import { addressFields, assertEachFieldNamed, encodeJson } from '../test/fixtures'
import { decodeUploadAddress, normalizeEndpoint } from './upload-address'

describe('normalizeEndpoint', () => {
  it.each([
    ['https://oss-cn-shanghai.aliyuncs.com', 'https://oss-cn-shanghai.aliyuncs.com'],
    ['https://oss-cn-shanghai.aliyuncs.com/', 'https://oss-cn-shanghai.aliyuncs.com'],
    ['HTTP://127.0.0.1:9000', 'http://127.0.0.1:9000'],
    ['oss-cn-beijing.aliyuncs.com', 'https://oss-cn-beijing.aliyuncs.com'],
    ['127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['localhost:4000/', 'http://localhost:4000'],
    ['[::1]:4000', 'http://[::1]:4000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeEndpoint(input)).toBe(expected)
  })

  it.each([
    'ftp://oss-cn-shanghai.aliyuncs.com',
    'https://oss-cn-shanghai.aliyuncs.com/path',
    'https://host?query',
    'https://',
    'not a host',
    'https://user@host',
    '',
  ])('refuses %j', (input) => {
    expect(normalizeEndpoint(input)).toBeUndefined()
  })
})

describe('decodeUploadAddress', () => {
  it('decodes Endpoint, Bucket and FileName into a destination', () => {
    expect(decodeUploadAddress(encodeJson(addressFields('sv/视频/a.mp4')))).toEqual({
      endpoint: 'https://oss-cn-shanghai.aliyuncs.com',
      bucket: 'outin-test',
      objectKey: 'sv/视频/a.mp4',
    })
  })

  it('names every missing or mistyped field', () => {
    const notText = fc.oneof(
      fc.constantFrom('', ' ', null, 0, true),
      fc.array(fc.nat(), { maxLength: 1 }),
    )
    assertEachFieldNamed({
      decode: decodeUploadAddress,
      fields: addressFields,
      names: ['Endpoint', 'Bucket', 'FileName'],
      prefix: 'UploadAddress',
      notText,
    })
  })

  it('names values that are text but not an endpoint, a bucket or an object key', () => {
    const cases = fc.oneof(
      fc.record({
        field: fc.constant('Endpoint'),
        value: fc.constantFrom('ftp://x.com', 'https://a.com/b', 'a b', 'https://a.com#x', '://'),
      }),
      fc.record({
        field: fc.constant('Bucket'),
        value: fc.oneof(
          fc.constantFrom('Upper', 'a', '-abc', 'abc-', 'has_underscore', 'a'.repeat(64)),
          fc
            .string({ minLength: 1 })
            .filter((s) => s.trim() !== '' && !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(s)),
        ),
      }),
      fc.record({
        field: fc.constant('FileName'),
        value: fc.oneof(fc.constantFrom('/abs/key.mp4', '\\key.mp4', 'k'.repeat(1024))),
      }),
    )
    fc.assert(
      fc.property(cases, ({ field, value }) => {
        const error = uploadErrorThrownBy(() =>
          decodeUploadAddress(encodeJson({ ...addressFields(), [field]: value })),
        )
        expect(error.field).toBe(`UploadAddress.${field}`)
      }),
    )
  })

  it('names UploadAddress for text that is not base64 JSON of an object', () => {
    for (const input of ['', '***', encodeJson([1, 2]), encodeJson('text'), 42, undefined]) {
      const error = uploadErrorThrownBy(() => decodeUploadAddress(input))
      expect(error.code).toBe('AUTH_INVALID')
      expect(error.field).toBe('UploadAddress')
    }
  })
})
