import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskSecretParameters } from './mask-parameters'
import { percentEncode } from './percent-encode'
import { canonicalQuery } from './rpc-signature'

const secretText = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' })

describe('maskSecretParameters', () => {
  it('masks Signature, SecurityToken and AccessKeySecret in an echoed query, raw or percent-encoded', () => {
    fc.assert(
      fc.property(secretText, secretText, (token, signature) => {
        const query = `${canonicalQuery({ AccessKeyId: 'STS.id', SecurityToken: token, Title: 'a b' })}&Signature=${percentEncode(signature)}`
        const echoes = [
          `Invalid request: GET /?${query} HTTP/1.1`,
          `string: GET&%2F&${percentEncode(query)}`,
          `twice: ${percentEncode(percentEncode(query))}`,
          JSON.stringify({ Recommend: 'x', SecurityToken: token, Signature: signature }),
          `<Error><SecurityToken>${token.replace(/[<&]/g, '')}</SecurityToken></Error>`,
        ]
        for (const echo of echoes) {
          const masked = maskSecretParameters(echo)
          expect(masked).toContain('[redacted]')
          for (const name of ['SecurityToken', 'Signature']) {
            expect(masked).not.toMatch(new RegExp(`${name}(=|%3D|%253D|":")(?!\\[redacted\\])`))
          }
        }
      }),
    )
  })

  it('never changes text that quotes no parameter (a short secret cannot mangle words)', () => {
    expect(maskSecretParameters('The access key is wrong; check the security token y.')).toBe(
      'The access key is wrong; check the security token y.',
    )
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/Signature|SecurityToken|AccessKeySecret/i.test(text))
        expect(maskSecretParameters(text)).toBe(text)
      }),
    )
  })

  it('keeps the other parameters of the echo readable', () => {
    expect(
      maskSecretParameters(
        'GET /?AccessKeyId=STS.id&SecurityToken=CAIS123&Title=x&Signature=abc%3D',
      ),
    ).toBe('GET /?AccessKeyId=STS.id&SecurityToken=[redacted]&Title=x&Signature=[redacted]')
  })
})
