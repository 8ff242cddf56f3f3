import { base64Encode, UploadError, utf8Encode } from '@vodup/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { uploadErrorThrownBy } from '#test-support'
import { assertEachFieldNamed, authFields, encodeJson } from '../test/fixtures'
import { decodeUploadAuth } from './upload-auth'

const REQUIRED_TEXT = ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Region'] as const
const notText = fc.oneof(
  fc.constantFrom('', '   ', null),
  fc.integer(),
  fc.boolean(),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
)

/** Asserts that an UploadAuth with any value of `bad` in `field` is refused, naming `UploadAuth.<field>`. */
function assertFieldRefused(field: string, bad: fc.Arbitrary<unknown>) {
  fc.assert(
    fc.property(bad, (value) => {
      const error = uploadErrorThrownBy(() =>
        decodeUploadAuth(encodeJson({ ...authFields(), [field]: value })),
      )
      expect(error.field).toBe(`UploadAuth.${field}`)
    }),
  )
}

describe('decodeUploadAuth', () => {
  it('decodes the fields VOD sends and takes the expiry from ExpireUTCTime', () => {
    const fields = { ...authFields(0), ExpireUTCTime: '2030-01-02T03:04:05Z' }
    const decoded = decodeUploadAuth(encodeJson(fields), 1000)
    expect(decoded).toEqual({
      credentials: {
        accessKeyId: 'STS.NUvodupTestKeyId',
        accessKeySecret: 'secret-of-token-1',
        securityToken: 'CAIStoken-1securitytoken',
        expiresAt: Date.parse('2030-01-02T03:04:05Z'),
      },
      region: 'cn-shanghai',
    })
  })

  it('takes the expiry from receipt time plus Expiration seconds without ExpireUTCTime', () => {
    const { ExpireUTCTime: _, ...fields } = authFields()
    expect(
      decodeUploadAuth(encodeJson({ ...fields, Expiration: '3000' }), 5000).credentials.expiresAt,
    ).toBe(5000 + 3_000_000)
    expect(
      decodeUploadAuth(encodeJson({ ...fields, Expiration: 1.5 }), 0).credentials.expiresAt,
    ).toBe(1500)
  })

  it('decodes UTF-8 text and base64 without padding', () => {
    const text = encodeJson({ ...authFields(), Note: '上传凭证 ✓ 🎬' }).replace(/=+$/, '')
    expect(decodeUploadAuth(text).region).toBe('cn-shanghai')
  })

  it('names every missing or mistyped text field', () => {
    assertEachFieldNamed({
      decode: decodeUploadAuth,
      fields: () => authFields(),
      names: REQUIRED_TEXT,
      prefix: 'UploadAuth',
      notText,
    })
  })

  it('refuses a region that is not a region id', () => {
    assertFieldRefused(
      'Region',
      fc
        .string({ minLength: 1 })
        .filter((s) => s.trim() !== '' && !/^[a-z]{2,}(-[a-z0-9]+)+$/.test(s)),
    )
  })

  it('names Expiration when it is not a positive number of seconds', () => {
    const bad = fc.oneof(
      fc.integer({ max: 0 }),
      fc.constantFrom('0', '-5', '', '1e3', 'soon', null, true),
      fc.string().filter((s) => !/^\s*\d+(\.\d+)?\s*$/.test(s)),
    )
    assertFieldRefused('Expiration', bad)
  })

  it('names ExpireUTCTime when it is not an ISO instant', () => {
    const bad = fc.oneof(
      fc.integer(),
      fc.constantFrom('tomorrow', '2030-01-02', '2030-13-45T99:99:99Z', '', null),
      fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}T/.test(s)),
    )
    assertFieldRefused('ExpireUTCTime', bad)
  })

  it('names Expiration when neither expiry field is there', () => {
    const { Expiration: _, ExpireUTCTime: __, ...fields } = authFields()
    expect(uploadErrorThrownBy(() => decodeUploadAuth(encodeJson(fields))).field).toBe(
      'UploadAuth.Expiration',
    )
  })

  it('names UploadAuth for text that is not base64 of a UTF-8 JSON object', () => {
    const notBase64 = fc
      .string({ minLength: 1 })
      .filter((s) => s.trim() !== '' && /[^A-Za-z0-9+/=\s_-]/.test(s))
    const notJson = fc
      .string({ unit: 'grapheme', minLength: 1 })
      .filter((s) => {
        try {
          JSON.parse(s)
          return false
        } catch {
          return true
        }
      })
      .map((s) => base64Encode(utf8Encode(s)))
    const notObject = fc
      .jsonValue()
      .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
      .map((v) => encodeJson(v))
    const notUtf8 = fc
      .uint8Array({ minLength: 1, maxLength: 16 })
      .map((bytes) => Uint8Array.from([0xff, ...bytes]))
      .map(base64Encode)
    const notString = fc.oneof(fc.integer(), fc.constant(undefined), fc.constant(null), fc.object())
    fc.assert(
      fc.property(fc.oneof(notBase64, notJson, notObject, notUtf8, notString), (input) => {
        const error = uploadErrorThrownBy(() => decodeUploadAuth(input))
        expect(error.code).toBe('AUTH_INVALID')
        expect(error.field).toBe('UploadAuth')
      }),
    )
  })

  it('never repeats a secret in its error', () => {
    const secret = fc
      .string({ unit: 'grapheme', minLength: 12 })
      .filter((s) => s.trim().length >= 12)
    fc.assert(
      fc.property(secret, secret, fc.nat(3), (accessKeySecret, securityToken, breakage) => {
        const fields = {
          ...authFields(),
          AccessKeySecret: accessKeySecret,
          SecurityToken: securityToken,
        }
        const json = JSON.stringify(fields)
        const inputs = [
          encodeJson({ ...fields, Region: 7 }),
          encodeJson({ ...fields, Expiration: 'never' }),
          base64Encode(utf8Encode(json.slice(0, -1))),
          base64Encode(utf8Encode(`${json},`)),
        ]
        const error = uploadErrorThrownBy(() => decodeUploadAuth(inputs[breakage]))
        const shown = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.cause ?? '')}`
        expect(shown).not.toContain(accessKeySecret)
        expect(shown).not.toContain(securityToken)
      }),
    )
  })

  it('throws UploadError instances', () => {
    expect(uploadErrorThrownBy(() => decodeUploadAuth('%%%'))).toBeInstanceOf(UploadError)
  })
})
