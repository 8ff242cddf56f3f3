import { createHash } from 'node:crypto'
import { crc64 as oracleCrc64 } from 'crc64-ecma182.js'
import { describe, expect, it } from 'vitest'
import { HASH_SLICE_BYTES, partCrc64, partMd5 } from './part-hashes'

function patterned(length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i++) bytes[i] = (i * 131 + (i >> 11)) & 0xff
  return bytes
}

describe('part hashes', () => {
  it.each([0, 1, HASH_SLICE_BYTES - 1, HASH_SLICE_BYTES, 3 * HASH_SLICE_BYTES + 17])(
    'give the CRC-64 and the MD5 of %i bytes',
    async (length) => {
      const bytes = patterned(length)
      expect(await partCrc64(bytes)).toBe(oracleCrc64(Buffer.from(bytes)))
      const md5 = await partMd5(bytes)
      expect(Buffer.from(md5).toString('hex')).toBe(createHash('md5').update(bytes).digest('hex'))
    },
  )

  it('hash a view into a larger buffer as the view', async () => {
    const whole = patterned(2 * HASH_SLICE_BYTES)
    const view = whole.subarray(3, HASH_SLICE_BYTES + 11)
    expect(await partCrc64(view)).toBe(oracleCrc64(Buffer.from(view)))
    const md5 = await partMd5(view)
    expect(Buffer.from(md5).toString('hex')).toBe(createHash('md5').update(view).digest('hex'))
  })

  it.each([
    ['CRC-64', partCrc64],
    ['MD5', partMd5],
  ] as const)('%s lets other work run between slices of a large body', async (_name, hash) => {
    let otherWorkRan = false
    const hashing = hash(patterned(4 * HASH_SLICE_BYTES))
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
