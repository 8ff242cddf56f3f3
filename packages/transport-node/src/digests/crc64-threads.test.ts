import { crc64 as oracle } from 'crc64-ecma182.js'
import { afterEach, describe, expect, it } from 'vitest'
import { crc64 } from './crc64'
import { Crc64Threads, defaultHashThreads, MIN_THREADED_BYTES } from './crc64-threads'

const pools: Crc64Threads[] = []
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()))
})

function shared(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(new SharedArrayBuffer(size + 7), 7, size)
  let x = seed
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0
    bytes[i] = x >>> 24
  }
  return bytes
}

describe('Crc64Threads', () => {
  it('hashes parts in shared memory on its threads, in any number at once, as the reference does', async () => {
    const pool = new Crc64Threads(2)
    pools.push(pool)
    const parts = [
      MIN_THREADED_BYTES,
      3 * 1024 * 1024 + 5,
      2 * MIN_THREADED_BYTES - 1,
      5_000_000,
    ].map((size, i) => shared(size, i + 1))
    const hashes = await Promise.all(parts.map((part) => pool.hash(part)))
    expect(hashes).toEqual(parts.map((part) => oracle(Buffer.from(part))))
    expect(hashes).toEqual(parts.map((part) => crc64(part)))
  })

  it('declines what it cannot take without a copy or what is too small to be worth a thread', () => {
    const pool = new Crc64Threads(1)
    pools.push(pool)
    expect(pool.hash(new Uint8Array(2 * MIN_THREADED_BYTES))).toBeUndefined()
    expect(pool.hash(shared(MIN_THREADED_BYTES - 1, 3))).toBeUndefined()
    expect(new Crc64Threads(0).hash(shared(MIN_THREADED_BYTES, 3))).toBeUndefined()
  })

  it('starts again after close', async () => {
    const pool = new Crc64Threads(1)
    pools.push(pool)
    const part = shared(MIN_THREADED_BYTES, 9)
    await pool.hash(part)
    await pool.close()
    expect(await pool.hash(part)).toBe(oracle(Buffer.from(part)))
  })
})

describe('defaultHashThreads', () => {
  it('uses one thread beyond 2 cores, none on 1 or 2', () => {
    expect([1, 2, 3, 4, 64].map((cores) => defaultHashThreads(cores))).toEqual([0, 0, 1, 1, 1])
  })
})
