import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hmacSha1Base64, hmacSha256ChainHex, md5, md5Base64OfText, sha256Hex } from './hashes'

/** A native HMAC as a Node transport offers it. */
const nativeHmac = (algorithm: 'sha1' | 'sha256', key: Uint8Array, data: Uint8Array) =>
  new Uint8Array(createHmac(algorithm, key).update(data).digest())

describe('portable hashes', () => {
  it('computes MD5 of whole arrays and of views into larger buffers', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.nat(50),
        fc.nat(50),
        (data, head, tail) => {
          const expected = createHash('md5').update(data).digest()
          expect(Buffer.from(md5(data))).toEqual(expected)
          const padded = new Uint8Array(head + data.length + tail)
          padded.set(data, head)
          expect(Buffer.from(md5(padded.subarray(head, head + data.length)))).toEqual(expected)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('hashes texts as UTF-8', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.string({ maxLength: 20 }),
        (text, key) => {
          expect(md5Base64OfText(text)).toBe(
            createHash('md5').update(text, 'utf8').digest('base64'),
          )
          expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
          expect(hmacSha1Base64(key, text)).toBe(
            createHmac('sha1', key).update(text).digest('base64'),
          )
          const chained = createHmac('sha256', createHmac('sha256', key).update('a').digest())
            .update(text)
            .digest('hex')
          expect(hmacSha256ChainHex(key, ['a', text])).toBe(chained)
          expect(hmacSha256ChainHex(key, ['a', text], nativeHmac)).toBe(chained)
          expect(hmacSha1Base64(key, text, nativeHmac)).toBe(hmacSha1Base64(key, text))
        },
      ),
    )
  })
})
