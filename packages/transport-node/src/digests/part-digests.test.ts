import { createHash } from 'node:crypto'
import { crc64 as oracleCrc64 } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { HASH_SLICE_BYTES, partDigests } from './part-digests'

function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + (i >> 11)) & 0xff
  return bytes
}

describe('partDigests', () => {
  it.each([0, 1, HASH_SLICE_BYTES - 1, HASH_SLICE_BYTES, 3 * HASH_SLICE_BYTES + 17])(
    'gives the MD5 and CRC-64 of %i bytes',
    async (length) => {
      const bytes = patterned(length)
      const { md5, crc64 } = await partDigests(bytes)
      expect(Buffer.from(md5).toString('hex')).toBe(createHash('md5').update(bytes).digest('hex'))
      expect(crc64).toBe(oracleCrc64(Buffer.from(bytes)))
    },
  )

  it('hashes a view into a larger buffer as the view', async () => {
    const whole = patterned(2 * HASH_SLICE_BYTES)
    const view = whole.subarray(3, HASH_SLICE_BYTES + 11)
    const { md5, crc64 } = await partDigests(view)
    expect(Buffer.from(md5).toString('hex')).toBe(createHash('md5').update(view).digest('hex'))
    expect(crc64).toBe(oracleCrc64(Buffer.from(view)))
  })

  it('lets other work run between slices of a large body', async () => {
    let otherWorkRan = false
    const hashing = partDigests(patterned(4 * HASH_SLICE_BYTES))
    setImmediate(() => {
      otherWorkRan = true
    })
    let ranBeforeTheEnd = false
    await hashing.then(() => {
      ranBeforeTheEnd = otherWorkRan
    })
    expect(ranBeforeTheEnd).toBe(true)
  })
})
