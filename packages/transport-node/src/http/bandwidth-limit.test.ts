import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BandwidthLimit } from './bandwidth-limit'

describe('BandwidthLimit', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  /** Whether `promise` has settled after the pending microtasks ran. */
  async function settled(promise: Promise<void>) {
    let done = false
    void promise.then(() => {
      done = true
    })
    await vi.advanceTimersByTimeAsync(0)
    return done
  }

  it('lets the first slice go at once and each next one when the ones before went out at the rate', async () => {
    const limit = new BandwidthLimit(1000)
    expect(await settled(limit.take(500))).toBe(true)
    const second = limit.take(500)
    expect(await settled(second)).toBe(false)
    await vi.advanceTimersByTimeAsync(499)
    expect(await settled(second)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(second)).toBe(true)
  })

  it('shares the rate between requests: slices asked for at the same time go one after the other', async () => {
    const limit = new BandwidthLimit(1000)
    const turns = [limit.take(250), limit.take(250), limit.take(250), limit.take(250)]
    const done: number[] = []
    turns.forEach((turn, i) => void turn.then(() => done.push(i)))
    for (const expected of [[0], [0, 1], [0, 1, 2], [0, 1, 2, 3]]) {
      await vi.advanceTimersByTimeAsync(expected.length === 1 ? 0 : 250)
      expect(done).toEqual(expected)
    }
  })

  it('grants no burst for time it was idle', async () => {
    const limit = new BandwidthLimit(1000)
    await limit.take(100)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(await settled(limit.take(1000))).toBe(true)
    expect(await settled(limit.take(1))).toBe(false)
  })
})
