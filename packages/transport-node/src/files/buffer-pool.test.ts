import { describe, expect, it } from 'vitest'
import { BufferPool } from './buffer-pool'

const KiB = 1024

describe('BufferPool', () => {
  it('reuses a buffer only after it was given back', () => {
    const pool = new BufferPool(4)
    const first = pool.lend(256 * KiB)
    const second = pool.lend(256 * KiB)
    expect(second.buffer).not.toBe(first.buffer)
    pool.giveBack(first)
    const third = pool.lend(256 * KiB)
    expect(third.buffer).toBe(first.buffer)
    expect(third).toHaveLength(256 * KiB)
  })

  it('lends a shorter view of an idle buffer for a last, shorter part', () => {
    const pool = new BufferPool(4)
    const part = pool.lend(256 * KiB)
    pool.giveBack(part)
    const last = pool.lend(200 * KiB)
    expect(last.buffer).toBe(part.buffer)
    expect(last).toHaveLength(200 * KiB)
  })

  it('does not waste a buffer more than twice the size asked for', () => {
    const pool = new BufferPool(4)
    pool.giveBack(pool.lend(1024 * KiB))
    expect(pool.lend(100 * KiB).buffer.byteLength).toBe(100 * KiB)
  })

  it('ignores what it did not lend and what came back already', () => {
    const pool = new BufferPool(4)
    pool.giveBack(new Uint8Array(256 * KiB))
    expect(pool.idleCount).toBe(0)
    const lent = pool.lend(256 * KiB)
    pool.giveBack(lent)
    pool.giveBack(lent)
    expect(pool.idleCount).toBe(1)
  })

  it('keeps at most maxIdle buffers and never pools small reads', () => {
    const pool = new BufferPool(2)
    const lent = [pool.lend(128 * KiB), pool.lend(128 * KiB), pool.lend(128 * KiB)]
    for (const bytes of lent) pool.giveBack(bytes)
    expect(pool.idleCount).toBe(2)
    const small = pool.lend(10)
    pool.giveBack(small)
    expect(pool.idleCount).toBe(2)
  })
})
