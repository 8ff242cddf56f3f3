import { createHash, createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Hasher } from './block-hash'
import { hmac } from './hmac'
import { createMd5 } from './md5'
import { createSha1 } from './sha1'
import { createSha256 } from './sha256'

const hashes: Array<[string, () => Hasher]> = [
  ['md5', createMd5],
  ['sha1', createSha1],
  ['sha256', createSha256],
]

/** `data` fed in pieces cut at `cuts` (positions taken modulo its length). */
function inPieces(hasher: Hasher, data: Uint8Array, cuts: number[]): Uint8Array {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b)
  let start = 0
  for (const point of [...points, data.length]) {
    hasher.update(data.subarray(start, point))
    start = point
  }
  return hasher.digest()
}

describe.each(hashes)('%s', (name, create) => {
  it("equals Node's over every length around the block and padding edges, fed whole or in pieces", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(300), { maxLength: 6 }),
        (data, cuts) => {
          const expected = new Uint8Array(createHash(name).update(data).digest())
          expect(create().update(data).digest()).toEqual(expected)
          expect(inPieces(create(), data, cuts)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keys an HMAC with short and long keys', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 200 }),
        (key, data) => {
          const expected = new Uint8Array(createHmac(name, key).update(data).digest())
          expect(hmac(create, key, data)).toEqual(expected)
        },
      ),
      { numRuns: 100 },
    )
  })
})
