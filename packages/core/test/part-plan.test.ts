import { partRanges, planParts } from '@vodup/core/internal'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const limits = {
  minPartSize: 102_400,
  maxPartSize: 5 * 1024 ** 3,
  maxParts: 10_000,
  maxObjectSize: 48.8 * 1024 ** 4,
}

describe('part planning', () => {
  it('sends files up to the threshold in one request, empty files included', () => {
    expect(planParts(0, 1_048_576, 1_048_576, limits)).toMatchObject({ single: true, partCount: 1 })
    expect(planParts(1_048_576, 1_048_576, 1_048_576, limits)).toMatchObject({ single: true })
    expect(planParts(1_048_577, 1_048_576, 1_048_576, limits)).toMatchObject({
      single: false,
      partCount: 2,
    })
  })

  it('raises a too small part size to the 100 KB minimum', () => {
    expect(planParts(1_000_000, 1000, 0, limits)).toMatchObject({
      partSize: 102_400,
      partCount: 10,
    })
  })

  it('grows the part size to stay within 10,000 parts, as a whole number', () => {
    const size = 10 * 1024 ** 3 + 7
    const plan = planParts(size, 1_048_576, 0, limits)
    expect(plan.partCount).toBeLessThanOrEqual(10_000)
    expect(Number.isInteger(plan.partSize)).toBe(true)
  })

  it('refuses files that need parts above 5 GB or exceed the object limit', () => {
    expect(() => planParts(60 * 1024 ** 4, 1_048_576, 0, limits)).toThrow(
      expect.objectContaining({ code: 'FILE_TOO_LARGE' }),
    )
    expect(() =>
      planParts(5 * 1024 ** 3 * 10_000 + 1, 1_048_576, 0, { ...limits, maxObjectSize: Infinity }),
    ).toThrow(expect.objectContaining({ code: 'FILE_TOO_LARGE' }))
  })

  it('covers every byte exactly once with valid parts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 1, max: 2 ** 33 }),
        fc.integer({ min: 0, max: 2 ** 24 }),
        (size, partSize, threshold) => {
          const plan = planParts(size, partSize, threshold, limits)
          if (plan.single) return size <= threshold
          expect(plan.partCount).toBeLessThanOrEqual(limits.maxParts)
          expect(plan.partSize).toBeGreaterThanOrEqual(limits.minPartSize)
          expect(plan.partSize).toBeLessThanOrEqual(limits.maxPartSize)
          if (plan.partCount <= 2000) {
            const ranges = partRanges(size, plan.partSize)
            expect(ranges.length).toBe(plan.partCount)
            expect(ranges[0].start).toBe(0)
            expect(ranges.at(-1)?.end).toBe(size)
            ranges.forEach((r, i) => {
              expect(r.partNumber).toBe(i + 1)
              if (i > 0) expect(r.start).toBe(ranges[i - 1].end)
            })
          }
          return true
        },
      ),
    )
  })
})
