import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkStsToken } from './sts-token'

const valid = { accessKeyId: 'STS.id', accessKeySecret: 'secret', securityToken: 'token' }

describe('checkStsToken', () => {
  it('accepts the camelCase form and AssumeRole Credentials, with the expiry in ms', () => {
    expect(checkStsToken({ ...valid, expiration: '2030-01-01T00:00:00Z' })).toEqual({
      ...valid,
      expiresAt: Date.parse('2030-01-01T00:00:00Z'),
    })
    expect(
      checkStsToken({
        AccessKeyId: 'STS.id',
        AccessKeySecret: 'secret',
        SecurityToken: 'token',
        Expiration: new Date(5000),
      }),
    ).toEqual({ ...valid, expiresAt: 5000 })
    expect(checkStsToken({ ...valid, expiration: 42 }).expiresAt).toBe(42)
    expect(checkStsToken(valid).expiresAt).toBeUndefined()
  })

  it('names every missing or malformed field', () => {
    const bad = fc.oneof(
      fc.constantFrom('', '  ', null, undefined),
      fc.integer(),
      fc.boolean(),
      fc.object(),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('accessKeyId', 'accessKeySecret', 'securityToken'),
        bad,
        (field, value) => {
          const token: Record<string, unknown> = { ...valid, [field]: value }
          if (value === undefined) delete token[field]
          expect(() => checkStsToken(token)).toThrow(
            expect.objectContaining({ code: 'AUTH_INVALID', field: `STSToken.${field}` }),
          )
        },
      ),
    )
    for (const expiration of ['soon', '2030-01-01', -5, Number.NaN, {}]) {
      expect(() => checkStsToken({ ...valid, expiration })).toThrow(
        expect.objectContaining({ field: 'STSToken.expiration' }),
      )
    }
    for (const token of [undefined, null, 'token', []]) {
      expect(() => checkStsToken(token)).toThrow(expect.objectContaining({ field: 'STSToken' }))
    }
  })

  it('never repeats the secret or the token in its error', () => {
    try {
      checkStsToken({ accessKeySecret: 'very-secret-value', securityToken: 'very-secret-token' })
    } catch (error) {
      expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toMatch(/very-secret/)
      return
    }
    throw new Error('expected a failure')
  })
})
