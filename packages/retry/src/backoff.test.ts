import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffDelay } from './backoff'
import { DEFAULT_RETRY_OPTIONS } from './retry-options'

describe('backoffDelay', () => {
  it('doubles from 1 s by default and stops at 20 s, without jitter', () => {
    const options = { ...DEFAULT_RETRY_OPTIONS, randomize: false }
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, options))).toEqual([
      1000, 2000, 4000, 8000, 16000, 20000, 20000,
    ])
  })

  it('with jitter stays between the plain delay and twice it, never above the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, minTimeout, extra, factor, random) => {
          const options = { minTimeout, maxTimeout: minTimeout + extra, factor, randomize: true }
          const plain = Math.min(
            Math.round(minTimeout * factor ** (failures - 1)),
            options.maxTimeout,
          )
          const delay = backoffDelay(failures, options, () => random)
          expect(delay).toBeGreaterThanOrEqual(plain)
          expect(delay).toBeLessThanOrEqual(Math.min(2 * plain + 1, options.maxTimeout))
        },
      ),
    )
  })

  it('never decreases from one failure to the next for a given random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, random) => {
          const next = backoffDelay(failures + 1, DEFAULT_RETRY_OPTIONS, () => random)
          expect(next).toBeGreaterThanOrEqual(
            backoffDelay(failures, DEFAULT_RETRY_OPTIONS, () => random),
          )
        },
      ),
    )
  })
})
