import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc64, crc64Combine, crc64OfParts, createCrc64, isCrc64Decimal } from './crc64'

const require = createRequire(import.meta.url)
const oracle: { crc64(data: Buffer | string): string } = require('crc64-ecma182.js')

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))

describe('crc64', () => {
  it('matches the CRC-64/ECMA-182 check value and known values', () => {
    expect(crc64(ascii('123456789'))).toBe('11051210869376104954')
    expect(crc64(new Uint8Array(0))).toBe('0')
    expect(crc64(ascii('a'))).toBe(oracle.crc64('a'))
  })

  it('equals an independent implementation on random data of every length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(crc64(data)).toBe(oracle.crc64(Buffer.from(data)))
      }),
      { numRuns: 300 },
    )
  })

  it('gives the same result fed in pieces as in one go', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (data, cut) => {
        const at = Math.min(cut, data.length)
        const hasher = createCrc64().update(data.subarray(0, at)).update(data.subarray(at))
        expect(hasher.digest()).toBe(crc64(data))
        expect(
          createCrc64(crc64(data.subarray(0, at)))
            .update(data.subarray(at))
            .digest(),
        ).toBe(crc64(data))
      }),
    )
  })
})

describe('crc64Combine', () => {
  it('combines the CRCs of two pieces into the CRC of the whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.nat(400), (data, cut) => {
        const at = Math.min(cut, data.length)
        const a = data.subarray(0, at)
        const b = data.subarray(at)
        expect(crc64Combine(crc64(a), crc64(b), b.length)).toBe(crc64(data))
      }),
      { numRuns: 300 },
    )
  })

  it('combines many parts, including parts of several hundred KiB', () => {
    const sizes = [300 * 1024, 102_400, 1, 0, 77_777]
    const whole = new Uint8Array(sizes.reduce((sum, s) => sum + s, 0))
    for (let i = 0; i < whole.length; i++) whole[i] = (i * 2654435761) >>> 24
    let offset = 0
    const parts = sizes.map((size) => {
      const part = whole.subarray(offset, offset + size)
      offset += size
      return { crc64: crc64(part), size }
    })
    expect(crc64OfParts(parts)).toBe(oracle.crc64(Buffer.from(whole)))
  })

  it('handles lengths beyond 32 bits (appending zero bytes is linear)', () => {
    // CRC(A ‖ zeros(n)) computed two ways: combine with the CRC of n zero bytes, built by doubling.
    const zerosCrc = (n: number): string => {
      if (n === 0) return '0'
      if (n === 1) return crc64(new Uint8Array(1))
      const half = zerosCrc(Math.floor(n / 2))
      const doubled = crc64Combine(half, half, Math.floor(n / 2))
      return n % 2 === 1 ? crc64Combine(doubled, crc64(new Uint8Array(1)), 1) : doubled
    }
    const n = 2 ** 33 + 12_345
    const a = crc64(ascii('vodup'))
    const viaZeros = crc64Combine(a, zerosCrc(n), n)
    const split = crc64Combine(
      crc64Combine(a, zerosCrc(2 ** 33), 2 ** 33),
      zerosCrc(12_345),
      12_345,
    )
    expect(viaZeros).toBe(split)
  })

  it('rejects malformed CRC text and lengths', () => {
    expect(() => crc64Combine('x', '1', 1)).toThrow(RangeError)
    expect(() => crc64Combine('1', '18446744073709551616', 1)).toThrow(RangeError)
    expect(() => crc64Combine('1', '1', -1)).toThrow(RangeError)
    expect(isCrc64Decimal('18446744073709551615')).toBe(true)
    expect(isCrc64Decimal('18446744073709551616')).toBe(false)
    expect(isCrc64Decimal('')).toBe(false)
  })
})
