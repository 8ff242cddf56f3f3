import { randomBytes } from 'node:crypto'
import { crc64 as oracle } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { Crc64, combineCrc64, crc64 } from './crc64.js'

describe('crc64', () => {
  it('matches the CRC-64/XZ check value', () => {
    expect(crc64(Buffer.from('123456789')).toString()).toBe('11051210869376104954')
    expect(crc64(new Uint8Array()).toString()).toBe('0')
  })

  it('agrees with an independent implementation, fed in uneven chunks', () => {
    const data = randomBytes(300_001)
    const incremental = new Crc64()
    for (let offset = 0; offset < data.length; offset += 7919)
      incremental.update(data.subarray(offset, offset + 7919))
    expect(incremental.digest().toString()).toBe(oracle(data))
    expect(crc64(data).toString()).toBe(oracle(data))
  })

  it('combines the CRCs of consecutive pieces into the CRC of the whole', () => {
    const a = randomBytes(102_400)
    const b = randomBytes(12_345)
    const c = randomBytes(1)
    const ab = combineCrc64(crc64(a), crc64(b), b.length)
    expect(combineCrc64(ab, crc64(c), 1).toString()).toBe(oracle(Buffer.concat([a, b, c])))
    expect(combineCrc64(crc64(a), crc64(new Uint8Array()), 0)).toBe(crc64(a))
  })
})
