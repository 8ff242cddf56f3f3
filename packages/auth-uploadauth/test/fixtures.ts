import { base64Encode, utf8Encode } from '@vodup/core'
import fc from 'fast-check'
import { expect } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'

/** base64 of the UTF-8 JSON of `value`, as VOD encodes UploadAuth and UploadAddress. */
export function encodeJson(value: unknown): string {
  return base64Encode(utf8Encode(JSON.stringify(value)))
}

/** The fields of a valid UploadAuth; `ExpireUTCTime` one hour after `now`. */
export function authFields(now = Date.now(), token = 'token-1'): Record<string, unknown> {
  return {
    SecurityToken: `CAIS${token}securitytoken`,
    AccessKeyId: 'STS.NUvodupTestKeyId',
    ExpireUTCTime: new Date(now + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    AccessKeySecret: `secret-of-${token}`,
    Expiration: '3600',
    Region: 'cn-shanghai',
  }
}

/** The fields of a valid UploadAddress. */
export function addressFields(key = 'sv/abc/abc.mp4'): Record<string, unknown> {
  return { Endpoint: 'https://oss-cn-shanghai.aliyuncs.com', Bucket: 'outin-test', FileName: key }
}

/** A valid UploadAuth string. */
export function uploadAuthFor(token = 'token-1', now = Date.now()): string {
  return encodeJson(authFields(now, token))
}

/** A valid UploadAddress string. */
export function uploadAddressFor(key = 'sv/abc/abc.mp4', endpoint?: string): string {
  return encodeJson({ ...addressFields(key), ...(endpoint ? { Endpoint: endpoint } : {}) })
}

/**
 * Asserts that `decode` refuses the encoded `fields()` with any one of `names` left out or set to a `notText` value,
 * with AUTH_INVALID naming `<prefix>.<name>`.
 */
export function assertEachFieldNamed(check: {
  decode: (text: string) => unknown
  fields: () => Record<string, unknown>
  names: readonly string[]
  prefix: string
  notText: fc.Arbitrary<unknown>
}): void {
  fc.assert(
    fc.property(
      fc.constantFrom(...check.names),
      fc.option(check.notText, { nil: undefined }),
      (field, value) => {
        const fields = check.fields()
        if (value === undefined) delete fields[field]
        else fields[field] = value
        const error = uploadErrorThrownBy(() => check.decode(encodeJson(fields)))
        expect(error.code).toBe('AUTH_INVALID')
        expect(error.field).toBe(`${check.prefix}.${field}`)
      },
    ),
  )
}
